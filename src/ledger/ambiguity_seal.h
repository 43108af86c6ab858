// Ambiguity seals (table ambiguity_seals): after each batch the log key
// signs the ids and digests of the ambiguity rows the batch added, bound to
// the batch's tree head. Internal to the store.
#ifndef VERITY_LEDGER_AMBIGUITY_SEAL_H_
#define VERITY_LEDGER_AMBIGUITY_SEAL_H_

#include <cstdint>
#include <span>
#include <vector>

#include "core/hash.h"
#include "core/status.h"
#include "ledger/keys.h"
#include "ledger/sqlite.h"
#include "ledger/store.h"
#include "ledger/tree_head.h"

namespace verity::ledger::internal {

// Seals the ambiguity rows `ids` (as stored) of the batch that ends at
// `size` with `root`. Inside the batch's write transaction.
Status SealAmbiguityRows(Db* db, const SecretKey& log_key, uint64_t size, const Hash256& root,
                         std::span<const int64_t> ids);

// Appends to `out` every ambiguity row that no seal vouches for (inserted),
// that differs from its sealed digest (edited), or that a seal names and is
// gone (deleted); every seal whose signature does not hold; and every tree
// head of `heads` without a seal.
Status AuditAmbiguityRows(Db* db, const PublicKey& log_key, std::span<const TreeHead> heads,
                          std::vector<RowProblem>* out);

}  // namespace verity::ledger::internal

#endif  // VERITY_LEDGER_AMBIGUITY_SEAL_H_
