// `verity simulate` (Monte Carlo) and `verity inspect plan` (the inspection
// game over bases), both driven by a scenario file (data/scenarios/).
#include <unistd.h>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <iomanip>
#include <memory>
#include <sstream>
#include <thread>

#include "cli/command.h"
#include "cli/ledger_io.h"
#include "core/json.h"
#include "ledger/replay.h"
#include "ledger/store.h"
#include "stats/answers.h"
#include "stats/declaration_force.h"
#include "stats/montecarlo.h"
#include "stats/plan.h"

namespace verity::cli {
namespace {

constexpr uint64_t kDefaultTrials = 1'000'000;
constexpr uint64_t kDefaultSeed = 1;
constexpr auto kProgressDelay = std::chrono::seconds(1);
constexpr int kBarWidth = 40;

// A scenario with [ledger_state] reads the ledger in `data_dir`, opened
// only when the scenario asks for it.
stats::LedgerStateSource LedgerIn(const std::string& data_dir) {
  return inspect::LedgerStates(data_dir);
}

struct SimulateOptions {
  std::string scenario;
  std::string data = ledger::kDefaultDataDir;
  std::optional<uint64_t> trials;
  std::optional<uint64_t> seed;
  int threads = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  bool json = false;
};

// A progress bar on stderr, shown only on a terminal and after a second.
class ProgressBar {
 public:
  explicit ProgressBar(std::ostream& err) : err_(err), enabled_(isatty(STDERR_FILENO) != 0) {}
  ~ProgressBar() {
    if (shown_) err_ << "\r" << std::string(kBarWidth + 16, ' ') << "\r" << std::flush;
  }
  void operator()(uint64_t done, uint64_t total) {
    if (!enabled_ || std::chrono::steady_clock::now() - start_ < kProgressDelay) return;
    shown_ = true;
    const double f = static_cast<double>(done) / static_cast<double>(total);
    const int filled = static_cast<int>(f * kBarWidth);
    err_ << "\r[" << std::string(static_cast<size_t>(filled), '#')
         << std::string(static_cast<size_t>(kBarWidth - filled), ' ') << "] " << std::setw(3)
         << static_cast<int>(f * 100) << "%" << std::flush;
  }

