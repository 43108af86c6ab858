// Fuzzes the notification readers and everything past them, so that a body
// that passes the schema can never crash later: batch splitting (JSON,
// array, JSON Lines), the envelope and typed-body readers in both modes, the
// canonical encoding; then, for what parses, the event conversion, apply on
// a small declared state, a replay of the whole batch in occurrence order,
// the running daily count over a month, a count under New START, and the
// inspection rules on inspection records, and the treaty's process (the
// regime of the treaty events, the concerns replayed). No SQLite: the replay and apply
// entry points are called directly.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <variant>
#include <vector>

#include "forces/counter.h"
#include "forces/declaration_io.h"
#include "inspect/checks.h"
#include "inspect/inspection.h"
#include "ledger/apply.h"
#include "ledger/batch.h"
#include "ledger/body.h"
#include "ledger/concerns.h"
#include "ledger/event.h"
#include "ledger/notification.h"
#include "ledger/replay.h"

namespace {

using namespace verity;  // a fuzz target's own file

// Facilities, types and items of every kind, named as the seeds name them.
constexpr std::string_view kSmallState = R"({
  "party": "US", "as_of": "2012-01-01",
  "facilities": [
    {"id": "malmstrom", "type": "icbm_base"}, {"id": "kings-bay", "type": "submarine_base"},
    {"id": "minot-air", "type": "air_base"}, {"id": "hill", "type": "storage_facility"}],
  "types": [
    {"id": "mm3", "name": "Minuteman III", "class": "icbm", "kind": "missile", "max_warheads": 3},
    {"id": "mm3-silo", "name": "silo", "class": "icbm", "kind": "silo_launcher"},
    {"id": "d5", "name": "Trident II", "class": "slbm", "kind": "missile", "max_warheads": 8},
    {"id": "ohio-tube", "name": "tube", "class": "slbm", "kind": "slbm_launcher"},
    {"id": "ohio-ssbn", "name": "Ohio", "class": "slbm", "kind": "submarine"},
    {"id": "b52", "name": "B-52H", "class": "heavy_bomber", "kind": "heavy_bomber", "capacity": 20}],
  "items": [
    {"uid": "S1", "type": "mm3-silo", "facility": "malmstrom",
     "missile": {"uid": "M1", "type": "mm3", "warheads": 1}},
    {"uid": "S2", "type": "mm3-silo", "facility": "malmstrom"},
    {"uid": "SUB1", "type": "ohio-ssbn", "facility": "kings-bay"},
    {"uid": "T1", "type": "ohio-tube", "submarine": "SUB1",
     "missile": {"uid": "D1", "type": "d5", "warheads": 4}},
    {"uid": "B1", "type": "b52", "facility": "minot-air", "armament": "nuclear"},
    {"uid": "M2", "type": "mm3", "facility": "hill", "warheads": 0}]
})";

constexpr int kTimelineDays = 31;

const forces::Declaration& SmallState() {
  static const auto* d =
      new forces::Declaration(forces::ParseDeclarationText(kSmallState, "small").value());
  return *d;
}

const forces::Counter& NewStart() {
  static const auto* t = new treaty::Treaty(treaty::LoadTreaty("new-start").value());
  static const auto* c = new forces::Counter(*t);
  return *c;
}

// The inspection rules on an inspection record, against `state`.
void Inspect(const ledger::Notification& n, uint64_t index, const forces::Declaration& state,
             std::vector<inspect::Inspection>* notices) {
  const ledger::BodyValue& body = n.typed_body->value;
  if (const auto* b = std::get_if<ledger::InspectionNoticeBody>(&body)) {
    auto i = inspect::ReadNotice(*b, n.party, n.occurred, index);
    if (!i.ok()) return;
    (void)inspect::CheckNotice(NewStart().treaty(), state, *i, *notices);
    notices->push_back(*i);
    (void)inspect::QuotaUsage(NewStart().treaty(), *notices, n.party,
                              NewStart().treaty().TreatyYear(n.occurred));
  } else if (const auto* f = std::get_if<ledger::InspectionFindingsBody>(&body)) {
    auto r = inspect::ReadFindings(*f, n.party, n.occurred, index);
    if (r.ok()) (void)inspect::CompareFindings(state, *r);
  }
}

// The regime and the concerns of the batch (ledger/regime.h, concerns.h),
// judged on the last day of any note and after the treaty.
void TreatyProcess(const std::vector<ledger::Notification>& parsed,
                   std::vector<ledger::Ambiguity>* found) {
  std::vector<ledger::RegimeEvent> events;
  std::vector<ledger::IndexedNotification> notes;
  for (size_t i = 0; i < parsed.size(); ++i) {
    if (auto e = ledger::RegimeEventOf(parsed[i], i)) events.push_back(std::move(*e));
    notes.push_back({i, parsed[i]});
  }
  const treaty::Treaty& t = NewStart().treaty();
  for (const ledger::Ambiguity& a : ledger::TreatyEventConflicts(t, events, 0)) found->push_back(a);
  for (Date d : {Date::FromYmd(2023, 7, 1), Date::FromYmd(2026, 3, 1)}) {
    const ledger::Regime r = ledger::RegimeOn(t, events, d);
    (void)r.ToJson().dump();
    for (const auto& c : ledger::DeriveConcerns(t, {}, notes, events, d, found)) {
      (void)c.ToJson().dump();
    }
  }
}

// Everything after the parse, over the notifications that parsed.
void PastTheParse(const std::vector<ledger::Notification>& parsed) {
  forces::Declaration state = SmallState();
  std::vector<ledger::Ambiguity> found;
  std::vector<ledger::Event> events;
  std::vector<inspect::Inspection> notices;
  for (size_t i = 0; i < parsed.size(); ++i) {
    events.push_back(ledger::EventFromNotification(parsed[i], i));
    ledger::ApplyEvent(events.back(), &state, &found);
    Inspect(parsed[i], i, state, &notices);
  }
  TreatyProcess(parsed, &found);
  for (const ledger::Ambiguity& a : found) (void)a.ToJson().dump();
  (void)NewStart().Count(state);
  // The replay's order: by occurrence, ties by index.
  std::stable_sort(events.begin(), events.end(),
                   [](const auto& a, const auto& b) { return a.occurred < b.occurred; });
  forces::Declaration replayed = SmallState();
  ledger::ReplayEvents(events, &replayed, &found);
  (void)NewStart().Count(replayed);
  (void)ledger::DiffStates(state, replayed, 10);
  (void)forces::DeclarationToJson(replayed).dump();
  if (!events.empty()) {
    const Date from = events.front().occurred;
    const Date to = std::min(events.back().occurred, from.AddDays(kTimelineDays));
    (void)ledger::TimelineOf(events, NewStart(), from, to);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  auto batch = ledger::ParseBatchText(text, "fuzz");
  if (!batch.ok()) return 0;
  std::vector<ledger::Notification> parsed;
  for (const auto& item : *batch) {
    for (auto mode : {ledger::Draft::kSigned, ledger::Draft::kUnsigned}) {
      auto n = ledger::ParseNotification(item.json, mode, item.where);
      if (!n.ok()) continue;
      (void)n->SigningBytes();
      (void)n->EntryBytes();
      parsed.push_back(std::move(*n));
    }
  }
  PastTheParse(parsed);
  return 0;
}
