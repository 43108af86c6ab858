// A notification reduced to what replay needs, with its body's strings
// pulled out once, so that replaying is a few map lookups per event.
#ifndef VERITY_LEDGER_EVENT_H_
#define VERITY_LEDGER_EVENT_H_

#include <cstdint>
#include <memory>
#include <string>

#include "core/date.h"
#include "core/json.h"
#include "ledger/notification.h"

namespace verity::ledger {

inline constexpr int32_t kNoWarheads = -1;

struct Event {
  NotificationType type = NotificationType::kMovement;
  uint64_t index = 0;  // log index
  std::string party;
  Date occurred;
  Timestamp sent;
  // By type: production (uid, type_id, facility, submarine, role); movement
  // (uid, from, to); loading/unloading/warhead_change (uid = missile,
  // launcher); conversion/elimination (uid); facility_* (uid = facility id,
  // type = facility type); new_type (uid = type id).
  std::string uid, type_id, facility, to, launcher, submarine, role;
  int32_t warheads = kNoWarheads;
  // data_exchange: the declaration document; new_type / facility_declared: the body.
  std::shared_ptr<const Json> body;
};

// REQUIRES: `n` passed ParseNotification (its body matches its schema).
Event EventFromNotification(const Notification& n, uint64_t index);

}  // namespace verity::ledger

#endif  // VERITY_LEDGER_EVENT_H_
