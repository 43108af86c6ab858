#include "stats/declaration_force.h"

#include <algorithm>
#include <filesystem>
#include <map>
#include <vector>

#include "core/text.h"
#include "forces/counter.h"
#include "forces/declaration_io.h"
#include "stats/scenario_toml.h"

namespace verity::stats {
namespace {

using forces::Declaration;
using treaty::FacilityType;

std::vector<FacilityType> QuotaSites(const treaty::Treaty& t, const char* id,
                                     std::vector<FacilityType> fallback) {
  const treaty::InspectionQuota* q = t.FindQuota(id);
  return q != nullptr ? q->sites : fallback;
}

bool Contains(const std::vector<FacilityType>& v, FacilityType f) {
  return std::find(v.begin(), v.end(), f) != v.end();
}

// Deployed missiles and their warheads per facility index.
StatusOr<std::map<int32_t, std::pair<int64_t, int64_t>>> DeployedByFacility(
    const Declaration& d, const treaty::Treaty& t) {
  const int icbm = t.FindCategory("deployed_icbm"), slbm = t.FindCategory("deployed_slbm");
  if (icbm < 0 || slbm < 0) {
    return InvalidArgument("treaty " + t.id +
                           ": needs the categories deployed_icbm and deployed_slbm");
  }
  const uint64_t deployed = (uint64_t{1} << icbm) | (uint64_t{1} << slbm);
  const forces::Counter counter(t);
  const std::vector<uint8_t> loaded = forces::Loaded(d);
  std::map<int32_t, std::pair<int64_t, int64_t>> out;
  for (size_t i = 0; i < d.items.size(); ++i) {
    const forces::Item& item = d.items[i];
    if (item.kind != treaty::ItemKind::kMissile || item.facility == forces::kNoIndex) continue;
    if ((counter.Classify(d, i, loaded) & deployed) == 0) continue;
    auto& [missiles, warheads] = out[item.facility];
    ++missiles;
    warheads += item.warheads;
  }
  return out;
}

int64_t ItemsAt(const Declaration& d, int32_t facility) {
  return std::count_if(d.items.begin(), d.items.end(), [&](const forces::Item& item) {
    return item.facility == facility && !item.eliminated;
  });
}

// Copies weight, overloaded and undeclared from each adjustment onto the
// declared site of the same id.
Status ApplyAdjustments(const std::vector<Site>& adjustments, Force* force) {
  for (size_t i = 0; i < adjustments.size(); ++i) {
    const Site& a = adjustments[i];
    auto it = std::find_if(force->sites.begin(), force->sites.end(),
                           [&](const Site& s) { return s.id == a.id; });
    if (it == force->sites.end()) {
      return InvalidArgument("sites[" + std::to_string(i) + "].id: no inspectable site " +
                             Quote(a.id) + " in the declaration");
    }
    it->weight = a.weight;
    it->overloaded = a.overloaded;
    it->undeclared = a.undeclared;
  }
  return Status::Ok();
}

std::string Resolve(const std::string& base_dir, const std::string& name) {
  if (!name.ends_with(".toml")) return name;  // a shipped treaty's name
  return (std::filesystem::path(base_dir) / name).lexically_normal().string();
}

}  // namespace

StatusOr<Force> ForceFromDeclaration(const Declaration& d, const treaty::Treaty& t) {
  using F = FacilityType;
  const auto one = QuotaSites(t, "type_one", {F::kIcbmBase, F::kSubmarineBase, F::kAirBase});
  const auto two = QuotaSites(t, "type_two", {F::kStorageFacility, F::kTestRange});
  VERITY_ASSIGN_OR_RETURN(const auto deployed, DeployedByFacility(d, t));
  Force force;
  for (size_t f = 0; f < d.facilities.size(); ++f) {
    const forces::Facility& facility = d.facilities[f];
    Site s;
    s.id = facility.id;
    auto it = deployed.find(static_cast<int32_t>(f));
    if (Contains(one, facility.type) && it != deployed.end()) {
      s.kind = SiteKind::kBase;
      s.deployed_missiles = it->second.first;
      s.declared_warheads = (it->second.second + s.deployed_missiles / 2) / s.deployed_missiles;
    } else if (Contains(two, facility.type)) {
      s.kind = SiteKind::kNonDeployed;
      s.non_deployed = ItemsAt(d, static_cast<int32_t>(f));
    } else {
      continue;
    }
    force.sites.push_back(std::move(s));
  }
  if (std::none_of(force.sites.begin(), force.sites.end(),
                   [](const Site& s) { return s.kind == SiteKind::kBase; })) {
    return InvalidArgument("the declaration has no deployed missile at an inspectable base");
  }
  return force;
}

namespace {

// The declaration a scenario file names: a file, or the ledger's state.
StatusOr<Declaration> ScenarioDeclaration(const ScenarioFile& file, const std::string& path,
                                          const LedgerStateSource& ledger_state) {
  if (file.declaration) return forces::LoadDeclaration(*file.declaration);
  const LedgerStateRef& ref = *file.ledger_state;
  if (!ledger_state) {
    return FailedPrecondition(
        path + ": ledger_state: this scenario reads the ledger; give one (--data DIR)");
  }
  auto d = ledger_state(ref.party, ref.as_of);
  if (!d.ok()) return d.status().WithContext(path + ": ledger_state");
  if (d->items.empty()) {
    return InvalidArgument(path + ": ledger_state: the ledger holds no items of " + ref.party +
                           " on " + ref.as_of.ToString());
  }
  return d;
}

}  // namespace

StatusOr<LoadedScenario> LoadScenario(const std::string& path,
                                      const LedgerStateSource& ledger_state) {
  VERITY_ASSIGN_OR_RETURN(ScenarioFile file, LoadScenarioToml(path));
  LoadedScenario out;
  out.scenario = std::move(file.scenario);
  out.trials = file.trials;
  out.seed = file.seed;
  if (file.declaration || file.ledger_state) {
    const std::string base_dir = std::filesystem::path(path).parent_path().string();
    VERITY_ASSIGN_OR_RETURN(const treaty::Treaty t,
                            treaty::LoadTreaty(Resolve(base_dir, file.treaty)));
    VERITY_ASSIGN_OR_RETURN(const Declaration d, ScenarioDeclaration(file, path, ledger_state));
    const std::string origin = file.declaration ? *file.declaration : path + ": ledger_state";
    auto force = ForceFromDeclaration(d, t);
    if (!force.ok()) return force.status().WithContext(origin);
    const std::vector<Site> adjustments = std::move(out.scenario.force.sites);
    out.scenario.force = std::move(*force);
    Status s = ApplyAdjustments(adjustments, &out.scenario.force);
    if (!s.ok()) return s.WithContext(path);
    out.declaration = file.declaration;
    out.ledger_state = file.ledger_state;
  }
  const Status s = ResolveScenario(&out.scenario);
  if (!s.ok()) return s.WithContext(path);
  return out;
}

}  // namespace verity::stats
