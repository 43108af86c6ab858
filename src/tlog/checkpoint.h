// Checkpoints (C2SP tlog-checkpoint.md, v1.0.0): the note text
//
//   <origin>\n
//   <tree size, decimal, no leading zero>\n
//   <root hash, base64>\n
//   [<extension line>\n]...
//
// signed by the log as a signed note. Parsing is strict: the origin and
// every extension line are non-empty, the size is below 2^63, the root is a
// canonical 44-character base64 SHA-256 hash. Errors are InvalidArgument
// "checkpoint: ...".
//
// Thread safety: values and pure functions.
#ifndef VERITY_TLOG_CHECKPOINT_H_
#define VERITY_TLOG_CHECKPOINT_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/hash.h"
#include "core/status.h"
#include "tlog/keys.h"
#include "tlog/note.h"

namespace verity::tlog {

struct Checkpoint {
  std::string origin;
  uint64_t size = 0;
  Hash256 root{};
  std::vector<std::string> extensions;

  bool operator==(const Checkpoint&) const = default;
};

// Parses a checkpoint note text (ending in '\n', without signatures).
StatusOr<Checkpoint> ParseCheckpoint(std::string_view text);
// The note text. InvalidArgument if the checkpoint could not be parsed back
// to itself (empty origin, a newline in a line, a bad character...).
StatusOr<std::string> FormatCheckpoint(const Checkpoint& checkpoint);

// The note: the text signed by the log's Ed25519 key (type 0x01).
StatusOr<std::string> SignCheckpoint(const Checkpoint& checkpoint, const Signer& log);

struct SignedCheckpoint {
  Checkpoint checkpoint;
  VerifiedNote note;
};

// Opens a checkpoint note: OpenNote with `known`, then the text parsed. At
// least one verified signature must come from a key named as the origin
// (tlog-policy: a log's key name is its origin); PermissionDenied
// "checkpoint: ..." otherwise.
StatusOr<SignedCheckpoint> OpenCheckpoint(std::string_view note, const VerifierSet& known);

// True if one of the note's verified keys is a log key (type 0x01) named
// as the checkpoint's origin.
bool SignedByLog(const SignedCheckpoint& checkpoint);

}  // namespace verity::tlog

#endif  // VERITY_TLOG_CHECKPOINT_H_
