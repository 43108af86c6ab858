// Upload potential: the warheads and delivery vehicles a party could add to
// its deployed forces, per type, and a month-by-month timeline to that
// maximum (method in docs/upload.md).
//
// Per missile type: missiles in usable launchers are filled to the
// assumed maximum loading; emptied usable launchers are reloaded with the
// party's spare missiles of the type (each a delivery vehicle added after
// `reload_months`) and loaded to the maximum. Per heavy-bomber type:
// nuclear-equipped bombers are armed from `current_loading` to
// `max_loading`; converted bombers, if `reconvertible`, are reconverted
// (delivery vehicles added after `reconvert_months`) and armed. The
// warheads added per type never exceed `warheads_available`, those added by
// the types of a shared pool never exceed the pool (pools apply in file
// order; the month that would overdraw a pool shares what is left in
// proportion to what each type could add then), and each base
// (the facility where an item is; submarines at sea form one pool, "at_sea")
// uploads at most `upload_rate` warheads of a type per month.
//
// Thread safety: pure functions over their arguments.
#ifndef VERITY_UPLOAD_UPLOAD_H_
#define VERITY_UPLOAD_UPLOAD_H_

#include <optional>
#include <string>
#include <vector>

#include "core/status.h"
#include "forces/model.h"
#include "upload/assumptions.h"

namespace verity::upload {

// Which values of every range a plan uses. kCentral: the values;
// kLow: the least upload (low loadings, availability and rates, long
// delays, the declaration at its low values); kHigh: the opposite.
enum class Scenario : uint8_t { kCentral, kLow, kHigh };
std::string_view Name(Scenario s);

struct TypeUpload {
  std::string type;
  std::string name;
  std::string system_class;      // icbm, slbm, heavy_bomber
  int64_t current_vehicles = 0;  // loaded usable launchers / nuclear usable bombers
  int64_t current_warheads = 0;  // emplaced on them / current_loading per bomber
  int64_t vehicles_filled = 0;   // loaded missiles / nuclear bombers below the maximum loading
  int64_t fill_warheads = 0;
  int64_t launchers_reloaded = 0;  // emptied launchers given a spare missile
  int64_t reload_warheads = 0;
  int64_t spare_missiles = 0;  // non-deployed missiles of the type
  int64_t bombers_reconverted = 0;
  int64_t reconvert_warheads = 0;
  int64_t uncapped_warheads = 0;  // fill + reload + reconvert
  int64_t added_warheads = 0;     // min(uncapped, warheads_available)
  int64_t added_vehicles = 0;     // reloaded launchers + reconverted bombers
  bool capped = false;            // limited by warheads_available
  std::string pool_capped = {};   // the pool that limited it, if one did
  int months_to_max = 0;          // the last month anything is added
  bool reached = true;            // false: still adding after the timeline's last month
};

// Cumulative additions at the end of a month; vectors indexed like Plan::types.
struct TimelineRow {
  int month = 0;
  std::vector<int64_t> warheads;
  std::vector<int64_t> vehicles;
  int64_t total_warheads = 0;
  int64_t total_vehicles = 0;
};

// A shared pool of warheads (PoolAssumptions) as the plan used it.
struct PoolUse {
  std::string name;
  int64_t warheads = 0;  // the pool in this scenario
  int64_t used = 0;      // added by its types together
  bool capped = false;   // the types could have added more
};

struct Plan {
  Scenario scenario = Scenario::kCentral;
  std::vector<TypeUpload> types;
  std::vector<TimelineRow> timeline;  // month 0 (nothing added) to months_to_max
  std::vector<PoolUse> pools;         // like Assumptions::pools
  int64_t added_warheads = 0;
  int64_t added_vehicles = 0;
  int months_to_max = 0;
  bool reached = true;
  std::vector<std::string> not_assessed;        // missile/bomber types without assumptions
  std::vector<std::string> not_in_declaration;  // assumed types the declaration lacks
};

// The upload plan for `d` under `a` in one scenario. `copies[i]` (optional)
// says how many items item i stands for (forces::Variant); nullptr = 1 each.
// Assumed types that the declaration lacks are listed in not_in_declaration
// (a state replayed from the ledger may hold fewer types than the file).
// InvalidArgument when the assumptions are for another party than the
// declaration's ("us.toml: party: the assumptions are for party 'US', the
// declaration is of party 'RU'"), the declaration has none of the assumed types, an
// assumed type is not a missile or heavy-bomber type, or a bomber type
// lacks current_loading: "<origin>: types.<id>: ...".
StatusOr<Plan> PlanUpload(const forces::Declaration& d, const Assumptions& a,
                          Scenario scenario = Scenario::kCentral,
                          const std::vector<int32_t>* copies = nullptr);

// The central plan, and the low and high plans when the declaration or the
// assumptions hold ranges.
struct UploadResult {
  Plan central;
  std::optional<Plan> low, high;
};
StatusOr<UploadResult> ComputeUpload(const forces::Declaration& d, const Assumptions& a);

}  // namespace verity::upload

#endif  // VERITY_UPLOAD_UPLOAD_H_
