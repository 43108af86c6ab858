// Where `verity mirror` reads a mirror from: a folder, or an http(s) URL of
// a tree laid out as `ledger export-tiles` writes it (a static host, or
// `verity serve`). Over HTTP every GET has a connection timeout of
// kMirrorConnectSeconds and a read timeout of kMirrorReadSeconds, no
// redirect is followed, and a body is cut off (InvalidArgument) as soon as
// it passes the limit of its path (ledger::MirrorFileLimit).
#ifndef VERITY_CLI_MIRROR_SOURCE_H_
#define VERITY_CLI_MIRROR_SOURCE_H_

#include <memory>
#include <string>

#include "core/status.h"
#include "ledger/mirror.h"

namespace verity::cli {

inline constexpr int kMirrorConnectSeconds = 10;
inline constexpr int kMirrorReadSeconds = 30;

// A URL (http:// or https://, without query or fragment) or a folder.
// InvalidArgument for a malformed URL; NotFound for a folder that is not.
StatusOr<std::unique_ptr<ledger::MirrorSource>> OpenMirrorSource(const std::string& where);

}  // namespace verity::cli

#endif  // VERITY_CLI_MIRROR_SOURCE_H_
