// A compliance report: a declaration counted under a treaty, judged on a
// date, as JSON (the stable machine form) and as text tables.
//
// JSON shape (docs/declaration-format.md, "Reports"):
//   {treaty, treaty_name, party, as_of, limits: [{id, name, count, max, headroom,
//    status, by_type: {type: n}, by_facility: {facility: n}}], categories: [{id, count}]}
#ifndef VERITY_FORCES_REPORT_H_
#define VERITY_FORCES_REPORT_H_

#include <string>

#include "core/json.h"
#include "forces/counter.h"

namespace verity::forces {

struct Report {
  const treaty::Treaty* treaty;
  const Declaration* declaration;
  Date as_of;  // the date the limits are judged on
  Counts counts;

  // Whether any limit that binds on as_of is exceeded.
  bool AnyOver() const;
};

// Counts `d` under `counter`'s treaty, judged on `as_of`.
Report MakeReport(const Counter& counter, const Declaration& d, Date as_of);

Json ReportJson(const Report& r);
// The three-line limits table ("limit count max headroom status").
std::string LimitsText(const Report& r);
// Limits, categories, and each limit's breakdown by type and by facility.
std::string ReportText(const Report& r);
// One row per (limit, breakdown, key): limit,group,key,count.
std::string ReportCsv(const Report& r);

// The items behind a limit: JSON array of {uid, type, facility, amount}, and text.
Json ExplainJson(const Counter& counter, const Declaration& d, int limit);
std::string ExplainText(const Counter& counter, const Declaration& d, int limit);

}  // namespace verity::forces

#endif  // VERITY_FORCES_REPORT_H_
