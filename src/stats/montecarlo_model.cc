#include "stats/montecarlo_model.h"

#include <algorithm>
#include <string>

#include "stats/montecarlo.h"
#include "stats/rng.h"

namespace verity::stats {
namespace {

double ChoiceWeight(const Site& s, SiteChoice choice) {
  switch (choice) {
    case SiteChoice::kUniform:
      return 1.0;
    case SiteChoice::kWeighted:
      return static_cast<double>(s.kind == SiteKind::kBase ? s.deployed_missiles : s.non_deployed);
    case SiteChoice::kGiven:
      return s.weight;
  }
  return 0.0;
}

StatusOr<SiteTable> BuildSiteTable(const Scenario& sc, SiteKind kind, int64_t inspections) {
  SiteTable t;
  for (size_t i = 0; i < sc.force.sites.size(); ++i) {
    const Site& s = sc.force.sites[i];
    const double w = ChoiceWeight(s, sc.inspection.site_choice);
    if (s.kind != kind || w <= 0) continue;
    if (kind == SiteKind::kBase && s.deployed_missiles == 0) continue;
    t.weight.push_back(w);
    t.site.push_back(static_cast<uint32_t>(i));
    t.missiles.push_back(static_cast<uint32_t>(s.deployed_missiles));
    t.overloaded.push_back(static_cast<uint32_t>(s.overloaded));
    t.undeclared.push_back(s.undeclared > 0 ? 1 : 0);
  }
  if (t.weight.empty()) {
    if (inspections == 0) return t;
    const bool one = kind == SiteKind::kBase;
    return InvalidArgument(
        std::string(one ? "inspection.type_one_per_year: " : "inspection.type_two_per_year: ") +
        std::to_string(inspections) + (one ? " Type One" : " Type Two") + " inspections but no " +
        (one ? "base with deployed missiles" : "non_deployed site") + " with a positive weight");
  }
  t.choice = AliasTable::Build(t.weight);
  return t;
}

// The distribution of a year of `visits` Type Two visits to the sites of `t`.
TypeTwoYear BuildTypeTwoYear(const SiteTable& t, int64_t visits, double p) {
  TypeTwoYear y;
  double total = 0;
  for (const double w : t.weight) total += w;
  std::vector<double> noticed;
  for (size_t c = 0; c < t.site.size(); ++c) {
    if (t.undeclared[c] == 0 || p <= 0) continue;
    noticed.push_back(t.weight[c] / total * p);
    y.site.push_back(t.site[c]);
  }
  if (visits == 0 || noticed.empty()) return y;
  y.active = true;
  double q_notice = 0;  // summed directly: 1 - q_0 would lose digits
  for (const double q : noticed) q_notice += q;
  const double q_none = std::max(0.0, 1.0 - q_notice);
  // q_0^j by repeated multiplication, not std::pow: the same bits on every
  // platform and C library.
  std::vector<double> first;
  double none_so_far = 1;
  for (int64_t j = 0; j < visits; ++j, none_so_far *= q_none)
    first.push_back(none_so_far * q_notice);
  first.push_back(none_so_far);
  y.first = AliasTable::Build(first);
  y.noticed = AliasTable::Build(noticed);
  noticed.push_back(q_none);
  y.visit = AliasTable::Build(noticed);
  return y;
}

}  // namespace

StatusOr<Model> CompileModel(const Scenario& sc) {
  Model m;
  m.sites = sc.force.sites.size();
  for (const InspectionStep& step :
       InspectionSchedule(sc.inspection.type_one_per_year, sc.inspection.type_two_per_year)) {
    m.step_is_type_one.push_back(step.kind == SiteKind::kBase ? 1 : 0);
  }
  VERITY_ASSIGN_OR_RETURN(m.one,
                          BuildSiteTable(sc, SiteKind::kBase, sc.inspection.type_one_per_year));
  VERITY_ASSIGN_OR_RETURN(const SiteTable two, BuildSiteTable(sc, SiteKind::kNonDeployed,
                                                              sc.inspection.type_two_per_year));
  const double p = sc.inspection.detection_probability;
  m.two = BuildTypeTwoYear(two, sc.inspection.type_two_per_year, p);
  m.hidden_at_bases = p > 0 && std::find(m.one.undeclared.begin(), m.one.undeclared.end(), 1) !=
                                   m.one.undeclared.end();
  m.notice_threshold = ProbabilityThreshold(p);
  m.coin_word = std::any_of(m.one.missiles.begin(), m.one.missiles.end(),
                            [](uint32_t n) { return n > kCoinFromProductMissiles; });
  m.distinct = sc.inspection.designation == Designation::kDistinct;
  return m;
}

}  // namespace verity::stats
