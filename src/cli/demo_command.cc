// `verity demo`: the shipped declarations and the public series against
// New START's limits, on embedded data, ending with what to try next.
#include <algorithm>
#include <cstdlib>
#include <filesystem>

#include "cli/command.h"
#include "cli/demo_process.h"
#include "core/hash.h"
#include "core/resources.h"
#include "core/table.h"
#include "forces/declaration_io.h"
#include "forces/public_series.h"
#include "forces/report.h"
#include "inspect/treaty_ledger.h"
#include "ledger/sample.h"

namespace verity::cli {
namespace {

std::string Cell(const std::optional<int64_t>& v, int64_t max, bool binding) {
  if (!v) return "n/a";
  return std::to_string(*v) + (binding && *v > max ? "!" : "");
}

// The published aggregates for `party` on `date`, if the series has them.
const forces::PublicAggregate* Published(const std::vector<forces::PublicAggregate>& series,
                                         const std::string& party, Date date) {
  for (const auto& a : series) {
    if (a.party == party && a.date == date) return &a;
  }
  return nullptr;
}

Status PrintDeclarations(const treaty::Treaty& t,
                         const std::vector<forces::PublicAggregate>& series, std::ostream& out) {
  forces::Counter counter(t);
  out << "1. Declared forces, counted item by item under " << t.name << "\n\n";
  for (const auto& name : forces::ShippedDeclarations()) {
    VERITY_ASSIGN_OR_RETURN(auto d, forces::LoadShippedDeclaration(name));
    const forces::Report r = forces::MakeReport(counter, d, d.as_of);
    out << forces::LimitsText(r);
    if (const auto* p = Published(series, d.party, d.as_of)) {
      std::string cmp;
      for (size_t l = 0; l < t.limits.size(); ++l) {
        const auto pub = p->Get(t.limits[l].id);
        const int64_t n = r.counts.limits[l].count;
        cmp += " " + t.limits[l].id + " " +
               (pub ? (*pub == n ? "matches " : "differs from ") + std::to_string(*pub) : "n/a");
      }
      out << "Published for this date:" << cmp << "\n";
    }
    out << "(" << d.items.size() << " items in " << name << ")\n\n";
  }
  return Status::Ok();
}

void PrintSeries(const treaty::Treaty& t, const std::vector<forces::PublicAggregate>& series,
                 std::ostream& out) {
  out << "2. Published aggregates, " << series.front().date.ToString() << " to "
      << series.back().date.ToString() << " (deployed / warheads / launchers; limits "
      << t.limits[0].max << " / " << t.limits[1].max << " / " << t.limits[2].max
      << ", binding from " << t.dates.limits_binding.ToString()
      << "; ! = over a binding limit)\n\n";
  TextTable table({"as of", "US deployed", "US warheads", "US launchers", "RU deployed",
                   "RU warheads", "RU launchers"});
  for (size_t i = 0; i < series.size(); ++i) {
    const auto& a = series[i];
    if (a.party != "US") continue;
    const bool binding = a.date >= t.dates.limits_binding;
    std::vector<std::string> row{a.date.ToString()};
    for (const std::string party : {"US", "RU"}) {
      const auto* p = Published(series, party, a.date);
      for (const auto& lim : t.limits) {
        row.push_back(p ? Cell(p->Get(lim.id), lim.max, binding) : "n/a");
      }
    }
    table.AddRow(row);
  }
  out << table.ToText() << "n/a: not published or not found (kept unknown, never 0).\n\n";
}

// Writes the signed sample history into a temporary folder and shows its
// root and the ambiguities its deliberately inconsistent entry raises.
Status PrintLedger(std::ostream& out) {
  std::string tmpl = (std::filesystem::temp_directory_path() / "verity-demo-XXXXXX").string();
  if (::mkdtemp(tmpl.data()) == nullptr) return Unavailable("cannot create a temporary folder");
  const std::string dir = tmpl + "/ledger";
  auto r = ledger::WriteSample(dir, Date::FromYmd(2011, 2, 5), Date::FromYmd(2026, 2, 5),
                               "new-start", inspect::MakeTreatyFinder);
  if (!r.ok()) {
    std::filesystem::remove_all(tmpl);
    return r.status();
  }
  out << "3. The notification ledger: a signed sample history, 2011-2026\n\n"
      << r->notifications << " signed notifications in an RFC 9162 Merkle log; root "
      << ToHex(r->root)
      << "\nIts data exchanges reproduce every published aggregate above that has all three "
         "numbers,\nbut the US's of 2023-03-01: it withheld that exchange from Russia (section 4) "
         "and published the numbers itself.\n"
      << r->ambiguities.size() << " ambiguities found";
  const size_t shown = std::min<size_t>(r->ambiguities.size(), 4);
  out << (shown ? ", for example:\n" : ".\n");
  for (size_t i = 0; i < shown; ++i) out << "  " << r->ambiguities[i] << "\n";
  out << "\n";
  const Status s = PrintProcess(dir, 4, out);
  std::filesystem::remove_all(tmpl);
  return s;
}

int RunDemo(const Io& io) {
  auto t = treaty::LoadTreaty("new-start");
  if (!t.ok()) return ReportError(io, t.status());
  auto series = forces::LoadPublicSeries();
  if (!series.ok()) return ReportError(io, series.status());
  io.out << "Verity demo: New START (signed " << t->dates.signed_on.ToString() << ", in force "
         << t->dates.entry_into_force.ToString() << ", expired " << t->dates.expiry.ToString()
         << ")\n\n";
  if (Status s = PrintDeclarations(*t, *series, io.out); !s.ok()) return ReportError(io, s);
  PrintSeries(*t, *series, io.out);
  if (Status s = PrintLedger(io.out); !s.ok()) return ReportError(io, s);
  io.out << "Try next:\n"
            "  build/bin/verity check data/declarations/us-2020-09-01.json --json\n"
            "  build/bin/verity report us-2020-09-01 --explain warheads\n"
            "  build/bin/verity check us-2020-09-01 --treaty follow-on-example\n"
            "  build/bin/verity check us-2020-09-01 --treaty bomber-capacity-example\n"
            "  build/bin/verity ledger sample --data /tmp/v && build/bin/verity ledger verify "
            "--data /tmp/v\n"
            "  build/bin/verity ledger state --data /tmp/v --as-of 2020-09-01 --party US --json | "
            "build/bin/verity check -\n"
            "  build/bin/verity simulate data/scenarios/us-2020-upload.toml\n"
            "  build/bin/verity upload data/declarations/us-2020-09-01.json\n"
            "  build/bin/verity compare us-2020-09-01 ru-2021-09-01 --treaties "
            "new-start,follow-on-example,bomber-capacity-example\n"
            "  build/bin/verity check --data /tmp/v --as-of 2023-07-01\n"
            "  build/bin/verity bcc show RU-2022-01 --data /tmp/v\n"
            "  make run    (then open http://127.0.0.1:8080)\n"
            "  build/bin/verity --help\n";
  return kExitOk;
}

}  // namespace

void AddDemoCommand(CLI::App& app, const Io& io, int* code) {
  CLI::App* demo = app.add_subcommand("demo", "Show the shipped data against New START's limits");
  demo->callback([&io, code] { *code = RunDemo(io); });
}

}  // namespace verity::cli
