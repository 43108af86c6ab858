// `verity inspect quota` and `verity inspect findings`: inspections as
// recorded in the ledger.
#include "cli/command.h"
#include "cli/ledger_io.h"
#include "core/table.h"
#include "inspect/ledger_inspections.h"

namespace verity::cli {
namespace {

struct InspectOpts {
  std::string data = ledger::kDefaultDataDir;
  std::string treaty = "new-start";
  std::string party;
  int year = 0;
  bool json = false;
};

// "N inspection record(s) cannot be read and are not counted" and one line
// each; empty if there are none.
std::string MalformedText(const std::vector<inspect::MalformedRecord>& malformed) {
  if (malformed.empty()) return "";
  std::string text = std::to_string(malformed.size()) +
                     " inspection record(s) cannot be read and are not counted (each is stored "
                     "with a malformed_inspection ambiguity):\n";
  for (const auto& m : malformed) text += "  #" + std::to_string(m.index) + ": " + m.reason + "\n";
  return text;
}

Json MalformedJson(const std::vector<inspect::MalformedRecord>& malformed) {
  Json out = Json::array();
  for (const auto& m : malformed) out.push_back(m.ToJson());
  return out;
}

int QuotaCmd(const InspectOpts& o, const Io& io) {
  auto r = inspect::OpenForTreaty(o.data, o.treaty);
  if (!r.ok()) return ReportError(io, r.status());
  auto report = inspect::LedgerQuotas(*r->ledger, *r->treaty, {o.party}, o.year);
  if (!report.ok()) return ReportError(io, report.status());
  const auto& use = report->parties.at(0).quotas;
  Json j = {{"party", o.party},
            {"treaty_year", o.year},
            {"from", report->from.ToString()},
            {"to", report->to.ToString()},
            {"quotas", Json::array()},
            {"malformed", MalformedJson(report->malformed)}};
  TextTable t({"inspection", "used", "allowed", "remaining", "log indices"});
  for (const auto& u : use) {
    j["quotas"].push_back({{"kind", u.kind},
                           {"name", u.name},
                           {"used", u.used},
                           {"allowed", u.allowed},
                           {"remaining", u.allowed - u.used},
                           {"ledger_indices", u.ledger_indices}});
    std::string idx;
    for (auto i : u.ledger_indices) idx += (idx.empty() ? "" : " ") + std::to_string(i);
    t.AddRow({u.name, std::to_string(u.used), std::to_string(u.allowed),
              std::to_string(u.allowed - u.used), idx});
  }
  if (o.json)
    io.out << j.dump(2) << "\n";
  else
    io.out << o.party << " inspections in treaty year " << o.year << " ("
           << j.at("from").get<std::string>() << " to " << j.at("to").get<std::string>() << ")\n"
           << t.ToText() << MalformedText(report->malformed);
  bool over = false;
  for (const auto& u : use) over = over || u.used > u.allowed;
  return over ? kExitViolation : kExitOk;
}

int FindingsCmd(const InspectOpts& o, const Io& io) {
  auto r = inspect::OpenForTreaty(o.data, o.treaty);
  if (!r.ok()) return ReportError(io, r.status());
  auto logged = inspect::LoadInspections(*r->ledger);
  if (!logged.ok()) return ReportError(io, logged.status());
  Json all = Json::array();
  std::string text;
  size_t discrepancies = 0;
  for (const auto& f : logged->findings) {
    const auto& i = f.inspection;
    if (!o.party.empty() && i.inspecting_party != o.party && i.inspected_party != o.party) continue;
    auto issues = inspect::CheckLoggedFindings(*r->ledger, f);
    if (!issues.ok()) return ReportError(io, issues.status());
    Json rec = {{"index", i.ledger_index},
                {"date", i.date.ToString()},
                {"inspecting_party", i.inspecting_party},
                {"inspected_party", i.inspected_party},
                {"kind", i.kind},
                {"site", i.site},
                {"discrepancies", Json::array()}};
    text += "#" + std::to_string(i.ledger_index) + " " + i.date.ToString() + " " +
            i.inspecting_party + " " + i.kind + " at " + i.inspected_party + " " + i.site + ": ";
    text += issues->empty() ? "findings agree with the declared state\n" : "\n";
    for (const auto& issue : *issues) {
      rec["discrepancies"].push_back(
          {{"kind", issue.kind}, {"message", issue.message}, {"evidence", issue.evidence}});
      text += "  " + issue.kind + ": " + issue.message + "\n";
      ++discrepancies;
    }
    all.push_back(std::move(rec));
  }
  if (o.json)
    io.out << all.dump(2) << "\n";
  else
    io.out << (all.empty() ? "no inspection findings in the ledger\n" : text);
  // Reported beside the output (whose JSON is a list of findings), not a failure.
  io.err << MalformedText(logged->malformed);
  return discrepancies > 0 ? kExitViolation : kExitOk;
}

}  // namespace

void AddInspectCommands(CLI::App& app, const Io& io, int* code) {
  CLI::App* inspect = GetOrAddSubcommand(app, "inspect", "Inspections: quotas, findings, planning");
  auto o = std::make_shared<InspectOpts>();
  auto common = [o](CLI::App* c) {
    AddDataOption(c, &o->data);
    c->add_option("--treaty", o->treaty, "Treaty whose quotas apply")->capture_default_str();
    c->add_flag("--json", o->json, "Machine-readable JSON");
  };
  CLI::App* quota = inspect->add_subcommand(
      "quota", "Inspections a party made against each quota in a treaty year; exit 1 if over");
  common(quota);
  quota->add_option("--party", o->party, "The inspecting party")->required();
  quota->add_option("--year", o->year, "Treaty year (1 = from entry into force)")
      ->required()
      ->check(CLI::Range(1, 100));
  quota->callback([o, &io, code] { *code = QuotaCmd(*o, io); });

  CLI::App* findings = inspect->add_subcommand(
      "findings", "Inspection findings compared with the declared state; exit 1 on a discrepancy");
  common(findings);
  findings->add_option("--party", o->party, "Only inspections by or of this party");
  findings->callback([o, &io, code] { *code = FindingsCmd(*o, io); });
}

}  // namespace verity::cli
