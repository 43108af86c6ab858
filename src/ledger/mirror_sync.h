// Bringing a local mirror (a folder) up to date with another copy of the
// ledger's tiles (docs/ledger-format.md, "Mirrors"). Nothing is kept that
// has not been checked: the remote checkpoint must satisfy the policy and
// extend the local one (a consistency proof from the remote tiles), each
// new hash tile must fit the remote root, each new entry bundle its level-0
// tile and each recorded entry its record. Files are written as they are
// checked and the checkpoint last, atomically, so the folder always holds
// a complete tree of its checkpoint. Party signatures are not checked here:
// `mirror verify` does (VerifyMirror).
#ifndef VERITY_LEDGER_MIRROR_SYNC_H_
#define VERITY_LEDGER_MIRROR_SYNC_H_

#include <cstdint>
#include <string>

#include "core/status.h"
#include "ledger/mirror.h"
#include "tlog/policy.h"

namespace verity::ledger {

struct MirrorSync {
  uint64_t from_size = 0;
  uint64_t size = 0;
  size_t files = 0;
};

// PermissionDenied for a checkpoint (remote or local) the policy refuses;
// FailedPrecondition when the remote tree is smaller than the local one or
// of another origin; DataLoss naming the file for a tile, bundle or entry
// that does not fit, or a remote tree that does not extend the local one;
// the source's errors (NotFound, Unavailable, InvalidArgument for a file
// above its limit) with the path.
StatusOr<MirrorSync> SyncMirror(MirrorSource& remote, const std::string& dir,
                                const tlog::Policy& policy);

}  // namespace verity::ledger

#endif  // VERITY_LEDGER_MIRROR_SYNC_H_
