// The Monte Carlo scenario: a force (sites and what they hold), a
// concealment strategy and an inspection policy (docs/statistics.md).
//
// The model is independent of any file format: scenario_toml.h reads it
// from TOML, and a declaration can be turned into a Force by the caller.
// Field names match the scenario file's keys, so validation errors name
// the key path ("sites[2].overloaded: ...").
//
// Plain values; thread-safe for concurrent const use.
#ifndef VERITY_STATS_SCENARIO_H_
#define VERITY_STATS_SCENARIO_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace verity::stats {

inline constexpr int64_t kMaxInspectionsPerYear = 10000;
inline constexpr int64_t kMaxItemsPerSite = int64_t{1} << 31;

// Type One sites hold deployed missiles (bases); Type Two sites hold only
// non-deployed items.
enum class SiteKind { kBase, kNonDeployed };

struct Site {
  std::string id;
  SiteKind kind = SiteKind::kBase;
  int64_t deployed_missiles = 0;  // bases only
  int64_t declared_warheads = 0;  // per deployed missile, as declared
  int64_t non_deployed = 0;       // declared non-deployed items
  double weight = 1;              // for SiteChoice::kGiven
  // Set by the concealment strategy (or given per site with Spread::kExplicit):
  int64_t overloaded = 0;  // deployed missiles carrying more warheads than declared
  int64_t undeclared = 0;  // undeclared items hidden at the site
};

struct Force {
  std::vector<Site> sites;
};

// How `overloaded_missiles` are spread over bases:
//  proportional: by deployed missiles (largest remainder);
//  even: equal shares, capped by each base's size, remainder to the first bases;
//  concentrated: filling the largest bases first;
//  explicit: as given by each site's `overloaded`.
enum class Spread { kProportional, kEven, kConcentrated, kExplicit };

struct Concealment {
  int64_t overloaded_missiles = 0;
  Spread spread = Spread::kProportional;
  int64_t extra_warheads = 1;  // per overloaded missile (reported, not simulated)
};

// How a site is chosen for each inspection:
//  uniform: every eligible site alike;
//  weighted: by deployed missiles (Type One) or non-deployed items (Type Two);
//  given: by each site's `weight`.
enum class SiteChoice { kUniform, kWeighted, kGiven };

// distinct: a missile designated once in the treaty year is not designated
// again; independent: each designation is uniform over the base's missiles.
enum class Designation { kDistinct, kIndependent };

struct InspectionPolicy {
  int64_t type_one_per_year = 10;
  int64_t type_two_per_year = 8;
  SiteChoice site_choice = SiteChoice::kUniform;
  Designation designation = Designation::kDistinct;
  // Chance that an inspection notices a non-compliant item it looks at.
  double detection_probability = 1;
};

struct Scenario {
  std::string name;
  Force force;
  Concealment concealment;
  InspectionPolicy inspection;
};

// Checks ranges and consistency, and fills each site's `overloaded` from the
// concealment strategy (unless explicit). InvalidArgument naming the key
// path, e.g. "concealment.overloaded_missiles: 500 exceeds the 450 deployed
// missiles at bases".
Status ResolveScenario(Scenario* scenario);

std::string_view SpreadName(Spread s);
std::string_view SiteChoiceName(SiteChoice c);
std::string_view DesignationName(Designation d);
std::string_view SiteKindName(SiteKind k);

}  // namespace verity::stats

#endif  // VERITY_STATS_SCENARIO_H_
