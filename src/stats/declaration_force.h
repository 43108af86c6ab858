// From a declaration to the Monte Carlo model, and loading a whole
// scenario file (TOML plus the declaration it names).
//
// ForceFromDeclaration: Type One sites are the facilities of the types the
// treaty's "type_one" inspection may visit that hold deployed missiles
// (deployed ICBMs, and deployed SLBMs on submarines in port), counted with
// the treaty's own rules; Type Two sites are the facilities its "type_two"
// inspection may visit, holding their declared items. Missiles at sea cannot
// be inspected and are left out; heavy bombers carry no designated missile
// and are not modelled.
//
// Pure functions; thread-safe.
#ifndef VERITY_STATS_DECLARATION_FORCE_H_
#define VERITY_STATS_DECLARATION_FORCE_H_

#include <cstdint>
#include <functional>
#include <optional>
#include <string>

#include "core/status.h"
#include "forces/model.h"
#include "stats/scenario.h"
#include "stats/scenario_toml.h"
#include "treaty/treaty.h"

namespace verity::stats {

// InvalidArgument if the treaty has no "deployed_icbm"/"deployed_slbm"
// categories or the declaration has no deployed missile at an inspectable base.
StatusOr<Force> ForceFromDeclaration(const forces::Declaration& declaration,
                                     const treaty::Treaty& treaty);

struct LoadedScenario {
  Scenario scenario;  // resolved (ResolveScenario succeeded)
  std::optional<uint64_t> trials;
  std::optional<uint64_t> seed;
  std::optional<std::string> declaration;      // the declaration file used, if any
  std::optional<LedgerStateRef> ledger_state;  // or the ledger state used
};

// Supplies a party's declared state on a date from the notification ledger
// (the caller owns the ledger; stats does not open one).
using LedgerStateSource =
    std::function<StatusOr<forces::Declaration>(const std::string& party, Date as_of)>;

// Reads the scenario file at `path`, loads the declaration and treaty it
// names (relative paths resolve against the file's directory), applies the
// per-site adjustments and resolves the concealment. Errors name the file
// and the key path ("s.toml: sites[0].id: no facility 'x' in the declaration").
// A scenario with [ledger_state] takes its declaration from `ledger_state`;
// FailedPrecondition if none is given.
StatusOr<LoadedScenario> LoadScenario(const std::string& path,
                                      const LedgerStateSource& ledger_state = nullptr);

}  // namespace verity::stats

#endif  // VERITY_STATS_DECLARATION_FORCE_H_
