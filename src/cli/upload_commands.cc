// `verity upload` (upload potential after the treaty) and `verity compare`
// (treaties side by side). Parsing and printing only; the work is in
// upload/ and forces/compare.h.
#include <memory>

#include "cli/command.h"
#include "forces/compare.h"
#include "forces/declaration_io.h"
#include "upload/upload_report.h"

namespace verity::cli {
namespace {

struct UploadOptions {
  std::string declaration;
  std::string assumptions;
  bool json = false;
};

StatusOr<upload::Assumptions> AssumptionsFor(const UploadOptions& o, const forces::Declaration& d) {
  if (o.assumptions.empty()) return upload::DefaultAssumptions(d.party);
  auto a = upload::LoadAssumptions(o.assumptions);
  if (!a.ok()) return a.status().WithContext("--assumptions");
  return a;
}

int RunUpload(const UploadOptions& o, const Io& io) {
  auto d = forces::LoadDeclaration(o.declaration);
  if (!d.ok()) return ReportError(io, d.status());
  auto a = AssumptionsFor(o, *d);
  if (!a.ok()) return ReportError(io, a.status());
  auto r = upload::ComputeUpload(*d, *a);
  if (!r.ok()) return ReportError(io, r.status());
  if (o.json) io.out << upload::UploadJson(*d, *a, *r).dump(2) << "\n";
  else io.out << upload::UploadText(*d, *a, *r);
  return kExitOk;
}

struct CompareOptions {
  std::vector<std::string> declarations;
  std::vector<std::string> treaties{"new-start", "follow-on-example", "bomber-capacity-example"};
  std::string as_of;
  bool json = false;
  bool csv = false;
};

int RunCompare(const CompareOptions& o, const Io& io) {
  std::vector<treaty::Treaty> treaties;
  for (const auto& name : o.treaties) {
    auto t = treaty::LoadTreaty(name);
    if (!t.ok()) return ReportError(io, t.status().WithContext("--treaties"));
    treaties.push_back(std::move(*t));
  }
  std::optional<Date> as_of;
  if (!o.as_of.empty()) {
    auto date = Date::Parse(o.as_of);
    if (!date.ok()) return ReportError(io, date.status().WithContext("--as-of"));
    as_of = *date;
  }
  std::vector<forces::Declaration> decls;
  for (const auto& path : o.declarations) {
    auto d = forces::LoadDeclaration(path);
    if (!d.ok()) return ReportError(io, d.status());
    decls.push_back(std::move(*d));
  }
  std::vector<const treaty::Treaty*> tp;
  for (const auto& t : treaties) tp.push_back(&t);
  std::vector<const forces::Declaration*> dp;
  for (const auto& d : decls) dp.push_back(&d);
  const forces::Comparison c = forces::Compare(tp, dp, as_of);
  if (o.json) io.out << forces::CompareJson(c).dump(2) << "\n";
  else if (o.csv) io.out << forces::CompareCsv(c);
  else io.out << forces::CompareText(c);
  return kExitOk;
}

}  // namespace

void AddUploadCommands(CLI::App& app, const Io& io, int* code) {
  auto uo = std::make_shared<UploadOptions>();
  CLI::App* up = app.add_subcommand(
      "upload", "Warheads and delivery vehicles a party could add per type, and a month-by-month "
                "timeline, under stated assumptions");
  up->add_option("DECL", uo->declaration, "Declaration file (JSON), '-' for standard input, or a shipped name")
      ->required();
  up->add_option("--assumptions", uo->assumptions,
                 "Assumptions file (TOML); default: the shipped file for the declaration's party");
  up->add_flag("--json", uo->json, "Machine-readable JSON");
  up->callback([uo, &io, code] { *code = RunUpload(*uo, io); });

  auto co = std::make_shared<CompareOptions>();
  CLI::App* cmp = app.add_subcommand(
      "compare", "Count declarations under several treaties side by side (a column per treaty)");
  cmp->add_option("DECL", co->declarations, "Declaration files (JSON) or shipped names")->required();
  cmp->add_option("--treaties", co->treaties, "Comma-separated treaties (shipped names or .toml files)")
      ->delimiter(',')
      ->capture_default_str();
  cmp->add_option("--as-of", co->as_of, "Judge the limits on this date (default: each declaration's as_of)");
  auto* json = cmp->add_flag("--json", co->json, "Machine-readable JSON");
  cmp->add_flag("--csv", co->csv, "CSV rows: party,as_of,limit,treaty,count,max,headroom,status,count_low,count_high")
      ->excludes(json);
  cmp->callback([co, &io, code] { *code = RunCompare(*co, io); });
}

}  // namespace verity::cli
