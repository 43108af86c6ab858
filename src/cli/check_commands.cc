// `verity check` and `verity report`: count declarations under a treaty.
// `check --data DIR` also says, from the ledger, which treaty is in force on
// the date asked, which party is suspended since when and the last data
// each party gave (ledger/regime_report.h).
#include <ctime>
#include <memory>

#include "cli/command.h"
#include "forces/count_json.h"
#include "forces/declaration_io.h"
#include "forces/provenance.h"
#include "forces/ranges.h"
#include "forces/report.h"
#include "inspect/treaty_ledger.h"
#include "ledger/regime_report.h"

namespace verity::cli {
namespace {

struct CountOptions {
  std::vector<std::string> declarations;
  std::string treaty = "new-start";
  std::string as_of;
  std::string explain;
  std::string data;  // check only: a ledger whose regime is reported
  bool json = false;
  bool csv = false;
  bool sources = false;
};

void AddCountOptions(CLI::App* cmd, CountOptions* o) {
  cmd->add_option("DECL", o->declarations,
                  "Declaration files (JSON), '-' for standard input, or a shipped name "
                  "such as us-2020-09-01");
  cmd->add_option("--treaty", o->treaty,
                  "Treaty: a shipped name (new-start, follow-on-example, "
                  "bomber-capacity-example) or a .toml file")
      ->capture_default_str();
  cmd->add_option("--as-of", o->as_of,
                  "Judge the limits on this date (default: the declaration's as_of)");
  cmd->add_option("--explain", o->explain, "List the items behind one limit (e.g. warheads)");
  cmd->add_flag("--json", o->json, "Machine-readable JSON");
}

// Everything a count needs, loaded and validated before anything is printed.
struct Loaded {
  treaty::Treaty treaty;
  std::vector<forces::Declaration> declarations;
  std::optional<Date> as_of;
  int explain = -1;
};

StatusOr<std::unique_ptr<Loaded>> Load(const CountOptions& o) {
  if (o.declarations.empty() && o.data.empty()) {
    return InvalidArgument("DECL: a declaration is required (or --data DIR for the regime)");
  }
  auto l = std::make_unique<Loaded>();
  VERITY_ASSIGN_OR_RETURN(l->treaty, treaty::LoadTreaty(o.treaty));
  if (!o.as_of.empty()) {
    auto d = Date::Parse(o.as_of);
    if (!d.ok()) return d.status().WithContext("--as-of");
    l->as_of = *d;
  }
  if (!o.explain.empty()) {
    l->explain = l->treaty.FindLimit(o.explain);
    if (l->explain < 0)
      return InvalidArgument("--explain: '" + o.explain + "' is not a limit of " + l->treaty.name);
  }
  for (const auto& path : o.declarations) {
    VERITY_ASSIGN_OR_RETURN(auto d, forces::LoadDeclaration(path));
    l->declarations.push_back(std::move(d));
  }
  return l;
}

using forces::CountDetail;

// The text form; the JSON form is the library's (forces/count_json.h).
std::string CountText(const forces::Counter& counter, const forces::Declaration& d,
                      const CountOptions& o, CountDetail detail, const Loaded& l) {
  const forces::Report r = forces::MakeReport(counter, d, l.as_of.value_or(d.as_of));
  if (o.csv) return forces::ReportCsv(r);
  std::string text = detail == CountDetail::kFull ? forces::ReportText(r) : forces::LimitsText(r);
  if (const auto ranges = forces::CountRanges(counter, d))
    text += "\n" + forces::RangesText(r, *ranges);
  if (l.explain >= 0) text += "\n" + forces::ExplainText(counter, d, l.explain);
  if (o.sources) text += "\n" + forces::SourcesText(counter, d, forces::LimitSources(counter, d));
  return text;
}

// The regime of the ledger in o.data on the date asked (default: today).
StatusOr<ledger::RegimeReport> LoadRegime(const CountOptions& o, const Loaded& l) {
  VERITY_ASSIGN_OR_RETURN(inspect::TreatyLedger tl, inspect::OpenForTreaty(o.data, o.treaty));
  const Date as_of = l.as_of.value_or(Timestamp::FromSeconds(std::time(nullptr)).date());
  return ledger::LoadRegimeReport(*tl.ledger, *tl.treaty, {}, as_of);
}

int Run(const CountOptions& o, CountDetail detail, const Io& io) {
  auto loaded = Load(o);
  if (!loaded.ok()) return ReportError(io, loaded.status());
  const Loaded& l = **loaded;
  std::optional<ledger::RegimeReport> regime;
  if (!o.data.empty()) {
    auto r = LoadRegime(o, l);
    if (!r.ok()) return ReportError(io, r.status().WithContext("--data"));
    regime = std::move(*r);
    if (l.declarations.empty()) {
      io.out << (o.json ? regime->ToJson(true).dump(2) + "\n" : regime->Text());
      return kExitOk;
    }
    if (!o.json) io.out << regime->Text() << "\n";
  }
  forces::Counter counter(l.treaty);
  const forces::CountRequest request{detail, l.as_of, l.explain, o.sources};
  Json all = Json::array();
  bool over = false;
  std::string text;
  for (const auto& d : l.declarations) {
    forces::CountAnswer answer = forces::CountJson(counter, d, request);
    over = over || answer.over;
    if (o.json)
      all.push_back(std::move(answer.json));
    else
      text += (text.empty() || o.csv ? "" : "\n") + CountText(counter, d, o, detail, l);
  }
  if (o.json && regime)
    io.out << Json{{"regime", regime->ToJson(true)}, {"counts", all}}.dump(2) << "\n";
  else if (o.json)
    io.out << (all.size() == 1 ? all[0] : all).dump(2) << "\n";
  else
    io.out << text;
  return over ? kExitViolation : kExitOk;
}

}  // namespace

void AddCoreCommands(CLI::App& app, const Io& io, int* code) {
  auto check_opts = std::make_shared<CountOptions>();
  CLI::App* check = app.add_subcommand(
      "check", "Count declarations under a treaty; exit 1 if a binding limit is exceeded");
  AddCountOptions(check, check_opts.get());
  check->add_option("--data", check_opts->data,
                    "A ledger: also say which treaty is in force on the date (--as-of, default "
                    "today), which party is suspended since when, and the last data each gave");
  check->callback([check_opts, &io, code] { *code = Run(*check_opts, CountDetail::kLimits, io); });

  auto report_opts = std::make_shared<CountOptions>();
  CLI::App* report = app.add_subcommand(
      "report", "Limits, categories and each limit's breakdown by type and facility");
  AddCountOptions(report, report_opts.get());
  report->add_flag(
      "--sources", report_opts->sources,
      "List what each total rests on: the sources behind it and how much each carries");
  report->add_flag("--csv", report_opts->csv,
                   "CSV rows: party,as_of,limit,group,key,count,max,status");
  report->callback([report_opts, &io, code] { *code = Run(*report_opts, CountDetail::kFull, io); });

  AddDemoCommand(app, io, code);
}

}  // namespace verity::cli
