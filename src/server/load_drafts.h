// Notifications for load tools: a movement of `party` as the ledger tests
// draft it, occurring in date order (ten a day from 2012-01-01) like a real
// stream of notifications. Used by verity_submit_load and the server bench.
#ifndef VERITY_SERVER_LOAD_DRAFTS_H_
#define VERITY_SERVER_LOAD_DRAFTS_H_

#include <string>

#include "core/date.h"
#include "core/json.h"
#include "ledger/test_util.h"

namespace verity::server {

inline Json DatedMovementDraft(const std::string& party, int64_t serial) {
  Json d = ledger::testing::MovementDraft(party, serial);
  const Date day = Date::FromYmd(2012, 1, 1).AddDays(static_cast<int>(serial / 10));
  d["occurred"] = day.ToString();
  d["sent"] = Timestamp::StartOf(day).ToString();
  return d;
}

}  // namespace verity::server

#endif  // VERITY_SERVER_LOAD_DRAFTS_H_
