// `verity stats detect|sample-size|game|game2x2`: exact verification statistics.
#include <cstdio>
#include <memory>
#include <sstream>

#include "cli/command.h"
#include "core/json.h"
#include "stats/answers.h"

namespace verity::cli {
namespace {

struct StatsOptions {
  int64_t population = 0;
  int64_t defects = 0;
  int64_t sample = 0;
  std::string detect;
  int64_t periods = 0;
  int64_t inspections = 0;
  stats::InspectionGamePayoffs payoffs;
  bool json = false;
};

std::string Decimal(double v) {
  std::ostringstream s;
  s.precision(10);
  s << v;
  return s.str();
}

std::string Decimal(const Json& v) { return Decimal(v.get<double>()); }

int Print(const Io& io, bool json, const Json& j, const std::string& text) {
  if (json)
    io.out << j.dump(2) << "\n";
  else
    io.out << text;
  return kExitOk;
}

int Detect(const StatsOptions& o, const Io& io) {
  const auto j = stats::DetectAnswer(o.population, o.defects, o.sample);
  if (!j.ok()) return ReportError(io, j.status());
  return Print(io, o.json, *j,
               "P(a sample of " + std::to_string(o.sample) + " from " +
                   std::to_string(o.population) + " holds at least one of " +
                   std::to_string(o.defects) +
                   " defects) = " + Decimal(j->at("detection_probability")) + "\n");
}

int SampleSize(const StatsOptions& o, const Io& io) {
  const auto j = stats::SampleSizeAnswer(o.population, o.defects, o.detect);
  if (!j.ok()) return ReportError(io, j.status());
  return Print(
      io, o.json, *j,
      "sample size (exact hypergeometric): " + std::to_string(j->at("sample_size").get<int64_t>()) +
          "\nsample size (IAEA, ceil(N(1-(1-P)^(1/R)))): " +
          std::to_string(j->at("sample_size_iaea").get<int64_t>()) + "\n");
}

int Game(const StatsOptions& o, const Io& io) {
  const auto j = stats::GameAnswer(o.periods, o.inspections);
  if (!j.ok()) return ReportError(io, j.status());
  return Print(io, o.json, *j,
               "value of Dresher's game (" + std::to_string(o.periods) + " periods, " +
                   std::to_string(o.inspections) + " inspections): " +
                   j->at("fraction").get<std::string>() + " = " + Decimal(j->at("value")) + "\n");
}

int Game2x2(const StatsOptions& o, const Io& io) {
  const auto j = stats::Game2x2Answer(o.payoffs);
  if (!j.ok()) return ReportError(io, j.status());
  auto d = [&](const char* key) { return Decimal(j->at(key)); };
  std::string text = "equilibrium: " + j->at("equilibrium").get<std::string>() + "\n";
  text += "  inspect with probability  " + d("inspection_probability") + "\n";
  text += "  violate with probability  " + d("violation_probability") + "\n";
  text += "  payoffs: inspector " + d("inspector_payoff") + ", inspectee " + d("inspectee_payoff") +
          "\n";
  text += "deterrence threshold (least detection probability that deters): " +
          d("deterrence_threshold") + "\n";
  return Print(io, o.json, *j, text);
}

void AddPopulation(CLI::App* cmd, StatsOptions* o) {
  cmd->add_option("--population,-N", o->population, "Items in the population (N)")->required();
  cmd->add_option("--defects,-R", o->defects, "Defective items among them (R)")->required();
  cmd->add_flag("--json", o->json, "Machine-readable JSON");
}

void AddGame2x2Options(CLI::App* cmd, StatsOptions* o) {
  stats::InspectionGamePayoffs& p = o->payoffs;
  cmd->add_option("--gain,-d", p.violation_gain,
                  "Inspectee's gain from an undetected violation (d)")
      ->capture_default_str();
  cmd->add_option("--sanction,-b", p.sanction, "Inspectee's loss when a violation is caught (b)")
      ->capture_default_str();
  cmd->add_option("--cost,-c", p.inspection_cost, "Inspector's cost of one inspection (c)")
      ->capture_default_str();
  cmd->add_option("--catch-gain,-a", p.detection_gain,
                  "Inspector's gain from catching a violation (a)")
      ->capture_default_str();
  cmd->add_option("--loss,-L", p.violation_loss,
                  "Inspector's loss from an undetected violation (L)")
      ->capture_default_str();
  cmd->add_option("--detection", p.detection_probability,
                  "Probability that an inspection detects a violation (1-beta)")
      ->capture_default_str();
  cmd->add_option("--false-alarm", p.false_alarm, "False-alarm probability (alpha)")
      ->capture_default_str();
  cmd->add_option("--false-alarm-cost", p.false_alarm_cost, "Inspectee's cost of a false alarm (h)")
      ->capture_default_str();
  cmd->add_flag("--json", o->json, "Machine-readable JSON");
}

}  // namespace

void AddStatsCommands(CLI::App& app, const Io& io, int* code) {
  CLI::App* stats = app.add_subcommand(
      "stats", "Exact detection probabilities, sample sizes and inspection games");
  stats->require_subcommand(1);

  auto o = std::make_shared<StatsOptions>();
  CLI::App* detect = stats->add_subcommand(
      "detect", "Chance that a random sample without replacement holds at least one defect");
  AddPopulation(detect, o.get());
  detect->add_option("--sample,-n", o->sample, "Sample size (n)")->required();
  detect->callback([o, &io, code] { *code = Detect(*o, io); });

  CLI::App* size = stats->add_subcommand(
      "sample-size", "Smallest sample reaching a detection probability (exact and IAEA formula)");
  AddPopulation(size, o.get());
  size->add_option("--detect,-P", o->detect,
                   "Detection probability to reach, a decimal such as 0.95")
      ->required();
  size->callback([o, &io, code] { *code = SampleSize(*o, io); });

  CLI::App* game = stats->add_subcommand(
      "game", "Value of Dresher's recursive inspection game (exact fraction and decimal)");
  game->add_option("--periods,-n", o->periods, "Periods (n)")->required();
  game->add_option("--inspections,-m", o->inspections, "Inspections (m)")->required();
  game->add_flag("--json", o->json, "Machine-readable JSON");
  game->callback([o, &io, code] { *code = Game(*o, io); });

  CLI::App* g2 = stats->add_subcommand(
      "game2x2", "Mixed equilibrium and deterrence threshold of the 2x2 inspection game");
  AddGame2x2Options(g2, o.get());
  g2->callback([o, &io, code] { *code = Game2x2(*o, io); });
}

}  // namespace verity::cli
