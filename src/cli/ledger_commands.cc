// `verity keys new`, `verity notify sign` and `verity ledger ...`: parse,
// call the ledger library, print. See docs/notifications.md and
// docs/ledger-format.md.
#include <chrono>
#include <fstream>
#include <memory>

#include "cli/command.h"
#include "cli/cosign.h"
#include "cli/ledger_io.h"
#include "cli/trust.h"
#include "core/file_io.h"
#include "core/limits.h"
#include "core/table.h"
#include "inspect/treaty_ledger.h"
#include "ledger/archive.h"
#include "ledger/batch.h"
#include "ledger/keys.h"
#include "ledger/proofs.h"
#include "ledger/replay.h"
#include "ledger/tlog_proof.h"
#include "ledger/verify.h"
#include "tlog/proof_file.h"

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

int Init(const std::string& dir, const std::vector<std::string>& key_paths,
         const std::string& origin, const Io& io) {
  std::vector<ledger::PublicKey> keys;
  for (const auto& p : key_paths) {
    auto k = ledger::LoadPublicKey(p);
    if (!k.ok()) return ReportError(io, k.status());
    keys.push_back(*k);
  }
  if (Status s = Ledger::Init(dir, keys, origin); !s.ok()) return ReportError(io, s);
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
           const std::string& policy, const Io& io) {
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
  if (!policy.empty()) return CosignAndReport(*l, policy, /*quorum_required=*/false, io);
  return kExitOk;
}

