// The Monte Carlo model compiled from a scenario into flat tables for the
// simulation loop (montecarlo.cc). Internal to the stats component.
//
// Type One visits are simulated one by one: a base is drawn from `one`, then
// a missile of its pool. Type Two visits do not interact with each other or
// with Type One visits, so a trial's whole Type Two year is drawn at once
// from its exact distribution (TypeTwoYear): one draw says at which Type Two
// visit, if any, something is first noticed; only when something is (rare
// for a well-hidden stock) are the noticing site and the later visits drawn.
//
// Immutable after CompileModel; safe for concurrent reads.
#ifndef VERITY_STATS_MONTECARLO_MODEL_H_
#define VERITY_STATS_MONTECARLO_MODEL_H_

#include <cstdint>
#include <vector>

#include "core/status.h"
#include "stats/alias.h"
#include "stats/scenario.h"

namespace verity::stats {

// The eligible sites of one inspection type. Columns index these sites;
// `site` maps a column back to the scenario's site.
struct SiteTable {
  AliasTable choice;
  std::vector<double> weight;
  std::vector<uint32_t> site;
  std::vector<uint32_t> missiles;    // Type One: deployed missiles
  std::vector<uint32_t> overloaded;  // Type One: overloaded missiles
  std::vector<uint8_t> undeclared;   // 1 if the site hides undeclared items
};

// One year of M Type Two visits. A visit notices hidden items at column c
// with probability q_c = (w_c / W) p [c hides items], and nothing with
// q_0 = 1 - sum q_c. Then P(first notice at visit j) = q_0^j (1 - q_0) and
// P(no notice) = q_0^M.
struct TypeTwoYear {
  bool active = false;         // M > 0 and some site can be noticed
  AliasTable first;            // M + 1 outcomes: visit j, or M for none
  AliasTable noticed;          // the site of a notice: weights q_c
  AliasTable visit;            // a later visit: q_c, last entry q_0 (none)
  std::vector<uint32_t> site;  // scenario site of each `noticed` column
};

inline constexpr uint32_t kCoinFromProductMissiles = 511;

struct Model {
  std::vector<uint8_t> step_is_type_one;  // per schedule step
  SiteTable one;                          // Type One: bases
  TypeTwoYear two;
  bool distinct = true;          // designated missiles leave the pool for the year
  bool hidden_at_bases = false;  // some eligible base hides undeclared items
  // The noticing coin takes a word of its own (instead of the low half of
  // the missile's multiply-shift product) when some base has more than
  // kCoinFromProductMissiles: the low half of d * n is a multiple of the
  // largest power of two dividing n, so it is a fair coin to within 2^-24
  // only while n < 512.
  bool coin_word = false;
  uint64_t notice_threshold = 0;  // an item is noticed if 32 random bits < this
  size_t sites = 0;
};

// InvalidArgument if the policy asks for inspections of a type that has no
// eligible site (message as documented on RunMonteCarlo).
// REQUIRES: ResolveScenario(&scenario) succeeded.
StatusOr<Model> CompileModel(const Scenario& scenario);

}  // namespace verity::stats

#endif  // VERITY_STATS_MONTECARLO_MODEL_H_
