// An observer's checks of a log's checkpoints under a policy: what a
// party, a monitor or the dashboard runs before it believes a checkpoint.
//
// (That a checkpoint is signed by a policy log and cosigned by its quorum
// is tlog::CheckCheckpoint; its error names the missing witnesses.)
//
// CheckConsistentWith: a checkpoint the observer already trusts and a new
// one (each signed by a policy log; the quorum is not needed here) must
// describe one history: the same size with another root is DataLoss
// "split view: the log signed two checkpoints of size N with different
// roots (A and B)"; a larger one must come with a consistency proof that
// verifies, else DataLoss "rewritten history: the checkpoint of size N is
// not an extension of the one of size M (...)"; a smaller one is checked
// the other way round.
//
// CompareWitnessViews: the checkpoints each witness holds (fetched from
// their monitoring paths) checked pairwise with CheckConsistentWith where
// sizes are equal, so a log that showed the witnesses different trees of
// one size is named: "split view: witness us and witness ru hold different
// checkpoints of size N".
//
// Thread safety: pure functions.
#ifndef VERITY_WITNESS_OBSERVER_H_
#define VERITY_WITNESS_OBSERVER_H_

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/hash.h"
#include "core/status.h"
#include "tlog/policy.h"

namespace verity::witness {

Status CheckConsistentWith(const tlog::Policy& policy, std::string_view trusted,
                           std::string_view next, const std::vector<Hash256>& proof);

// `views`: (witness name, the note it serves).
Status CompareWitnessViews(const tlog::Policy& policy,
                           const std::vector<std::pair<std::string, std::string>>& views);

}  // namespace verity::witness

#endif  // VERITY_WITNESS_OBSERVER_H_
