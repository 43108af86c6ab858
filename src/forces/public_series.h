// The aggregate numbers the parties published at each data exchange
// (data/public/newstart-aggregates.csv, every row with its source). A
// number that was not published or not found is absent, never 0.
#ifndef VERITY_FORCES_PUBLIC_SERIES_H_
#define VERITY_FORCES_PUBLIC_SERIES_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.h"
#include "core/status.h"

namespace verity::forces {

struct PublicAggregate {
  Date date;
  std::string party;
  std::optional<int64_t> deployed;   // limit "deployed"
  std::optional<int64_t> warheads;   // limit "warheads"
  std::optional<int64_t> launchers;  // limit "launchers"
  std::string source;

  // The value for a limit id ("deployed", "warheads", "launchers").
  std::optional<int64_t> Get(std::string_view limit) const;
  bool Complete() const { return deployed && warheads && launchers; }
};

// Parses the CSV (columns date,party,deployed_delivery_vehicles,warheads,
// deployed_and_nondeployed_launchers,source). Errors name the line.
StatusOr<std::vector<PublicAggregate>> ParsePublicSeries(std::string_view csv,
                                                         std::string_view source);

// The shipped series (embedded in the binary).
StatusOr<std::vector<PublicAggregate>> LoadPublicSeries();

}  // namespace verity::forces

#endif  // VERITY_FORCES_PUBLIC_SERIES_H_
