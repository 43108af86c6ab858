// What the endpoint groups read and call: the configuration and the loaded
// domain objects.
//
// The server owns no domain logic; it holds pointers to what the serve
// command loaded and passes them to each group. A null domain member means
// that part is not available in this deployment; its endpoints answer 503
// "unavailable".
//
// Thread safety: the members are immutable once the server starts, or
// internally synchronised.
#ifndef VERITY_SERVER_CONTEXT_H_
#define VERITY_SERVER_CONTEXT_H_

#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "core/date.h"
#include "forces/counter.h"
#include "forces/public_series.h"
#include "ledger/store.h"
#include "server/config.h"
#include "server/jobs.h"
#include "treaty/treaty.h"

namespace verity::server {

// The ledger and the lock that serialises its use (ledger::Ledger is used by
// one thread at a time).
struct LedgerHandle {
  std::mutex mu;
  std::unique_ptr<ledger::Ledger> ledger;
};

// The current time (UTC), as stamped on new tree heads.
Timestamp SystemNow();

class Cosigner;  // server/cosign.h

struct ServerContext {
  const ServerConfig* config = nullptr;  // required
  const treaty::Treaty* treaty = nullptr;
  const std::vector<forces::PublicAggregate>* aggregates = nullptr;
  LedgerHandle* ledger = nullptr;
  JobTable* jobs = nullptr;                     // background simulations
  std::string scenario_dir = "data/scenarios";  // Monte Carlo scenario files (*.toml)
  std::string data_dir;                         // the ledger's folder: never shown in an answer
  std::function<Timestamp()> now = SystemNow;
  const forces::Counter* counter = nullptr;  // counts under `treaty`; replay needs it
  // Collects witnesses' cosignatures after each append; null without a policy.
  Cosigner* cosigner = nullptr;
};

}  // namespace verity::server

#endif  // VERITY_SERVER_CONTEXT_H_
