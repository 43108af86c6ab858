#include "server/views.h"

#include <set>
#include <string>

namespace verity::server {
namespace {

Json OptNumber(const std::optional<int64_t>& v) { return v ? Json(*v) : Json(nullptr); }

Json DatesToJson(const treaty::TreatyDates& d) {
  return {{"signed", d.signed_on.ToString()},
          {"entry_into_force", d.entry_into_force.ToString()},
          {"limits_binding", d.limits_binding.ToString()},
          {"expiry", d.expiry.ToString()}};
}

Json LimitsToJson(const treaty::Treaty& t) {
  Json out = Json::array();
  for (const treaty::Limit& l : t.limits) {
    Json cats = Json::array();
    for (const treaty::Term& term : l.terms) cats.push_back(t.categories.at(term.category).id);
    out.push_back({{"id", l.id},
                   {"name", l.name},
                   {"max", l.max},
                   {"categories", cats},
                   {"source", l.source}});
  }
  return out;
}

Json QuotasToJson(const treaty::Treaty& t) {
  Json out = Json::array();
  for (const treaty::InspectionQuota& q : t.quotas) {
    out.push_back({{"id", q.id},
                   {"name", q.name},
                   {"per_year", q.per_year},
                   {"designations", q.designations},
                   {"source", q.source}});
  }
  return out;
}

// The latest row of `party` in which `limit` was published, or null.
const forces::PublicAggregate* LatestKnown(const std::vector<forces::PublicAggregate>& series,
                                           const std::string& party, const std::string& limit) {
  const forces::PublicAggregate* best = nullptr;
  for (const forces::PublicAggregate& a : series) {
    if (a.party != party || !a.Get(limit)) continue;
    if (best == nullptr || a.date > best->date) best = &a;
  }
  return best;
}

Json LimitStanding(const treaty::Treaty& t, const treaty::Limit& l,
                   const forces::PublicAggregate* row) {
  Json out = {{"id", l.id}, {"name", l.name}, {"max", l.max}};
  if (row == nullptr) {
    out.update({{"count", nullptr},
                {"headroom", nullptr},
                {"status", "unknown"},
                {"date", nullptr},
                {"source", nullptr}});
    return out;
  }
  const int64_t count = *row->Get(l.id);
  out.update({{"count", count},
              {"headroom", l.max - count},
              {"status", treaty::Name(t.StatusOn(row->date, l, count))},
              {"date", row->date.ToString()},
              {"source", row->source}});
  return out;
}

}  // namespace

Json TreatyToJson(const treaty::Treaty& t) {
  Json categories = Json::array();
  for (const treaty::Category& c : t.categories) {
    categories.push_back({{"id", c.id}, {"description", c.description}, {"source", c.source}});
  }
  Json deadlines = Json::array();
  for (const treaty::Deadline& d : t.deadlines) {
    deadlines.push_back({{"id", d.id}, {"days", d.days}, {"source", d.source}});
  }
  return {{"id", t.id},
          {"name", t.name},
          {"source", t.source},
          {"dates", DatesToJson(t.dates)},
          {"categories", categories},
          {"limits", LimitsToJson(t)},
          {"quotas", QuotasToJson(t)},
          {"deadlines", deadlines}};
}

Json AggregateToJson(const forces::PublicAggregate& a) {
  return {{"date", a.date.ToString()},           {"party", a.party},
          {"deployed", OptNumber(a.deployed)},   {"warheads", OptNumber(a.warheads)},
          {"launchers", OptNumber(a.launchers)}, {"source", a.source}};
}

Json PublicComplianceJson(const treaty::Treaty& t,
                          const std::vector<forces::PublicAggregate>& series,
                          std::optional<Date> today) {
  const bool in_force = !today || t.InForceOn(*today);
  std::set<std::string> parties;
  for (const forces::PublicAggregate& a : series) parties.insert(a.party);
  Json out = Json::array();
  for (const std::string& party : parties) {
    Json limits = Json::array();
    for (const treaty::Limit& l : t.limits) {
      Json standing = LimitStanding(t, l, LatestKnown(series, party, l.id));
      if (!in_force) {
        standing["status_on_date"] = standing["status"];
        standing["status"] = "not_in_force";
      }
      limits.push_back(std::move(standing));
    }
    out.push_back({{"party", party}, {"limits", limits}});
  }
  Json j = {{"treaty", t.id}, {"parties", out}};
  if (today) j.update({{"today", today->ToString()}, {"in_force", in_force}});
  return j;
}

Json PrincipalToJson(const Principal& p) {
  return {{"role", Name(p.role)},
          {"name", p.name},
          {"party", p.party.empty() ? Json(nullptr) : Json(p.party)}};
}

}  // namespace verity::server
