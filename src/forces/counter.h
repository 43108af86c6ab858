// The counting engine: derives each item's treaty categories from its facts
// with a treaty's compiled rules, and sums the treaty's limits.
//
// Thread safety: a Counter is immutable after construction; Count() and
// Explain() may run concurrently on different declarations.
#ifndef VERITY_FORCES_COUNTER_H_
#define VERITY_FORCES_COUNTER_H_

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

class Counter {
 public:
  // REQUIRES: `treaty` outlives the Counter and has at most 64 categories.
  explicit Counter(const treaty::Treaty& treaty);

  const treaty::Treaty& treaty() const { return treaty_; }

  Counts Count(const Declaration& d) const;

  // The items behind limit `limit` (an index into Treaty::limits), in item order.
  std::vector<Contribution> Explain(const Declaration& d, int limit) const;

  // Bit c set when item i is in category c.
  uint64_t Classify(const Declaration& d, size_t i, const std::vector<uint8_t>& loaded) const;

  // What an item in the given categories adds to limit `limit`.
  int64_t Amount(const Declaration& d, const Item& item, uint64_t categories, int limit) const;

 private:
  const treaty::Treaty& treaty_;
};

}  // namespace verity::forces

#endif  // VERITY_FORCES_COUNTER_H_
