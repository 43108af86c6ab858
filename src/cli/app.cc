#include <exception>

#include "cli/command.h"
#include "core/text.h"

namespace verity::cli {

int ReportError(const Io& io, const Status& status) {
  io.err << "verity: " << status.message() << "\n";
  switch (status.code()) {
    case StatusCode::kDataLoss:
      return kExitViolation;
    case StatusCode::kInternal:
    case StatusCode::kUnavailable:
      return kExitInternal;
    default:
      return kExitBadInput;
  }
}

std::string ExitCodesHelp() {
  return "Exit codes:\n"
         "  " +
         std::to_string(kExitOk) +
         "  success\n"
         "  " +
         std::to_string(kExitViolation) +
         "  a binding limit is exceeded, or a verification failed\n"
         "  " +
         std::to_string(kExitBadInput) +
         "  bad input or usage (the message names the file, the path and the reason)\n"
         "  " +
         std::to_string(kExitInternal) +
         "  the machine failed: a file or database could not be reached, or an internal error\n";
}

CLI::App* GetOrAddSubcommand(CLI::App& app, const std::string& name, const std::string& help) {
  const auto found = app.get_subcommands([&](CLI::App* sub) { return sub->get_name() == name; });
  if (!found.empty()) return found.front();
  CLI::App* sub = app.add_subcommand(name, help);
  sub->require_subcommand(1);
  return sub;
}

int RunCli(int argc, const char* const* argv, Io io) {
  CLI::App app{"Verity: treaty verification engine (New START as reference)."};
  app.name("verity");
  app.footer(ExitCodesHelp());
  app.set_version_flag("--version", std::string("verity ") + VERITY_VERSION);
  app.require_subcommand(1);
  app.fallthrough(false);
  int code = kExitOk;
  AddCoreCommands(app, io, &code);
  AddLedgerCommands(app, io, &code);
  AddStatsCommands(app, io, &code);
  AddSimulateCommands(app, io, &code);
  AddInspectCommands(app, io, &code);
  AddUploadCommands(app, io, &code);
  AddSweepCommands(app, io, &code);
  AddServeCommands(app, io, &code);
  AddHeadCommands(app, io, &code);
  AddExerciseCommands(app, io, &code);
  AddTilesCommands(app, io, &code);
  AddBccCommands(app, io, &code);
  AddWitnessCommands(app, io, &code);
  AddCosignCommands(app, io, &code);
  AddEscrowCommands(app, io, &code);
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    io.out << app.help();
    return kExitOk;
  } catch (const CLI::CallForAllHelp& e) {
    io.out << app.help("", CLI::AppFormatMode::All);
    return kExitOk;
  } catch (const CLI::ParseError& e) {
    if (e.get_exit_code() == 0) {
      app.exit(e, io.out, io.err);
      return kExitOk;
    }
    io.err << "verity: " << e.what() << "\nRun 'verity --help' for usage.\n";
    return kExitBadInput;
  } catch (const std::exception& e) {
    // Library exceptions should have become Status values; this is the last edge.
    io.err << "verity: internal error: " << CleanMessage(e.what()) << "\n";
    return kExitInternal;
  }
  return code;
}

}  // namespace verity::cli
