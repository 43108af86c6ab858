#include "forces/compare.h"

#include <algorithm>

#include "core/table.h"
#include "forces/ranges.h"
#include "forces/report.h"

namespace verity::forces {
namespace {

// Limit ids in first-appearance order across the treaties, with the name
// of the first treaty that has each.
std::vector<std::pair<std::string, std::string>> LimitUnion(const std::vector<const treaty::Treaty*>& ts) {
  std::vector<std::pair<std::string, std::string>> out;
  for (const treaty::Treaty* t : ts) {
    for (const treaty::Limit& l : t->limits) {
      const bool seen = std::any_of(out.begin(), out.end(), [&](const auto& p) { return p.first == l.id; });
      if (!seen) out.emplace_back(l.id, l.name);
    }
  }
  return out;
}

std::string Signed(int64_t n) { return (n >= 0 ? "+" : "") + std::to_string(n); }

std::string CellText(const CompareCell& c) {
  if (!c.present) return "absent";
  std::string count = std::to_string(c.count);
  if (c.low && c.high) count += " [" + std::to_string(*c.low) + ".." + std::to_string(*c.high) + "]";
  return count + "/" + std::to_string(c.max) + " (" + Signed(c.max - c.count) + ") " +
         std::string(treaty::Name(c.status));
}

}  // namespace

Comparison Compare(const std::vector<const treaty::Treaty*>& treaties,
                   const std::vector<const Declaration*>& declarations, std::optional<Date> as_of) {
  Comparison out{treaties, {}};
  const auto limits = LimitUnion(treaties);
  for (const Declaration* d : declarations) {
    const size_t first = out.rows.size();
    for (const auto& [id, name] : limits) {
      out.rows.push_back({d->party, as_of.value_or(d->as_of), id, name,
                          std::vector<CompareCell>(treaties.size())});
    }
    for (size_t t = 0; t < treaties.size(); ++t) {
      const Counter counter(*treaties[t]);
      const Report r = MakeReport(counter, *d, as_of.value_or(d->as_of));
      const auto ranges = CountRanges(counter, *d);
      for (size_t l = 0; l < treaties[t]->limits.size(); ++l) {
        const treaty::Limit& lim = treaties[t]->limits[l];
        const size_t row = first + static_cast<size_t>(
            std::find_if(limits.begin(), limits.end(), [&](const auto& p) { return p.first == lim.id; }) -
            limits.begin());
        CompareCell& c = out.rows[row].cells[t];
        c.present = true;
        c.count = r.counts.limits[l].count;
        c.max = lim.max;
        c.status = treaties[t]->StatusOn(r.as_of, lim, c.count);
        if (ranges) c.low = ranges->low.limits[l].count, c.high = ranges->high.limits[l].count;
      }
    }
  }
  return out;
}

Json CompareJson(const Comparison& c) {
  Json treaties = Json::array();
  for (const treaty::Treaty* t : c.treaties) treaties.push_back({{"id", t->id}, {"name", t->name}});
  Json rows = Json::array();
  for (const CompareRow& row : c.rows) {
    Json cells = Json::object();
    for (size_t t = 0; t < c.treaties.size(); ++t) {
      const CompareCell& cell = row.cells[t];
      if (!cell.present) {
        cells[c.treaties[t]->id] = nullptr;
        continue;
      }
      Json j = {{"count", cell.count}, {"max", cell.max}, {"headroom", cell.max - cell.count},
                {"status", treaty::Name(cell.status)}};
      if (cell.low) j["count_low"] = *cell.low, j["count_high"] = *cell.high;
      cells[c.treaties[t]->id] = std::move(j);
    }
    rows.push_back({{"party", row.party}, {"as_of", row.as_of.ToString()}, {"limit", row.limit},
                    {"name", row.name}, {"cells", cells}});
  }
  return {{"treaties", treaties}, {"rows", rows}};
}

std::string CompareText(const Comparison& c) {
  std::vector<std::string> header{"party", "as of", "limit"};
  for (const treaty::Treaty* t : c.treaties) header.push_back(t->id);
  TextTable table(header);
  for (const CompareRow& row : c.rows) {
    std::vector<std::string> cells{row.party, row.as_of.ToString(), row.limit};
    for (const CompareCell& cell : row.cells) cells.push_back(CellText(cell));
    table.AddRow(cells);
  }
  return "Treaties side by side: count/max (headroom) status\n" + table.ToText();
}

std::string CompareCsv(const Comparison& c) {
  TextTable table({"party", "as_of", "limit", "treaty", "count", "max", "headroom", "status", "count_low", "count_high"});
  for (const CompareRow& row : c.rows) {
    for (size_t t = 0; t < c.treaties.size(); ++t) {
      const CompareCell& cell = row.cells[t];
      std::vector<std::string> r{row.party, row.as_of.ToString(), row.limit, c.treaties[t]->id};
      if (!cell.present) {
        r.insert(r.end(), {"", "", "", "absent", "", ""});
      } else {
        r.insert(r.end(), {std::to_string(cell.count), std::to_string(cell.max), std::to_string(cell.max - cell.count),
                           std::string(treaty::Name(cell.status)), cell.low ? std::to_string(*cell.low) : "",
                           cell.high ? std::to_string(*cell.high) : ""});
      }
      table.AddRow(std::move(r));
    }
  }
  return table.ToCsv();
}

}  // namespace verity::forces
