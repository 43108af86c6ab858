// `verity keys new`, `verity notify sign` and `verity ledger ...`: parse,
// call the ledger library, print. See docs/notifications.md and
// docs/ledger-format.md.
#include <chrono>
#include <fstream>
#include <memory>

#include "cli/command.h"
#include "cli/ledger_io.h"
#include "core/file_io.h"
#include "core/limits.h"
#include "core/table.h"
#include "inspect/treaty_ledger.h"
#include "ledger/archive.h"
#include "ledger/batch.h"
#include "ledger/keys.h"
#include "ledger/proofs.h"
#include "ledger/replay.h"
#include "ledger/verify.h"

namespace verity::cli {
namespace {

using ledger::Ledger;

int KeysNew(const std::string& party, const std::string& out_dir, const Io& io) {
  auto key = ledger::GenerateKey(party);
  if (!key.ok()) return ReportError(io, key.status().WithContext("--party"));
  if (Status s = ledger::WriteKeyFiles(*key, out_dir); !s.ok()) return ReportError(io, s);
  io.out << "key " << key->pub.key_id << " for " << party << ": " << out_dir << "/" << party
         << ".key (secret, mode 0600), " << out_dir << "/" << party << ".pub\n";
  return kExitOk;
}

int NotifySign(const std::string& key_path, const std::string& draft_path, const Io& io) {
  auto key = ledger::LoadSecretKey(key_path);
  if (!key.ok()) return ReportError(io, key.status());
  auto text = ReadFile(draft_path);
  if (!text.ok()) return ReportError(io, text.status());
  auto draft = ParseJson(*text, draft_path);
  if (!draft.ok()) return ReportError(io, draft.status());
  auto signed_json = ledger::SignNotification(*draft, *key);
  if (!signed_json.ok()) return ReportError(io, signed_json.status().WithContext(draft_path));
  io.out << signed_json->dump() << "\n";
  return kExitOk;
}

int Init(const std::string& dir, const std::vector<std::string>& key_paths, const Io& io) {
  std::vector<ledger::PublicKey> keys;
  for (const auto& p : key_paths) {
    auto k = ledger::LoadPublicKey(p);
    if (!k.ok()) return ReportError(io, k.status());
    keys.push_back(*k);
  }
  if (Status s = Ledger::Init(dir, keys); !s.ok()) return ReportError(io, s);
  io.out << "ledger created in " << dir << " with " << keys.size() << " party key(s)\n";
  return kExitOk;
}

int AddKey(const std::string& dir, const std::vector<std::string>& key_paths, const Io& io) {
  auto l = Ledger::Open(dir);
  if (!l.ok()) return ReportError(io, l.status());
  for (const auto& p : key_paths) {
    auto k = ledger::LoadPublicKey(p);
    if (!k.ok()) return ReportError(io, k.status());
    if (Status s = (*l)->AddPartyKey(*k); !s.ok()) return ReportError(io, s.WithContext(p));
    io.out << "registered key " << k->key_id << " of " << k->party << "\n";
  }
  return kExitOk;
}

int Append(const std::string& dir, const std::string& treaty, const std::vector<std::string>& files,
           const Io& io) {
  auto opened = inspect::OpenForTreaty(dir, treaty);
  if (!opened.ok()) return ReportError(io, opened.status());
  ledger::Ledger* l = opened->ledger.get();
  std::vector<ledger::BatchItem> batch;
  for (const auto& f : files) {
    auto text = ReadFile(f, limits::kMaxLedgerFileBytes);
    if (!text.ok()) return ReportError(io, text.status());
    auto items = ledger::ParseBatchText(*text, f);
    if (!items.ok()) return ReportError(io, items.status());
    batch.insert(batch.end(), items->begin(), items->end());
  }
  auto r = l->Append(batch, Now());
  if (!r.ok()) return ReportError(io, r.status().WithContext("nothing appended"));
  io.out << "appended " << r->count << " notification(s) at index " << r->first_index
         << "; tree size " << r->head.size << ", root " << ToHex(r->head.root) << "\n";
  for (const auto& a : r->ambiguities) {
    io.out << "ambiguity at " << a.index << " (" << Name(a.kind) << "): " << a.message << "\n";
  }
  // The append is committed; checkpoints are a cache that only speeds up
  // queries, so failing to write them is a warning, not a failed append.
  if (Status s = ledger::UpdateCheckpointsAfter(*l, *r); !s.ok()) {
    io.err << "verity: warning: checkpoints not updated (queries replay instead): " << s.message()
           << "\n";
  }
  return kExitOk;
}

int Verify(const std::string& dir, const std::string& tree_head_path, bool json, const Io& io) {
  auto l = Ledger::Open(dir);
  if (!l.ok()) return ReportError(io, l.status());
  std::optional<ledger::TreeHead> saved;
  if (!tree_head_path.empty()) {
    auto th = LoadTreeHeadFile(tree_head_path);
    if (!th.ok()) return ReportError(io, th.status());
    saved = *th;
  }
  auto report = ledger::VerifyLedger(**l, saved ? &*saved : nullptr);
  if (!report.ok()) return ReportError(io, report.status());
  if (json) {
    io.out << report->ToJson().dump(2) << "\n";
  } else {
    for (const auto& p : report->problems) {
      if (p.index >= 0) {
        io.out << "row " << p.index << ": ";  // an entry, by its log index
      } else if (!p.table.empty()) {
        io.out << p.table << (p.row.empty() ? "" : " " + p.row) << ": ";
      }
      io.out << p.message << "\n";
    }
    io.out << (report->ok() ? "ok: " : "FAILED: ") << report->rows << " rows, "
           << report->tree_heads << " signed tree heads, root " << ToHex(report->root) << "\n";
  }
  return report->ok() ? kExitOk : kExitViolation;
}

int Export(const std::string& dir, const std::string& out_path, const Io& io) {
  auto l = Ledger::Open(dir);
  if (!l.ok()) return ReportError(io, l.status());
  if (out_path.empty() || out_path == "-") {
    auto n = ledger::ExportLedger(**l, io.out);
    return n.ok() ? kExitOk : ReportError(io, n.status());
  }
  std::ofstream out(out_path, std::ios::binary | std::ios::trunc);
  if (!out) return ReportError(io, Unavailable(out_path + ": cannot create"));
  auto n = ledger::ExportLedger(**l, out);
  if (!n.ok()) return ReportError(io, n.status());
  io.out << "exported " << *n << " entries to " << out_path << "\n";
  return kExitOk;
}

int Import(const std::string& dir, const std::string& treaty_name, const std::string& path,
           const Io& io) {
  auto text = ReadFile(path, limits::kMaxLedgerFileBytes);
  if (!text.ok()) return ReportError(io, text.status());
  auto t = treaty::LoadTreaty(treaty_name);
  if (!t.ok()) return ReportError(io, t.status());
  const forces::Counter counter(*t);
  auto r = ledger::ImportLedger(dir, *text, path, Now(), counter, inspect::MakeTreatyFinder);
  if (!r.ok()) return ReportError(io, r.status().WithContext("nothing imported"));
  io.out << "imported " << r->count << " entries into " << dir << "; root " << ToHex(r->head.root)
         << " (identical to the export's)\n";
  return kExitOk;
}

int CheckProofCmd(const std::string& proof_path, const std::string& tree_head_path, const Io& io) {
  auto text = ReadFile(proof_path);
  if (!text.ok()) return ReportError(io, text.status());
  auto proof = ParseJson(*text, proof_path);
  if (!proof.ok()) return ReportError(io, proof.status());
  std::optional<ledger::TreeHead> saved;
  if (!tree_head_path.empty()) {
    auto th = LoadTreeHeadFile(tree_head_path);
    if (!th.ok()) return ReportError(io, th.status());
    saved = *th;
  }
  auto r = ledger::CheckProof(*proof, saved ? &*saved : nullptr);
  if (!r.ok()) return ReportError(io, r.status());
  io.out << "ok: " << *r << "\n";
  return kExitOk;
}

int Ambiguities(const std::string& dir, bool json, const Io& io) {
  auto l = Ledger::Open(dir);
  if (!l.ok()) return ReportError(io, l.status());
  auto found = (*l)->Ambiguities();
  if (!found.ok()) return ReportError(io, found.status());
  if (json) {
    Json j = Json::array();
    for (const auto& a : *found) j.push_back(a.ToJson());
    io.out << j.dump(2) << "\n";
    return kExitOk;
  }
  TextTable t({"index", "party", "occurred", "kind", "message"});
  for (const auto& a : *found) {
    t.AddRow({std::to_string(a.index), a.party, a.occurred.ToString(), std::string(Name(a.kind)),
              a.message});
  }
  io.out << t.ToText() << found->size() << " ambiguities\n";
  return kExitOk;
}

void AddProofCommands(CLI::App* ledger, const Io& io, int* code) {
  struct Opts {
    std::string data = ledger::kDefaultDataDir;
    uint64_t index = 0, from = 0;
    std::optional<uint64_t> size, to;
    std::string proof, tree_head;
  };
  auto o = std::make_shared<Opts>();
  CLI::App* prove =
      ledger->add_subcommand("prove", "Print an inclusion proof (JSON) for one entry");
  AddDataOption(prove, &o->data);
  prove->add_option("--index", o->index, "The entry's log index")->required();
  prove->add_option("--size", o->size,
                    "Prove against the signed tree head of this size (default: newest)");
  prove->callback([o, &io, code] {
    *code = PrintJsonOrError(io, WithLedger(o->data, [&](const Ledger& l) {
                               return ledger::MakeInclusionProof(l, o->index, o->size);
                             }));
  });
  CLI::App* cons =
      ledger->add_subcommand("consistency", "Print a consistency proof (JSON) from size M to N");
  AddDataOption(cons, &o->data);
  cons->add_option("--from", o->from, "The older tree size M")->required();
  cons->add_option("--to", o->to, "The newer signed tree size N (default: newest)");
  cons->callback([o, &io, code] {
    *code = PrintJsonOrError(io, WithLedger(o->data, [&](const Ledger& l) {
                               return ledger::MakeConsistencyProof(l, o->from, o->to);
                             }));
  });
  CLI::App* check =
      ledger->add_subcommand("check-proof", "Check a proof offline; exit 1 if it fails");
  check->add_option("PROOF", o->proof, "A proof from 'ledger prove' or 'ledger consistency'")
      ->required();
  check->add_option("--tree-head", o->tree_head, "A tree head you saved earlier (JSON)");
  check->callback([o, &io, code] { *code = CheckProofCmd(o->proof, o->tree_head, io); });
}

}  // namespace

void AddLedgerCommands(CLI::App& app, const Io& io, int* code) {
  struct Opts {
    std::string data = ledger::kDefaultDataDir;
    std::string party, out, key, draft, tree_head, treaty = "new-start";
    std::vector<std::string> files, keys;
    bool json = false;
  };
  auto o = std::make_shared<Opts>();

  CLI::App* keys = app.add_subcommand("keys", "Party signing keys")->require_subcommand(1);
  CLI::App* knew =
      keys->add_subcommand("new", "Create an Ed25519 key pair: DIR/P.key (0600), DIR/P.pub");
  knew->add_option("--party", o->party, "Party, e.g. US")->required();
  knew->add_option("--out", o->out, "Directory for the key files")->required();
  knew->callback([o, &io, code] { *code = KeysNew(o->party, o->out, io); });

  CLI::App* notify = app.add_subcommand("notify", "Notifications")->require_subcommand(1);
  CLI::App* sign =
      notify->add_subcommand("sign", "Sign a draft notification; prints the signed JSON");
  sign->add_option("--key", o->key, "Secret key file")->required();
  sign->add_option("DRAFT", o->draft, "Draft notification (JSON), '-' for standard input")
      ->required();
  sign->callback([o, &io, code] { *code = NotifySign(o->key, o->draft, io); });

  CLI::App* ledger = app.add_subcommand("ledger", "The notification ledger")->require_subcommand(1);
  CLI::App* init = ledger->add_subcommand("init", "Create a ledger and its log key");
  AddDataOption(init, &o->data);
  init->add_option("--key", o->keys, "A party's public key file (repeatable)");
  init->callback([o, &io, code] { *code = Init(o->data, o->keys, io); });

  CLI::App* add_key = ledger->add_subcommand("add-key", "Register parties' public keys");
  AddDataOption(add_key, &o->data);
  add_key->add_option("KEY", o->keys, "Public key files")->required();
  add_key->callback([o, &io, code] { *code = AddKey(o->data, o->keys, io); });

  CLI::App* append =
      ledger->add_subcommand("append", "Append signed notifications (all or nothing)");
  AddDataOption(append, &o->data);
  append->add_option("FILE", o->files, "JSON or JSON Lines files ('-' = standard input)")
      ->required();
  append->add_option("--treaty", o->treaty, "Treaty whose deadlines and limits flag ambiguities")
      ->capture_default_str();
  append->callback([o, &io, code] { *code = Append(o->data, o->treaty, o->files, io); });

  CLI::App* verify = ledger->add_subcommand(
      "verify", "Recompute every hash, signature and root; exit 1 on tampering");
  AddDataOption(verify, &o->data);
  verify->add_option("--tree-head", o->tree_head, "Also check against a tree head saved earlier");
  verify->add_flag("--json", o->json, "Machine-readable JSON");
  verify->callback([o, &io, code] { *code = Verify(o->data, o->tree_head, o->json, io); });

  CLI::App* exp = ledger->add_subcommand("export", "Export the ledger as JSON Lines");
  AddDataOption(exp, &o->data);
  exp->add_option("--out", o->out, "Output file (default: standard output)");
  exp->callback([o, &io, code] { *code = Export(o->data, o->out, io); });

  CLI::App* imp = ledger->add_subcommand("import", "Import an export into a new ledger");
  AddDataOption(imp, &o->data);
  imp->add_option("FILE", o->draft, "An export from 'ledger export'")->required();
  imp->add_option("--treaty", o->treaty, "Treaty whose deadlines and limits flag ambiguities")
      ->capture_default_str();
  imp->callback([o, &io, code] { *code = Import(o->data, o->treaty, o->draft, io); });

  CLI::App* amb = ledger->add_subcommand("ambiguities", "List the ambiguities found in the record");
  AddDataOption(amb, &o->data);
  amb->add_flag("--json", o->json, "Machine-readable JSON");
  amb->callback([o, &io, code] { *code = Ambiguities(o->data, o->json, io); });

  AddProofCommands(ledger, io, code);
  AddReplayCommands(ledger, io, code);
}

}  // namespace verity::cli
