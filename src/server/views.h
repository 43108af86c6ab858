// JSON views of domain objects as the API returns them (docs/api.md).
// Pure functions; numbers a party did not publish are null, never 0.
#ifndef VERITY_SERVER_VIEWS_H_
#define VERITY_SERVER_VIEWS_H_

#include <optional>
#include <vector>

#include "core/json.h"
#include "forces/public_series.h"
#include "server/auth.h"
#include "treaty/treaty.h"

namespace verity::server {

// id, name, source, dates, categories, limits, quotas, deadlines.
Json TreatyToJson(const treaty::Treaty& t);

// {"date", "party", "deployed", "warheads", "launchers", "source"}.
Json AggregateToJson(const forces::PublicAggregate& a);

// For each party in `series`, each treaty limit against the latest published
// value: {"parties": [{"party", "limits": [{"id", "name", "max", "count",
// "headroom", "status", "date", "source"}]}]}. A limit with no published
// value has count, headroom and date null and status "unknown". With
// `today`, also {"today", "in_force"}: when the treaty is not in force by
// its own dates on `today`, each status is "not_in_force" (the status the
// value had on its own date is kept as "status_on_date"); the ledger's
// regime (GET /regime) says more.
Json PublicComplianceJson(const treaty::Treaty& t,
                          const std::vector<forces::PublicAggregate>& series,
                          std::optional<Date> today = std::nullopt);

// {"role", "name", "party"} (party null unless a party).
Json PrincipalToJson(const Principal& p);

}  // namespace verity::server

#endif  // VERITY_SERVER_VIEWS_H_
