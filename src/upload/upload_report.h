// Upload results as JSON (for the API and dashboard) and text tables.
//
// JSON shape (docs/upload.md, "Output"):
//   {party, as_of, assumptions: AssumptionsJson, scenarios: ["central", "low"?, "high"?],
//    types: [{type, name, class, current_vehicles, current_warheads, vehicles_filled,
//             fill_warheads, spare_missiles, launchers_reloaded, reload_warheads,
//             bombers_reconverted, reconvert_warheads, uncapped_warheads, added_warheads,
//             added_vehicles, capped, pool_capped (pool name or null), months_to_max, reached,
//             low?: {...}, high?: {...}}],
//    pools: [{name, warheads, used, capped}], pools_low?, pools_high?,
//    totals: {added_warheads, added_vehicles, months_to_max, reached, low?, high?},
//    timeline: [{month, warheads, vehicles, by_type: {<type>: {warheads, vehicles}}}],
//    timeline_low?, timeline_high?, not_assessed: [type ids], not_in_declaration: [type ids]}
#ifndef VERITY_UPLOAD_UPLOAD_REPORT_H_
#define VERITY_UPLOAD_UPLOAD_REPORT_H_

#include <string>

#include "core/json.h"
#include "upload/upload.h"

namespace verity::upload {

Json UploadJson(const forces::Declaration& d, const Assumptions& a, const UploadResult& r);

// The assumptions with their sources, the per-type potential and the timeline.
std::string UploadText(const forces::Declaration& d, const Assumptions& a, const UploadResult& r);

}  // namespace verity::upload

#endif  // VERITY_UPLOAD_UPLOAD_REPORT_H_
