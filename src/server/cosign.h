// Collecting witnesses' cosignatures for the ledger's checkpoints: the one
// function `verity ledger append --policy`, `verity ledger cosign` and
// `verity serve` call (docs/witness.md, "The log collects").
//
// CosignCheckpoint reads the checkpoint note of a stored tree head, sends
// it with consistency proofs from the ledger to every witness of the
// collector's policy (witness::Collector: parallel, bounded, retried,
// 409s resent), and stores the cosignatures that verify with the
// ledger::AddCosignatures. The ledger is used only through `access`, which
// runs a function with the ledger held (a lock in the server): never
// during the HTTP exchanges, so an append is never held up by a witness.
//
// Cosigner runs CosignCheckpoint for the newest checkpoint on a thread of
// its own whenever Notify is called (after each append), coalescing
// notifications that arrive while it works: appends never wait for it.
//
// Thread safety: CosignCheckpoint as its `access`; Cosigner's methods from
// any thread.
#ifndef VERITY_SERVER_COSIGN_H_
#define VERITY_SERVER_COSIGN_H_

#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "core/json.h"
#include "core/status.h"
#include "ledger/store.h"
#include "tlog/policy.h"
#include "witness/collector.h"

namespace verity::server {

using LedgerAccess = std::function<Status(const std::function<Status(ledger::Ledger&)>&)>;

struct CosignResult {
  uint64_t size = 0;
  witness::Collection collection;
  // "checkpoint 12: quorum both met (us, ru)" or "...: quorum both NOT met: ...".
  std::string Summary() const;
  Json ToJson() const;
};

// `size`: the stored tree head to cosign; nullopt: the newest. NotFound
// for an empty ledger or no head of that size; PermissionDenied when the
// policy has no log of the ledger's key and origin (the checkpoint would
// be refused by whoever holds the policy). A quorum not met is a result.
StatusOr<CosignResult> CosignCheckpoint(const LedgerAccess& access, witness::Collector& collector,
                                        std::optional<uint64_t> size = std::nullopt);

struct PolicyFile {
  std::string text;
  tlog::Policy policy;
};
// The policy file (at most tlog::kMaxPolicyBytes), parsed; InvalidArgument
// "<path>: policy line N: ...".
StatusOr<PolicyFile> LoadPolicy(const std::string& path);

class Cosigner {
 public:
  Cosigner(LedgerAccess access, PolicyFile policy, witness::CollectOptions options = {});
  ~Cosigner();  // finishes the round in progress, then stops
  Cosigner(const Cosigner&) = delete;
  Cosigner& operator=(const Cosigner&) = delete;

  void Notify();
  // The outcome of the last round (nullopt before the first), as JSON.
  std::optional<Json> Last() const;
  // Blocks until every Notify before this call has been handled (tests).
  void Drain();
  const tlog::Policy& policy() const { return collector_.policy(); }
  const std::string& policy_text() const { return policy_text_; }

 private:
  void Run();

  LedgerAccess access_;
  std::string policy_text_;
  witness::Collector collector_;
  mutable std::mutex mu_;
  std::condition_variable cv_;
  uint64_t requested_ = 0, done_ = 0;
  bool stop_ = false;
  std::optional<Json> last_;
  std::thread thread_;
};

}  // namespace verity::server

#endif  // VERITY_SERVER_COSIGN_H_
