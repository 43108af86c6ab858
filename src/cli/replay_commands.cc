// `verity ledger state|timeline|sample`: replaying the ledger.
#include <memory>

#include "cli/ledger_io.h"
#include "core/table.h"
#include "forces/declaration_io.h"
#include "forces/report.h"
#include "inspect/treaty_ledger.h"
#include "ledger/replay.h"
#include "ledger/sample.h"

namespace verity::cli {
namespace {

struct ReplayOpts {
  std::string data = ledger::kDefaultDataDir;
  std::string treaty = "new-start";
  std::string party, as_of, from, to;
  bool json = false, csv = false, no_checkpoints = false;
};

StatusOr<std::optional<Date>> OptDate(const std::string& text, const char* option) {
  if (text.empty()) return std::optional<Date>();
  auto d = Date::Parse(text);
  if (!d.ok()) return d.status().WithContext(option);
  return std::optional<Date>(*d);
}

int State(const ReplayOpts& o, const Io& io) {
  auto as_of = Date::Parse(o.as_of);
  if (!as_of.ok()) return ReportError(io, as_of.status().WithContext("--as-of"));
  if (Status s = ledger::CheckPartyName(o.party, "--party"); !s.ok()) return ReportError(io, s);
  auto opened = inspect::OpenForTreaty(o.data, o.treaty);
  if (!opened.ok()) return ReportError(io, opened.status());
  auto state = ledger::StateAsOf(*opened->ledger, o.party, *as_of, !o.no_checkpoints);
  if (!state.ok()) return ReportError(io, state.status());
  if (state->items.empty()) {
    return ReportError(io, NotFound("no notifications of " + o.party + " on or before " + o.as_of));
  }
  if (o.json) {
    io.out << forces::DeclarationToJson(*state).dump(2) << "\n";
    return kExitOk;
  }
  const forces::Report r = forces::MakeReport(*opened->counter, *state, *as_of);
  io.out << "State of " << o.party << " as of " << o.as_of << ", replayed from the ledger ("
         << state->items.size() << " items)\n"
         << forces::LimitsText(r);
  return kExitOk;
}

int TimelineCmd(const ReplayOpts& o, const Io& io) {
  auto from = OptDate(o.from, "--from");
  if (!from.ok()) return ReportError(io, from.status());
  auto to = OptDate(o.to, "--to");
  if (!to.ok()) return ReportError(io, to.status());
  auto opened = inspect::OpenForTreaty(o.data, o.treaty);
  if (!opened.ok()) return ReportError(io, opened.status());
  auto rows = ledger::Timeline(*opened->ledger, *opened->counter, o.party, *from, *to);
  if (!rows.ok()) return ReportError(io, rows.status());
  const auto& limits = opened->treaty->limits;
  if (o.json) {
    Json j = Json::array();
    for (const auto& r : *rows) {
      Json row = {{"date", r.date.ToString()}};
      for (size_t l = 0; l < limits.size(); ++l) row[limits[l].id] = r.counts[l];
      j.push_back(row);
    }
    io.out << j.dump(1) << "\n";
    return kExitOk;
  }
  std::vector<std::string> header = {"date"};
  for (const auto& l : limits) header.push_back(l.id);
  TextTable t(header);
  for (const auto& r : *rows) {
    std::vector<std::string> cells = {r.date.ToString()};
    for (int64_t c : r.counts) cells.push_back(std::to_string(c));
    t.AddRow(cells);
  }
  io.out << (o.csv ? t.ToCsv() : t.ToText());
  return kExitOk;
}

int SampleCmd(const ReplayOpts& o, const Io& io) {
  auto from = Date::Parse(o.from.empty() ? "2011-02-05" : o.from);
  if (!from.ok()) return ReportError(io, from.status().WithContext("--from"));
  auto to = Date::Parse(o.to.empty() ? "2026-02-05" : o.to);
  if (!to.ok()) return ReportError(io, to.status().WithContext("--to"));
  auto r = ledger::WriteSample(o.data, *from, *to, o.treaty, inspect::MakeTreatyFinder);
  if (!r.ok()) return ReportError(io, r.status());
  io.out << r->Summary();
  return kExitOk;
}

}  // namespace

void AddReplayCommands(CLI::App* ledger, const Io& io, int* code) {
  auto o = std::make_shared<ReplayOpts>();
  auto treaty_opt = [o](CLI::App* c) {
    AddDataOption(c, &o->data);
    c->add_option("--treaty", o->treaty, "Treaty to count under")->capture_default_str();
  };
  CLI::App* state = ledger->add_subcommand("state", "The declaration reconstructed as of a date");
  treaty_opt(state);
  state->add_option("--as-of", o->as_of, "Date (YYYY-MM-DD)")->required();
  state->add_option("--party", o->party, "Party, e.g. US")->required();
  state->add_flag("--json", o->json, "The declaration JSON (accepted by 'verity check -')");
  state->add_flag("--no-checkpoints", o->no_checkpoints, "Replay from the start");
  state->callback([o, &io, code] { *code = State(*o, io); });

  CLI::App* tl = ledger->add_subcommand("timeline", "The count of every limit for every day");
  treaty_opt(tl);
  tl->add_option("--party", o->party, "Party, e.g. US")->required();
  tl->add_option("--from", o->from, "First day (default: the party's first change)");
  tl->add_option("--to", o->to, "Last day (default: the party's last change)");
  tl->add_flag("--csv", o->csv, "CSV");
  tl->add_flag("--json", o->json, "JSON");
  tl->callback([o, &io, code] { *code = TimelineCmd(*o, io); });

  CLI::App* sample =
      ledger->add_subcommand("sample", "Write a signed, reproducible sample history");
  treaty_opt(sample);
  sample->add_option("--from", o->from, "First day (default 2011-02-05)");
  sample->add_option("--to", o->to, "Last day (default 2026-02-05, expiry)");
  sample->callback([o, &io, code] { *code = SampleCmd(*o, io); });
}

}  // namespace verity::cli
