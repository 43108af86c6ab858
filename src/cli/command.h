// The command-line interface: how subcommands are registered and run.
//
// Each component's commands live in their own file (check.cc, ledger.cc,
// ...) and are added to the CLI11 app by an Add*Commands function. A
// command parses its options, calls library code, prints to `io.out` and
// stores its exit code in `*code`, one of the kExit* constants below (the
// only exit codes `verity` uses; `verity --help` lists them).
#ifndef VERITY_CLI_COMMAND_H_
#define VERITY_CLI_COMMAND_H_

#include <CLI/CLI.hpp>
#include <ostream>
#include <string>

#include "core/status.h"

namespace verity::cli {

// Exit codes.
inline constexpr int kExitOk = 0;         // success
inline constexpr int kExitViolation = 1;  // a binding limit is exceeded, or verification failed
inline constexpr int kExitBadInput = 2;   // bad input or usage: the message says what and where
inline constexpr int kExitInternal = 3;   // the machine failed: a file or database could not be
                                          // reached, or an internal error (a bug)

// The exit codes as printed by `verity --help`.
std::string ExitCodesHelp();

struct Io {
  std::ostream& out;
  std::ostream& err;
};

// Prints "verity: <message>" to io.err and returns the exit code that fits
// the status: kExitBadInput for bad input (InvalidArgument, NotFound,
// AlreadyExists, FailedPrecondition, PermissionDenied, Unauthenticated),
// kExitViolation for DataLoss, kExitInternal for Internal/Unavailable.
int ReportError(const Io& io, const Status& status);

// The subcommand `name` of `app`, created (requiring a subcommand of its
// own) if no command group has added it yet: lets several groups share one
// parent such as `inspect`.
CLI::App* GetOrAddSubcommand(CLI::App& app, const std::string& name, const std::string& help);

// Runs the whole CLI on argv; returns the process exit code.
int RunCli(int argc, const char* const* argv, Io io);

// check, report, demo.
void AddCoreCommands(CLI::App& app, const Io& io, int* code);
void AddDemoCommand(CLI::App& app, const Io& io, int* code);
void AddLedgerCommands(CLI::App& app, const Io& io, int* code);
// stats detect|sample-size|game|game2x2.
void AddStatsCommands(CLI::App& app, const Io& io, int* code);
// simulate, inspect plan.
void AddSimulateCommands(CLI::App& app, const Io& io, int* code);
// inspect quota, inspect findings.
void AddInspectCommands(CLI::App& app, const Io& io, int* code);
// upload, compare.
void AddUploadCommands(CLI::App& app, const Io& io, int* code);
// sweep, sweep merge.
void AddSweepCommands(CLI::App& app, const Io& io, int* code);
// `verity serve` (server/serve.h).
void AddServeCommands(CLI::App& app, const Io& io, int* code);
// escrow commit|reveal|randomness-commit|randomness-reveal|designate|open|verify|plan.
void AddEscrowCommands(CLI::App& app, const Io& io, int* code);
// ledger check-head, vkey, checkpoint.
void AddHeadCommands(CLI::App& app, const Io& io, int* code);
// exercise run|list.
void AddExerciseCommands(CLI::App& app, const Io& io, int* code);
// ledger export-tiles, mirror verify, mirror sync.
void AddTilesCommands(CLI::App& app, const Io& io, int* code);
// bcc list|show|raise|answer|close|statement (the commission's concerns).
void AddBccCommands(CLI::App& app, const Io& io, int* code);
// ledger cosign, ledger check-checkpoint.
void AddCosignCommands(CLI::App& app, const Io& io, int* code);
// witness keygen|serve|refusals.
void AddWitnessCommands(CLI::App& app, const Io& io, int* code);

}  // namespace verity::cli

#endif  // VERITY_CLI_COMMAND_H_
