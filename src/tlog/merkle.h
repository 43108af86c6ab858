// The append-only Merkle tree of RFC 9162 (Certificate Transparency 2.0),
// section 2.1: leaf hash SHA-256(0x00 || entry), interior node hash
// SHA-256(0x01 || left || right), the hash of the empty tree SHA-256("").
// Inclusion proofs (2.1.3) and consistency proofs (2.1.4) are generated from
// the leaf hashes and verified by the algorithms of 2.1.3.2 and 2.1.4.2.
//
// Thread safety: functions are pure; CompactTree is a value.
#ifndef VERITY_TLOG_MERKLE_H_
#define VERITY_TLOG_MERKLE_H_

#include <cstdint>
#include <functional>
#include <span>
#include <string_view>
#include <utility>
#include <vector>

#include "core/hash.h"
#include "core/status.h"

namespace verity::tlog {

inline constexpr uint8_t kLeafPrefix = 0x00;
inline constexpr uint8_t kNodePrefix = 0x01;

Hash256 LeafHash(std::string_view entry);
Hash256 NodeHash(const Hash256& left, const Hash256& right);
Hash256 EmptyTreeHash();

// MTH(D[n]) over the given leaf hashes.
Hash256 RootOf(std::span<const Hash256> leaves);

// PATH(index, D[n]), n = leaves.size(). REQUIRES: index < n.
std::vector<Hash256> InclusionProof(std::span<const Hash256> leaves, uint64_t index);
// PROOF(m, D[n]), n = leaves.size(). REQUIRES: 0 < m <= n.
std::vector<Hash256> ConsistencyProof(std::span<const Hash256> leaves, uint64_t m);

// A source of subtree hashes MTH(D[lo:hi]) of one tree, for building
// proofs from storage (tiles, a database) instead of a list of leaves. The
// proofs below ask only for ranges whose `lo` is a multiple of the power of
// two at or above hi - lo (the subtrees RFC 9162's recursion visits).
using RangeHasher = std::function<StatusOr<Hash256>(uint64_t lo, uint64_t hi)>;

// PATH(index, D[size]) with hashes from `hasher` (its errors pass through).
// REQUIRES: index < size.
StatusOr<std::vector<Hash256>> InclusionProofOf(uint64_t index, uint64_t size,
                                                const RangeHasher& hasher);
// PROOF(m, D[n]) with hashes from `hasher`. REQUIRES: 0 < m <= n.
StatusOr<std::vector<Hash256>> ConsistencyProofOf(uint64_t m, uint64_t n,
                                                  const RangeHasher& hasher);

// RFC 9162 2.1.3.2. OK if `leaf` is at `index` of the tree of `size` leaves
// whose root is `root`; DataLoss "inclusion proof ..." otherwise.
Status VerifyInclusion(uint64_t index, uint64_t size, const Hash256& leaf,
                       std::span<const Hash256> proof, const Hash256& root);
// RFC 9162 2.1.4.2. OK if the tree of size `m` with `root_m` is a prefix of
// the tree of size `n` with `root_n`; DataLoss otherwise. m == n needs an
// empty proof and equal roots; m == 0 needs an empty proof and root_m the
// empty tree's hash.
Status VerifyConsistency(uint64_t m, uint64_t n, const Hash256& root_m, const Hash256& root_n,
                         std::span<const Hash256> proof);

// The right edge of a growing tree: the roots of its maximal perfect
// subtrees, so that appending and taking the root cost O(log n).
class CompactTree {
 public:
  void Append(const Hash256& leaf);
  Hash256 Root() const;
  uint64_t size() const { return size_; }

  // The perfect-subtree roots, left to right (for storing and restoring).
  const std::vector<Hash256>& frontier() const { return hashes_; }
  // REQUIRES: `hashes` came from frontier() of a tree of `size` leaves.
  static StatusOr<CompactTree> Restore(uint64_t size, std::vector<Hash256> hashes);

 private:
  uint64_t size_ = 0;
  std::vector<Hash256> hashes_;
};

}  // namespace verity::tlog

#endif  // VERITY_TLOG_MERKLE_H_
