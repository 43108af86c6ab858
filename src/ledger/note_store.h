// The stored checkpoint note signatures and cosignatures (schema version
// 3): signing, reading and auditing them. Internal to the store.
#ifndef VERITY_LEDGER_NOTE_STORE_H_
#define VERITY_LEDGER_NOTE_STORE_H_

#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "core/hash.h"
#include "core/status.h"
#include "ledger/keys.h"
#include "ledger/sqlite.h"
#include "ledger/store.h"
#include "ledger/tree_head.h"

namespace verity::ledger::internal {

// Signs the checkpoint of (`size`, `root`) under `origin` with the log key
// and stores the signature (replacing one of the same size).
Status InsertNoteSignature(Db* db, std::string_view origin, const SecretKey& log_key,
                           uint64_t size, const Hash256& root);

// Appends to `out` a problem for every tree head whose note signature is
// missing, malformed or does not verify with the log key under meta
// 'origin', every note signature without a tree head, and every
// cosignature row that is not a well-formed line of its own key for a
// stored tree head.
Status AuditNoteRows(Db* db, std::string_view origin, const PublicKey& log_key,
                     std::span<const TreeHead> heads, std::vector<RowProblem>* out);

}  // namespace verity::ledger::internal

#endif  // VERITY_LEDGER_NOTE_STORE_H_