 private:
  std::ostream& err_;
  bool enabled_;
  bool shown_ = false;
  std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now();
};

std::string Fixed(double v, int digits) {
  std::ostringstream s;
  s << std::fixed << std::setprecision(digits) << v;
  return s.str();
}

std::string SimulationText(const stats::Scenario& sc, const stats::MonteCarloResult& r) {
  const Json j = stats::SimulationAnswer(sc, r);
  std::ostringstream o;
  o << "scenario: " << sc.name << "\n"
    << "trials " << r.trials << ", seed " << r.seed << ", threads " << r.threads << " ("
    << Fixed(r.seconds, 2) << " s)\n"
    << "P(at least one detection within a treaty year) = " << Fixed(r.detection_probability, 4)
    << "  (95% CI " << Fixed(r.interval.low, 4) << " - " << Fixed(r.interval.high, 4) << ")\n\n"
    << "time to first detection\n  inspection  type      month  P(first here)  cumulative\n";
  for (const Json& s : j.at("time_to_first_detection")) {
    o << "  " << std::setw(10) << s.at("inspection").get<int>() << "  " << std::setw(8) << std::left
      << s.at("type").get<std::string>() << std::right << "  " << std::setw(5)
      << s.at("month").get<int>() << "  " << std::setw(13) << Fixed(s.at("probability"), 4) << "  "
      << std::setw(10) << Fixed(s.at("cumulative"), 4) << "\n";
  }
  o << "\ndetection by site\n  site                  kind          overloaded  undeclared  "
       "P(detected there)\n";
  for (const Json& s : j.at("sites")) {
    o << "  " << std::setw(20) << std::left << s.at("id").get<std::string>() << "  "
      << std::setw(12) << s.at("kind").get<std::string>() << std::right << "  " << std::setw(10)
      << s.at("overloaded").get<int64_t>() << "  " << std::setw(10)
      << s.at("undeclared").get<int64_t>() << "  " << std::setw(17)
      << Fixed(s.at("detection_probability"), 4) << "\n";
  }
  return o.str();
}

int Simulate(const SimulateOptions& o, const Io& io) {
  const auto loaded = stats::LoadScenario(o.scenario, LedgerIn(o.data));
  if (!loaded.ok()) return ReportError(io, loaded.status());
  stats::MonteCarloOptions mc;
  mc.trials = o.trials.value_or(loaded->trials.value_or(kDefaultTrials));
  mc.seed = o.seed.value_or(loaded->seed.value_or(kDefaultSeed));
  mc.threads = o.threads;
  auto bar = std::make_shared<ProgressBar>(io.err);
  mc.progress = [bar](uint64_t done, uint64_t total) { (*bar)(done, total); };
  const auto r = stats::RunMonteCarlo(loaded->scenario, mc);
  bar.reset();
  if (!r.ok()) return ReportError(io, r.status());
  if (o.json)
    io.out << stats::SimulationAnswer(loaded->scenario, *r).dump(2) << "\n";
  else
    io.out << SimulationText(loaded->scenario, *r);
  return kExitOk;
}

struct PlanOptions {
  std::string scenario;
  std::string data = ledger::kDefaultDataDir;
  std::optional<int64_t> inspections;
  std::optional<int64_t> overloaded;
  bool json = false;
};

int Plan(const PlanOptions& o, const Io& io) {
  const auto loaded = stats::LoadScenario(o.scenario, LedgerIn(o.data));
  if (!loaded.ok()) return ReportError(io, loaded.status());
  const stats::Scenario& sc = loaded->scenario;
  const stats::PlanInput in = stats::PlanInputFor(sc, o.inspections, o.overloaded);
  const auto r = stats::PlanInspections(in);
  if (!r.ok()) return ReportError(io, r.status().WithContext(o.scenario));
  std::ostringstream text;
  text << "scenario: " << sc.name << "\n"
       << in.inspections << " Type One inspections; " << in.overloaded
       << " overloaded missile(s) hidden at one base of the concealing party's choice\n"
       << "guaranteed detection probability: " << Fixed(r->detection_probability, 4)
       << " (best fixed allocation: " << Fixed(r->fixed_detection_probability, 4) << ")\n\n"
       << "  base                  missiles  expected inspections  fixed  P(detect) if hidden "
          "here\n";
  for (size_t b = 0; b < in.bases.size(); ++b) {
    const double y = r->expected_inspections[b];
    text << "  " << std::setw(20) << std::left << in.bases[b].id << std::right << "  "
         << std::setw(8) << in.bases[b].missiles << "  " << std::setw(20) << Fixed(y, 4) << "  "
         << std::setw(5) << r->fixed_allocation[b] << "  " << std::setw(24)
         << (r->can_hide[b] != 0 ? Fixed(r->detection_if_hidden[b], 4) : "too small") << "\n";
  }
  text << "\nTo realise the plan draw U uniform in [0,1) and give each base the number of points\n"
          "U, U+1, U+2, ... that fall in its interval of the cumulative expected inspections.\n";
  const Json j = stats::PlanAnswer(sc, in, *r);
  if (o.json)
    io.out << j.dump(2) << "\n";
  else
    io.out << text.str();
  return kExitOk;
}

}  // namespace

void AddSimulateCommands(CLI::App& app, const Io& io, int* code) {
  auto o = std::make_shared<SimulateOptions>();
  CLI::App* sim = app.add_subcommand(
      "simulate", "Monte Carlo: chance that a concealment strategy is caught within a treaty year");
  sim->add_option("SCENARIO", o->scenario,
                  "Scenario file (TOML), e.g. data/scenarios/us-2020-upload.toml")
      ->required();
  sim->add_option("--trials", o->trials,
                  "Simulated treaty years (default: the file's, else 1000000)");
  sim->add_option("--threads", o->threads, "Worker threads (the result does not depend on it)")
      ->capture_default_str();
  sim->add_option("--seed", o->seed, "Random seed (default: the file's, else 1)");
  sim->add_flag("--json", o->json, "Machine-readable JSON");
  sim->add_option("--data", o->data, "Data folder of the ledger, for scenarios with [ledger_state]")
      ->capture_default_str();
  sim->callback([o, &io, code] { *code = Simulate(*o, io); });

  auto p = std::make_shared<PlanOptions>();
  CLI::App* inspect = GetOrAddSubcommand(app, "inspect", "Inspections: quotas, findings, planning");
  CLI::App* plan = inspect->add_subcommand(
      "plan",
      "Spread Type One inspections over bases to maximise the worst-case detection probability");
  plan->add_option("SCENARIO", p->scenario, "Scenario file (TOML) giving bases, inspections, k")
      ->required();
  plan->add_option("--inspections", p->inspections,
                   "Type One inspections (default: the scenario's)");
  plan->add_option("--overloaded", p->overloaded,
                   "Overloaded missiles hidden at one base (default: the scenario's)");
  plan->add_flag("--json", p->json, "Machine-readable JSON");
  plan->add_option("--data", p->data,
                   "Data folder of the ledger, for scenarios with [ledger_state]")
      ->capture_default_str();
  plan->callback([p, &io, code] { *code = Plan(*p, io); });
}

}  // namespace verity::cli
