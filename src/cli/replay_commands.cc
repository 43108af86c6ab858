// `verity ledger state|timeline|sample`: replaying the ledger.
#include "cli/ledger_io.h"

namespace verity::cli {

StatusOr<std::unique_ptr<ledger::Ledger>> OpenForReplay(const std::string& dir) {
  return ledger::Ledger::Open(dir);
}

void AddReplayCommands(CLI::App* /*ledger*/, const Io& /*io*/, int* /*code*/) {}

}  // namespace verity::cli
