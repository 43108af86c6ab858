// Several treaties side by side: the same declarations counted under each,
// one row per (declaration, limit), one cell per treaty (`verity compare`).
// Counting is Counter/MakeReport's; ranges are CountRanges'.
//
// A limit that a treaty lacks is an absent cell (JSON null, text "absent").
// JSON shape:
//   {"treaties": [{id, name}], "rows": [{party, as_of, limit, name,
//     cells: {<treaty id>: {count, max, headroom, status, count_low?, count_high?} | null}}]}
//
// Thread safety: pure functions over their arguments.
#ifndef VERITY_FORCES_COMPARE_H_
#define VERITY_FORCES_COMPARE_H_

#include <optional>
#include <string>
#include <vector>

#include "core/json.h"
#include "forces/model.h"
#include "treaty/treaty.h"

namespace verity::forces {

struct CompareCell {
  bool present = false;
  int64_t count = 0, max = 0;
  treaty::LimitStatus status = treaty::LimitStatus::kWithin;
  std::optional<int64_t> low, high;  // when the declaration has ranges
};

struct CompareRow {
  std::string party;
  Date as_of;
  std::string limit;
  std::string name;
  std::vector<CompareCell> cells;  // indexed like Comparison::treaties
};

struct Comparison {
  std::vector<const treaty::Treaty*> treaties;
  std::vector<CompareRow> rows;
};

// Counts every declaration under every treaty, judged on `as_of` (default:
// each declaration's own date). Limits are listed in the order they first
// appear across the treaties. REQUIRES: the pointers outlive the result.
Comparison Compare(const std::vector<const treaty::Treaty*>& treaties,
                   const std::vector<const Declaration*>& declarations,
                   std::optional<Date> as_of = std::nullopt);

Json CompareJson(const Comparison& c);
// A table, a column per treaty: "count/max (headroom) status".
std::string CompareText(const Comparison& c);
// party,as_of,limit,treaty,count,max,headroom,status,count_low,count_high
std::string CompareCsv(const Comparison& c);

}  // namespace verity::forces

#endif  // VERITY_FORCES_COMPARE_H_
