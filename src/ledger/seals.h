// What the log key signs to vouch for derived rows (docs/ledger-format.md,
// "Seals"). Internal to the store.
//
// A digest is SHA-256 over a tag naming what is hashed, then each field as
// an 8-byte big-endian length and its bytes: no two different field lists
// give the same input. A seal signs a 32-byte digest with the log key; a
// tree head's signed text is longer than 32 bytes, so no seal can pass for
// a tree head or the other way round.
//
// Thread safety: pure functions.
#ifndef VERITY_LEDGER_SEALS_H_
#define VERITY_LEDGER_SEALS_H_

#include <cstdint>
#include <initializer_list>
#include <string_view>

#include "core/hash.h"

namespace verity::ledger::internal {

// The bytes of a digest, as a message to sign.
inline std::string_view DigestBytes(const Hash256& h) {
  return {reinterpret_cast<const char*>(h.data()), h.size()};
}

// A checkpoint row: its party, day, last index and the SHA-256 of its state.
Hash256 CheckpointDigest(std::string_view party, std::string_view day, uint64_t index,
                         std::string_view state);
// The checkpoint seal: the set of `count` checkpoints whose digests, in
// order of (party, day), hash to `list`, summarises the log of `tree_size`
// entries with `root`.
Hash256 CheckpointSealDigest(std::string_view log_key_id, uint64_t tree_size, const Hash256& root,
                             uint64_t count, const Hash256& list);
// SHA-256 of the concatenated digests (the `list` of a checkpoint seal).
Hash256 DigestList(std::string_view concatenated);

// An ambiguity row, every column as stored.
struct AmbiguityColumns {
  int64_t id = 0;
  int64_t index = 0;
  std::string_view party, kind, occurred, message, evidence;
};
Hash256 AmbiguityDigest(const AmbiguityColumns& row);
// The ambiguity seal of the batch that ends at `size` (tree `root`): `rows`
// is its list of row ids and digests as stored.
Hash256 AmbiguitySealDigest(std::string_view log_key_id, uint64_t size, const Hash256& root,
                            std::string_view rows);

}  // namespace verity::ledger::internal

#endif  // VERITY_LEDGER_SEALS_H_
