// The checkpoint seal (table checkpoint_seal): reading, checking and writing
// it. Internal to the store.
#ifndef VERITY_LEDGER_CHECKPOINT_SEAL_H_
#define VERITY_LEDGER_CHECKPOINT_SEAL_H_

#include <cstdint>
#include <string>
#include <vector>

#include "core/hash.h"
#include "core/status.h"
#include "ledger/keys.h"
#include "ledger/sqlite.h"
#include "ledger/store.h"

namespace verity::ledger::internal {

// True if there is any checkpoint row or seal row.
StatusOr<bool> AnyCheckpointRows(Db* db);

// Empty if the stored set of checkpoint digests is exactly the set the seal
// signed with `log_key`, for the log of `size` entries with `root`
// (`head_exists`: the log signed a head of that size); else why not, in one
// line naming the table. No checkpoints and no seal is a valid, empty set.
// Does not read the states (each checkpoint's own digest is checked when it
// is read).
StatusOr<std::string> CheckpointSetProblem(Db* db, const PublicKey& log_key, uint64_t size,
                                           const Hash256& root, bool head_exists);

// Replaces the seal by one over the stored digests for (`size`, `root`);
// removes it if there are no checkpoints. Inside a write transaction.
Status WriteCheckpointSeal(Db* db, const SecretKey& log_key, uint64_t size, const Hash256& root);

// Appends to `out` every checkpoint row whose state, index or day does not
// match its digest, and the seal's problem for (`size`, `root`), if any.
Status AuditCheckpointRows(Db* db, const PublicKey& log_key, uint64_t size, const Hash256& root,
                           std::vector<RowProblem>* out);

}  // namespace verity::ledger::internal

#endif  // VERITY_LEDGER_CHECKPOINT_SEAL_H_