int Verify(const std::string& dir, const std::string& tree_head_path,
           const std::string& policy_path, bool json, const Io& io) {
  auto l = Ledger::Open(dir);
  if (!l.ok()) return ReportError(io, l.status());
  std::optional<ledger::TreeHead> saved;
  if (!tree_head_path.empty()) {
    auto th = LoadTreeHeadFile(tree_head_path);
    if (!th.ok()) return ReportError(io, th.status());
    saved = *th;
  }
  std::optional<tlog::Policy> policy;
  if (!policy_path.empty()) {
    auto p = LoadPolicy(policy_path);
    if (!p.ok()) return ReportError(io, p.status());
    policy = std::move(*p);
  }
  auto report = ledger::VerifyLedger(**l, saved ? &*saved : nullptr, policy ? &*policy : nullptr);
  if (!report.ok()) {
    const Status s = report.status();
    return ReportError(io, policy_path.empty() ? s : s.WithContext(policy_path));
  }
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
           << report->tree_heads << " signed tree heads, root " << ToHex(report->root);
    if (report->quorum_checkpoints) {
      io.out << "; " << *report->quorum_checkpoints << " checkpoints cosigned to the quorum";
    }
    io.out << "\n";
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

int ProveTlog(const std::string& dir, uint64_t index, std::optional<uint64_t> size, const Io& io) {
  auto l = Ledger::Open(dir);
  if (!l.ok()) return ReportError(io, l.status());
  auto file = ledger::MakeTlogProof(**l, index, size);
  if (!file.ok()) return ReportError(io, file.status());
  io.out << *file;
  return kExitOk;
}

struct CheckProofOpts {
  std::string proof, tree_head, entry, policy, vkey, checkpoint;
};

// A c2sp.org/tlog-proof@v1 file: the entry, and a policy or the log's vkey.
int CheckTlogProofCmd(const CheckProofOpts& o, const std::string& text, const Io& io) {
  if (o.entry.empty()) {
    return ReportError(io, InvalidArgument("--entry: a tlog-proof file is checked for an entry "
                                           "(the signed notification JSON)"));
  }
  auto policy = PolicyOf(o.policy, o.vkey);
  if (!policy.ok()) return ReportError(io, policy.status());
  auto entry_text = ReadFile(o.entry);
  if (!entry_text.ok()) return ReportError(io, entry_text.status());
  auto entry = ParseJson(*entry_text, o.entry);
  if (!entry.ok()) return ReportError(io, entry.status());
  auto r = ledger::CheckTlogProof(text, *entry, *policy);
  if (!r.ok()) return ReportError(io, r.status().WithContext(o.proof));
  io.out << "ok: " << *r << "\n";
  return kExitOk;
}

int CheckProofCmd(const CheckProofOpts& o, const Io& io) {
  const std::string& proof_path = o.proof;
  const std::string& tree_head_path = o.tree_head;
  auto text = ReadFile(proof_path);
  if (!text.ok()) return ReportError(io, text.status());
  if (text->starts_with(tlog::kProofFileHeader)) return CheckTlogProofCmd(o, *text, io);
  auto proof = ParseJson(*text, proof_path);
  if (!proof.ok()) return ReportError(io, proof.status());
  std::optional<ledger::TreeHead> saved;
  if (!tree_head_path.empty()) {
    auto th = LoadTreeHeadFile(tree_head_path);
    if (!th.ok()) return ReportError(io, th.status());
    saved = *th;
  }
  auto r = ledger::CheckProof(*proof, saved ? &*saved : nullptr);
  if (!r.ok()) return ReportError(io, r.status().WithContext(proof_path));
  io.out << "ok: " << *r << "\n";
  if (!o.policy.empty()) return CheckProofAgainstPolicy(*proof, o.policy, o.checkpoint, io);
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
    std::string format = "json";
    CheckProofOpts check;
  };
  auto o = std::make_shared<Opts>();
  CLI::App* prove =
      ledger->add_subcommand("prove", "Print an inclusion proof (JSON) for one entry");
  AddDataOption(prove, &o->data);
  prove->add_option("--index", o->index, "The entry's log index")->required();
  prove->add_option("--size", o->size,
                    "Prove against the signed tree head of this size (default: newest)");
  prove->add_option("--format", o->format, "json, or tlog-proof (c2sp.org/tlog-proof@v1)")
      ->check(CLI::IsMember({"json", "tlog-proof"}))
      ->capture_default_str();
  prove->callback([o, &io, code] {
    if (o->format == "tlog-proof") {
      *code = ProveTlog(o->data, o->index, o->size, io);
      return;
    }
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
  check->add_option("PROOF", o->check.proof, "A proof from 'ledger prove' or 'ledger consistency'")
      ->required();
  check->add_option("--tree-head", o->check.tree_head, "A tree head you saved earlier (JSON)");
  check->add_option("--entry", o->check.entry, "For a tlog-proof file: the entry (notification)");
  check->add_option("--policy", o->check.policy,
                    "A tlog-policy: the proof's tree must be a checkpoint its quorum cosigned");
  check->add_option("--checkpoint", o->check.checkpoint,
                    "With --policy: the cosigned checkpoint note (a saved GET /checkpoint)");
  check->add_option("--vkey", o->check.vkey, "For a tlog-proof file: the log's vkey (or a file)");
  check->callback([o, &io, code] { *code = CheckProofCmd(o->check, io); });
}

}  // namespace

void AddLedgerCommands(CLI::App& app, const Io& io, int* code) {
  struct Opts {
    std::string data = ledger::kDefaultDataDir;
    std::string party, out, key, draft, tree_head, origin, policy, treaty = "new-start";
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
  init->add_option("--origin", o->origin,
                   "The log's name in its checkpoints, e.g. verity.example/new-start (default: "
                   "verity.invalid/ledger/<log key id>)");
  init->callback([o, &io, code] { *code = Init(o->data, o->keys, o->origin, io); });

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
  append->add_option(
      "--policy", o->policy,
      "A tlog-policy: then collect the witnesses' cosignatures of the new checkpoint");
  append->callback([o, &io, code] { *code = Append(o->data, o->treaty, o->files, o->policy, io); });

  CLI::App* verify = ledger->add_subcommand(
      "verify", "Recompute every hash, signature and root; exit 1 on tampering");
  AddDataOption(verify, &o->data);
  verify->add_option("--tree-head", o->tree_head, "Also check against a tree head saved earlier");
  verify->add_option("--policy", o->policy,
                     "A tlog-policy: also check every stored cosignature of its witnesses");
  verify->add_flag("--json", o->json, "Machine-readable JSON");
  verify->callback(
      [o, &io, code] { *code = Verify(o->data, o->tree_head, o->policy, o->json, io); });

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
