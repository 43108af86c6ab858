#include "ledger/replay.h"

#include <algorithm>
#include <map>
#include <memory>
#include <mutex>

#include "forces/declaration_io.h"
#include "ledger/apply.h"
#include "ledger/checkpoint_codec.h"
#include "ledger/running_count.h"

namespace verity::ledger {
namespace {

Date EndOfTime() { return Date::FromYmd(2999, 12, 31); }

struct Checkpoint {
  Date occurred;
  forces::Declaration state;
};

// The newest checkpoint of `party` on or before `as_of` that the store
// authenticates for the entries below `max_index`, decoded. None (replay
// from the start) if there is none, it does not authenticate, or it does
// not decode: verify reports those.
StatusOr<std::optional<Checkpoint>> LoadCheckpoint(const Ledger& ledger, const std::string& party,
                                                   Date as_of, uint64_t max_index = UINT64_MAX) {
  VERITY_ASSIGN_OR_RETURN(auto stored, ledger.FindCheckpoint(party, as_of, max_index));
  if (!stored) return std::optional<Checkpoint>();
  auto state = DecodeCheckpoint(stored->state, "checkpoint of " + party);
  if (!state.ok()) return std::optional<Checkpoint>();
  return std::optional<Checkpoint>(Checkpoint{stored->day, std::move(*state)});
}

forces::Declaration EmptyState(const std::string& party) {
  forces::Declaration d;
  d.party = party;
  d.BuildIndex();
  return d;
}

// `party`'s state from its entries with index below `max_index` that
// occurred on or before `as_of`. `last`, if given, receives the latest
// `occurred` among them (none if there are none).
StatusOr<forces::Declaration> StateBefore(const Ledger& ledger, const std::string& party,
                                          Date as_of, bool use_checkpoints, uint64_t max_index,
                                          std::optional<Date>* last = nullptr) {
  forces::Declaration state = EmptyState(party);
  std::optional<Date> after;
  if (use_checkpoints) {
    VERITY_ASSIGN_OR_RETURN(auto cp, LoadCheckpoint(ledger, party, as_of, max_index));
    if (cp) {
      state = std::move(cp->state);
      after = cp->occurred;
    }
  }
  VERITY_ASSIGN_OR_RETURN(std::vector<Event> events,
                          LoadEvents(ledger, party, after, as_of, max_index));
  ReplayEvents(events, &state, nullptr);
  state.as_of = as_of;
  if (last != nullptr) *last = events.empty() ? after : std::optional<Date>(events.back().occurred);
  return state;
}

StoredCheckpoint MakeCheckpoint(const std::string& party, Date day, uint64_t index,
                                const forces::Declaration& state) {
  forces::Declaration copy = state;
  copy.as_of = day;
  return {party, day, index, EncodeCheckpoint(std::move(copy))};
}

bool Late(const Event& e, const treaty::Treaty& t, int* allowed) {
  using T = NotificationType;
  switch (e.type) {
    case T::kLaunch:
    case T::kBomberExercise:
    case T::kInspectionNotice:
    case T::kInspectionFindings:
    case T::kTreatyEvent:
    case T::kWarheadChange:
    case T::kConcernRaised:
    case T::kConcernAnswered:
    case T::kConcernClosed:
      // Advance notices, records, (warheads) notified only at data
      // exchanges, or the commission's own (concerns.h has its deadline).
      return false;
    // Escrow steps have the protocol's deadlines (docs/escrow.md), not the Protocol's.
    case T::kEscrowCommitment:
    case T::kEscrowReveal:
    case T::kEscrowRandomnessCommit:
    case T::kEscrowRandomnessReveal:
    case T::kEscrowDesignation:
    case T::kEscrowOpening:
      return false;  // advance notices, records, or (warheads) notified only at data exchanges
    default:
      break;
  }
  *allowed = t.DeadlineDays(Name(e.type));
  return e.sent.date() - e.occurred > *allowed;
}

std::vector<int64_t> LimitCounts(const forces::Counter& counter, const forces::Declaration& d) {
  const forces::Counts c = counter.Count(d);
  std::vector<int64_t> out;
  for (const auto& l : c.limits) out.push_back(l.count);
  return out;
}

// Applies one party's part of a batch to its state, flagging as it goes.
// Applies `events` (sorted by occurrence) to `state`, recording ambiguities.
void FindInParty(std::vector<Event> events, forces::Declaration* state,
                 const forces::Counter& counter, std::vector<Ambiguity>* found) {
  const treaty::Treaty& t = counter.treaty();
  std::stable_sort(events.begin(), events.end(),
                   [](const Event& a, const Event& b) { return a.occurred < b.occurred; });
  std::vector<bool> over(t.limits.size(), false);
  for (size_t i = 0; i < events.size(); ++i) {
    const Event& e = events[i];
    int allowed = 0;
    if (Late(e, t, &allowed)) {
      found->push_back({e.index,
                        e.party,
                        AmbiguityKind::kLateNotification,
                        e.occurred,
                        "sent " + std::to_string(e.sent.date() - e.occurred) +
                            " days after the change (" + std::string(Name(e.type)) +
                            " deadline: " + std::to_string(allowed) + " days)",
                        {{"occurred", e.occurred.ToString()},
                         {"sent", e.sent.ToString()},
                         {"deadline_days", allowed}}});
    }
    ApplyEvent(e, state, found);
    if (i + 1 < events.size() && events[i + 1].occurred == e.occurred) continue;
    const auto counts = LimitCounts(counter, *state);
    for (size_t l = 0; l < t.limits.size(); ++l) {
      const bool now_over =
          t.StatusOn(e.occurred, t.limits[l], counts[l]) == treaty::LimitStatus::kOver;
      if (now_over && !over[l]) {
        found->push_back(
            {e.index,
             e.party,
             AmbiguityKind::kLimitExceeded,
             e.occurred,
             t.limits[l].name + ": " + std::to_string(counts[l]) + " exceeds the limit of " +
                 std::to_string(t.limits[l].max),
             {{"limit", t.limits[l].id}, {"count", counts[l]}, {"max", t.limits[l].max}}});
      }
      over[l] = now_over;
    }
  }
}

}  // namespace

StatusOr<std::vector<Event>> LoadEvents(const Ledger& ledger, const std::string& party,
                                        std::optional<Date> after, Date until, uint64_t max_index) {
  std::vector<Event> out;
  VERITY_RETURN_IF_ERROR(ledger.ForEachEntryOf(
      party, after, until, max_index, [&](uint64_t index, std::string_view entry) -> Status {
        VERITY_ASSIGN_OR_RETURN(Notification n, ParseStoredEntry(entry, index));
        // The query selects by the copied columns; the signed entry decides.
        if (n.party != party || (after && n.occurred <= *after) || n.occurred > until) {
          return DataLoss("entries[" + std::to_string(index) +
                          "]: the stored party or occurred differs from the signed entry; run "
                          "'verity ledger verify'");
        }
        out.push_back(EventFromNotification(n, index));
        return Status::Ok();
      }));
  return out;
}

void ReplayEvents(std::span<const Event> events, forces::Declaration* state,
                  std::vector<Ambiguity>* found) {
  std::vector<Ambiguity> ignored;
  ContentsIndex contents;
  for (const Event& e : events) {
    ApplyEvent(e, state, found ? found : &ignored, &contents);
    ignored.clear();
  }
}

StatusOr<forces::Declaration> StateAsOf(const Ledger& ledger, const std::string& party, Date as_of,
                                        bool use_checkpoints) {
  // One snapshot: the checkpoint and the entries after it are one state of
  // the log even while another process appends.
  StatusOr<forces::Declaration> out = Internal("StateAsOf: not run");
  VERITY_RETURN_IF_ERROR(ledger.InSnapshot([&]() -> Status {
    out = StateBefore(ledger, party, as_of, use_checkpoints, UINT64_MAX);
    return out.status();
  }));
  return out;
}

StatusOr<forces::Declaration> StateForFinder(const Ledger& ledger, const std::string& party,
                                             Date as_of, uint64_t before) {
  return StateBefore(ledger, party, as_of, true, before);
}

namespace {

// True when changes from `from` on leave `party`'s checkpoints as they are:
// every checkpoint is older than `from` (none is deleted) and fewer than
// `every` changes follow the newest (none is due). Counts rows by the index
// on (party, occurred) without reading them, so appending one notification
// at a time costs no replay.
StatusOr<bool> CheckpointsCurrent(const Ledger& ledger, const std::string& party,
                                  std::optional<Date> from, size_t every) {
  if (!from) return false;
  VERITY_ASSIGN_OR_RETURN(std::optional<Date> newest, ledger.NewestCheckpointDay(party));
  if (newest && *newest >= *from) return false;
  VERITY_ASSIGN_OR_RETURN(uint64_t since, ledger.CountEntriesOf(party, newest));
  return since < every;
}

// The checkpoints of `party` after `base` (or from the start): one at the end
// of the first day after every `every` events.
StatusOr<std::vector<StoredCheckpoint>> MakeCheckpoints(const Ledger& ledger,
                                                        const std::string& party,
                                                        std::optional<StoredCheckpoint> base,
                                                        size_t every) {
  forces::Declaration state = EmptyState(party);
  std::optional<Date> after;
  if (base) {
    auto decoded = DecodeCheckpoint(base->state, "checkpoint of " + party);
    if (decoded.ok()) {
      state = std::move(*decoded);
      after = base->day;
    }
  }
  VERITY_ASSIGN_OR_RETURN(std::vector<Event> events, LoadEvents(ledger, party, after, EndOfTime()));
  std::vector<StoredCheckpoint> out;
  size_t since = 0;
  for (size_t i = 0; i < events.size(); ++i) {
    std::vector<Ambiguity> ignored;
    ApplyEvent(events[i], &state, &ignored);
    ++since;
    const bool day_ends = i + 1 == events.size() || events[i + 1].occurred != events[i].occurred;
    if (since >= every && day_ends) {
      out.push_back(MakeCheckpoint(party, events[i].occurred, events[i].index, state));
      since = 0;
    }
  }
  return out;
}

}  // namespace

Status UpdateCheckpoints(Ledger& ledger, const std::string& party, std::optional<Date> from,
                         size_t every) {
  VERITY_ASSIGN_OR_RETURN(const bool current, CheckpointsCurrent(ledger, party, from, every));
  if (current) return Status::Ok();
  return ledger.RewriteCheckpoints(party, from, [&](std::optional<StoredCheckpoint> base) {
    return MakeCheckpoints(ledger, party, std::move(base), every);
  });
}

Status UpdateCheckpointsAfter(Ledger& ledger, const AppendResult& appended) {
  for (const auto& [party, earliest] : appended.earliest_change) {
    VERITY_RETURN_IF_ERROR(UpdateCheckpoints(ledger, party, earliest));
  }
  return Status::Ok();
}

std::vector<TimelineRow> TimelineOf(std::span<const Event> events, const forces::Counter& counter,
                                    Date from, Date to) {
  std::vector<TimelineRow> rows;
  forces::Declaration state = EmptyState(events.empty() ? "" : events.front().party);
  ContentsIndex contents;
  internal::RunningCount counts(counter);
  counts.Full(state, contents);
  std::vector<Ambiguity> ignored;
  size_t next = 0;
  for (Date day = from; day <= to; day = day.AddDays(1)) {
    while (next < events.size() && events[next].occurred <= day) {
      counts.Apply(events[next++], &state, &contents, &ignored);
      ignored.clear();
    }
    rows.push_back({day, counts.totals()});
  }
  return rows;
}

StatusOr<std::vector<TimelineRow>> Timeline(const Ledger& ledger, const forces::Counter& counter,
                                            const std::string& party, std::optional<Date> from,
                                            std::optional<Date> to) {
  if (from && to && *to < *from) return InvalidArgument("--to is before --from");
  VERITY_ASSIGN_OR_RETURN(std::vector<Event> events,
                          LoadEvents(ledger, party, std::nullopt, to.value_or(EndOfTime())));
  if (events.empty()) return NotFound("no notifications of " + party + " in the ledger");
  const Date first = from.value_or(events.front().occurred);
  const Date last = to.value_or(events.back().occurred);
  if (last < first) return InvalidArgument("--to is before --from");
  return TimelineOf(events, counter, first, last);
}

namespace {

// Each party's replayed state after the last batch the finder saw, so that
// appending one notification at a time (as the server does) does not
// replay from a checkpoint each time. The states are valid for a batch at
// exactly `next_index`: any other index means entries came from elsewhere
// or a batch was not committed, and the cache is dropped. A party's state
// is kept only while its notifications arrive in order of occurrence
// (replay applies a late one before later changes).
struct FinderCache {
  struct Party {
    forces::Declaration state;
    std::optional<Date> last;  // the latest `occurred` applied
  };
  std::mutex mu;
  uint64_t next_index = UINT64_MAX;
  std::map<std::string, Party> parties;
};

FinderCache::Party CachedOrReplayed(FinderCache& cache, const Ledger& ledger,
                                    const std::string& party, uint64_t first_index) {
  if (auto it = cache.parties.find(party); it != cache.parties.end()) {
    FinderCache::Party p = std::move(it->second);
    cache.parties.erase(it);
    return p;
  }
  FinderCache::Party p;
  auto state = StateBefore(ledger, party, EndOfTime(), true, first_index, &p.last);
  // An unreadable record is reported by verify; replay what can be.
  p.state = state.ok() ? std::move(*state) : EmptyState(party);
  return p;
}

}  // namespace

AmbiguityFinder MakeAmbiguityFinder(const Ledger* ledger, const forces::Counter* counter) {
  auto cache = std::make_shared<FinderCache>();
  return [ledger, counter, cache](std::span<const Notification> batch, uint64_t first_index) {
    std::map<std::string, std::vector<Event>> by_party;
    for (size_t i = 0; i < batch.size(); ++i) {
      by_party[batch[i].party].push_back(EventFromNotification(batch[i], first_index + i));
    }
    std::lock_guard<std::mutex> lock(cache->mu);
    if (cache->next_index != first_index) cache->parties.clear();
    std::vector<Ambiguity> found;
    for (auto& [party, events] : by_party) {
      FinderCache::Party p = CachedOrReplayed(*cache, *ledger, party, first_index);
      const auto [earliest, latest] = std::minmax_element(
          events.begin(), events.end(),
          [](const Event& a, const Event& b) { return a.occurred < b.occurred; });
      const bool in_order = !p.last || earliest->occurred >= *p.last;
      const Date newest = latest->occurred;
      FindInParty(std::move(events), &p.state, *counter, &found);
      if (in_order) cache->parties[party] = {std::move(p.state), newest};
    }
    cache->next_index = first_index + batch.size();
    return found;
  };
}

}  // namespace verity::ledger
