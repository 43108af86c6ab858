// A notification reduced to what replay needs: its typed body's ids pulled
// out once, so that replaying is a few map lookups per event.
#ifndef VERITY_LEDGER_EVENT_H_
#define VERITY_LEDGER_EVENT_H_

#include <cstdint>
#include <memory>
#include <string>

#include "core/date.h"
#include "ledger/body.h"
#include "ledger/notification.h"
#include "treaty/facts.h"

namespace verity::ledger {

inline constexpr int32_t kNoWarheads = -1;

struct Event {
  NotificationType type = NotificationType::kMovement;
  uint64_t index = 0;  // log index
  std::string party;
  Date occurred;
  Timestamp sent;
  // By type: production (uid, type_id, facility, submarine, role); movement
  // (uid, from = facility, to); loading/unloading/warhead_change (uid =
  // missile, launcher, warheads); conversion/elimination (uid); facility_*
  // (uid = facility id); new_type (uid = type id).
  std::string uid, type_id, facility, to, launcher, submarine;
  treaty::Role role = treaty::Role::kOperational;
  int32_t warheads = kNoWarheads;
  // data_exchange, new_type, facility_declared: the notification's typed
  // body (the declaration, the type, the facility); null for other types.
  std::shared_ptr<const Body> body;
};

// REQUIRES: n.typed_body is set (ParseNotification or ReadBody). Without it
// the event carries no change.
Event EventFromNotification(const Notification& n, uint64_t index);

}  // namespace verity::ledger

#endif  // VERITY_LEDGER_EVENT_H_
