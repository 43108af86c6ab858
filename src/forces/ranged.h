// Numbers with provenance and a range (docs/ranges-and-provenance.md).
//
// Wherever a declaration allows a ranged number (`warheads`, `count`,
// `max_warheads`, `capacity`), it may be written either as a plain integer
// or as an object {"value": 4, "low": 3, "high": 5, "source": "..."}.
// `low` and `high` default to `value`; low <= value <= high.
#ifndef VERITY_FORCES_RANGED_H_
#define VERITY_FORCES_RANGED_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/json.h"
#include "core/status.h"

namespace verity::forces {

// Which end of every range a computation uses.
enum class Bound : uint8_t { kLow, kHigh };

struct RangedInt {
  int64_t value = 0;
  int64_t low = 0;
  int64_t high = 0;
  std::string source;

  static RangedInt Exact(int64_t v) { return {v, v, v, ""}; }
  bool IsRange() const { return low != value || high != value; }
  // A range or a source: something a plain integer cannot say.
  bool Annotated() const { return IsRange() || !source.empty(); }
  int64_t At(Bound b) const { return b == Bound::kLow ? low : high; }
};

// Reads `key` of `r` as a plain integer or a ranged object. `value` and
// `high` must lie in [min, max], `low` in [low_min, max] (low_min defaults
// to min; a group's count may be 1 with a low of 0). Errors are
// InvalidArgument naming the path ("items[3].warheads.low: 5 is above value 4").
StatusOr<std::optional<RangedInt>> OptRangedInt(const FieldReader& r, std::string_view key,
                                                int64_t min, int64_t max,
                                                std::optional<int64_t> low_min = std::nullopt);

// A plain integer when `v` is not annotated, else the object form.
Json RangedIntJson(const RangedInt& v);

// Checks low <= value <= high; `path` names the number in errors.
Status CheckRangeOrder(const RangedInt& v, const std::string& path);

}  // namespace verity::forces

#endif  // VERITY_FORCES_RANGED_H_
