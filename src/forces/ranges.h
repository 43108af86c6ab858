// Counting under the low and high values of a declaration's ranged numbers
// (docs/ranges-and-provenance.md).
//
// The central count (Counter::Count) never looks at ranges. A Variant is
// the declaration with every ranged number at one end of its range plus,
// per item, how many items it stands for there; CountVariant counts it by
// running the same fast Count on the variant and correcting only the items
// whose multiplicity is not 1. Declarations without ranges skip all of this.
//
// Thread safety: pure functions over their arguments.
#ifndef VERITY_FORCES_RANGES_H_
#define VERITY_FORCES_RANGES_H_

#include <cstdint>
#include <optional>
#include <vector>

#include "core/json.h"
#include "forces/counter.h"
#include "forces/ranged.h"
#include "forces/report.h"

namespace verity::forces {

struct Variant {
  Declaration declaration;     // warheads, max_warheads, capacity at one end
  std::vector<int32_t> copies; // per item: how many items it stands for (0, 1, more)
};

// `d` at the low or high end of every range. The item index is not copied
// (FindItem does not work on a variant); type and facility lookups do.
Variant MakeVariant(const Declaration& d, Bound bound);

// Counts a variant: Count(v.declaration) with items weighted by v.copies.
Counts CountVariant(const Counter& counter, const Variant& v);

// The low and high counts of `d`; empty when `d` has no ranges.
struct RangeCounts {
  Counts low, high;
};
std::optional<RangeCounts> CountRanges(const Counter& counter, const Declaration& d);

// Adds "count_low"/"count_high" (and "status_low"/"status_high") to each
// limit of a ReportJson document, and the category counts' lows and highs.
void AddRangesJson(const Report& r, const RangeCounts& ranges, Json* report_json);

// "limit low count high" lines for the text report.
std::string RangesText(const Report& r, const RangeCounts& ranges);

}  // namespace verity::forces

#endif  // VERITY_FORCES_RANGES_H_
