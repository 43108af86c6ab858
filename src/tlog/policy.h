// Transparency log trust policies (C2SP tlog-policy.md): which logs may
// sign a checkpoint and which witness cosignatures make it valid.
//
//   log <vkey> [<url>]
//   witness <name> <vkey> [<url>]
//   group <name> all|any|<k> <name>...
//   quorum <name>|none
//
// Lines are separated by '\n'; items by spaces and tabs; '#' starts a
// comment line. Names are opaque octet strings shared by witnesses and
// groups; a group or the quorum refers only to names defined above it, and
// each name is a member of a group at most once. Log keys are Ed25519 note
// keys (type 0x01) named as the log's origin; witness keys are
// cosignature/v1 keys (type 0x04). Errors: InvalidArgument "policy line N:
// ...".
//
// Thread safety: values and pure functions.
#ifndef VERITY_TLOG_POLICY_H_
#define VERITY_TLOG_POLICY_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "tlog/checkpoint.h"
#include "tlog/keys.h"
#include "tlog/note.h"

namespace verity::tlog {

struct PolicyLog {
  Verifier key;
  std::string url;  // empty when not given
};

struct PolicyWitness {
  std::string name;
  Verifier key;
  std::string url;
};

struct PolicyGroup {
  std::string name;
  size_t threshold = 1;  // at least this many members must have witnessed
  std::vector<std::string> members;
};

inline constexpr std::string_view kQuorumNone = "none";

struct Policy {
  std::vector<PolicyLog> logs;
  std::vector<PolicyWitness> witnesses;
  std::vector<PolicyGroup> groups;  // in file order
  std::string quorum;               // a witness, a group or "none"

  // Every log and witness key (they never collide: a collision of name and
  // key ID is refused when parsing).
  VerifierSet Keys() const;
};

// Refuses files above kMaxPolicyBytes and more logs, witnesses or groups
// than the limits (tlog/limits.h).
StatusOr<Policy> ParsePolicy(std::string_view text);

struct WitnessCosignature {
  std::string witness;  // its name in the policy
  uint64_t timestamp = 0;
};

// What a policy says about one checkpoint note.
struct PolicyVerdict {
  Checkpoint checkpoint;
  std::string log;                           // the vkey of the policy log that signed it
  std::vector<WitnessCosignature> cosigned;  // the policy witnesses that cosigned it
  bool quorum_met = false;
  // Empty when the quorum is met; otherwise what is missing, e.g.
  // "group both needs 2 of its 2 members, has 1: witness ru did not cosign".
  std::string missing;
};

// Opens the note with the policy's keys. PermissionDenied when no policy
// log for the origin signed it or a known key's signature does not verify;
// InvalidArgument when it is malformed. A quorum not met is not an error
// here (a dashboard shows it): see RequireQuorum.
StatusOr<PolicyVerdict> EvaluateCheckpoint(const Policy& policy, std::string_view note);
// EvaluateCheckpoint, then PermissionDenied "checkpoint: quorum ... not
// met: ..." unless the quorum is met.
StatusOr<PolicyVerdict> CheckCheckpoint(const Policy& policy, std::string_view note);

}  // namespace verity::tlog

#endif  // VERITY_TLOG_POLICY_H_
