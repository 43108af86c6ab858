// VerifyCheckpoints (replay.h): every stored checkpoint against a replay.
#include <map>
#include <vector>

#include "forces/declaration_io.h"
#include "ledger/apply.h"
#include "ledger/checkpoint_codec.h"
#include "ledger/replay.h"

namespace verity::ledger {
namespace {

std::string CheckpointName(const StoredCheckpoint& c) {
  return "party=" + c.party + " occurred=" + c.day.ToString();
}

// Replays `party` once up to its last checkpoint, comparing each of its
// checkpoints (in day order, at least one) with the state at the end of its
// day.
Status CheckParty(const Ledger& ledger, const std::string& party,
                  const std::vector<StoredCheckpoint>& checkpoints, std::vector<RowProblem>* out) {
  VERITY_ASSIGN_OR_RETURN(std::vector<Event> events,
                          LoadEvents(ledger, party, std::nullopt, checkpoints.back().day));
  forces::Declaration state;
  state.party = party;
  state.BuildIndex();
  size_t next = 0;
  std::optional<uint64_t> last_index;
  std::vector<Ambiguity> ignored;
  for (const StoredCheckpoint& c : checkpoints) {
    while (next < events.size() && events[next].occurred <= c.day) {
      ApplyEvent(events[next], &state, &ignored);
      last_index = events[next++].index;
      ignored.clear();
    }
    auto stored = DecodeCheckpoint(c.state, "checkpoint");
    if (!stored.ok()) {
      out->push_back({"checkpoints", CheckpointName(c), "the state does not decode"});
      continue;
    }
    state.as_of = c.day;
    if (forces::DeclarationToJson(*stored) != forces::DeclarationToJson(state)) {
      out->push_back({"checkpoints", CheckpointName(c),
                      "the stored state differs from the state replayed from the entries"});
    } else if (!last_index || *last_index != c.index) {
      out->push_back({"checkpoints", CheckpointName(c),
                      "idx " + std::to_string(c.index) + " is not the last change of its day (" +
                          (last_index ? std::to_string(*last_index) : "none") + ")"});
    }
  }
  return Status::Ok();
}

}  // namespace

StatusOr<std::vector<RowProblem>> VerifyCheckpoints(const Ledger& ledger) {
  std::map<std::string, std::vector<StoredCheckpoint>> by_party;
  VERITY_RETURN_IF_ERROR(ledger.ForEachCheckpoint([&](const StoredCheckpoint& c) {
    by_party[c.party].push_back(c);
    return Status::Ok();
  }));
  std::vector<RowProblem> out;
  for (const auto& [party, checkpoints] : by_party) {
    VERITY_RETURN_IF_ERROR(CheckParty(ledger, party, checkpoints, &out));
  }
  return out;
}

}  // namespace verity::ledger
