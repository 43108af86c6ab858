#include "escrow/commitment.h"

#include <sodium.h>

#include <algorithm>
#include <map>
#include <memory>
#include <set>

#include "core/limits.h"
#include "escrow/item.h"
#include "tlog/merkle.h"

namespace verity::escrow {

RandomBytes SystemRandom() {
  return [](std::span<uint8_t> out) {
    (void)InitCrypto();
    randombytes_buf(out.data(), out.size());
  };
}

Hash256 LeafHashOf(const Salt& salt, std::string_view item_bytes) {
  std::string entry(kLeafTag);
  entry.append(reinterpret_cast<const char*>(salt.data()), salt.size());
  entry.append(item_bytes);
  return tlog::LeafHash(entry);
}

StatusOr<Hash256> RecordLeafHash(const Salt& salt, const Json& record) {
  VERITY_ASSIGN_OR_RETURN(std::string bytes, CanonicalJson(record));
  return LeafHashOf(salt, bytes);
}

std::vector<Hash256> Escrow::LeafHashes() const {
  std::vector<Hash256> out;
  out.reserve(leaves.size());
  for (const Leaf& l : leaves) out.push_back(l.hash);
  return out;
}

uint64_t UniformBelow(uint64_t bound, const std::function<uint64_t()>& next) {
  const uint64_t excess = (UINT64_MAX % bound + 1) % bound;  // 2^64 mod bound
  while (true) {
    const uint64_t x = next();
    if (excess == 0 || x <= UINT64_MAX - excess) return x % bound;
  }
}

uint64_t RandomWord(const RandomBytes& random) {
  std::array<uint8_t, 8> b{};
  random(b);
  uint64_t x = 0;
  for (uint8_t byte : b) x = (x << 8) | byte;
  return x;
}

StatusOr<Escrow> Commit(const forces::Declaration& d, const forces::Counter& counter,
                        const std::string& id, const RandomBytes& random) {
  VERITY_RETURN_IF_ERROR(ledger::CheckEscrowId(id, "escrow id"));
  if (d.items.empty()) return InvalidArgument("the declaration has no items to commit to");
  if (static_cast<int64_t>(d.items.size()) > limits::kMaxEscrowLeaves) {
    return InvalidArgument("the declaration has " + std::to_string(d.items.size()) +
                           " items, more than the limit of " +
                           std::to_string(limits::kMaxEscrowLeaves) + " leaves");
  }
  Escrow e{id, d.party, counter.treaty().id, d.as_of, {}, {}, {}};
  std::vector<Json> records = ItemRecords(d, counter);
  // Fisher-Yates: the leaf order says nothing of the declaration's order.
  for (size_t i = records.size(); i > 1; --i) {
    std::swap(records[i - 1], records[UniformBelow(i, [&] { return RandomWord(random); })]);
  }
  std::set<Salt> seen;
  for (Json& r : records) {
    Leaf l;
    random(l.salt);
    if (!seen.insert(l.salt).second) return Internal("the random source repeated a salt");
    VERITY_ASSIGN_OR_RETURN(l.hash, RecordLeafHash(l.salt, r));
    l.item = std::move(r);
    e.leaves.push_back(std::move(l));
  }
  e.root = tlog::RootOf(e.LeafHashes());
  const forces::Counts counts = counter.Count(d);
  for (size_t c = 0; c < counter.treaty().categories.size(); ++c) {
    e.totals.push_back({counter.treaty().categories[c].id, counts.categories[c]});
  }
  return e;
}

Json CommitmentBody(const Escrow& e) {
  Json totals = Json::array();
  for (const auto& t : e.totals) totals.push_back({{"category", t.category}, {"count", t.count}});
  return {{"escrow", e.id},        {"treaty", e.treaty},        {"as_of", e.as_of.ToString()},
          {"root", ToHex(e.root)}, {"leaves", e.leaves.size()}, {"totals", totals}};
}

tlog::RangeHasher SubtreeHasher(std::span<const Hash256> leaf_hashes) {
  auto memo = std::make_shared<std::map<std::pair<uint64_t, uint64_t>, Hash256>>();
  auto self = std::make_shared<tlog::RangeHasher>();
  // RFC 9162 2.1.1: split at the largest power of two below hi - lo.
  *self = [leaf_hashes, memo, weak = std::weak_ptr<tlog::RangeHasher>(self)](
              uint64_t lo, uint64_t hi) -> StatusOr<Hash256> {
    if (hi - lo == 1) return leaf_hashes[lo];
    const auto at = memo->find({lo, hi});
    if (at != memo->end()) return at->second;
    uint64_t k = 1;
    while (k * 2 < hi - lo) k *= 2;
    const auto& recurse = *weak.lock();
    VERITY_ASSIGN_OR_RETURN(Hash256 left, recurse(lo, lo + k));
    VERITY_ASSIGN_OR_RETURN(Hash256 right, recurse(lo + k, hi));
    return memo->emplace(std::make_pair(lo, hi), tlog::NodeHash(left, right)).first->second;
  };
  return [self](uint64_t lo, uint64_t hi) { return (*self)(lo, hi); };
}

Json OpeningJson(const Escrow& e, uint64_t index, const tlog::RangeHasher& subtrees) {
  const Leaf& l = e.leaves[index];
  Json proof = Json::array();
  // The hasher cannot fail (it reads only the leaves in memory).
  const std::vector<Hash256> path =
      tlog::InclusionProofOf(index, e.leaves.size(), subtrees).value();
  for (const Hash256& h : path) proof.push_back(ToHex(h));
  return {{"index", index},
          {"salt", ToHex(l.salt.data(), l.salt.size())},
          {"item", l.item},
          {"leaf", ToHex(l.hash)},
          {"proof", proof}};
}

}  // namespace verity::escrow
