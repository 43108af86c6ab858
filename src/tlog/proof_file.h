// Proof files (C2SP tlog-proof.md, c2sp.org/tlog-proof@v1): an entry's
// index, its RFC 9162 inclusion proof and the checkpoint it is proven in,
// verifiable offline against a policy.
//
//   c2sp.org/tlog-proof@v1\n
//   [extra <base64>\n]
//   index <decimal>\n
//   <base64 hash>\n...       (leaf's sibling first, up to the root's child)
//   \n
//   <the checkpoint note, verbatim>
//
// Errors: InvalidArgument "tlog-proof: ..." for malformed files (above
// kMaxProofFileBytes, more than 63 proof lines, bad base64...).
//
// Thread safety: values and pure functions.
#ifndef VERITY_TLOG_PROOF_FILE_H_
#define VERITY_TLOG_PROOF_FILE_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/hash.h"
#include "core/status.h"
#include "tlog/policy.h"

namespace verity::tlog {

inline constexpr std::string_view kProofFileHeader = "c2sp.org/tlog-proof@v1";

struct ProofFile {
  std::optional<std::string> extra;  // opaque, unauthenticated; never empty when present
  uint64_t index = 0;
  std::vector<Hash256> inclusion;
  std::string checkpoint;  // the signed note
};

// InvalidArgument if the extra data is present but empty or too long, or
// the proof has more than 63 hashes.
StatusOr<std::string> FormatProofFile(const ProofFile& proof);
StatusOr<ProofFile> ParseProofFile(std::string_view text);

// tlog-proof.md "Verifying a tlog proof", steps 2 to 4, for the leaf hash
// the caller computed (step 1): the checkpoint must satisfy the policy
// (CheckCheckpoint: PermissionDenied otherwise) and the inclusion proof
// must bind `leaf_hash` at the index to its root (DataLoss otherwise).
StatusOr<PolicyVerdict> CheckProofFile(const ProofFile& proof, const Hash256& leaf_hash,
                                       const Policy& policy);

}  // namespace verity::tlog

#endif  // VERITY_TLOG_PROOF_FILE_H_
