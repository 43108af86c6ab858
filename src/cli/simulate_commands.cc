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
  return [data_dir](const std::string& party, Date as_of) {
    return WithLedger(data_dir,
                      [&](const ledger::Ledger& l) { return ledger::StateAsOf(l, party, as_of); });
  };
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

std::string_view TypeName(stats::SiteKind k) {
  return k == stats::SiteKind::kBase ? "type_one" : "type_two";
}

Json SimulationJson(const stats::Scenario& sc, const stats::MonteCarloResult& r) {
  const double n = static_cast<double>(r.trials);
  Json steps = Json::array(), months = Json::array(), sites = Json::array();
  uint64_t cumulative = 0;
  std::vector<uint64_t> by_month(stats::kMonthsPerYear, 0);
  for (size_t i = 0; i < r.schedule.size(); ++i) {
    cumulative += r.first_detection[i];
    by_month[static_cast<size_t>(r.schedule[i].month - 1)] += r.first_detection[i];
    steps.push_back({{"inspection", i + 1},
                     {"type", TypeName(r.schedule[i].kind)},
                     {"month", r.schedule[i].month},
                     {"probability", static_cast<double>(r.first_detection[i]) / n},
                     {"cumulative", static_cast<double>(cumulative) / n}});
  }
  cumulative = 0;
  for (size_t m = 0; m < by_month.size(); ++m) {
    cumulative += by_month[m];
    months.push_back({{"month", m + 1},
                      {"probability", static_cast<double>(by_month[m]) / n},
                      {"cumulative", static_cast<double>(cumulative) / n}});
  }
  for (size_t i = 0; i < sc.force.sites.size(); ++i) {
    const stats::Site& s = sc.force.sites[i];
    sites.push_back({{"id", s.id},
                     {"kind", stats::SiteKindName(s.kind)},
                     {"deployed_missiles", s.deployed_missiles},
                     {"non_deployed", s.non_deployed},
                     {"overloaded", s.overloaded},
                     {"undeclared", s.undeclared},
                     {"detection_probability", static_cast<double>(r.site_detections[i]) / n}});
  }
  return {{"scenario", sc.name},
          {"seed", r.seed},
          {"trials", r.trials},
          {"threads", r.threads},
          {"kernel", r.kernel},
          {"detection_probability", r.detection_probability},
          {"confidence_interval",
           {{"level", 0.95}, {"low", r.interval.low}, {"high", r.interval.high}}},
          {"detected_trials", r.detected_trials},
          {"time_to_first_detection", steps},
          {"first_detection_by_month", months},
          {"sites", sites},
          {"designations", r.designations},
          {"seconds", r.seconds},
          {"cpu_seconds", r.cpu_seconds},
          {"designations_per_second",
           r.seconds > 0 ? static_cast<double>(r.designations) / r.seconds : 0.0}};
}

std::string SimulationText(const stats::Scenario& sc, const stats::MonteCarloResult& r) {
  const Json j = SimulationJson(sc, r);
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
    io.out << SimulationJson(loaded->scenario, *r).dump(2) << "\n";
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
  stats::PlanInput in;
  for (const stats::Site& s : sc.force.sites) {
    if (s.kind == stats::SiteKind::kBase && s.deployed_missiles > 0)
      in.bases.push_back({s.id, s.deployed_missiles});
  }
  in.inspections = o.inspections.value_or(sc.inspection.type_one_per_year);
  in.overloaded = o.overloaded.value_or(std::max<int64_t>(1, sc.concealment.overloaded_missiles));
  in.detection_probability = sc.inspection.detection_probability;
  in.designation = sc.inspection.designation;
  const auto r = stats::PlanInspections(in);
  if (!r.ok()) return ReportError(io, r.status().WithContext(o.scenario));
  Json bases = Json::array();
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
    bases.push_back({{"id", in.bases[b].id},
                     {"deployed_missiles", in.bases[b].missiles},
                     {"expected_inspections", y},
                     {"inspections_low", static_cast<int64_t>(std::floor(y + 1e-9))},
                     {"can_hide", r->can_hide[b] != 0},
                     {"detection_if_hidden", r->detection_if_hidden[b]},
                     {"fixed_inspections", r->fixed_allocation[b]}});
    text << "  " << std::setw(20) << std::left << in.bases[b].id << std::right << "  "
         << std::setw(8) << in.bases[b].missiles << "  " << std::setw(20) << Fixed(y, 4) << "  "
         << std::setw(5) << r->fixed_allocation[b] << "  " << std::setw(24)
         << (r->can_hide[b] != 0 ? Fixed(r->detection_if_hidden[b], 4) : "too small") << "\n";
  }
  text << "\nTo realise the plan draw U uniform in [0,1) and give each base the number of points\n"
          "U, U+1, U+2, ... that fall in its interval of the cumulative expected inspections.\n";
  const Json j = {{"scenario", sc.name},
                  {"inspections", in.inspections},
                  {"overloaded_missiles", in.overloaded},
                  {"detection_probability", r->detection_probability},
                  {"fixed_detection_probability", r->fixed_detection_probability},
                  {"bases", bases}};
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
