#include "escrow/audit.h"

#include <algorithm>
#include <variant>

#include "escrow/audit_internal.h"
#include "ledger/body.h"
#include "ledger/replay.h"
#include "stats/exact.h"

namespace verity::escrow {
namespace {

using ledger::NotificationType;

constexpr NotificationType kEscrowTypes[] = {
    NotificationType::kEscrowCommitment,       NotificationType::kEscrowReveal,
    NotificationType::kEscrowRandomnessCommit, NotificationType::kEscrowRandomnessReveal,
    NotificationType::kEscrowDesignation,      NotificationType::kEscrowOpening};

Json Hex(const Hash256& h) { return ToHex(h); }

Json IndexArray(const std::vector<uint64_t>& v) {
  Json a = Json::array();
  for (uint64_t x : v) a.push_back(x);
  return a;
}

Json DesignationJson(const DesignationReport& d, int64_t leaves) {
  Json values = Json::array();
  for (const PartyValue& v : d.values) {
    values.push_back({{"party", v.party}, {"value", ToHex(v.value.data(), v.value.size())}});
  }
  Json j = {{"designation", d.id},
            {"inspector", d.inspector},
            {"openings", d.openings},
            {"committed", d.committed},
            {"values", values},
            {"leaves", IndexArray(d.leaves)},
            {"verified", IndexArray(d.verified)},
            {"opened_at", IndexArray(d.opened_at)}};
  if (d.reveal_by) j["reveal_by"] = d.reveal_by->ToString();
  if (d.open_by) j["open_by"] = d.open_by->ToString();
  if (d.beacon_round) j["beacon_round"] = *d.beacon_round;
  if (d.beacon) j["beacon"] = ledger::DrandBeaconToJson(*d.beacon);
  if (d.seed) j["seed"] = Hex(*d.seed);
  j["detection"] = DetectionTable(leaves, static_cast<int64_t>(d.verified.size()));
  j["detection_designated"] = DetectionTable(leaves, static_cast<int64_t>(d.leaves.size()));
  return j;
}

Json EscrowJson(const EscrowReport& e) {
  Json totals = Json::array();
  for (const auto& t : e.totals) totals.push_back({{"category", t.category}, {"count", t.count}});
  Json stages = Json::array();
  for (const StageReport& s : e.stages) {
    stages.push_back({{"stage", s.id},
                      {"index", s.index},
                      {"occurred", s.occurred.ToString()},
                      {"by", s.select.by},
                      {"values", s.select.values},
                      {"opened", s.opened},
                      {"verified", s.verified}});
  }
  Json designations = Json::array();
  for (const auto& d : e.designations) designations.push_back(DesignationJson(d, e.leaves));
  return {{"escrow", e.id},
          {"party", e.party},
          {"treaty", e.treaty},
          {"index", e.index},
          {"as_of", e.as_of.ToString()},
          {"root", Hex(e.root)},
          {"leaves", e.leaves},
          {"totals", totals},
          {"stages", stages},
          {"revealed", e.revealed},
          {"revealed_detection", DetectionTable(e.leaves, e.revealed)},
          {"state_checked", e.state_checked},
          {"designations", designations}};
}

}  // namespace

Json DetectionTable(int64_t leaves, int64_t checked) {
  std::vector<int64_t> rs = {1, 2, 5, 10, (leaves + 99) / 100};
  std::sort(rs.begin(), rs.end());
  rs.erase(std::unique(rs.begin(), rs.end()), rs.end());
  Json out = Json::array();
  for (int64_t r : rs) {
    if (r > leaves) continue;
    auto p = stats::DetectionProbability(leaves, r, std::min(checked, leaves));
    if (p.ok()) out.push_back({{"defects", r}, {"probability", *p}});
  }
  return out;
}

Json AuditReport::ToJson() const {
  Json escrows_json = Json::array();
  for (const EscrowReport& e : escrows) escrows_json.push_back(EscrowJson(e));
  Json found = Json::array();
  for (const auto& a : findings) found.push_back(a.ToJson());
  return {{"as_of", as_of.ToString()}, {"escrows", escrows_json}, {"findings", found}};
}

AuditReport Audit(std::span<const EscrowEntry> entries, const forces::Counter& counter,
                  const StateSource& states, Date as_of) {
  internal::Auditor a(counter, states, as_of);
  for (const EscrowEntry& e : entries) a.Step(e);
  return a.Finish();
}

StatusOr<const EscrowReport*> FindEscrow(const AuditReport& r, const std::string& escrow) {
  for (const EscrowReport& e : r.escrows) {
    if (e.id == escrow) return &e;
  }
  return NotFound("no escrow_commitment of escrow '" + escrow + "' in the ledger");
}

StatusOr<const DesignationReport*> FindDesignation(const EscrowReport& e,
                                                   const std::string& designation) {
  for (const DesignationReport& d : e.designations) {
    if (d.id == designation) return &d;
  }
  return NotFound("no randomness commitment of designation '" + designation + "' of escrow " +
                  e.id + " in the ledger");
}

StatusOr<Json> DesignationBodyFor(const AuditReport& r, const std::string& escrow,
                                  const std::string& designation,
                                  const std::optional<ledger::DrandBeacon>& beacon) {
  VERITY_ASSIGN_OR_RETURN(const EscrowReport* e, FindEscrow(r, escrow));
  VERITY_ASSIGN_OR_RETURN(const DesignationReport* d, FindDesignation(*e, designation));
  if (d->inspector.empty() || d->values.size() < 2) {
    return FailedPrecondition("designation " + designation +
                              ": both parties' values must be revealed and valid first (" +
                              std::to_string(d->values.size()) + " of 2)");
  }
  if (d->beacon_round.has_value() != beacon.has_value() ||
      (beacon && beacon->round != *d->beacon_round)) {
    return FailedPrecondition("designation " + designation +
                              (d->beacon_round
                                   ? ": needs the drand beacon value of round " +
                                         std::to_string(*d->beacon_round) + " (--beacon FILE)"
                                   : ": its commitment names no beacon round; give no beacon"));
  }
  if (beacon) {
    VERITY_RETURN_IF_ERROR(CheckBeacon(*beacon, "beacon"));
  }
  const auto leaves = static_cast<uint64_t>(e->leaves);
  const auto k = static_cast<uint64_t>(d->openings);
  const Hash256 seed = DesignationSeed(e->root, leaves, k, d->values, beacon);
  Json body = {{"escrow", escrow},
               {"designation", designation},
               {"seed", ToHex(seed)},
               {"leaves", IndexArray(DrawLeaves(seed, leaves, k))}};
  if (beacon) body["beacon"] = ledger::DrandBeaconToJson(*beacon);
  return body;
}

StatusOr<LoadedEntries> LoadEscrowEntries(const ledger::Ledger& ledger) {
  LoadedEntries out;
  for (NotificationType type : kEscrowTypes) {
    VERITY_RETURN_IF_ERROR(
        ledger.ForEachRowOfType(type, UINT64_MAX, [&](const ledger::StoredRow& row) {
          const auto index = static_cast<uint64_t>(row.index);
          auto n = ledger::ParseStoredEntry(row.entry, index);
          if (n.ok() && n->type == type) {
            out.entries.push_back({index, std::move(*n)});
            return Status::Ok();
          }
          ledger::Ambiguity a;
          a.index = index;
          a.party = row.party;
          a.kind = ledger::AmbiguityKind::kEscrowProtocol;
          a.message = n.ok() ? "the type column says " + row.type + " but the entry is a " +
                                   std::string(ledger::Name(n->type))
                             : "the stored entry does not parse: " + n.status().message();
          out.malformed.push_back(std::move(a));
          return Status::Ok();
        }));
  }
  std::sort(out.entries.begin(), out.entries.end(),
            [](const EscrowEntry& a, const EscrowEntry& b) { return a.index < b.index; });
  return out;
}

StatusOr<AuditReport> AuditLedger(const ledger::Ledger& ledger, const forces::Counter& counter,
                                  Date as_of) {
  VERITY_ASSIGN_OR_RETURN(LoadedEntries loaded, LoadEscrowEntries(ledger));
  const StateSource states = [&](const std::string& party, Date d) {
    return ledger::StateAsOf(ledger, party, d);
  };
  AuditReport r = Audit(loaded.entries, counter, states, as_of);
  r.findings.insert(r.findings.begin(), loaded.malformed.begin(), loaded.malformed.end());
  return r;
}

}  // namespace verity::escrow
