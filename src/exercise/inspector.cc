#include "exercise/inspector.h"

#include <algorithm>
#include <map>

#include "exercise/force.h"
#include "stats/plan.h"

namespace verity::exercise {
namespace {

using forces::Declaration;
using forces::Item;

// Systematic sampling of the plan's marginal means: one uniform U, points
// U + i (i < M) on the cumulative sums; a base gets the points in its span.
std::vector<std::string> Allocate(const std::vector<std::string>& sites,
                                  const std::vector<double>& means, int64_t m, Draws* draws) {
  std::vector<std::string> out;
  const double u = draws->Uniform();
  double low = 0;
  int64_t i = 0;
  for (size_t b = 0; b < sites.size(); ++b) {
    const double high = low + means[b];
    while (i < m && u + static_cast<double>(i) < high) {
      out.push_back(sites[b]);
      ++i;
    }
    low = high;
  }
  // Rounding can leave the last point past the last span: it goes at random.
  while (static_cast<int64_t>(out.size()) < m) out.push_back(sites[draws->Below(sites.size())]);
  return out;
}

StatusOr<std::vector<std::string>> PlannerSites(const Script& s, const forces::Counter& counter,
                                                const Declaration& declared,
                                                const std::vector<std::string>& eligible,
                                                double* value, Draws* draws) {
  stats::PlanInput in;
  for (const std::string& site : eligible) {
    in.bases.push_back({site, static_cast<int64_t>(Designatable(declared, counter, site).size())});
  }
  in.inspections = s.policy.type_one;
  in.overloaded = s.policy.assumed_hidden;
  in.detection_probability = s.policy.detection_probability;
  VERITY_ASSIGN_OR_RETURN(stats::PlanResult plan, stats::PlanInspections(in));
  *value = plan.detection_probability;
  return Allocate(eligible, plan.expected_inspections, s.policy.type_one, draws);
}

std::vector<std::string> RandomSites(const std::vector<std::string>& eligible, int64_t n,
                                     Draws* draws) {
  std::vector<std::string> out;
  for (int64_t i = 0; i < n; ++i) out.push_back(eligible[draws->Below(eligible.size())]);
  return out;
}

// The sites of one kind's visits for the year.
StatusOr<std::vector<std::string>> SitesOf(const Script& s, const forces::Counter& counter,
                                           const Declaration& declared, const char* kind, int64_t n,
                                           YearPlan* plan, Draws* draws) {
  const treaty::InspectionQuota* q = counter.treaty().FindQuota(kind);
  if (q == nullptr || n == 0) return std::vector<std::string>{};
  const std::vector<std::string> eligible = EligibleSites(declared, counter, *q);
  if (eligible.empty()) return std::vector<std::string>{};
  if (s.policy.choice == Choice::kPlanner && std::string_view(kind) == "type_one") {
    return PlannerSites(s, counter, declared, eligible, &plan->planned_detection, draws);
  }
  return RandomSites(eligible, n, draws);
}

// The item as reported: the truth's if noticed, else the declaration's
// (nullptr where the chosen state does not have it).
const Item* Reported(const Declaration& declared, const Declaration& truth, const std::string& uid,
                     bool noticed) {
  const Declaration& d = noticed ? truth : declared;
  const int32_t i = d.FindItem(uid);
  return i == forces::kNoIndex ? nullptr : &d.items[static_cast<size_t>(i)];
}

}  // namespace

uint64_t Draws::Below(uint64_t n) { return stats::Below(rng_.Next(), n); }

bool Draws::Chance(double p) { return rng_.Next() < stats::ProbabilityThreshold(p); }

double Draws::Uniform() { return rng_.Next() / 4294967296.0; }

StatusOr<YearPlan> PlanYear(const Script& s, const forces::Counter& counter,
                            const Declaration& declared, Date from, Date to, Draws* draws) {
  YearPlan plan;
  VERITY_ASSIGN_OR_RETURN(
      auto one, SitesOf(s, counter, declared, "type_one", s.policy.type_one, &plan, draws));
  VERITY_ASSIGN_OR_RETURN(
      auto two, SitesOf(s, counter, declared, "type_two", s.policy.type_two, &plan, draws));
  std::vector<Visit> visits;
  for (const std::string& site : one) visits.push_back({Date(), "type_one", site});
  for (const std::string& site : two) visits.push_back({Date(), "type_two", site});
  // A random order (Fisher-Yates), then evenly spread dates.
  for (size_t i = visits.size(); i > 1; --i) std::swap(visits[i - 1], visits[draws->Below(i)]);
  const int64_t days = to.days() - from.days();
  for (size_t i = 0; i < visits.size(); ++i) {
    const int64_t offset =
        days * static_cast<int64_t>(2 * i + 1) / static_cast<int64_t>(2 * visits.size());
    visits[i].date = from.AddDays(static_cast<int>(offset));
  }
  plan.visits = std::move(visits);
  return plan;
}

std::vector<std::string> Designate(const forces::Counter& counter, const Declaration& declared,
                                   const Visit& visit, Draws* draws) {
  const treaty::InspectionQuota* q = counter.treaty().FindQuota(visit.kind);
  std::vector<std::string> pool = Designatable(declared, counter, visit.site);
  std::vector<std::string> out;
  const int64_t n = q == nullptr ? 0 : q->designations;
  while (static_cast<int64_t>(out.size()) < n && !pool.empty()) {
    const size_t k = draws->Below(pool.size());
    out.push_back(pool[k]);
    pool.erase(pool.begin() + static_cast<std::ptrdiff_t>(k));
  }
  return out;
}

inspect::Findings Observe(const Visit& visit, const std::vector<std::string>& designated,
                          const Declaration& declared, const Declaration& truth,
                          const std::set<std::string>& deviating, double p, Draws* draws) {
  std::map<std::string, const Item*> view;  // uid -> as reported, sorted by UID
  for (const Declaration* d : {&declared, &truth}) {
    for (const Item& it : d->items) {
      if (view.contains(it.uid)) continue;
      const bool noticed = deviating.contains(it.uid) && draws->Chance(p);
      view[it.uid] = Reported(declared, truth, it.uid, noticed);
    }
  }
  inspect::Findings f;
  f.inspection.kind = visit.kind;
  f.inspection.site = visit.site;
  f.inspection.date = visit.date;
  f.inspection.designated = designated;
  std::map<std::string, int64_t> by_type;
  for (const auto& [uid, it] : view) {
    // The truth shares the declaration's facilities and types (script.h).
    if (it == nullptr || it->eliminated || FacilityIdOf(declared, *it) != visit.site) continue;
    f.uids_seen.push_back(uid);
    ++by_type[declared.types[static_cast<size_t>(it->type)].id];
  }
  for (const auto& [type, n] : by_type) f.items_counted.push_back({type, n});
  for (const std::string& uid : designated) {
    const Item* it = view[uid];
    if (it == nullptr || it->kind != treaty::ItemKind::kMissile) continue;
    if (std::find(f.uids_seen.begin(), f.uids_seen.end(), uid) == f.uids_seen.end()) continue;
    f.reentry_vehicles.push_back({uid, it->warheads});
  }
  return f;
}

}  // namespace verity::exercise
