// Upload assumptions: per delivery-system type, how far and how fast a
// party could add deployed warheads and delivery vehicles
// (docs/upload.md, "Assumptions file").
//
// An assumptions file is TOML:
//   party = "US"
//   source = "what the file as a whole rests on"
//   [types.mm3]                        # a missile or heavy-bomber type id of the declaration
//   max_loading = { value = 3, source = "..." }            # warheads per missile / bomber
//   warheads_available = { value = 400, low = 200, high = 800, source = "..." }
//   upload_rate = { value = 20, low = 10, high = 40, source = "..." }  # warheads per base per
//   month reload_months = { value = 6, source = "..." }         # missile types: refill an emptied
//   launcher current_loading = { value = 1, source = "..." }       # bomber types: warheads per
//   bomber now reconvert_months = { value = 12, source = "..." }     # bomber types reconvertible =
//   { value = true, source = "..." }      # bomber types
//   [pools.reserve]                    # optional: warheads shared by several types
//   types = ["mm3", "d5"]              # type ids of [types]; a type may be in several pools
//   warheads = { value = 1938, low = 969, source = "..." }
// Every value is an inline table with a `source`; `low`/`high` are optional.
//
// Errors are InvalidArgument "<file>: <key path>: <what was expected>",
// e.g. "us.toml: types.mm3.upload_rate.source: missing (required)".
//
// Thread safety: plain values.
#ifndef VERITY_UPLOAD_ASSUMPTIONS_H_
#define VERITY_UPLOAD_ASSUMPTIONS_H_

#include <string>
#include <string_view>
#include <vector>

#include "core/json.h"
#include "core/status.h"
#include "forces/ranged.h"

namespace verity::upload {

using forces::Bound;
using forces::RangedInt;

struct SourcedBool {
  bool value = false;
  std::string source;
};

struct TypeAssumptions {
  std::string type;  // a type id of the declaration (missile or heavy bomber)
  RangedInt max_loading;
  RangedInt warheads_available;
  RangedInt upload_rate;       // warheads per base per month, >= 1
  RangedInt reload_months;     // missile types; 0 when absent
  RangedInt current_loading;   // bomber types; 0 when absent
  RangedInt reconvert_months;  // bomber types; 0 when absent
  SourcedBool reconvertible;   // bomber types
};

// Warheads that several types draw on together: what they add, summed,
// never exceeds `warheads` (each type's own warheads_available still holds).
struct PoolAssumptions {
  std::string name;
  std::vector<std::string> types;  // ids of TypeAssumptions, each at most once
  RangedInt warheads;
};

struct Assumptions {
  std::string party;
  std::string source;
  std::string origin;  // the file it was read from, e.g. "assumptions/us.toml"
  std::vector<TypeAssumptions> types;
  std::vector<PoolAssumptions> pools;  // in file order

  const TypeAssumptions* Find(std::string_view type) const;
};

// Parses an assumptions file; `source` names it in errors.
StatusOr<Assumptions> ParseAssumptions(std::string_view toml_text, std::string_view source);

// Loads an assumptions file from a path. NotFound if it does not exist.
StatusOr<Assumptions> LoadAssumptions(const std::string& path);

// The shipped assumptions for `party` ("US" -> data/assumptions/us.toml).
// NotFound names the parties that have shipped assumptions.
StatusOr<Assumptions> DefaultAssumptions(std::string_view party);

// The assumptions as JSON: {party, source, origin, types: {id: {field:
// {value, low, high, source}}}}; every value with its source.
Json AssumptionsJson(const Assumptions& a);

// One row per value: type, assumption, value, low, high, source.
std::string AssumptionsText(const Assumptions& a);

}  // namespace verity::upload

#endif  // VERITY_UPLOAD_ASSUMPTIONS_H_
