#include "forces/count_json.h"

#include "forces/provenance.h"
#include "forces/ranges.h"
#include "forces/report.h"

namespace verity::forces {

CountAnswer CountJson(const Counter& counter, const Declaration& d, const CountRequest& request) {
  const Report r = MakeReport(counter, d, request.as_of.value_or(d.as_of));
  CountAnswer answer{ReportJson(r), r.AnyOver()};
  Json& j = answer.json;
  if (const auto ranges = CountRanges(counter, d)) AddRangesJson(r, *ranges, &j);
  if (request.sources)
    j["sources"] = SourcesJson(counter, d, LimitSources(counter, d)).at("limits");
  if (request.detail == CountDetail::kLimits) {
    j.erase("categories");
    for (auto& lim : j["limits"]) lim.erase("by_type"), lim.erase("by_facility");
  }
  if (request.explain >= 0) j["explain"] = ExplainJson(counter, d, request.explain);
  return answer;
}

}  // namespace verity::forces
