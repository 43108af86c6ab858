// The checks of each escrow step (audit.h states what each one is).
#include <algorithm>
#include <variant>

#include "escrow/audit_internal.h"
#include "escrow/item.h"
#include "escrow/stage.h"
#include "ledger/body.h"

namespace verity::escrow::internal {
namespace {

using K = ledger::AmbiguityKind;
using ledger::NotificationType;

std::string Leaf(uint64_t i) { return "leaf " + std::to_string(i); }

}  // namespace

void Auditor::Flag(const EscrowEntry& e, K kind, std::string message, Json evidence) {
  ledger::Ambiguity a;
  a.index = e.index;
  a.party = e.n.party;
  a.kind = kind;
  a.occurred = e.n.occurred;
  a.message = std::move(message);
  a.evidence = std::move(evidence);
  findings_.push_back(std::move(a));
}

EscrowState* Auditor::FindEscrow(const EscrowEntry& e, const std::string& id) {
  const auto it = escrows_.find(id);
  if (it != escrows_.end()) return &it->second;
  Flag(e, K::kEscrowProtocol, "no escrow_commitment of escrow " + id + " before this entry",
       {{"escrow", id}});
  return nullptr;
}

DesignationState* Auditor::FindDesignation(const EscrowEntry& e, EscrowState& s,
                                           const std::string& id) {
  const auto it = s.designations.find(id);
  if (it != s.designations.end()) return &it->second;
  Flag(e, K::kEscrowProtocol,
       "no randomness commitment of designation " + id + " before this entry",
       {{"escrow", s.report.id}, {"designation", id}});
  return nullptr;
}

void Auditor::Step(const EscrowEntry& e) {
  if (e.n.typed_body == nullptr) return;  // parsed entries always carry one
  std::visit(
      [&](const auto& b) {
        using B = std::decay_t<decltype(b)>;
        if constexpr (std::is_same_v<B, ledger::EscrowCommitmentBody>) Commitment(e, b);
        if constexpr (std::is_same_v<B, ledger::EscrowRevealBody>) Reveal(e, b);
        if constexpr (std::is_same_v<B, ledger::EscrowRandomnessCommitBody>) RandomnessCommit(e, b);
        if constexpr (std::is_same_v<B, ledger::EscrowRandomnessRevealBody>) RandomnessReveal(e, b);
        if constexpr (std::is_same_v<B, ledger::EscrowDesignationBody>) Designation(e, b);
        if constexpr (std::is_same_v<B, ledger::EscrowOpeningBody>) Opening(e, b);
      },
      e.n.typed_body->value);
}

void Auditor::Commitment(const EscrowEntry& e, const ledger::EscrowCommitmentBody& b) {
  if (escrows_.count(b.escrow) != 0) {
    Flag(e, K::kEscrowProtocol,
         "escrow " + b.escrow + " was committed to before (entry " +
             std::to_string(escrows_.at(b.escrow).report.index) + ")",
         {{"escrow", b.escrow}});
    return;
  }
  const auto& cats = counter_.treaty().categories;
  for (const auto& t : b.totals) {
    const bool known = std::any_of(cats.begin(), cats.end(),
                                   [&](const treaty::Category& c) { return c.id == t.category; });
    if (!known || b.treaty != counter_.treaty().id) {
      Flag(e, K::kEscrowProtocol,
           "total of '" + t.category + "' is not a category of treaty " + counter_.treaty().id,
           {{"escrow", b.escrow}, {"treaty", b.treaty}, {"category", t.category}});
    }
  }
  EscrowState s;
  s.report = {b.escrow, e.n.party, b.treaty, e.index, b.as_of, b.root,
              b.leaves, b.totals,  {},       0,       false,   {}};
  order_.push_back(b.escrow);
  escrows_.emplace(b.escrow, std::move(s));
}

void Auditor::LoadState(EscrowState& s) {
  if (s.state) return;
  s.state.emplace();
  auto d = states_(s.report.party, s.report.as_of);
  if (!d.ok() || d->items.empty()) return;  // nothing replayed to compare with
  s.report.state_checked = true;
  for (Json& r : ItemRecords(*d, counter_)) {
    auto uid = RecordUid(r, "");
    if (uid.ok()) (*s.state)[*uid] = std::move(r);
  }
}

bool Auditor::CheckLeaf(const EscrowEntry& e, EscrowState& s, const ledger::EscrowLeafOpening& o,
                        const std::string& where, const Json& context) {
  Json ev = context;
  ev["escrow"] = s.report.id;
  ev["leaf"] = o.index;
  if (Status st = CheckOpening(o, static_cast<uint64_t>(s.report.leaves), s.report.root, where);
      !st.ok()) {
    Flag(e, K::kEscrowOpeningInvalid, st.message(), ev);
    return false;
  }
  const auto [at, fresh] = s.salts.emplace(o.salt, o.index);
  if (!fresh && at->second != o.index) {
    ev["other_leaf"] = at->second;
    Flag(e, K::kEscrowOpeningInvalid,
         where + ": " + Leaf(o.index) + " has the salt of " + Leaf(at->second) +
             " (a salt may not be reused: it links the leaves)",
         ev);
    return false;
  }
  LoadState(s);
  if (!s.report.state_checked) return true;
  auto uid = RecordUid(o.item, where + ".item");
  const auto found = uid.ok() ? s.state->find(*uid) : s.state->end();
  if (found == s.state->end()) {
    Flag(e, K::kEscrowContradictsState,
         where + ": " + Leaf(o.index) + " opens an item that is not in the replayed state of " +
             s.report.party + " on " + s.report.as_of.ToString(),
         ev);
    return false;
  }
  const Json diff = RecordDifferences(o.item, found->second);
  if (!diff.empty()) {
    ev["differences"] = diff;
    Flag(e, K::kEscrowContradictsState,
         where + ": " + Leaf(o.index) + " (" + *uid + ") differs from the replayed state of " +
             s.report.party + " on " + s.report.as_of.ToString(),
         ev);
    return false;
  }
  return true;
}

void Auditor::Reveal(const EscrowEntry& e, const ledger::EscrowRevealBody& b) {
  EscrowState* s = FindEscrow(e, b.escrow);
  if (s == nullptr) return;
  if (e.n.party != s->report.party) {
    Flag(e, K::kEscrowProtocol, "only " + s->report.party + " reveals escrow " + b.escrow,
         {{"escrow", b.escrow}});
    return;
  }
  StageReport st{b.stage, e.index, e.n.occurred, b.select, 0, 0};
  const Json context = {{"stage", b.stage}};
  for (size_t k = 0; k < b.openings.size(); ++k) {
    const auto& o = b.openings[k];
    const std::string where = "openings[" + std::to_string(k) + "]";
    ++st.opened;
    if (!InStage(o.item, b.select)) {
      Flag(e, K::kEscrowProtocol, where + ": " + Leaf(o.index) + " is not in stage " + b.stage,
           {{"escrow", b.escrow}, {"stage", b.stage}, {"leaf", o.index}});
      continue;
    }
    if (!CheckLeaf(e, *s, o, where, context)) continue;
    ++st.verified;
    if (s->revealed.insert(o.index).second) {
      auto cats = RecordCategories(o.item, where + ".item");
      for (const std::string& c : cats.ok() ? *cats : std::vector<std::string>{}) {
        ++s->revealed_count[c];
      }
    }
  }
  s->report.revealed = static_cast<int64_t>(s->revealed.size());
  s->report.stages.push_back(std::move(st));
  CheckTotals(e, *s, b);
}

void Auditor::CheckTotals(const EscrowEntry& e, EscrowState& s, const ledger::EscrowRevealBody& b) {
  for (const auto& t : s.report.totals) {
    const int64_t got = s.revealed_count[t.category];
    const bool whole = b.select.by == "category" &&
                       std::find(b.select.values.begin(), b.select.values.end(), t.category) !=
                           b.select.values.end();
    if (got > t.count || (whole && got != t.count)) {
      Flag(e, K::kEscrowTotalsDiffer,
           "stage " + b.stage + ": " + std::to_string(got) + " items of " + t.category +
               " revealed, but " + std::to_string(t.count) + " were stated at commitment",
           {{"escrow", s.report.id},
            {"stage", b.stage},
            {"category", t.category},
            {"revealed", got},
            {"stated", t.count}});
    }
  }
}

void Auditor::RandomnessCommit(const EscrowEntry& e, const ledger::EscrowRandomnessCommitBody& b) {
  EscrowState* s = FindEscrow(e, b.escrow);
  if (s == nullptr) return;
  const Json ev = {{"escrow", b.escrow}, {"designation", b.designation}};
  auto [it, fresh] = s->designations.try_emplace(b.designation);
  DesignationState& d = it->second;
  if (fresh) {
    d.report.id = b.designation;
    s->designation_order.push_back(b.designation);
  }
  if (d.commitments.count(e.n.party) != 0 || d.any_revealed) {
    Flag(e, K::kEscrowProtocol,
         e.n.party + " committed to designation " + b.designation +
             (d.any_revealed ? " after a value was revealed" : " twice"),
         ev);
    return;
  }
  const bool host = e.n.party == s->report.party;
  if (!host && !d.report.inspector.empty()) {
    Flag(e, K::kEscrowProtocol,
         "designation " + b.designation + " is between " + s->report.party + " and " +
             d.report.inspector + " only",
         ev);
    return;
  }
  if (!host && (!b.openings || *b.openings > s->report.leaves)) {
    Flag(e, K::kEscrowDesignationInvalid,
         "the inspecting party's commitment must state openings, 1 to the " +
             std::to_string(s->report.leaves) + " leaves",
         ev);
    return;
  }
  d.commitments[e.n.party] = b.commitment;
  d.report.committed.push_back(e.n.party);
  if (!host) {
    d.report.inspector = e.n.party;
    d.report.commit_index = e.index;
    d.report.openings = *b.openings;
    d.report.reveal_by = b.reveal_by;
    d.report.open_by = b.open_by;
    d.report.beacon_round = b.beacon_round;
  }
}

void Auditor::RandomnessReveal(const EscrowEntry& e, const ledger::EscrowRandomnessRevealBody& b) {
  EscrowState* s = FindEscrow(e, b.escrow);
  if (s == nullptr) return;
  DesignationState* d = FindDesignation(e, *s, b.designation);
  if (d == nullptr) return;
  const Json ev = {{"escrow", b.escrow}, {"designation", b.designation}};
  const auto own = d->commitments.find(e.n.party);
  if (own == d->commitments.end()) {
    Flag(e, K::kEscrowProtocol, e.n.party + " reveals a value it did not commit to", ev);
    return;
  }
  if (d->commitments.size() < 2) {
    Flag(e, K::kEscrowProtocol,
         e.n.party +
             " revealed its value before both commitments were in the log (the other "
             "party could then choose its own to steer the draw)",
         ev);
    return;
  }
  const bool again = std::any_of(d->report.values.begin(), d->report.values.end(),
                                 [&](const PartyValue& v) { return v.party == e.n.party; });
  if (again) {
    Flag(e, K::kEscrowProtocol, e.n.party + " revealed its value twice", ev);
    return;
  }
  d->any_revealed = true;
  if (RandomnessCommitment(b.escrow, b.designation, e.n.party, b.value) != own->second) {
    Json bad = ev;
    bad["commitment"] = ToHex(own->second);
    Flag(e, K::kEscrowDesignationInvalid,
         "the value " + e.n.party + " revealed does not match its commitment", bad);
    return;
  }
  if (d->report.reveal_by && e.n.occurred > *d->report.reveal_by) {
    Json late = ev;
    late["reveal_by"] = d->report.reveal_by->ToString();
    Flag(e, K::kEscrowLate,
         e.n.party + " revealed its value on " + e.n.occurred.ToString() + ", after " +
             d->report.reveal_by->ToString(),
         late);
  }
  d->report.values.push_back({e.n.party, b.value});
}

}  // namespace verity::escrow::internal
