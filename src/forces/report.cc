#include "forces/report.h"

#include "core/table.h"

namespace verity::forces {
namespace {

const std::string& FacilityId(const Declaration& d, size_t f) {
  static const std::string kAtSea = "at_sea";
  return f < d.facilities.size() ? d.facilities[f].id : kAtSea;
}

std::string WhereId(const Declaration& d, const Item& it) {
  return it.facility == kNoIndex ? "at_sea" : d.facilities[static_cast<size_t>(it.facility)].id;
}

treaty::LimitStatus StatusOf(const Report& r, size_t l) {
  return r.treaty->StatusOn(r.as_of, r.treaty->limits[l], r.counts.limits[l].count);
}

}  // namespace

bool Report::AnyOver() const {
  for (size_t l = 0; l < counts.limits.size(); ++l) {
    if (StatusOf(*this, l) == treaty::LimitStatus::kOver) return true;
  }
  return false;
}

Report MakeReport(const Counter& counter, const Declaration& d, Date as_of) {
  return Report{&counter.treaty(), &d, as_of, counter.Count(d)};
}

Json ReportJson(const Report& r) {
  const Declaration& d = *r.declaration;
  Json out = {{"treaty", r.treaty->id},
              {"treaty_name", r.treaty->name},
              {"party", d.party},
              {"as_of", r.as_of.ToString()},
              {"declared_as_of", d.as_of.ToString()},
              {"limits", Json::array()},
              {"categories", Json::array()}};
  for (size_t l = 0; l < r.treaty->limits.size(); ++l) {
    const treaty::Limit& lim = r.treaty->limits[l];
    const LimitCount& c = r.counts.limits[l];
    Json by_type = Json::object(), by_facility = Json::object();
    for (size_t t = 0; t < c.by_type.size(); ++t) {
      if (c.by_type[t]) by_type[d.types[t].id] = c.by_type[t];
    }
    for (size_t f = 0; f < c.by_facility.size(); ++f) {
      if (c.by_facility[f]) by_facility[FacilityId(d, f)] = c.by_facility[f];
    }
    out["limits"].push_back({{"id", lim.id},
                             {"name", lim.name},
                             {"count", c.count},
                             {"max", lim.max},
                             {"headroom", lim.max - c.count},
                             {"status", treaty::Name(StatusOf(r, l))},
                             {"by_type", by_type},
                             {"by_facility", by_facility}});
  }
  for (size_t c = 0; c < r.treaty->categories.size(); ++c) {
    out["categories"].push_back(
        {{"id", r.treaty->categories[c].id}, {"count", r.counts.categories[c]}});
  }
  return out;
}

std::string LimitsText(const Report& r) {
  TextTable t({"limit", "count", "max", "headroom", "status"});
  for (size_t l = 0; l < r.treaty->limits.size(); ++l) {
    const auto& lim = r.treaty->limits[l];
    const int64_t n = r.counts.limits[l].count;
    t.AddRow({lim.id, std::to_string(n), std::to_string(lim.max), std::to_string(lim.max - n),
              std::string(treaty::Name(StatusOf(r, l)))});
  }
  return r.treaty->name + " - " + r.declaration->party + " as of " + r.as_of.ToString() + "\n" +
         t.ToText();
}

std::string ReportText(const Report& r) {
  const Declaration& d = *r.declaration;
  std::string out = LimitsText(r) + "\nCategories\n";
  TextTable cats({"category", "items", "description"});
  for (size_t c = 0; c < r.treaty->categories.size(); ++c) {
    cats.AddRow({r.treaty->categories[c].id, std::to_string(r.counts.categories[c]),
                 r.treaty->categories[c].description});
  }
  out += cats.ToText();
  for (size_t l = 0; l < r.treaty->limits.size(); ++l) {
    const LimitCount& c = r.counts.limits[l];
    TextTable t({"by", "id", "name", "count"});
    for (size_t k = 0; k < c.by_type.size(); ++k) {
      if (c.by_type[k])
        t.AddRow({"type", d.types[k].id, d.types[k].name, std::to_string(c.by_type[k])});
    }
    for (size_t f = 0; f < c.by_facility.size(); ++f) {
      if (!c.by_facility[f]) continue;
      const std::string name = f < d.facilities.size() ? d.facilities[f].name : "at sea";
      t.AddRow({"facility", FacilityId(d, f), name, std::to_string(c.by_facility[f])});
    }
    out += "\n" + r.treaty->limits[l].id + ": " + r.treaty->limits[l].name + "\n" + t.ToText();
  }
  return out;
}

std::string ReportCsv(const Report& r) {
  const Declaration& d = *r.declaration;
  TextTable t({"party", "as_of", "limit", "group", "key", "count", "max", "status"});
  for (size_t l = 0; l < r.treaty->limits.size(); ++l) {
    const auto& lim = r.treaty->limits[l];
    const LimitCount& c = r.counts.limits[l];
    const std::string st(treaty::Name(StatusOf(r, l)));
    const std::string mx = std::to_string(lim.max);
    t.AddRow({d.party, r.as_of.ToString(), lim.id, "total", "", std::to_string(c.count), mx, st});
    for (size_t k = 0; k < c.by_type.size(); ++k) {
      if (c.by_type[k])
        t.AddRow({d.party, r.as_of.ToString(), lim.id, "type", d.types[k].id,
                  std::to_string(c.by_type[k]), mx, st});
    }
    for (size_t f = 0; f < c.by_facility.size(); ++f) {
      if (c.by_facility[f])
        t.AddRow({d.party, r.as_of.ToString(), lim.id, "facility", FacilityId(d, f),
                  std::to_string(c.by_facility[f]), mx, st});
    }
  }
  return t.ToCsv();
}

Json ExplainJson(const Counter& counter, const Declaration& d, int limit) {
  Json out = Json::array();
  for (const Contribution& c : counter.Explain(d, limit)) {
    const Item& it = d.items[static_cast<size_t>(c.item)];
    out.push_back({{"uid", it.uid},
                   {"type", d.types[static_cast<size_t>(it.type)].id},
                   {"facility", WhereId(d, it)},
                   {"amount", c.amount}});
  }
  return out;
}

std::string ExplainText(const Counter& counter, const Declaration& d, int limit) {
  TextTable t({"uid", "type", "facility", "counts"});
  int64_t total = 0;
  for (const Contribution& c : counter.Explain(d, limit)) {
    const Item& it = d.items[static_cast<size_t>(c.item)];
    t.AddRow({it.uid, d.types[static_cast<size_t>(it.type)].id, WhereId(d, it),
              std::to_string(c.amount)});
    total += c.amount;
  }
  const auto& lim = counter.treaty().limits[static_cast<size_t>(limit)];
  return lim.id + ": " + lim.name + "\n" + t.ToText() + std::to_string(t.size()) +
         " items, total " + std::to_string(total) + "\n";
}

}  // namespace verity::forces
