// `verity ledger check-head`: an observer's check of a signed tree head
// against the log's public key it pinned (docs/api.md, "Checking a head");
// `verity ledger vkey` and `verity ledger checkpoint`: the log's note key
// and its checkpoints as signed notes (docs/ledger-format.md).
#include <memory>
#include <optional>
#include <string>

#include "cli/command.h"
#include "cli/ledger_io.h"
#include "core/file_io.h"
#include "ledger/checkpoint_note.h"
#include "ledger/keys.h"
#include "ledger/store.h"
#include "ledger/tree_head.h"

namespace verity::cli {
namespace {

// The log key of a key file: a ledger .pub file, or a saved /ledger/head
// answer (its log_public_key).
StatusOr<ledger::PublicKey> LoadLogKey(const std::string& path) {
  VERITY_ASSIGN_OR_RETURN(std::string text, ReadFile(path));
  VERITY_ASSIGN_OR_RETURN(Json j, ParseJson(text, path));
  if (j.is_object() && j.contains("log_public_key")) {
    return ledger::ParsePublicKey(j.at("log_public_key"), path + ": log_public_key");
  }
  return ledger::ParsePublicKey(j, path);
}

int CheckHead(const std::string& head_path, const std::string& key_path, const Io& io) {
  auto head = LoadTreeHeadFile(head_path);
  if (!head.ok()) return ReportError(io, head.status());
  auto key = LoadLogKey(key_path);
  if (!key.ok()) return ReportError(io, key.status());
  if (Status s = ledger::VerifyTreeHead(*head, *key); !s.ok()) {
    return ReportError(io, s.WithContext(head_path));
  }
  io.out << "ok: tree head of size " << head->size << " (root " << ToHex(head->root) << ", "
         << head->timestamp.ToString() << ") is signed by log key " << key->key_id << "\n";
  return kExitOk;
}

int Vkey(const std::string& dir, const Io& io) {
  auto l = ledger::Ledger::Open(dir);
  if (!l.ok()) return ReportError(io, l.status());
  io.out << ledger::LogNoteVerifier(**l).ToString() << "\n";
  return kExitOk;
}

// The published checkpoint (with its cosignatures), or the note of `size`.
int Checkpoint(const std::string& dir, std::optional<uint64_t> size, const Io& io) {
  auto l = ledger::Ledger::Open(dir);
  if (!l.ok()) return ReportError(io, l.status());
  auto note = size ? ledger::CheckpointNote(**l, *size) : ledger::PublishedCheckpoint(**l);
  if (!note.ok()) return ReportError(io, note.status());
  io.out << *note;
  return kExitOk;
}

void AddNoteCommands(CLI::App* ledger, const Io& io, int* code) {
  struct Opts {
    std::string data = ledger::kDefaultDataDir;
    std::optional<uint64_t> size;
  };
  auto o = std::make_shared<Opts>();
  CLI::App* vkey = ledger->add_subcommand(
      "vkey", "Print the log's verifier key (signed-note vkey) for its checkpoints");
  AddDataOption(vkey, &o->data);
  vkey->callback([o, &io, code] { *code = Vkey(o->data, io); });
  CLI::App* cp = ledger->add_subcommand(
      "checkpoint",
      "Print the newest checkpoint note with its cosignatures (C2SP tlog-checkpoint)");
  AddDataOption(cp, &o->data);
  cp->add_option("--size", o->size,
                 "The checkpoint of this tree size instead (log signature only)");
  cp->callback([o, &io, code] { *code = Checkpoint(o->data, o->size, io); });
}

}  // namespace

void AddHeadCommands(CLI::App& app, const Io& io, int* code) {
  struct Opts {
    std::string head, key;
  };
  auto o = std::make_shared<Opts>();
  CLI::App* ledger = GetOrAddSubcommand(app, "ledger", "The notification ledger");
  CLI::App* check = ledger->add_subcommand(
      "check-head", "Check a signed tree head with a log key you pinned; exit 1 if it fails");
  check->add_option("HEAD", o->head, "A tree head, or a saved GET /api/v1/ledger/head answer")
      ->required();
  check
      ->add_option("--log-key", o->key,
                   "The log's public key: a .pub file or a saved /ledger/head answer")
      ->required();
  check->callback([o, &io, code] { *code = CheckHead(o->head, o->key, io); });
  AddNoteCommands(ledger, io, code);
}

}  // namespace verity::cli
