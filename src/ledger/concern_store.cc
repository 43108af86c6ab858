// Concerns and the regime read from the store, and the finder that judges
// them on append (concerns.h). A batch is judged against the log before it
// and the batch's own earlier notes, so that the result does not depend on
// how the log was batched; an unreadable stored note is skipped by the
// finder (verify reports it) so that it never stops the others being judged.
#include <algorithm>
#include <map>

#include "core/limits.h"
#include "ledger/concerns.h"
#include "ledger/regime_report.h"

namespace verity::ledger {
namespace {

constexpr NotificationType kConcernTypes[] = {NotificationType::kConcernRaised,
                                              NotificationType::kConcernAnswered,
                                              NotificationType::kConcernClosed};

bool IsConcern(NotificationType t) {
  return std::find(std::begin(kConcernTypes), std::end(kConcernTypes), t) !=
         std::end(kConcernTypes);
}

bool IsInspection(NotificationType t) {
  return t == NotificationType::kInspectionNotice || t == NotificationType::kInspectionFindings;
}

const InspectionNoticeBody* NoticeOf(const Notification& n) {
  if (n.typed_body == nullptr) return nullptr;
  if (const auto* b = std::get_if<InspectionNoticeBody>(&n.typed_body->value)) return b;
  if (const auto* b = std::get_if<InspectionFindingsBody>(&n.typed_body->value)) return &b->notice;
  return nullptr;
}

Ambiguity Flag(const Notification& n, uint64_t index, AmbiguityKind kind, std::string message) {
  return {index, n.party, kind, n.occurred, std::move(message), Json::object()};
}

// An inspection of or by a party whose inspections are suspended or
// withheld on its day.
void JudgeInspection(const Notification& n, uint64_t index, const Regime& r,
                     std::vector<Ambiguity>* out) {
  const InspectionNoticeBody* notice = NoticeOf(n);
  std::vector<std::pair<std::string, std::string>> roles = {{n.party, "by"}};
  if (notice != nullptr && notice->inspected_party)
    roles.push_back({*notice->inspected_party, "of"});
  for (const auto& [party, role] : roles) {
    Since since;
    const Excuse e = r.ExcuseFor(party, Duty::kInspections, &since);
    if (e != Excuse::kSuspended && e != Excuse::kWithheld) continue;
    out->push_back(Flag(
        n, index, AmbiguityKind::kInspectionDuringSuspension,
        std::string(Name(n.type)) + " on " + n.occurred.ToString() + ": an inspection " + role +
            " " + party + ", whose " +
            (e == Excuse::kSuspended ? "participation is suspended" : "inspections are withheld") +
            " since " + since.date.ToString() + " (treaty event #" + std::to_string(since.index) +
            "); refused"));
  }
}

// The regime each notification of a batch is judged under: that of its day
// under the events before it in the log. `events` is in index order, so
// those are a prefix; a batch's notes share few (day, prefix) pairs (a data
// exchange has one), and each pair is folded once.
class RegimeCache {
 public:
  RegimeCache(const treaty::Treaty& t, std::span<const RegimeEvent> events)
      : t_(t), events_(events) {}

  bool NoEvents() const { return events_.empty(); }

  const Regime& On(Date day, uint64_t index) {
    const auto end = std::lower_bound(events_.begin(), events_.end(), index,
                                      [](const RegimeEvent& e, uint64_t i) { return e.index < i; });
    const size_t prefix = static_cast<size_t>(end - events_.begin());
    auto [it, added] = folded_.try_emplace({day, prefix});
    if (added) it->second = RegimeOn(t_, events_.first(prefix), day);
    return it->second;
  }

 private:
  const treaty::Treaty& t_;
  std::span<const RegimeEvent> events_;
  std::map<std::pair<Date, size_t>, Regime> folded_;
};

// The regime findings of one notification of a batch: a duty notified while
// the treaty is not in force, an inspection during a suspension.
void JudgeUnderRegime(const treaty::Treaty& t, RegimeCache& regimes, const Notification& n,
                      uint64_t index, std::vector<Ambiguity>* out) {
  if (n.type == NotificationType::kTreatyEvent || IsConcern(n.type)) return;
  if (regimes.NoEvents() && t.InForceOn(n.occurred)) return;
  const Regime& r = regimes.On(n.occurred, index);
  if (r.state == TreatyState::kEnded) {
    out->push_back(Flag(n, index, AmbiguityKind::kTreatyNotInForce,
                        std::string(Name(n.type)) + " on " + n.occurred.ToString() +
                            ": the treaty is not in force since " + r.ends_on.ToString() + " (" +
                            r.ended_by + "); no duty is owed under it"));
    return;
  }
  if (IsInspection(n.type)) JudgeInspection(n, index, r, out);
}

StatusOr<Notification> ParseRow(const StoredRow& row) {
  return ParseStoredEntry(row.entry, static_cast<uint64_t>(row.index));
}

}  // namespace

StatusOr<std::vector<IndexedNotification>> LoadConcernNotes(const Ledger& ledger, uint64_t before) {
  std::vector<IndexedNotification> out;
  for (NotificationType type : kConcernTypes) {
    Status s = ledger.ForEachRowOfType(type, before, [&](const StoredRow& row) -> Status {
      VERITY_ASSIGN_OR_RETURN(Notification n, ParseRow(row));
      if (n.type != type) {
        return DataLoss("entries[" + std::to_string(row.index) + "]: the type column says " +
                        row.type + " but the entry is a " + std::string(Name(n.type)));
      }
      out.push_back({static_cast<uint64_t>(row.index), std::move(n)});
      return Status::Ok();
    });
    if (!s.ok()) return s;
  }
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.index < b.index; });
  return out;
}

