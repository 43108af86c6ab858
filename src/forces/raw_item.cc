#include "forces/raw_item.h"

#include <algorithm>
#include <charconv>

#include "core/csv.h"
#include "core/limits.h"
#include "core/text.h"

namespace verity::forces::internal {
namespace {

constexpr int64_t kMaxCount = limits::kMaxGroupCount;
constexpr int64_t kMaxWarheadsField = 1000;

// Splits a number read by OptRangedInt into its value and, when it says
// more than a plain integer, its range.
void SetRanged(const std::optional<RangedInt>& v, std::optional<int64_t>* value,
               std::optional<RangedInt>* range) {
  if (!v) return;
  *value = v->value;
  if (v->Annotated()) *range = *v;
}

Status ReadInlineMissile(const FieldReader& r, RawItem* item) {
  VERITY_ASSIGN_OR_RETURN(const Json* m, r.Member("missile"));
  FieldReader mr(*m, r.PathOf("missile"));
  VERITY_RETURN_IF_ERROR(mr.RejectUnknown({"uid", "type", "warheads"}));
  item->has_missile = true;
  VERITY_ASSIGN_OR_RETURN(item->missile_type, mr.String("type"));
  VERITY_ASSIGN_OR_RETURN(item->missile_uid, mr.OptString("uid"));
  VERITY_ASSIGN_OR_RETURN(auto w,
                          OptRangedInt(mr, "warheads", -kMaxWarheadsField, kMaxWarheadsField));
  SetRanged(w, &item->missile_warheads, &item->missile_warheads_range);
  return Status::Ok();
}

}  // namespace

std::string FieldPath(const RawItem& r, std::string_view field) {
  if (r.where.find(": line ") != std::string::npos) {
    return r.where + ": column " + std::string(field);
  }
  return r.where + "." + std::string(field);
}

StatusOr<RawItem> ReadJsonItem(const Json& obj, const std::string& path) {
  FieldReader r(obj, path);
  VERITY_RETURN_IF_ERROR(
      r.RejectUnknown({"uid", "type", "facility", "role", "conversion", "armament", "launcher",
                       "submarine", "warheads", "eliminated", "source", "count", "missile"}));
  RawItem item;
  item.where = path;
  VERITY_ASSIGN_OR_RETURN(item.uid, r.String("uid"));
  VERITY_ASSIGN_OR_RETURN(item.type, r.String("type"));
  VERITY_ASSIGN_OR_RETURN(item.facility, r.OptString("facility"));
  VERITY_ASSIGN_OR_RETURN(item.role, r.OptString("role"));
  VERITY_ASSIGN_OR_RETURN(item.conversion, r.OptString("conversion"));
  VERITY_ASSIGN_OR_RETURN(item.armament, r.OptString("armament"));
  VERITY_ASSIGN_OR_RETURN(item.launcher, r.OptString("launcher"));
  VERITY_ASSIGN_OR_RETURN(item.submarine, r.OptString("submarine"));
  VERITY_ASSIGN_OR_RETURN(auto warheads,
                          OptRangedInt(r, "warheads", -kMaxWarheadsField, kMaxWarheadsField));
  SetRanged(warheads, &item.warheads, &item.warheads_range);
  VERITY_ASSIGN_OR_RETURN(item.eliminated, r.OptBool("eliminated", false));
  VERITY_ASSIGN_OR_RETURN(auto source, r.OptString("source"));
  item.source = source.value_or("");
  VERITY_ASSIGN_OR_RETURN(auto count, OptRangedInt(r, "count", 1, kMaxCount, 0));
  std::optional<int64_t> n;
  SetRanged(count, &n, &item.count_range);
  item.count = n.value_or(1);
  if (r.Has("missile")) VERITY_RETURN_IF_ERROR(ReadInlineMissile(r, &item));
  return item;
}

namespace {

std::optional<std::string> NonEmpty(const std::string& s) {
  if (s.empty()) return std::nullopt;
  return s;
}

StatusOr<std::optional<int64_t>> CsvInt(const std::string& s, const std::string& where, int64_t min,
                                        int64_t max) {
  if (s.empty()) return std::optional<int64_t>();
  int64_t v = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || p != s.data() + s.size()) {
    return InvalidArgument(where + ": expected an integer, got " + Quote(s));
  }
  if (v < min || v > max) {
    return InvalidArgument(where + ": " + s + " is out of range (expected " + std::to_string(min) +
                           ".." + std::to_string(max) + ")");
  }
  return std::optional<int64_t>(v);
}

constexpr std::string_view kCsvColumns[] = {"uid",        "type",       "facility", "role",
                                            "conversion", "armament",   "launcher", "submarine",
                                            "warheads",   "eliminated", "count",    "source"};

StatusOr<RawItem> ReadCsvRow(const CsvTable& t, const CsvRow& row, const std::string& source) {
  RawItem item;
  item.where = source + ": line " + std::to_string(row.line);
  item.uid = t.Get(row, "uid");
  item.type = t.Get(row, "type");
  if (item.uid.empty()) return InvalidArgument(FieldPath(item, "uid") + ": missing (required)");
  if (item.type.empty()) return InvalidArgument(FieldPath(item, "type") + ": missing (required)");
  item.facility = NonEmpty(t.Get(row, "facility"));
  item.role = NonEmpty(t.Get(row, "role"));
  item.conversion = NonEmpty(t.Get(row, "conversion"));
  item.armament = NonEmpty(t.Get(row, "armament"));
  item.launcher = NonEmpty(t.Get(row, "launcher"));
  item.submarine = NonEmpty(t.Get(row, "submarine"));
  item.source = t.Get(row, "source");
  VERITY_ASSIGN_OR_RETURN(item.warheads, CsvInt(t.Get(row, "warheads"), FieldPath(item, "warheads"),
                                                -kMaxWarheadsField, kMaxWarheadsField));
  VERITY_ASSIGN_OR_RETURN(auto count,
                          CsvInt(t.Get(row, "count"), FieldPath(item, "count"), 1, kMaxCount));
  item.count = count.value_or(1);
  const std::string& elim = t.Get(row, "eliminated");
  if (elim != "" && elim != "true" && elim != "false") {
    return InvalidArgument(FieldPath(item, "eliminated") + ": expected true or false, got " +
                           Quote(elim));
  }
  item.eliminated = elim == "true";
  return item;
}

}  // namespace

StatusOr<std::vector<RawItem>> ReadCsvItems(std::string_view text, const std::string& source,
                                            size_t max_rows) {
  VERITY_ASSIGN_OR_RETURN(CsvTable t, CsvTable::Parse(text, source, max_rows));
  for (const auto& col : t.header()) {
    if (std::find(std::begin(kCsvColumns), std::end(kCsvColumns), col) == std::end(kCsvColumns)) {
      std::string known;
      for (auto c : kCsvColumns) known += (known.empty() ? "" : ", ") + std::string(c);
      return InvalidArgument(source + ": line 1: unknown column " + Quote(col) +
                             " (expected: " + known + ")");
    }
  }
  std::vector<RawItem> out;
  for (const auto& row : t.rows()) {
    VERITY_ASSIGN_OR_RETURN(RawItem item, ReadCsvRow(t, row, source));
    out.push_back(std::move(item));
  }
  return out;
}

}  // namespace verity::forces::internal
