#include "tlog/merkle.h"

#include <bit>

namespace verity::tlog {
namespace {

// The largest power of two smaller than n. REQUIRES: n > 1.
uint64_t SplitPoint(uint64_t n) { return std::bit_floor(n - 1); }

// PATH(m, D[lo:lo+n]) appended to `out`, leaf to root.
Status Path(uint64_t lo, uint64_t n, uint64_t m, const RangeHasher& hash,
            std::vector<Hash256>* out) {
  if (n <= 1) return Status::Ok();
  const uint64_t k = SplitPoint(n);
  const bool left = m < k;
  VERITY_RETURN_IF_ERROR(left ? Path(lo, k, m, hash, out) : Path(lo + k, n - k, m - k, hash, out));
  VERITY_ASSIGN_OR_RETURN(Hash256 sibling, left ? hash(lo + k, lo + n) : hash(lo, lo + k));
  out->push_back(sibling);
  return Status::Ok();
}

// SUBPROOF(m, D[lo:lo+n], complete) appended to `out`.
Status SubProof(uint64_t lo, uint64_t n, uint64_t m, bool complete, const RangeHasher& hash,
                std::vector<Hash256>* out) {
  if (m == n) {
    if (complete) return Status::Ok();
    VERITY_ASSIGN_OR_RETURN(Hash256 h, hash(lo, lo + n));
    out->push_back(h);
    return Status::Ok();
  }
  const uint64_t k = SplitPoint(n);
  const bool left = m <= k;
  VERITY_RETURN_IF_ERROR(left ? SubProof(lo, k, m, complete, hash, out)
                              : SubProof(lo + k, n - k, m - k, false, hash, out));
  VERITY_ASSIGN_OR_RETURN(Hash256 sibling, left ? hash(lo + k, lo + n) : hash(lo, lo + k));
  out->push_back(sibling);
  return Status::Ok();
}

RangeHasher SpanHasher(std::span<const Hash256> leaves) {
  return [leaves](uint64_t lo, uint64_t hi) -> StatusOr<Hash256> {
    return RootOf(leaves.subspan(lo, hi - lo));
  };
}

Status ProofFailure(std::string_view kind, std::string_view why) {
  return DataLoss(std::string(kind) + " proof does not verify: " + std::string(why));
}

}  // namespace

Hash256 LeafHash(std::string_view entry) { return Sha256Prefixed(kLeafPrefix, entry); }
Hash256 NodeHash(const Hash256& left, const Hash256& right) {
  return Sha256Pair(kNodePrefix, left, right);
}
Hash256 EmptyTreeHash() { return Sha256(""); }

Hash256 RootOf(std::span<const Hash256> leaves) {
  CompactTree t;
  for (const Hash256& h : leaves) t.Append(h);
  return t.Root();
}

StatusOr<std::vector<Hash256>> InclusionProofOf(uint64_t index, uint64_t size,
                                                const RangeHasher& hasher) {
  std::vector<Hash256> out;
  VERITY_RETURN_IF_ERROR(Path(0, size, index, hasher, &out));
  return out;
}

StatusOr<std::vector<Hash256>> ConsistencyProofOf(uint64_t m, uint64_t n,
                                                  const RangeHasher& hasher) {
  std::vector<Hash256> out;
  VERITY_RETURN_IF_ERROR(SubProof(0, n, m, true, hasher, &out));
  return out;
}

// A span's hasher never fails.
std::vector<Hash256> InclusionProof(std::span<const Hash256> leaves, uint64_t index) {
  return std::move(InclusionProofOf(index, leaves.size(), SpanHasher(leaves))).value();
}

std::vector<Hash256> ConsistencyProof(std::span<const Hash256> leaves, uint64_t m) {
  return std::move(ConsistencyProofOf(m, leaves.size(), SpanHasher(leaves))).value();
}

Status VerifyInclusion(uint64_t index, uint64_t size, const Hash256& leaf,
                       std::span<const Hash256> proof, const Hash256& root) {
  if (index >= size) return ProofFailure("inclusion", "index is not below the tree size");
  uint64_t fn = index;
  uint64_t sn = size - 1;
  Hash256 r = leaf;
  for (const Hash256& p : proof) {
    if (sn == 0) return ProofFailure("inclusion", "the proof is too long");
    if ((fn & 1) != 0 || fn == sn) {
      r = NodeHash(p, r);
      while ((fn & 1) == 0 && fn != 0) {
        fn >>= 1;
        sn >>= 1;
      }
    } else {
      r = NodeHash(r, p);
    }
    fn >>= 1;
    sn >>= 1;
  }
  if (sn != 0) return ProofFailure("inclusion", "the proof is too short");
  if (r != root) return ProofFailure("inclusion", "the computed root differs from the tree head");
  return Status::Ok();
}

Status VerifyConsistency(uint64_t m, uint64_t n, const Hash256& root_m, const Hash256& root_n,
                         std::span<const Hash256> proof) {
  if (m > n) return ProofFailure("consistency", "the first size exceeds the second");
  if (m == n) {
    if (!proof.empty()) return ProofFailure("consistency", "equal sizes need an empty proof");
    if (root_m != root_n) return ProofFailure("consistency", "equal sizes with different roots");
    return Status::Ok();
  }
  if (m == 0) {
    // Every tree extends the empty one; there is nothing to prove.
    if (!proof.empty()) return ProofFailure("consistency", "a proof from size 0 must be empty");
    if (root_m != EmptyTreeHash())
      return ProofFailure("consistency", "the first root is not the empty tree's");
    return Status::Ok();
  }
  if (proof.empty()) return ProofFailure("consistency", "the proof is empty");
  std::vector<Hash256> path;
  if (std::has_single_bit(m)) path.push_back(root_m);
  path.insert(path.end(), proof.begin(), proof.end());
  uint64_t fn = m - 1;
  uint64_t sn = n - 1;
  while ((fn & 1) != 0) {
    fn >>= 1;
    sn >>= 1;
  }
  Hash256 fr = path[0];
  Hash256 sr = path[0];
  for (size_t i = 1; i < path.size(); ++i) {
    const Hash256& c = path[i];
    if (sn == 0) return ProofFailure("consistency", "the proof is too long");
    if ((fn & 1) != 0 || fn == sn) {
      fr = NodeHash(c, fr);
      sr = NodeHash(c, sr);
      while ((fn & 1) == 0 && fn != 0) {
        fn >>= 1;
        sn >>= 1;
      }
    } else {
      sr = NodeHash(sr, c);
    }
    fn >>= 1;
    sn >>= 1;
  }
  if (sn != 0) return ProofFailure("consistency", "the proof is too short");
  if (fr != root_m) return ProofFailure("consistency", "the first root does not match");
  if (sr != root_n) return ProofFailure("consistency", "the second root does not match");
  return Status::Ok();
}

void CompactTree::Append(const Hash256& leaf) {
  hashes_.push_back(leaf);
  // Each trailing one bit of the old size closes one perfect subtree.
  for (uint64_t s = size_; (s & 1) != 0; s >>= 1) {
    Hash256 right = hashes_.back();
    hashes_.pop_back();
    hashes_.back() = NodeHash(hashes_.back(), right);
  }
  ++size_;
}

Hash256 CompactTree::Root() const {
  if (hashes_.empty()) return EmptyTreeHash();
  Hash256 r = hashes_.back();
  for (size_t i = hashes_.size() - 1; i-- > 0;) r = NodeHash(hashes_[i], r);
  return r;
}

StatusOr<CompactTree> CompactTree::Restore(uint64_t size, std::vector<Hash256> hashes) {
  if (static_cast<size_t>(std::popcount(size)) != hashes.size()) {
    return DataLoss("compact tree: " + std::to_string(hashes.size()) +
                    " subtree hashes do not fit a tree of " + std::to_string(size) + " leaves");
  }
  CompactTree t;
  t.size_ = size;
  t.hashes_ = std::move(hashes);
  return t;
}

}  // namespace verity::tlog