StatusOr<std::vector<Concern>> LoadConcerns(const Ledger& ledger, const treaty::Treaty& t,
                                            Date as_of) {
  std::vector<Concern> out;
  Status s = ledger.InSnapshot([&]() -> Status {
    VERITY_ASSIGN_OR_RETURN(auto notes, LoadConcernNotes(ledger));
    VERITY_ASSIGN_OR_RETURN(auto events, LoadRegimeEvents(ledger));
    VERITY_ASSIGN_OR_RETURN(auto recorded, ledger.Ambiguities());
    const std::vector<PublicKey> keys = ledger.PartyKeys();
    out = DeriveConcerns(t, keys, notes, events, as_of);
    for (Concern& c : out) {
      for (ConcernReference& r : c.references) {
        if (r.kind.empty() || !r.found) continue;
        r.found = std::any_of(recorded.begin(), recorded.end(), [&](const Ambiguity& a) {
          return a.index == r.entry && Name(a.kind) == r.kind;
        });
      }
    }
    return Status::Ok();
  });
  if (!s.ok()) return s;
  return out;
}

namespace {

// The batch's treaty events the regime applies: those within
// limits::kMaxTreatyEvents after the `stored` ones; each later one is a
// conflict that changes nothing.
std::vector<RegimeEvent> AppliedEvents(std::span<const Notification> batch, uint64_t first_index,
                                       size_t stored, std::vector<Ambiguity>* found) {
  std::vector<RegimeEvent> added;
  for (size_t i = 0; i < batch.size(); ++i) {
    auto e = RegimeEventOf(batch[i], first_index + i);
    if (!e) continue;
    if (stored + added.size() < static_cast<size_t>(limits::kMaxTreatyEvents)) {
      added.push_back(std::move(*e));
      continue;
    }
    found->push_back(Flag(batch[i], e->index, AmbiguityKind::kTreatyEventConflict,
                          std::string(Name(e->event)) + " by " + e->party + ": the ledger holds " +
                              std::to_string(limits::kMaxTreatyEvents) +
                              " treaty events already (limits::kMaxTreatyEvents); this one is "
                              "not applied"));
  }
  return added;
}

}  // namespace

AmbiguityFinder MakeConcernFinder(const Ledger* ledger, const treaty::Treaty* treaty) {
  return [ledger, treaty](std::span<const Notification> batch, uint64_t first_index) {
    std::vector<IndexedNotification> notes;
    for (size_t i = 0; i < batch.size(); ++i) {
      if (IsConcern(batch[i].type)) notes.push_back({first_index + i, batch[i]});
    }
    // A stored entry that does not parse is verify's to report; the batch
    // is judged against the rest.
    auto earlier = LoadRegimeEvents(*ledger, first_index);
    std::vector<RegimeEvent> events =
        earlier.ok() ? std::move(*earlier) : std::vector<RegimeEvent>();
    std::vector<Ambiguity> found;
    const size_t stored_events = events.size();
    for (RegimeEvent& e : AppliedEvents(batch, first_index, stored_events, &found)) {
      events.push_back(std::move(e));
    }
    for (Ambiguity& a : TreatyEventConflicts(*treaty, events, stored_events)) {
      found.push_back(std::move(a));
    }
    RegimeCache regimes(*treaty, events);
    for (size_t i = 0; i < batch.size(); ++i) {
      JudgeUnderRegime(*treaty, regimes, batch[i], first_index + i, &found);
    }
    if (notes.empty()) return found;
    auto stored = LoadConcernNotes(*ledger, first_index);
    std::vector<IndexedNotification> all =
        stored.ok() ? std::move(*stored) : std::vector<IndexedNotification>();
    all.insert(all.end(), notes.begin(), notes.end());
    std::vector<Ambiguity> concern_found;
    DeriveConcerns(*treaty, ledger->PartyKeys(), all, events, Date::FromYmd(2999, 12, 31),
                   &concern_found);
    for (Ambiguity& a : concern_found) {
      if (a.index >= first_index) found.push_back(std::move(a));
    }
    return found;
  };
}

}  // namespace verity::ledger
