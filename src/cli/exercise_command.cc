// `verity exercise run|list`: scripted exercises (docs/exercises.md).
#include <memory>
#include <string>

#include "cli/command.h"
#include "exercise/report.h"
#include "exercise/script.h"

namespace verity::cli {
namespace {

int Run(const std::string& script, const std::string& dir, bool json, const Io& io) {
  auto report = exercise::RunScript(script, dir);
  if (!report.ok()) return ReportError(io, report.status());
  if (json) {
    io.out << exercise::ReportToJson(*report).dump(2) << "\n";
  } else {
    io.out << exercise::ReportMarkdown(*report);
  }
  return kExitOk;
}

int List(const Io& io) {
  for (const std::string& name : exercise::ShippedScripts()) {
    auto s = exercise::LoadScript(name);
    if (!s.ok()) return ReportError(io, s.status());
    io.out << name << ": " << s->name << "\n  " << s->teaching_point << "\n";
  }
  return kExitOk;
}

}  // namespace

void AddExerciseCommands(CLI::App& app, const Io& io, int* code) {
  struct Opts {
    std::string script, dir;
    bool json = false;
  };
  auto o = std::make_shared<Opts>();
  CLI::App* ex = GetOrAddSubcommand(app, "exercise", "Scripted verification exercises");
  CLI::App* run = ex->add_subcommand(
      "run", "Play a script into a new ledger; write exercise-report.json and .md beside it");
  run->add_option("SCRIPT", o->script, "A script (.toml) or a shipped name (verity exercise list)")
      ->required();
  run->add_option("--data", o->dir, "The new ledger's folder (must not hold a ledger)")->required();
  run->add_flag("--json", o->json, "Print the report as JSON instead of Markdown");
  run->callback([o, &io, code] { *code = Run(o->script, o->dir, o->json, io); });
  CLI::App* list = ex->add_subcommand("list", "The shipped scripts and their teaching points");
  list->callback([&io, code] { *code = List(io); });
}

}  // namespace verity::cli
