// Helpers shared by the inspection tests. A small US declaration keeps the
// tests quick (the sanitized build replays it for every record checked).
#ifndef VERITY_INSPECT_TEST_UTIL_H_
#define VERITY_INSPECT_TEST_UTIL_H_

#include <string>
#include <tuple>

#include "core/json.h"

namespace verity::inspect::testing {

// Two ICBM bases and an air base; three loaded silos at fe-warren
// (US-MM3-W-001..003, missiles US-MM3-W-00N/M with one warhead each) and two
// at malmstrom (US-MM3-M-001, -002).
inline Json SmallUsDeclaration() {
  Json items = Json::array();
  for (const auto& [base, prefix, count] :
       {std::tuple{"fe-warren", "US-MM3-W-00", 3}, std::tuple{"malmstrom", "US-MM3-M-00", 2}}) {
    for (int k = 1; k <= count; ++k) {
      const std::string uid = prefix + std::to_string(k);
      items.push_back({{"uid", uid},
                       {"type", "mm3-silo"},
                       {"facility", base},
                       {"missile", {{"uid", uid + "/M"}, {"type", "mm3"}, {"warheads", 1}}}});
    }
  }
  return {{"format", "verity-declaration/1"},
          {"party", "US"},
          {"as_of", "2020-09-01"},
          {"facilities",
           {{{"id", "fe-warren"}, {"type", "icbm_base"}},
            {{"id", "malmstrom"}, {"type", "icbm_base"}},
            {{"id", "minot-air"}, {"type", "air_base"}}}},
          {"types",
           {{{"id", "mm3"},
             {"name", "Minuteman III"},
             {"class", "icbm"},
             {"kind", "missile"},
             {"max_warheads", 3}},
            {{"id", "mm3-silo"},
             {"name", "Minuteman III silo"},
             {"class", "icbm"},
             {"kind", "silo_launcher"}}}},
          {"items", items}};
}

}  // namespace verity::inspect::testing

#endif  // VERITY_INSPECT_TEST_UTIL_H_
