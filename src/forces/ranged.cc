#include "forces/ranged.h"

namespace verity::forces {

Status CheckRangeOrder(const RangedInt& v, const std::string& path) {
  if (v.low > v.value) {
    return InvalidArgument(path + ".low: " + std::to_string(v.low) + " is above value " +
                           std::to_string(v.value));
  }
  if (v.high < v.value) {
    return InvalidArgument(path + ".high: " + std::to_string(v.high) + " is below value " +
                           std::to_string(v.value));
  }
  return Status::Ok();
}

StatusOr<std::optional<RangedInt>> OptRangedInt(const FieldReader& r, std::string_view key,
                                                int64_t min, int64_t max,
                                                std::optional<int64_t> low_min) {
  if (!r.Has(key)) return std::optional<RangedInt>();
  VERITY_ASSIGN_OR_RETURN(const Json* v, r.Member(key));
  if (!v->is_object()) {
    VERITY_ASSIGN_OR_RETURN(auto n, r.OptInt(key, min, max));
    return std::optional<RangedInt>(RangedInt::Exact(*n));
  }
  FieldReader o(*v, r.PathOf(key));
  VERITY_RETURN_IF_ERROR(o.RejectUnknown({"value", "low", "high", "source"}));
  RangedInt out;
  VERITY_ASSIGN_OR_RETURN(out.value, o.Int("value", min, max));
  VERITY_ASSIGN_OR_RETURN(auto low, o.OptInt("low", low_min.value_or(min), max));
  VERITY_ASSIGN_OR_RETURN(auto high, o.OptInt("high", min, max));
  VERITY_ASSIGN_OR_RETURN(auto source, o.OptString("source"));
  out.low = low.value_or(out.value);
  out.high = high.value_or(out.value);
  out.source = source.value_or("");
  VERITY_RETURN_IF_ERROR(CheckRangeOrder(out, o.path()));
  return std::optional<RangedInt>(out);
}

Json RangedIntJson(const RangedInt& v) {
  if (!v.Annotated()) return v.value;
  Json j = {{"value", v.value}};
  if (v.low != v.value) j["low"] = v.low;
  if (v.high != v.value) j["high"] = v.high;
  if (!v.source.empty()) j["source"] = v.source;
  return j;
}

}  // namespace verity::forces
