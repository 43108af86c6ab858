// The checks of designations and openings, and of deadlines at the end
// (audit.h states what each one is).
#include <algorithm>
#include <set>

#include "escrow/audit_internal.h"
#include "escrow/stage.h"

namespace verity::escrow::internal {
namespace {

using K = ledger::AmbiguityKind;

Json Indices(const std::vector<uint64_t>& v) {
  Json a = Json::array();
  for (uint64_t x : v) a.push_back(x);
  return a;
}

// Why the beacon of `b` does not serve designation `d`; empty if it does.
std::string BeaconProblem(const DesignationReport& d, const ledger::EscrowDesignationBody& b) {
  if (!d.beacon_round) {
    return b.beacon ? "a beacon value the inspecting party's commitment did not ask for" : "";
  }
  if (!b.beacon) return "no beacon value for drand round " + std::to_string(*d.beacon_round);
  if (b.beacon->round != *d.beacon_round) {
    return "beacon round " + std::to_string(b.beacon->round) + " instead of the committed round " +
           std::to_string(*d.beacon_round);
  }
  const Status s = CheckBeacon(*b.beacon, "beacon");
  return s.ok() ? "" : s.message();
}

}  // namespace

void Auditor::Designation(const EscrowEntry& e, const ledger::EscrowDesignationBody& b) {
  EscrowState* s = FindEscrow(e, b.escrow);
  if (s == nullptr) return;
  DesignationState* d = FindDesignation(e, *s, b.designation);
  if (d == nullptr) return;
  Json ev = {{"escrow", b.escrow}, {"designation", b.designation}};
  if (d->designated) {
    Flag(e, K::kEscrowProtocol, "designation " + b.designation + " was drawn before", ev);
    return;
  }
  if (d->report.inspector.empty() || d->report.values.size() < 2) {
    Flag(e, K::kEscrowDesignationInvalid,
         "designation " + b.designation +
             " drawn before both parties' values were revealed and verified",
         ev);
    return;
  }
  if (const std::string why = BeaconProblem(d->report, b); !why.empty()) {
    Flag(e, K::kEscrowDesignationInvalid, "designation " + b.designation + ": " + why, ev);
    return;
  }
  const auto leaves = static_cast<uint64_t>(s->report.leaves);
  const auto k = static_cast<uint64_t>(d->report.openings);
  const Hash256 seed = DesignationSeed(s->report.root, leaves, k, d->report.values, b.beacon);
  if (seed != b.seed) {
    ev["seed"] = ToHex(seed);
    ev["stated_seed"] = ToHex(b.seed);
    Flag(e, K::kEscrowDesignationInvalid,
         "designation " + b.designation + ": the seed does not follow from its inputs", ev);
    return;
  }
  const std::vector<uint64_t> drawn = DrawLeaves(seed, leaves, k);
  if (drawn != b.leaves) {
    ev["leaves"] = Indices(drawn);
    ev["stated_leaves"] = Indices(b.leaves);
    Flag(e, K::kEscrowDesignationInvalid,
         "designation " + b.designation + ": the leaves are not those the seed draws", ev);
    return;
  }
  d->designated = true;
  d->report.beacon = b.beacon;
  d->report.seed = seed;
  d->report.leaves = drawn;
}

void Auditor::Opening(const EscrowEntry& e, const ledger::EscrowOpeningBody& b) {
  EscrowState* s = FindEscrow(e, b.escrow);
  if (s == nullptr) return;
  DesignationState* d = FindDesignation(e, *s, b.designation);
  if (d == nullptr) return;
  const Json ev = {{"escrow", b.escrow}, {"designation", b.designation}};
  if (e.n.party != s->report.party || !d->designated) {
    Flag(e, K::kEscrowProtocol,
         e.n.party != s->report.party
             ? "only " + s->report.party + " opens escrow " + b.escrow
             : "openings of designation " + b.designation + " before a valid designation",
         ev);
    return;
  }
  if (d->report.open_by && e.n.occurred > *d->report.open_by) {
    Json late = ev;
    late["open_by"] = d->report.open_by->ToString();
    Flag(e, K::kEscrowLate,
         "openings of designation " + b.designation + " on " + e.n.occurred.ToString() +
             ", after " + d->report.open_by->ToString(),
         late);
  }
  d->report.opened_at.push_back(e.index);
  const std::set<uint64_t> designated(d->report.leaves.begin(), d->report.leaves.end());
  std::set<uint64_t> verified(d->report.verified.begin(), d->report.verified.end());
  for (size_t k = 0; k < b.openings.size(); ++k) {
    const auto& o = b.openings[k];
    const std::string where = "openings[" + std::to_string(k) + "]";
    if (designated.count(o.index) == 0) {
      Json x = ev;
      x["leaf"] = o.index;
      Flag(e, K::kEscrowProtocol,
           where + ": leaf " + std::to_string(o.index) + " was not designated", x);
      continue;
    }
    if (CheckLeaf(e, *s, o, where, ev)) verified.insert(o.index);
  }
  d->report.verified.assign(verified.begin(), verified.end());
}

void Auditor::FinishDesignation(const EscrowState& s, const DesignationState& d) {
  EscrowEntry at{d.report.commit_index, {}};
  at.n.occurred = as_of_;
  Json ev = {{"escrow", s.report.id}, {"designation", d.report.id}};
  if (d.report.reveal_by && as_of_ > *d.report.reveal_by) {
    for (const std::string& p : {s.report.party, d.report.inspector}) {
      const bool revealed = std::any_of(d.report.values.begin(), d.report.values.end(),
                                        [&](const PartyValue& v) { return v.party == p; });
      if (revealed || p.empty()) continue;
      at.n.party = p;
      at.n.occurred = *d.report.reveal_by;
      Flag(at, K::kEscrowLate,
           p + " has not revealed a valid value for designation " + d.report.id + " by " +
               d.report.reveal_by->ToString(),
           ev);
    }
  }
  if (d.designated && d.report.open_by && as_of_ > *d.report.open_by) {
    std::vector<uint64_t> missing;
    for (uint64_t i : d.report.leaves) {
      if (!std::binary_search(d.report.verified.begin(), d.report.verified.end(), i)) {
        missing.push_back(i);
      }
    }
    if (!missing.empty()) {
      at.n.party = s.report.party;
      at.n.occurred = *d.report.open_by;
      ev["missing"] = Indices(missing);
      Flag(at, K::kEscrowLate,
           std::to_string(missing.size()) + " designated leaves of " + d.report.id +
               " not opened and verified by " + d.report.open_by->ToString(),
           ev);
    }
  }
}

AuditReport Auditor::Finish() {
  AuditReport r;
  r.as_of = as_of_;
  for (const std::string& id : order_) {
    EscrowState& s = escrows_.at(id);
    for (const std::string& did : s.designation_order) {
      FinishDesignation(s, s.designations.at(did));
      s.report.designations.push_back(s.designations.at(did).report);
    }
    r.escrows.push_back(s.report);
  }
  r.findings = std::move(findings_);
  return r;
}

}  // namespace verity::escrow::internal
