#include "ledger/regime_report.h"

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

#include "core/limits.h"

namespace verity::ledger {
namespace {

constexpr char kInitialDeadline[] = "initial_data_exchange";

StatusOr<EntryRef> RefOfRow(const StoredRow& row) {
  auto occurred = Date::Parse(row.occurred);
  auto sent = Timestamp::Parse(row.sent);
  if (!occurred.ok() || !sent.ok()) {
    return DataLoss("entries[" + std::to_string(row.index) +
                    "]: the stored occurred or sent column is malformed (run verify)");
  }
  return EntryRef{static_cast<uint64_t>(row.index), row.type, *occurred, *sent};
}

// What the report reads of one party's rows.
struct PartyRows {
  std::vector<EntryRef> exchanges;            // data exchanges sent by as_of
  std::optional<EntryRef> last_notification;  // occurred and sent by as_of
};

// One pass over the stored rows (their columns are the store's copies of
// each entry's envelope, which `ledger verify` checks against the entry).
StatusOr<std::map<std::string, PartyRows>> LoadRows(const Ledger& l, Date as_of) {
  std::map<std::string, PartyRows> out;
  const std::string exchange(Name(NotificationType::kDataExchange));
  Status s = l.ForEachRow([&](const StoredRow& row) -> Status {
    VERITY_ASSIGN_OR_RETURN(EntryRef r, RefOfRow(row));
    if (r.sent.date() > as_of) return Status::Ok();
    PartyRows& p = out[row.party];
    if (r.type == exchange) p.exchanges.push_back(r);
    if (r.occurred <= as_of && (!p.last_notification || std::tie(r.occurred, r.index) >
                                                            std::tie(p.last_notification->occurred,
                                                                     p.last_notification->index))) {
      p.last_notification = r;
    }
    return Status::Ok();
  });
  if (!s.ok()) return s;
  return out;
}

ExchangeStatus StatusOfExcuse(Excuse e) {
  switch (e) {
    case Excuse::kSuspended:
      return ExchangeStatus::kNotProvidedSuspended;
    case Excuse::kWithheld:
      return ExchangeStatus::kNotProvidedCountermeasure;
    case Excuse::kNotInForce:
      return ExchangeStatus::kNotProvidedTreatyEnded;
    case Excuse::kNone:
      break;
  }
  return ExchangeStatus::kOverdue;
}

Json RefJson(const std::optional<EntryRef>& r, bool detail) {
  if (!r) return nullptr;
  Json j = {{"type", r->type}, {"occurred", r->occurred.ToString()}, {"sent", r->sent.ToString()}};
  if (detail) j["index"] = r->index;
  return j;
}

std::string RefText(const EntryRef& r) {
  return r.type + " of " + r.occurred.ToString() + ", sent " + r.sent.date().ToString() + " (#" +
         std::to_string(r.index) + ")";
}

std::string ExchangesText(const std::vector<ExchangeRecord>& records) {
  std::map<ExchangeStatus, std::vector<std::string>> by;
  for (const ExchangeRecord& r : records) by[r.status].push_back(r.as_of.ToString());
  std::string out;
  for (const auto& [status, dates] : by) {
    out +=
        (out.empty() ? "" : "; ") + std::string(Name(status)) + " " + std::to_string(dates.size());
    if (status == ExchangeStatus::kProvided) continue;
    out += " (";
    for (size_t i = 0; i < dates.size(); ++i) out += (i ? ", " : "") + dates[i];
    out += ")";
  }
  return out.empty() ? "none owed" : out;
}

}  // namespace

std::string_view Name(ExchangeStatus s) {
  switch (s) {
    case ExchangeStatus::kProvided:
      return "provided";
    case ExchangeStatus::kLate:
      return "late";
    case ExchangeStatus::kNotYetDue:
      return "not_yet_due";
    case ExchangeStatus::kOverdue:
      return "overdue";
    case ExchangeStatus::kNotProvidedSuspended:
      return "not_provided_suspended";
    case ExchangeStatus::kNotProvidedCountermeasure:
      return "not_provided_countermeasure";
    case ExchangeStatus::kNotProvidedTreatyEnded:
      return "not_provided_treaty_ended";
  }
  return "?";
}

std::vector<ExchangeRecord> ExchangeRecords(const treaty::Treaty& t,
                                            std::span<const RegimeEvent> events,
                                            const std::string& party,
                                            std::span<const EntryRef> provided, Date as_of) {
  const Regime now = RegimeOn(t, events, as_of);
  std::vector<const EntryRef*> sent;
  for (const EntryRef& p : provided) {
    if (p.sent.date() <= as_of) sent.push_back(&p);
  }
  std::sort(sent.begin(), sent.end(),
            [](const EntryRef* a, const EntryRef* b) { return a->index < b->index; });
  std::vector<ExchangeRecord> out;
  const std::vector<Date> dates = t.DataExchangeDates(as_of);
  for (size_t k = 0; k < dates.size(); ++k) {
    if (dates[k] >= now.ends_on) break;  // ended early (a withdrawal): nothing more is owed
    ExchangeRecord r;
    r.as_of = dates[k];
    r.due = dates[k].AddDays(t.DeadlineDays(k == 0 ? kInitialDeadline : "data_exchange"));
    const auto met = std::find_if(sent.begin(), sent.end(), [&](const EntryRef* p) {
      return k == 0 ? p->occurred == dates[0]
                    : dates[k - 1] < p->occurred && p->occurred <= dates[k];
    });
    if (met != sent.end()) {
      r.provided = **met;
      r.status = (*met)->sent.date() > r.due ? ExchangeStatus::kLate : ExchangeStatus::kProvided;
    } else if (as_of <= r.due) {
      r.status = ExchangeStatus::kNotYetDue;
    } else {
      Since since;
      const Excuse e = RegimeOn(t, events, r.due).ExcuseFor(party, Duty::kDataExchange, &since);
      r.status = StatusOfExcuse(e);
      if (e == Excuse::kSuspended || e == Excuse::kWithheld) r.excuse = since;
    }
    out.push_back(std::move(r));
  }
  return out;
}

StatusOr<std::vector<RegimeEvent>> LoadRegimeEvents(const Ledger& ledger, uint64_t before) {
  std::vector<RegimeEvent> out;
  Status s = ledger.ForEachRowOfType(
      NotificationType::kTreatyEvent, before,
      [&](const StoredRow& row) -> Status {
        VERITY_ASSIGN_OR_RETURN(Notification n,
                                ParseStoredEntry(row.entry, static_cast<uint64_t>(row.index)));
        auto e = RegimeEventOf(n, static_cast<uint64_t>(row.index));
        if (!e) {
          return DataLoss("entries[" + std::to_string(row.index) + "]: the type column says " +
                          row.type + " but the entry is a " + std::string(Name(n.type)));
        }
        out.push_back(std::move(*e));
        return Status::Ok();
      },
      limits::kMaxTreatyEvents);
  if (!s.ok()) return s;
  return out;
}

StatusOr<RegimeReport> LoadRegimeReport(const Ledger& ledger, const treaty::Treaty& t,
                                        std::vector<std::string> parties, Date as_of) {
  if (parties.empty()) {
    std::set<std::string> registered;
    for (const PublicKey& k : ledger.PartyKeys()) registered.insert(k.party);
    parties.assign(registered.begin(), registered.end());
  }
  VERITY_ASSIGN_OR_RETURN(std::vector<RegimeEvent> events, LoadRegimeEvents(ledger));
  VERITY_ASSIGN_OR_RETURN(auto rows, LoadRows(ledger, as_of));
  RegimeReport report;
  report.regime = RegimeOn(t, events, as_of, parties);
  for (const std::string& party : parties) {
    PartyRecord p;
    p.party = party;
    const PartyRows& r = rows[party];
    for (const EntryRef& e : r.exchanges) {
      if (!p.last_exchange || e.occurred > p.last_exchange->occurred) p.last_exchange = e;
    }
    p.last_notification = r.last_notification;
    p.exchanges = ExchangeRecords(t, events, party, r.exchanges, as_of);
    report.parties.push_back(std::move(p));
  }
  return report;
}

Json RegimeReport::ToJson(bool detail) const {
  Json regime_json = regime.ToJson();
  if (!detail) {
    for (Json& s : regime_json["parties"]) {
      for (const char* key : {"suspended", "withdrawal_notice"}) {
        if (!s[key].is_null()) s[key].erase("index");
      }
      for (Json& w : s["withheld"]) w.erase("index");
    }
  }
  Json out = Json::array();
  for (const PartyRecord& p : parties) {
    Json exchanges = Json::array();
    for (const ExchangeRecord& r : p.exchanges) {
      Json e = {{"as_of", r.as_of.ToString()},
                {"due", r.due.ToString()},
                {"status", std::string(Name(r.status))},
                {"provided", RefJson(r.provided, detail)},
                {"excused_since", r.excuse ? Json(r.excuse->date.ToString()) : Json(nullptr)}};
      exchanges.push_back(std::move(e));
    }
    out.push_back({{"party", p.party},
                   {"summary", regime.Describe(p.party)},
                   {"last_data_exchange", RefJson(p.last_exchange, detail)},
                   {"last_notification", RefJson(p.last_notification, detail)},
                   {"data_exchanges", exchanges}});
  }
  regime_json["records"] = out;
  return regime_json;
}

std::string RegimeReport::Text() const {
  const Regime& r = regime;
  std::string out = r.treaty + " on " + r.as_of.ToString() + ": ";
  switch (r.state) {
    case TreatyState::kNotYetInForce:
      out +=
          "not yet in force (in force from " + r.in_force_from.ToString() + "); no limit binds.\n";
      break;
    case TreatyState::kInForce:
      out += "in force (since " + r.in_force_from.ToString() + "; " +
             (r.ended_by == "expiry" ? "expires " : "ends ") + r.ends_on.ToString() +
             (r.ended_by == "expiry" ? "" : " by " + r.ended_by) + ").\n";
      break;
    case TreatyState::kEnded:
      out += "NOT IN FORCE since " + r.ends_on.ToString() + " (ended by " + r.ended_by +
             "); no limit is within or over.\n";
      break;
  }
  for (const PartyRecord& p : parties) {
    out += p.party + ": " + r.Describe(p.party) + "\n";
    out +=
        "  last data exchange: " + (p.last_exchange ? RefText(*p.last_exchange) : "none") +
        "\n  last notification: " + (p.last_notification ? RefText(*p.last_notification) : "none") +
        "\n  data exchanges owed by then: " + ExchangesText(p.exchanges) + "\n";
  }
  return out;
}

}  // namespace verity::ledger
