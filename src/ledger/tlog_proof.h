// An entry's inclusion proof as a C2SP tlog-proof file
// (c2sp.org/tlog-proof@v1, tlog/proof_file.h): the index, the RFC 9162
// path and the checkpoint note (with its cosignatures) of the head it is
// proven against. The file carries no extra data: the checker is given the
// entry (the signed notification) and computes its leaf hash itself
// (tlog-proof's step 1, leaf.h).
#ifndef VERITY_LEDGER_TLOG_PROOF_H_
#define VERITY_LEDGER_TLOG_PROOF_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/json.h"
#include "core/status.h"
#include "ledger/store.h"
#include "tlog/policy.h"

namespace verity::ledger {

// The proof file of entry `index` in the head of `size` (default: the
// newest). InvalidArgument as MakeInclusionProof.
StatusOr<std::string> MakeTlogProof(const Ledger& ledger, uint64_t index,
                                    std::optional<uint64_t> size = std::nullopt);

// Checks a proof file for `entry` (a signed notification, any JSON
// layout) under `policy`: the leaf hash of its canonical form (an entry
// above 65,535 bytes: as its record, else as leaf format 1), the
// checkpoint against the policy (PermissionDenied), the path against the
// checkpoint's root (DataLoss "... not in the tree ..."). InvalidArgument
// for a malformed file. OK with a one-line description.
StatusOr<std::string> CheckTlogProof(std::string_view file, const Json& entry,
                                     const tlog::Policy& policy);

}  // namespace verity::ledger

#endif  // VERITY_LEDGER_TLOG_PROOF_H_
