#include "server/deployment.h"

#include "server/ledger_setup.h"

namespace verity::server {
namespace {
constexpr size_t kMaxRunningSimulations = 2;
constexpr size_t kKeptSimulations = 100;
}  // namespace

StatusOr<std::unique_ptr<Deployment>> Deployment::Open(ServerConfig config,
                                                       const std::string& data_dir,
                                                       const std::string& scenario_dir) {
  std::unique_ptr<Deployment> d(new Deployment());
  d->config_ = std::move(config);
  VERITY_ASSIGN_OR_RETURN(d->treaty_, treaty::LoadTreaty(d->config_.treaty));
  VERITY_ASSIGN_OR_RETURN(d->series_, forces::LoadPublicSeries());
  d->counter_ = std::make_unique<forces::Counter>(d->treaty_);
  VERITY_ASSIGN_OR_RETURN(d->ledger_.ledger, OpenServerLedger(data_dir, d->config_, *d->counter_));
  d->jobs_ = std::make_unique<JobTable>(kMaxRunningSimulations, kKeptSimulations);
  d->context_ = ServerContext{&d->config_,    &d->treaty_,  &d->series_, &d->ledger_,
                              d->jobs_.get(), scenario_dir, data_dir};
  d->context_.counter = d->counter_.get();
  return d;
}

}  // namespace verity::server
