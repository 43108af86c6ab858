// Committing to a declaration (docs/escrow.md, "Commit").
//
// Each item record (escrow/item.h) becomes one leaf:
//   entry = "verity-escrow-leaf/1" || salt (32 bytes) || CanonicalJson(record)
//   leaf  = tlog::LeafHash(entry) = SHA-256(0x00 || entry)
// and the leaves, in an order drawn at random, are the leaves of an RFC 9162
// Merkle tree (tlog/merkle.h) whose root the escrow_commitment carries. The
// salt hides the item (a record has little entropy: without it, anyone could
// hash every plausible record and compare); SHA-256 binds it (another item
// or salt with the same leaf would be a SHA-256 collision).
//
// Randomness (salts and the leaf order) comes from a RandomBytes source:
// libsodium's randombytes_buf unless a test passes a seeded one. A salt that
// repeats is refused (it would link two leaves), whatever its source.
// Values; thread-compatible.
#ifndef VERITY_ESCROW_COMMITMENT_H_
#define VERITY_ESCROW_COMMITMENT_H_

#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.h"
#include "core/hash.h"
#include "core/json.h"
#include "core/status.h"
#include "forces/counter.h"
#include "ledger/body.h"
#include "tlog/merkle.h"

namespace verity::escrow {

inline constexpr char kLeafTag[] = "verity-escrow-leaf/1";
using Salt = ledger::EscrowBytes;

// Fills its argument with random bytes.
using RandomBytes = std::function<void(std::span<uint8_t>)>;
// libsodium's randombytes_buf (a CSPRNG seeded by the system).
RandomBytes SystemRandom();

// The leaf of `item_bytes` (a record's canonical encoding) under `salt`.
Hash256 LeafHashOf(const Salt& salt, std::string_view item_bytes);
// The same from the record; InvalidArgument if it has no canonical encoding.
StatusOr<Hash256> RecordLeafHash(const Salt& salt, const Json& record);

struct Leaf {
  Salt salt{};
  Json item;  // the item record
  Hash256 hash{};
};

// What the committing party keeps: every leaf with its salt, in tree order.
struct Escrow {
  std::string id;      // the escrow's id, chosen by the party
  std::string party;   // the committing (host) party
  std::string treaty;  // the treaty id the categories are of
  Date as_of;          // the declaration's date
  std::vector<Leaf> leaves;
  Hash256 root{};
  std::vector<ledger::EscrowTotal> totals;  // per category of the treaty, in its order

  // The leaf hashes in tree order.
  std::vector<Hash256> LeafHashes() const;
};

// Commits to `d` under the treaty of `counter`: records, salts, a random
// order, the tree and the totals (items per category, as Counter::Count).
// InvalidArgument if `id` is not an escrow id, if `d` has no items or more
// than limits::kMaxEscrowLeaves; Internal if the randomness repeats a salt.
StatusOr<Escrow> Commit(const forces::Declaration& d, const forces::Counter& counter,
                        const std::string& id, const RandomBytes& random);

// The body of the escrow_commitment notification.
Json CommitmentBody(const Escrow& e);

// MTH(D[lo:hi]) of `leaf_hashes`, each subtree hashed once however many
// proofs ask for it (so k proofs cost O(N + k log N), not O(k N)).
// REQUIRES: `leaf_hashes` outlives the hasher.
tlog::RangeHasher SubtreeHasher(std::span<const Hash256> leaf_hashes);

// Leaf `index` opened: {"index","salt","item","leaf","proof"}, the body
// member of escrow_reveal and escrow_opening; `subtrees` from
// SubtreeHasher(e.LeafHashes()). REQUIRES: index < leaves.
Json OpeningJson(const Escrow& e, uint64_t index, const tlog::RangeHasher& subtrees);

// Uniform in [0, bound) by rejection from 64-bit words of `next`: a word x
// is accepted when x < 2^64 - (2^64 mod bound), and gives x mod bound; so no
// value is more likely than another. REQUIRES: bound > 0.
uint64_t UniformBelow(uint64_t bound, const std::function<uint64_t()>& next);

// A 64-bit word from `random` (8 bytes, big-endian).
uint64_t RandomWord(const RandomBytes& random);

}  // namespace verity::escrow

#endif  // VERITY_ESCROW_COMMITMENT_H_
