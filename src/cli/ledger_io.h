// Helpers shared by the ledger command files. Internal to the CLI.
#ifndef VERITY_CLI_LEDGER_IO_H_
#define VERITY_CLI_LEDGER_IO_H_

#include <chrono>
#include <functional>
#include <memory>
#include <string>

#include "cli/command.h"
#include "core/date.h"
#include "core/file_io.h"
#include "core/json.h"
#include "forces/counter.h"
#include "inspect/treaty_ledger.h"
#include "ledger/store.h"
#include "ledger/tree_head.h"
#include "treaty/treaty.h"

namespace verity::cli {

inline Timestamp Now() {
  const auto s = std::chrono::duration_cast<std::chrono::seconds>(
      std::chrono::system_clock::now().time_since_epoch());
  return Timestamp::FromSeconds(s.count());
}

inline void AddDataOption(CLI::App* cmd, std::string* data) {
  cmd->add_option("--data", *data, "Data folder holding the ledger")->capture_default_str();
}

// Reads a tree head saved as JSON: either the head itself or a document
// holding it under "tree_head" or "latest_tree_head" (as printed by
// 'ledger verify --json' and 'ledger prove').
inline StatusOr<ledger::TreeHead> LoadTreeHeadFile(const std::string& path) {
  VERITY_ASSIGN_OR_RETURN(std::string text, ReadFile(path));
  VERITY_ASSIGN_OR_RETURN(Json j, ParseJson(text, path));
  for (const char* key : {"tree_head", "latest_tree_head"}) {
    if (j.is_object() && j.contains(key))
      return ledger::ParseTreeHead(j.at(key), path + ": " + key);
  }
  return ledger::ParseTreeHead(j, path);
}

inline int PrintJsonOrError(const Io& io, const StatusOr<Json>& j) {
  if (!j.ok()) return ReportError(io, j.status());
  io.out << j->dump(2) << "\n";
  return kExitOk;
}

// Opens the ledger in `dir` and runs `fn` on it.
template <typename Fn>
auto WithLedger(const std::string& dir, Fn fn)
    -> decltype(fn(std::declval<const ledger::Ledger&>())) {
  auto l = ledger::Ledger::Open(dir);
  if (!l.ok()) return l.status();
  return fn(**l);
}

void AddReplayCommands(CLI::App* ledger, const Io& io, int* code);

}  // namespace verity::cli

#endif  // VERITY_CLI_LEDGER_IO_H_
