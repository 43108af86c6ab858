// Simulations: POST starts a Monte Carlo run of a shipped scenario in the
// background; GET follows its progress and returns the result.
#include <algorithm>
#include <filesystem>

#include "ledger/replay.h"
#include "server/ledger_access.h"
#include "server/routes.h"
#include "stats/declaration_force.h"
#include "stats/montecarlo.h"
#include "stats/scenario.h"

namespace verity::server {
namespace {

namespace fs = std::filesystem;
constexpr int64_t kMaxTrials = 5'000'000;
constexpr int64_t kDefaultTrials = 100'000;
constexpr int64_t kMaxSeed = int64_t{1} << 53;  // exact in the dashboard's numbers
constexpr int kSimulationThreads = 1;           // leave the other cores to the requests

Json StepToJson(const stats::InspectionStep& s) {
  return {{"kind", s.kind == stats::SiteKind::kBase ? "type_one" : "type_two"}, {"month", s.month}};
}

Json ResultToJson(const stats::MonteCarloResult& r) {
  Json schedule = Json::array();
  for (const stats::InspectionStep& s : r.schedule) schedule.push_back(StepToJson(s));
  return {{"seed", r.seed},
          {"trials", r.trials},
          {"threads", r.threads},
          {"detected_trials", r.detected_trials},
          {"detection_probability", r.detection_probability},
          {"interval", {{"low", r.interval.low}, {"high", r.interval.high}}},
          {"schedule", schedule},
          {"first_detection", r.first_detection},
          {"site_detections", r.site_detections},
          {"seconds", r.seconds}};
}

// The names of the scenario files (without .toml), sorted.
std::vector<std::string> ScenarioNames(const std::string& dir) {
  std::vector<std::string> names;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(dir, ec)) {
    if (e.path().extension() == ".toml") names.push_back(e.path().stem().string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

StatusOr<stats::Scenario> LoadNamed(const ServerContext& ctx, const std::string& name) {
  const std::vector<std::string> names = ScenarioNames(ctx.scenario_dir);
  if (std::find(names.begin(), names.end(), name) == names.end()) {
    return NotFound("no scenario '" + name + "'");  // also keeps paths inside the folder
  }
  // A scenario with [ledger_state] reads this server's ledger.
  auto ledger_state = [&ctx](const std::string& party, Date as_of) {
    return WithLedger(ctx, [&](ledger::Ledger& l) { return ledger::StateAsOf(l, party, as_of); });
  };
  VERITY_ASSIGN_OR_RETURN(
      stats::LoadedScenario loaded,
      stats::LoadScenario((fs::path(ctx.scenario_dir) / (name + ".toml")).string(), ledger_state));
  return loaded.scenario;
}

StatusOr<ApiResponse> Start(const ServerContext& ctx, const ApiRequest& req) {
  if (ctx.jobs == nullptr) return Unavailable("simulations are not enabled on this server");
  FieldReader r(req.body, "body");
  VERITY_RETURN_IF_ERROR(r.RejectUnknown({"scenario", "trials", "seed"}));
  VERITY_ASSIGN_OR_RETURN(std::string name, r.String("scenario"));
  VERITY_ASSIGN_OR_RETURN(auto trials, r.OptInt("trials", 1, kMaxTrials));
  VERITY_ASSIGN_OR_RETURN(auto seed, r.OptInt("seed", 0, kMaxSeed));
  VERITY_ASSIGN_OR_RETURN(stats::Scenario scenario, LoadNamed(ctx, name));
  stats::MonteCarloOptions options;
  options.trials = static_cast<uint64_t>(trials.value_or(kDefaultTrials));
  options.seed = static_cast<uint64_t>(seed.value_or(1));
  options.threads = kSimulationThreads;
  const Json request = {{"scenario", name}, {"trials", options.trials}, {"seed", options.seed}};
  auto work = [scenario = std::move(scenario),
               options](const JobTable::Progress& p) mutable -> StatusOr<Json> {
    options.progress = [&p](uint64_t done, uint64_t total) {
      p(static_cast<double>(done) / static_cast<double>(total));
    };
    VERITY_ASSIGN_OR_RETURN(stats::MonteCarloResult result,
                            stats::RunMonteCarlo(scenario, options));
    return ResultToJson(result);
  };
  VERITY_ASSIGN_OR_RETURN(std::string id, ctx.jobs->Start(request, std::move(work)));
  return ApiResponse{202,
                     {{"id", id}, {"state", "running"}, {"progress", 0}, {"request", request}}};
}

StatusOr<ApiResponse> Progress(const ServerContext& ctx, const ApiRequest& req) {
  if (ctx.jobs == nullptr) return Unavailable("simulations are not enabled on this server");
  VERITY_ASSIGN_OR_RETURN(Json job, ctx.jobs->Get(req.captures.at(0)));
  return ApiResponse{200, job};
}

}  // namespace

void AddSimulationRoutes(ApiRouter& router, const ServerContext& ctx) {
  // Registered before /simulations/{id}, which would also match it.
  router.Get("/simulations/scenarios", Access::kDetail,
             [&ctx](const ApiRequest&) -> StatusOr<ApiResponse> {
               return ApiResponse{200, {{"scenarios", ScenarioNames(ctx.scenario_dir)}}};
             });
  router.Post("/simulations", Access::kDetail,
              [&ctx](const ApiRequest& r) { return Start(ctx, r); });
  router.Get("/simulations/{id}", Access::kDetail,
             [&ctx](const ApiRequest& r) { return Progress(ctx, r); });
}

}  // namespace verity::server
