// What the regime means for each party's record on a date: which data
// exchanges it owed and what became of each, and the last data it gave
// (docs/regime.md). The one computation behind `verity check --data`,
// GET /regime and the dashboard's regime panel.
//
// A data exchange "as of" A (treaty::Treaty::DataExchangeDates) is due by
// A + the data_exchange deadline (the initial one: initial_data_exchange),
// and is met by the party's data_exchange whose `occurred` falls in
// (previous as-of date, A] (the initial one: on entry into force exactly),
// sent on or before the date asked. One not met is judged on its due date:
// overdue if the party owed it, not_provided_suspended if its participation
// was suspended, not_provided_countermeasure if it withheld data exchanges,
// not_provided_treaty_ended if the treaty ended before it fell due. After
// the treaty ends no exchange is owed.
#ifndef VERITY_LEDGER_REGIME_REPORT_H_
#define VERITY_LEDGER_REGIME_REPORT_H_

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/date.h"
#include "core/json.h"
#include "core/status.h"
#include "ledger/regime.h"
#include "ledger/store.h"
#include "treaty/treaty.h"

namespace verity::ledger {

// A stored notification as the report names it.
struct EntryRef {
  uint64_t index = 0;
  std::string type;
  Date occurred;
  Timestamp sent;
};

enum class ExchangeStatus : uint8_t {
  kProvided,
  kLate,
  kNotYetDue,
  kOverdue,
  kNotProvidedSuspended,
  kNotProvidedCountermeasure,
  kNotProvidedTreatyEnded,
};
std::string_view Name(ExchangeStatus s);  // "provided", "late", "not_yet_due", ...

struct ExchangeRecord {
  Date as_of, due;
  ExchangeStatus status = ExchangeStatus::kNotYetDue;
  std::optional<EntryRef> provided;
  std::optional<Since> excuse;  // the suspension or countermeasure, when one excused it
};

// The record of `party`'s data exchanges on `as_of`, from its data
// exchanges `provided` (any order) and the treaty events `events`.
std::vector<ExchangeRecord> ExchangeRecords(const treaty::Treaty& t,
                                            std::span<const RegimeEvent> events,
                                            const std::string& party,
                                            std::span<const EntryRef> provided, Date as_of);

struct PartyRecord {
  std::string party;
  std::optional<EntryRef> last_exchange;      // the latest data exchange sent by as_of
  std::optional<EntryRef> last_notification;  // the latest notification of any type
  std::vector<ExchangeRecord> exchanges;
};

struct RegimeReport {
  Regime regime;
  std::vector<PartyRecord> parties;

  // With `detail`, log indices are included (party and admin views); the
  // public view has the dates and statuses only.
  Json ToJson(bool detail) const;
  // The plain-language lines `verity check --data` prints.
  std::string Text() const;
};

// The treaty events with log index below `before`, read by the index on
// the entries' type: the first limits::kMaxTreatyEvents of them, those the
// regime applies (the finder marks later ones). DataLoss if a stored entry
// does not parse.
StatusOr<std::vector<RegimeEvent>> LoadRegimeEvents(const Ledger& ledger,
                                                    uint64_t before = UINT64_MAX);

// The report on `as_of` for `parties` (each registered party if empty).
// Errors only when the store cannot be read (DataLoss names the row).
StatusOr<RegimeReport> LoadRegimeReport(const Ledger& ledger, const treaty::Treaty& t,
                                        std::vector<std::string> parties, Date as_of);

}  // namespace verity::ledger

#endif  // VERITY_LEDGER_REGIME_REPORT_H_
