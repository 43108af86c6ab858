// Reading a Monte Carlo scenario from TOML (format: docs/statistics.md,
// examples in data/scenarios/).
//
//   name = "..."
//   declaration = "../declarations/x.json"   # or [ledger_state], or [[sites]] inline
//   [ledger_state] party, as_of               # the party's state replayed from
//                                             # the ledger on that date
//   treaty = "new-start"                      # with a declaration: which sites
//                                             # each inspection type may visit
//   [[sites]]    id, kind ("base" | "non_deployed"), deployed_missiles,
//                declared_warheads, non_deployed, weight, overloaded, undeclared
//                (with a declaration: only id, weight, overloaded, undeclared,
//                adjusting the declared facility of that id)
//   [concealment] overloaded_missiles, spread, extra_warheads
//   [inspection]  type_one_per_year, type_two_per_year, site_choice,
//                 designation, detection_probability
//   [simulation]  trials, seed
//
// Every error is InvalidArgument "<source>: <key path> (line L): <what was
// expected>", e.g. "s.toml: sites[1].deployed_missiles (line 9): expected an
// integer between 0 and 2147483648, got -4". Unknown keys are errors.
//
// Pure functions, thread-safe.
#ifndef VERITY_STATS_SCENARIO_TOML_H_
#define VERITY_STATS_SCENARIO_TOML_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/date.h"
#include "core/status.h"
#include "stats/scenario.h"

namespace verity::stats {

// A declaration taken from the notification ledger: `party`'s state
// replayed to the end of `as_of`.
struct LedgerStateRef {
  std::string party;
  Date as_of;
};

struct ScenarioFile {
  // With a declaration or a ledger state, scenario.force.sites holds only the per-site
  // adjustments (id, weight, overloaded, undeclared).
  Scenario scenario;
  // The declaration file named by the scenario, resolved against the
  // scenario file's directory.
  std::optional<std::string> declaration;
  // Or the declaration is the ledger's state (never both).
  std::optional<LedgerStateRef> ledger_state;
  std::string treaty = "new-start";
  std::optional<uint64_t> trials;
  std::optional<uint64_t> seed;
};

// Parses TOML text; `source` names it in errors and `base_dir` resolves a
// relative declaration path. Does not resolve the scenario (see
// ResolveScenario), so sites may still be missing when a declaration is named.
StatusOr<ScenarioFile> ParseScenarioToml(std::string_view text, std::string_view source,
                                         const std::string& base_dir);

// Reads and parses the file at `path` (NotFound if it does not exist).
StatusOr<ScenarioFile> LoadScenarioToml(const std::string& path);

}  // namespace verity::stats

#endif  // VERITY_STATS_SCENARIO_TOML_H_
