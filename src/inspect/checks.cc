#include "inspect/checks.h"

#include <algorithm>
#include <map>

namespace verity::inspect {
namespace {

using forces::Declaration;
using forces::Item;
using forces::kNoIndex;

Issue MakeIssue(std::string kind, std::string message, Json evidence) {
  return {std::move(kind), std::move(message), std::move(evidence)};
}

const std::string& FacilityIdOf(const Declaration& d, const Item& it) {
  static const std::string kAtSea = "at_sea";
  return it.facility == kNoIndex ? kAtSea : d.facilities[static_cast<size_t>(it.facility)].id;
}

int Used(const std::vector<Inspection>& notices, const treaty::Treaty& t, const std::string& party,
         const std::string& kind, int year) {
  return static_cast<int>(std::count_if(notices.begin(), notices.end(), [&](const Inspection& n) {
    return n.inspecting_party == party && n.kind == kind && t.TreatyYear(n.date) == year;
  }));
}

void CheckDesignations(const treaty::InspectionQuota& q, const Declaration& d, const Inspection& n,
                       std::vector<Issue>* out) {
  if (q.designations > 0 && static_cast<int>(n.designated.size()) > q.designations) {
    out->push_back(MakeIssue("too_many_designations",
                             std::to_string(n.designated.size()) + " items designated; " + q.name +
                                 " allows " + std::to_string(q.designations),
                             {{"designated", n.designated.size()}, {"allowed", q.designations}}));
  }
  for (const auto& uid : n.designated) {
    const int32_t i = d.FindItem(uid);
    if (i == kNoIndex) {
      out->push_back(MakeIssue("designated_unknown", "designated item " + uid + " is not declared",
                               {{"uid", uid}}));
    } else if (FacilityIdOf(d, d.items[static_cast<size_t>(i)]) != n.site) {
      const std::string where = FacilityIdOf(d, d.items[static_cast<size_t>(i)]);
      out->push_back(
          MakeIssue("designated_not_at_site",
                    "designated item " + uid + " is declared at " + where + ", not " + n.site,
                    {{"uid", uid}, {"declared_at", where}, {"site", n.site}}));
    }
  }
}

}  // namespace

std::vector<QuotaUse> QuotaUsage(const treaty::Treaty& treaty,
                                 const std::vector<Inspection>& notices,
                                 const std::string& inspecting_party, int year) {
  std::vector<QuotaUse> out;
  for (const auto& q : treaty.quotas) {
    QuotaUse u{q.id, q.name, q.per_year, 0, {}};
    for (const auto& n : notices) {
      if (n.inspecting_party == inspecting_party && n.kind == q.id &&
          treaty.TreatyYear(n.date) == year) {
        ++u.used;
        u.ledger_indices.push_back(n.ledger_index);
      }
    }
    out.push_back(std::move(u));
  }
  return out;
}

std::vector<Issue> CheckNotice(const treaty::Treaty& treaty, const Declaration& inspected,
                               const Inspection& notice, const std::vector<Inspection>& earlier) {
  std::vector<Issue> out;
  const treaty::InspectionQuota* q = treaty.FindQuota(notice.kind);
  if (q == nullptr) {
    out.push_back(MakeIssue("unknown_inspection_kind",
                            "'" + notice.kind + "' is not an inspection kind of " + treaty.name,
                            {{"kind", notice.kind}}));
    return out;
  }
  const int year = treaty.TreatyYear(notice.date);
  const int used = Used(earlier, treaty, notice.inspecting_party, notice.kind, year) + 1;
  if (used > q->per_year) {
    out.push_back(MakeIssue(
        "quota_exceeded",
        q->name + " inspection " + std::to_string(used) + " in treaty year " +
            std::to_string(year) + "; the quota is " + std::to_string(q->per_year),
        {{"kind", q->id}, {"treaty_year", year}, {"used", used}, {"allowed", q->per_year}}));
  }
  const int32_t f = inspected.FindFacility(notice.site);
  if (f == kNoIndex) {
    out.push_back(MakeIssue(
        "unknown_site",
        "site " + notice.site + " is not a declared facility of " + notice.inspected_party,
        {{"site", notice.site}}));
    return out;
  }
  const auto type = inspected.facilities[static_cast<size_t>(f)].type;
  if (std::find(q->sites.begin(), q->sites.end(), type) == q->sites.end()) {
    out.push_back(
        MakeIssue("site_not_eligible",
                  q->name + " inspections may not visit " + notice.site + " (a " +
                      std::string(treaty::Name(type)) + ")",
                  {{"site", notice.site}, {"facility_type", treaty::Name(type)}, {"kind", q->id}}));
  }
  CheckDesignations(*q, inspected, notice, &out);
  return out;
}

std::vector<Issue> CompareFindings(const Declaration& d, const Findings& f) {
  std::vector<Issue> out;
  const std::string& site = f.inspection.site;
  for (const auto& rv : f.reentry_vehicles) {
    const int32_t i = d.FindItem(rv.uid);
    if (i == kNoIndex) {
      out.push_back(
          MakeIssue("undeclared_uid", "missile " + rv.uid + " is not declared", {{"uid", rv.uid}}));
      continue;
    }
    const int64_t declared = d.items[static_cast<size_t>(i)].warheads;
    if (declared != rv.counted) {
      out.push_back(MakeIssue("rv_count_differs",
                              "missile " + rv.uid + ": " + std::to_string(rv.counted) +
                                  " reentry vehicles counted, " + std::to_string(declared) +
                                  " declared",
                              {{"uid", rv.uid}, {"declared", declared}, {"found", rv.counted}}));
    }
  }
  for (const auto& uid : f.uids_seen) {
    const int32_t i = d.FindItem(uid);
    if (i == kNoIndex) {
      out.push_back(MakeIssue("undeclared_uid",
                              "item " + uid + " seen at " + site + " is not declared",
                              {{"uid", uid}, {"site", site}}));
    } else if (FacilityIdOf(d, d.items[static_cast<size_t>(i)]) != site) {
      const std::string where = FacilityIdOf(d, d.items[static_cast<size_t>(i)]);
      out.push_back(MakeIssue("uid_elsewhere",
                              "item " + uid + " seen at " + site + " is declared at " + where,
                              {{"uid", uid}, {"site", site}, {"declared_at", where}}));
    }
  }
  std::map<std::string, int64_t> declared_by_type;
  for (const Item& it : d.items) {
    if (!it.eliminated && FacilityIdOf(d, it) == site)
      ++declared_by_type[d.types[static_cast<size_t>(it.type)].id];
  }
  for (const auto& tc : f.items_counted) {
    const int64_t declared = declared_by_type.count(tc.type) ? declared_by_type[tc.type] : 0;
    if (declared != tc.count) {
      out.push_back(MakeIssue(
          "type_count_differs",
          tc.type + " at " + site + ": " + std::to_string(tc.count) + " counted, " +
              std::to_string(declared) + " declared",
          {{"type", tc.type}, {"site", site}, {"declared", declared}, {"found", tc.count}}));
    }
  }
  return out;
}

}  // namespace verity::inspect
