// The machine answer of `verity check` and `verity report` for one
// declaration: the report JSON (forces/report.h) with the ranges of a
// ranged declaration, and on request the sources behind each total and
// the items behind one limit. The CLI prints it; the Python package turns
// it into tables. Shape: docs/declaration-format.md, "Reports".
//
// Pure functions of their arguments; thread-safe for concurrent const use.
#ifndef VERITY_FORCES_COUNT_JSON_H_
#define VERITY_FORCES_COUNT_JSON_H_

#include <optional>

#include "core/date.h"
#include "core/json.h"
#include "forces/counter.h"

namespace verity::forces {

// kLimits is `check`: the limits without their breakdowns and without the
// categories. kFull is `report`: everything ReportJson holds.
enum class CountDetail { kLimits, kFull };

struct CountRequest {
  CountDetail detail = CountDetail::kLimits;
  // The date the limits are judged on (default: the declaration's as_of).
  std::optional<Date> as_of;
  // A limit index of the counter's treaty whose items are listed under
  // "explain" (-1: none). REQUIRES: -1 or a valid index.
  int explain = -1;
  // Adds "sources": what each total rests on (forces/provenance.h).
  bool sources = false;
};

struct CountAnswer {
  Json json;
  // Whether a limit that binds on the judged date is exceeded (exit 1).
  bool over = false;
};

CountAnswer CountJson(const Counter& counter, const Declaration& d, const CountRequest& request);

}  // namespace verity::forces

#endif  // VERITY_FORCES_COUNT_JSON_H_
