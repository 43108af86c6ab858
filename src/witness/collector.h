// Collecting cosignatures for a log's checkpoint from the witnesses of a
// tlog policy (C2SP tlog-witness.md, the client's side).
//
// Collect sends the checkpoint, with a consistency proof from the size the
// witness is believed to hold, to every witness of the policy that has a
// URL, all in parallel. Per witness:
//   - transport failures, timeouts and 5xx answers are retried up to
//     max_attempts times with a doubling delay;
//   - a 409 is resent with the witness's own size and a proof from that
//     size (at most max_conflicts times); a witness holding a size above
//     the checkpoint's is refused (FailedPrecondition: it has cosigned a
//     larger tree of this log than the one offered);
//   - 400/403/404/422 are final (422 is DataLoss: the witness holds a
//     checkpoint this one is inconsistent with);
//   - the whole of one witness's work ends by witness_deadline_ms, so
//     Collect returns after at most about that long, whatever the
//     witnesses do.
// Then the cosignatures that verify are added to the note and the policy
// evaluates it: the verdict says whether the quorum is met and who is
// missing. A quorum not met is not an error of Collect.
//
// The collector remembers the size each witness last cosigned or
// announced, so the next checkpoint goes out with the right old size.
//
// Errors of Collect itself: the note not signed by a log of the policy
// (PermissionDenied, EvaluateCheckpoint's), or malformed (InvalidArgument).
//
// Thread safety: Collect may be called from several threads; calls for the
// same log should not overlap (their remembered sizes would race, costing
// a 409 round trip, never a wrong cosignature).
#ifndef VERITY_WITNESS_COLLECTOR_H_
#define VERITY_WITNESS_COLLECTOR_H_

#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "core/hash.h"
#include "core/status.h"
#include "tlog/note.h"
#include "tlog/policy.h"
#include "witness/http_post.h"

namespace verity::witness {

struct CollectOptions {
  PostLimits post;                       // one attempt
  int max_attempts = 3;                  // per witness, for failures worth a retry
  int64_t retry_delay_ms = 100;          // doubled after each failure
  int max_conflicts = 2;                 // 409 resends per witness
  int64_t witness_deadline_ms = 10'000;  // all the attempts of one witness
};

// The consistency proof from `old_size` to the checkpoint's size (empty
// for old size 0 or the same size). OutOfRange-like failures are returned
// as they are and end that witness's attempts.
using ProofSource = std::function<StatusOr<std::vector<Hash256>>(uint64_t old_size)>;

struct WitnessOutcome {
  std::string name;
  std::string url;
  Status status;  // OK: cosigned
  std::vector<tlog::NoteSignature> cosignatures;
  uint64_t old_size = 0;  // the old size of the last request sent
  int attempts = 0;       // requests sent
  int64_t elapsed_ms = 0;

  // "us: cosigned (1 request, 3 ms)" or "ru: <why>".
  std::string Summary() const;
};

struct Collection {
  std::string note;  // the checkpoint with every verified cosignature collected
  std::vector<WitnessOutcome> witnesses;
  tlog::PolicyVerdict verdict;  // of `note`
};

class Collector {
 public:
  Collector(tlog::Policy policy, CollectOptions options = {});
  const tlog::Policy& policy() const { return policy_; }

  StatusOr<Collection> Collect(std::string_view note, const ProofSource& proofs);

 private:
  WitnessOutcome Ask(const tlog::PolicyWitness& witness, std::string_view note, uint64_t size,
                     const ProofSource& proofs);
  uint64_t KnownSize(const std::string& name);
  void Remember(const std::string& name, uint64_t size);

  tlog::Policy policy_;
  CollectOptions options_;
  std::mutex mu_;
  std::map<std::string, uint64_t> sizes_;
};

}  // namespace verity::witness

#endif  // VERITY_WITNESS_COLLECTOR_H_
