#include "forces/public_series.h"

#include <charconv>

#include "core/csv.h"
#include "core/resources.h"
#include "core/text.h"

namespace verity::forces {
namespace {

constexpr std::string_view kShipped = "public/newstart-aggregates.csv";

StatusOr<std::optional<int64_t>> Number(const std::string& s, const std::string& where) {
  if (s.empty()) return std::optional<int64_t>();
  int64_t v = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || p != s.data() + s.size() || v < 0) {
    return InvalidArgument(where + ": expected a non-negative integer or nothing, got " + Quote(s));
  }
  return std::optional<int64_t>(v);
}

}  // namespace

std::optional<int64_t> PublicAggregate::Get(std::string_view limit) const {
  if (limit == "deployed") return deployed;
  if (limit == "warheads") return warheads;
  if (limit == "launchers") return launchers;
  return std::nullopt;
}

StatusOr<std::vector<PublicAggregate>> ParsePublicSeries(std::string_view csv,
                                                         std::string_view source) {
  VERITY_ASSIGN_OR_RETURN(CsvTable t, CsvTable::Parse(csv, source));
  for (const char* col : {"date", "party", "deployed_delivery_vehicles", "warheads",
                          "deployed_and_nondeployed_launchers", "source"}) {
    if (t.Column(col) < 0)
      return InvalidArgument(std::string(source) + ": line 1: missing column " + Quote(col));
  }
  std::vector<PublicAggregate> out;
  for (const CsvRow& row : t.rows()) {
    const std::string where = std::string(source) + ": line " + std::to_string(row.line);
    PublicAggregate a;
    auto d = Date::Parse(t.Get(row, "date"));
    if (!d.ok()) return d.status().WithContext(where + ": date");
    a.date = *d;
    a.party = t.Get(row, "party");
    VERITY_ASSIGN_OR_RETURN(a.deployed, Number(t.Get(row, "deployed_delivery_vehicles"), where));
    VERITY_ASSIGN_OR_RETURN(a.warheads, Number(t.Get(row, "warheads"), where));
    VERITY_ASSIGN_OR_RETURN(a.launchers,
                            Number(t.Get(row, "deployed_and_nondeployed_launchers"), where));
    a.source = t.Get(row, "source");
    out.push_back(std::move(a));
  }
  return out;
}

StatusOr<std::vector<PublicAggregate>> LoadPublicSeries() {
  auto text = EmbeddedFile(kShipped);
  if (!text) return Internal("the public series is not embedded in this build");
  return ParsePublicSeries(*text, kShipped);
}

}  // namespace verity::forces
