// The counting engine: derives each item's treaty categories from its facts
// with a treaty's compiled rules, and sums the treaty's limits.
//
// Thread safety: a Counter is immutable after construction; Count() and
// Explain() may run concurrently on different declarations.
#ifndef VERITY_FORCES_COUNTER_H_
#define VERITY_FORCES_COUNTER_H_

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "forces/model.h"
#include "treaty/treaty.h"

namespace verity::forces {

// One limit's total with its breakdown.
struct LimitCount {
  int64_t count = 0;
  std::vector<int64_t> by_type;      // indexed like Declaration::types
  std::vector<int64_t> by_facility;  // indexed like Declaration::facilities; last = at sea
};

struct Counts {
  std::vector<int64_t> categories;  // items per category, indexed like Treaty::categories
  std::vector<LimitCount> limits;   // indexed like Treaty::limits
};

// What one item adds to a limit.
struct Contribution {
  int32_t item;  // index into Declaration::items
  int64_t amount;
};

// The facts of item `i` of `d` as the rule language sees them.
// `loaded` says whether each item (a launcher) holds a missile; see Loaded().
treaty::FactRow ItemFacts(const Declaration& d, size_t i, const std::vector<uint8_t>& loaded);
// For every item, 1 if it is a launcher holding a missile.
std::vector<uint8_t> Loaded(const Declaration& d);

// A direct-mapped memo of category masks keyed by an item's packed facts.
// Items of one force share few distinct fact combinations, so almost every
// item is classified by one lookup instead of running every rule.
class ClassCache {
 public:
  static constexpr size_t kSlots = 4096;
  // Packs the facts into 64 bits (each value + 1, so kNone packs as 0);
  // false if a value does not fit its width.
  static bool Key(const treaty::FactRow& f, uint64_t* key) {
    static constexpr int kBits[treaty::kFieldCount] = {3, 2, 2, 2, 2, 2, 4, 2, 2,
                                                       2, 3, 2, 4, 2, 2, 9, 9, 9};
    uint64_t k = 0;
    int shift = 0;
    for (size_t i = 0; i < treaty::kFieldCount; ++i) {
      const int64_t v = int64_t{f[i]} + 1;
      if (v < 0 || v >= (int64_t{1} << kBits[i])) return false;
      k |= static_cast<uint64_t>(v) << shift;
      shift += kBits[i];
    }
    *key = k + 1;  // 0 marks an empty slot
    return true;
  }
  bool Get(uint64_t key, uint64_t* mask) const {
    const Slot& s = slots_[Hash(key)];
    if (s.key != key) return false;
    *mask = s.mask;
    return true;
  }
  void Put(uint64_t key, uint64_t mask) { slots_[Hash(key)] = {key, mask}; }

 private:
  static size_t Hash(uint64_t k) { return (k * 0x9E3779B97F4A7C15ull) >> 52; }
  struct Slot {
    uint64_t key = 0, mask = 0;
  };
  std::array<Slot, kSlots> slots_{};
};

class Counter {
 public:
  // REQUIRES: `treaty` outlives the Counter and has at most 64 categories.
  explicit Counter(const treaty::Treaty& treaty);

  const treaty::Treaty& treaty() const { return treaty_; }

  Counts Count(const Declaration& d) const;

  // The items behind limit `limit` (an index into Treaty::limits), in item order.
  std::vector<Contribution> Explain(const Declaration& d, int limit) const;

  // Bit c set when item i is in category c. With `cache`, fact combinations
  // already seen are looked up instead of running every rule.
  uint64_t Classify(const Declaration& d, size_t i, const std::vector<uint8_t>& loaded,
                    ClassCache* cache = nullptr) const;

  // What an item in the given categories adds to limit `limit`.
  int64_t Amount(const Declaration& d, const Item& item, uint64_t categories, int limit) const;

 private:
  // The category mask of facts `f`, through `cache` when given.
  uint64_t MaskOf(const treaty::FactRow& f, ClassCache* cache) const;

  const treaty::Treaty& treaty_;
};

}  // namespace verity::forces

#endif  // VERITY_FORCES_COUNTER_H_
