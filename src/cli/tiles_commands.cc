// `verity ledger export-tiles` and `verity mirror verify`: the ledger as a
// tlog-tiles tree and the check of a copy of it (docs/ledger-format.md,
// "Tiles" and "Mirrors").
#include <memory>
#include <string>

#include "cli/command.h"
#include "cli/ledger_io.h"
#include "cli/mirror_source.h"
#include "cli/trust.h"
#include "core/file_io.h"
#include "ledger/mirror.h"
#include "ledger/mirror_sync.h"
#include "ledger/store.h"
#include "ledger/tile_export.h"

namespace verity::cli {
namespace {

int ExportTilesCmd(const std::string& dir, const std::string& out, const Io& io) {
  auto l = ledger::Ledger::Open(dir);
  if (!l.ok()) return ReportError(io, l.status());
  auto r = ledger::ExportTiles(**l, out);
  if (!r.ok()) return ReportError(io, r.status());
  io.out << "tiles of " << r->size << " entries in " << out << " (" << r->files
         << " files written, from size " << r->from_size << ")\n";
  return kExitOk;
}

struct MirrorOpts {
  std::string mirror, policy, vkey, party_keys, dir;
};

// The trust a check starts from (ledger/mirror.h): a policy or a vkey (a
// vkey string or a file holding one), and pinned party keys if given.
StatusOr<ledger::MirrorTrust> LoadTrust(const MirrorOpts& o) {
  ledger::MirrorTrust t;
  VERITY_ASSIGN_OR_RETURN(t.policy, PolicyOf(o.policy, o.vkey));
  if (!o.party_keys.empty()) {
    VERITY_ASSIGN_OR_RETURN(std::string text, ReadFile(o.party_keys, ledger::kMaxPartyKeysBytes));
    VERITY_ASSIGN_OR_RETURN(t.party_keys, ledger::ParsePartyKeys(text, o.party_keys));
  }
  return t;
}

int PrintReport(const ledger::MirrorReport& r, const Io& io) {
  for (const std::string& p : r.problems) io.err << "verity: " << p << "\n";
  if (!r.ok()) {
    io.err << "verity: mirror of " << r.origin << ": " << r.problem_count << " of " << r.entries
           << " entries fail\n";
    return kExitViolation;
  }
  io.out << "ok: " << r.origin << ", " << r.size << " entries (" << r.recorded
         << " served beside the tiles), root " << ToHex(r.root) << ": every tile, entry and party "
         << "signature checks (party keys "
         << (r.party_keys_pinned ? "pinned" : "from the mirror's verity/party-keys") << ")";
  if (!r.cosigned_by.empty()) {
    io.out << "; cosigned by";
    for (const std::string& w : r.cosigned_by) io.out << " " << w;
  }
  io.out << "\n";
  return kExitOk;
}

int MirrorVerify(const MirrorOpts& o, const Io& io) {
  auto trust = LoadTrust(o);
  if (!trust.ok()) return ReportError(io, trust.status());
  auto source = OpenMirrorSource(o.mirror);
  if (!source.ok()) return ReportError(io, source.status());
  auto r = ledger::VerifyMirror(**source, *trust);
  if (!r.ok()) return ReportError(io, r.status().WithContext(o.mirror));
  return PrintReport(*r, io);
}

int MirrorSync(const MirrorOpts& o, const Io& io) {
  auto policy = PolicyOf(o.policy, o.vkey);
  if (!policy.ok()) return ReportError(io, policy.status());
  auto source = OpenMirrorSource(o.mirror);
  if (!source.ok()) return ReportError(io, source.status());
  auto r = ledger::SyncMirror(**source, o.dir, *policy);
  if (!r.ok()) return ReportError(io, r.status().WithContext(o.mirror));
  io.out << o.dir << ": " << r->size << " entries (was " << r->from_size << "), " << r->files
         << " files copied, each checked against the checkpoint\n";
  return kExitOk;
}

void AddTrustOptions(CLI::App* cmd, MirrorOpts* o) {
  cmd->add_option("--policy", o->policy, "A tlog-policy file: the log, witnesses and quorum");
  cmd->add_option("--vkey", o->vkey, "The log's vkey (or a file holding it)");
  cmd->add_option("--party-keys", o->party_keys,
                  "Pinned party keys: a JSON array of .pub files (default: the mirror's own)");
}

}  // namespace

void AddTilesCommands(CLI::App& app, const Io& io, int* code) {
  struct Opts {
    std::string data = ledger::kDefaultDataDir, out;
  };
  auto o = std::make_shared<Opts>();
  CLI::App* ledger = GetOrAddSubcommand(app, "ledger", "The notification ledger");
  CLI::App* exp = ledger->add_subcommand(
      "export-tiles", "Write (or bring up to date) the ledger as a C2SP tlog-tiles tree");
  AddDataOption(exp, &o->data);
  exp->add_option("--out", o->out, "The folder of the tiles")->required();
  exp->callback([o, &io, code] { *code = ExportTilesCmd(o->data, o->out, io); });

  auto m = std::make_shared<MirrorOpts>();
  CLI::App* mirror = GetOrAddSubcommand(app, "mirror", "Copies of the ledger's tiles");
  CLI::App* verify = mirror->add_subcommand(
      "verify", "Check a mirror from its tiles alone; exit 1 if an entry fails");
  verify->add_option("MIRROR", m->mirror, "A folder, or an http(s) URL of the tree")->required();
  AddTrustOptions(verify, m.get());
  verify->callback([m, &io, code] { *code = MirrorVerify(*m, io); });
  CLI::App* sync = mirror->add_subcommand(
      "sync", "Copy the new tiles of a tree into a local mirror, checking each first");
  sync->add_option("SOURCE", m->mirror, "An http(s) URL of the tree, or a folder")->required();
  sync->add_option("DIR", m->dir, "The local mirror (created if needed)")->required();
  sync->add_option("--policy", m->policy, "A tlog-policy file: the log, witnesses and quorum");
  sync->add_option("--vkey", m->vkey, "The log's vkey (or a file holding it)");
  sync->callback([m, &io, code] { *code = MirrorSync(*m, io); });
}

}  // namespace verity::cli
