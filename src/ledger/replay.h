// Replay: a party's declared state on any date, reconstructed from its
// notifications, a daily timeline of every limit, checkpoints that keep an
// "as of" query from replaying from the start, and the ambiguity finder
// used when appending.
//
// Order: a party's notifications are applied in order of the date the
// change occurred, ties broken by log index. The state "as of D" includes
// every change that occurred on or before D.
//
// Checkpoints are a cache (table `checkpoints`, outside the Merkle tree):
// the state after all of a party's changes up to the end of a day. An
// append drops those it makes stale (a change on or before their day) in
// its own transaction; UpdateCheckpoints writes new ones. They are read
// only when the store authenticates them for the log being read
// (Ledger::FindCheckpoint); otherwise a query replays from the entries, and
// VerifyCheckpoints reports why. StateAsOf with use_checkpoints=false
// ignores them.
#ifndef VERITY_LEDGER_REPLAY_H_
#define VERITY_LEDGER_REPLAY_H_

#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/date.h"
#include "core/status.h"
#include "forces/counter.h"
#include "forces/model.h"
#include "ledger/ambiguity.h"
#include "ledger/event.h"
#include "ledger/store.h"
#include "treaty/treaty.h"

namespace verity::ledger {

inline constexpr size_t kCheckpointEvery = 1000;  // events between checkpoints

// The events of `party` with occurred in (after, until] and log index below
// `max_index`, sorted by (occurred, index). DataLoss if a stored entry does
// not parse.
StatusOr<std::vector<Event>> LoadEvents(const Ledger& ledger, const std::string& party,
                                        std::optional<Date> after, Date until,
                                        uint64_t max_index = UINT64_MAX);

// Applies `events` to `state` in order, collecting ambiguities in `found`
// (may be null).
void ReplayEvents(std::span<const Event> events, forces::Declaration* state,
                  std::vector<Ambiguity>* found);

// The state of `party` as of `as_of`. An empty declaration (no items) if
// the party has notified nothing by then.
StatusOr<forces::Declaration> StateAsOf(const Ledger& ledger, const std::string& party, Date as_of,
                                        bool use_checkpoints = true);

// The state of `party` as of `as_of` from its entries with index below
// `before` only: what an ambiguity finder judges the entry at `before`
// against, however the log was batched (an import appends in one batch what
// was appended one by one). Inside an append, checkpoints hold only entries
// from before the batch (UpdateCheckpointsAfter rewrites them after it), so
// they are used.
StatusOr<forces::Declaration> StateForFinder(const Ledger& ledger, const std::string& party,
                                             Date as_of, uint64_t before);

// Rewrites the checkpoints of `party` from `from` on (all if empty), one
// at the end of the first day after every `every` events, and has the
// store seal them (Ledger::RewriteCheckpoints). Cheap when nothing is due.
// FailedPrecondition without log.key.
Status UpdateCheckpoints(Ledger& ledger, const std::string& party, std::optional<Date> from,
                         size_t every = kCheckpointEvery);

// Rewrites the checkpoints of the parties an append changed, from each
// party's earliest change in it.
Status UpdateCheckpointsAfter(Ledger& ledger, const AppendResult& appended);

// Checks every stored checkpoint against a replay of the entries: its
// state must be the party's state at the end of its day and its index the
// last change applied. One problem per checkpoint that differs (table
// "checkpoints", row "party=P occurred=D"). Replays each party once.
StatusOr<std::vector<RowProblem>> VerifyCheckpoints(const Ledger& ledger);

struct TimelineRow {
  Date date;
  std::vector<int64_t> counts;  // indexed like Treaty::limits
};

// The count of every limit for every day in [from, to] (defaults: the
// party's first and last change). One full count per day with changes.
StatusOr<std::vector<TimelineRow>> Timeline(const Ledger& ledger, const forces::Counter& counter,
                                            const std::string& party, std::optional<Date> from,
                                            std::optional<Date> to);
// The same over events already loaded (for benchmarks and tests).
std::vector<TimelineRow> TimelineOf(std::span<const Event> events, const forces::Counter& counter,
                                    Date from, Date to);

// The finder that Ledger::Append calls: replays each party's record up to
// the batch and applies the batch, flagging what does not add up, late
// notifications (treaty deadlines) and binding limits exceeded.
// REQUIRES: `ledger` and `counter` outlive the finder.
AmbiguityFinder MakeAmbiguityFinder(const Ledger* ledger, const forces::Counter* counter);

// Makes the ambiguity finder of a ledger under the treaty of `counter`, for
// code that opens ledgers itself (ImportLedger, WriteSample).
// MakeAmbiguityFinder is one (the replay's alone); inspect::MakeTreatyFinder,
// which the CLI, the server, import and the sample use, adds the
// inspections'. REQUIRES (of the finder made): `ledger` and `counter`
// outlive it.
using FinderFactory =
    std::function<AmbiguityFinder(const Ledger* ledger, const forces::Counter* counter)>;

}  // namespace verity::ledger

#endif  // VERITY_LEDGER_REPLAY_H_
