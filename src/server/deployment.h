// Everything a server serves, loaded once: the configuration, the treaty,
// the public series, the counter, the ledger and the simulation jobs, and the
// ServerContext that points at them. `verity serve`, the tests, the fuzz
// target and the benchmark all load a deployment the same way.
//
// Thread safety: as ServerContext (context.h); not movable (the context
// points into it).
#ifndef VERITY_SERVER_DEPLOYMENT_H_
#define VERITY_SERVER_DEPLOYMENT_H_

#include <memory>
#include <string>
#include <vector>

#include "core/status.h"
#include "forces/counter.h"
#include "forces/public_series.h"
#include "server/config.h"
#include "server/context.h"
#include "server/jobs.h"
#include "treaty/treaty.h"

namespace verity::server {

class Deployment {
 public:
  // Loads the treaty the configuration names and the public series, and
  // opens (creating if needed) the ledger in `data_dir` with the configured
  // party keys. Errors of each step pass through with their codes.
  static StatusOr<std::unique_ptr<Deployment>> Open(ServerConfig config,
                                                    const std::string& data_dir,
                                                    const std::string& scenario_dir);
  Deployment(const Deployment&) = delete;
  Deployment& operator=(const Deployment&) = delete;

  ServerContext& context() { return context_; }
  const ServerConfig& config() const { return config_; }

 private:
  Deployment() = default;

  ServerConfig config_;
  treaty::Treaty treaty_;
  std::vector<forces::PublicAggregate> series_;
  std::unique_ptr<forces::Counter> counter_;
  LedgerHandle ledger_;
  std::unique_ptr<JobTable> jobs_;
  ServerContext context_;
};

}  // namespace verity::server

#endif  // VERITY_SERVER_DEPLOYMENT_H_
