// The regime: whether the treaty is in force on a date and what each party
// owes then, replayed from the treaty file's dates and the treaty events in
// the ledger (docs/regime.md). Nothing here is stored: every answer is
// folded from the events, so it cannot disagree with the log.
//
// Rules, in order of (occurred, log index):
//  - the treaty is in force from entry into force until the first of its
//    expiry, a withdrawal taking effect (notice + regime.withdrawal_notice_
//    months) and an expiry both parties recorded for the same earlier day;
//  - a suspension suspends every duty of its party (data exchanges,
//    notifications, inspections of and by it, telemetry) until a resumption
//    that names no duties;
//  - a countermeasure withholds the duties it names until a resumption that
//    names them (or names none);
//  - an event that does not fit (a second suspension, a resumption of
//    nothing, an event after the treaty ended, an expiry one party records
//    for another day than the treaty's) changes nothing and is a
//    treaty_event_conflict ambiguity.
// Pure functions over values; thread-safe.
#ifndef VERITY_LEDGER_REGIME_H_
#define VERITY_LEDGER_REGIME_H_

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/date.h"
#include "core/json.h"
#include "ledger/ambiguity.h"
#include "ledger/body.h"
#include "treaty/treaty.h"

namespace verity::ledger {

// One treaty_event notification, as the regime reads it.
struct RegimeEvent {
  uint64_t index = 0;  // log index
  std::string party;
  Date occurred;
  TreatyEvent event = TreatyEvent::kSuspension;
  std::vector<Duty> duties;
  std::string statement;  // empty if none
};

// The regime event of a treaty_event notification; nullopt for another type.
std::optional<RegimeEvent> RegimeEventOf(const Notification& n, uint64_t index);

enum class TreatyState : uint8_t { kNotYetInForce, kInForce, kEnded };
std::string_view Name(TreatyState s);  // "not_yet_in_force", "in_force", "not_in_force"

// Since when, and by which entry, a duty is suspended or withheld.
struct Since {
  Date date;
  uint64_t index = 0;
};

struct Standing {
  std::string party;
  std::optional<Since> suspended;                           // its participation is suspended
  std::array<std::optional<Since>, kDutyCount> withheld{};  // countermeasures in effect
  std::optional<Since> withdrawal_notice;
};

// Why a party does not owe a duty on a date.
enum class Excuse : uint8_t { kNone, kNotInForce, kSuspended, kWithheld };

struct Regime {
  std::string treaty;  // the treaty's name
  Date as_of;
  TreatyState state = TreatyState::kNotYetInForce;
  Date in_force_from;
  Date ends_on;                   // the first day out of force (the expiry unless ended earlier)
  std::string ended_by;           // "expiry", "withdrawal of RU (notice #12, 2024-01-02)", ...
  std::vector<Standing> parties;  // every party named by an event, in first-seen order

  bool InForce() const { return state == TreatyState::kInForce; }
  const Standing* Find(const std::string& party) const;
  // Whether `party` owes `duty` on as_of, and if not why; `since`, if given,
  // receives the date and entry of the suspension or countermeasure.
  Excuse ExcuseFor(const std::string& party, Duty duty, Since* since = nullptr) const;
  // One sentence on the regime for `party`: "participation suspended since
  // 2023-02-28 (treaty event #9001)", "withholds data_exchange since ...",
  // or "bound by every duty".
  std::string Describe(const std::string& party) const;
  Json ToJson() const;
};

// The regime on `as_of` from `events` (any order) that occurred on or before
// it, with a standing for each of `parties` and each party an event names.
// `conflicts`, if given, receives a treaty_event_conflict ambiguity for each
// event that does not fit, in the order they are met.
Regime RegimeOn(const treaty::Treaty& t, std::span<const RegimeEvent> events, Date as_of,
                std::span<const std::string> parties = {},
                std::vector<Ambiguity>* conflicts = nullptr);

// The conflicts of each event of `events` from position `first_added` on,
// each judged against the events before it. REQUIRES: `events` in index
// order (the log before a batch, then the batch's events).
std::vector<Ambiguity> TreatyEventConflicts(const treaty::Treaty& t,
                                            std::span<const RegimeEvent> events,
                                            size_t first_added);

}  // namespace verity::ledger

#endif  // VERITY_LEDGER_REGIME_H_
