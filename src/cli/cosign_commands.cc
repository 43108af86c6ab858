// `verity ledger cosign`: collect the witnesses' cosignatures of the
// newest checkpoint (server/cosign.h), and the same after `ledger append
// --policy`.
#include <memory>
#include <string>

#include "cli/command.h"
#include "cli/cosign.h"
#include "core/file_io.h"
#include "ledger/store.h"
#include "ledger/tree_head.h"
#include "server/cosign.h"
#include "tlog/policy.h"

namespace verity::cli {

int CosignAndReport(ledger::Ledger& ledger, const std::string& policy_path, bool quorum_required,
                    const Io& io) {
  auto policy = server::LoadPolicy(policy_path);
  if (!policy.ok()) return ReportError(io, policy.status());
  witness::Collector collector(std::move(policy->policy));
  auto r = server::CosignCheckpoint(
      [&](const std::function<Status(ledger::Ledger&)>& fn) { return fn(ledger); }, collector);
  if (!r.ok()) return ReportError(io, r.status().WithContext("cosigning"));
  for (const witness::WitnessOutcome& o : r->collection.witnesses) {
    io.out << "  " << o.Summary() << "\n";
  }
  io.out << r->Summary() << "\n";
  if (r->collection.verdict.quorum_met) return kExitOk;
  if (!quorum_required) {
    io.err << "verity: warning: " << r->Summary() << " (appended; run 'verity ledger cosign' "
           << "to try again)\n";
    return kExitOk;
  }
  io.err << "verity: " << r->Summary() << "\n";
  return kExitViolation;
}

int CheckProofAgainstPolicy(const Json& proof, const std::string& policy_path,
                            const std::string& checkpoint_path, const Io& io) {
  if (checkpoint_path.empty()) {
    return ReportError(io, InvalidArgument("--policy needs --checkpoint: the cosigned checkpoint "
                                           "note of the proof's tree (a saved GET /checkpoint)"));
  }
  auto policy = server::LoadPolicy(policy_path);
  if (!policy.ok()) return ReportError(io, policy.status());
  auto note = ReadFile(checkpoint_path, tlog::kMaxNoteBytes + 1);
  if (!note.ok()) return ReportError(io, note.status());
  auto verdict = tlog::CheckCheckpoint(policy->policy, *note);
  if (!verdict.ok()) {
    io.err << "verity: " << checkpoint_path << ": " << verdict.status().message() << "\n";
    return kExitViolation;
  }
  const char* field = proof.contains("tree_head_to") ? "tree_head_to" : "tree_head";
  auto head = ledger::ParseTreeHead(proof.value(field, Json()), field);
  if (!head.ok()) return ReportError(io, head.status());
  if (head->size != verdict->checkpoint.size || head->root != verdict->checkpoint.root) {
    io.err << "verity: the proof is about the tree of size " << head->size
           << ", the checkpoint about the tree of size " << verdict->checkpoint.size
           << (head->size == verdict->checkpoint.size ? " with another root" : "") << "\n";
    return kExitViolation;
  }
  io.out << "ok: its tree is checkpoint " << head->size << " of " << verdict->checkpoint.origin
         << ", cosigned by quorum " << policy->policy.quorum << "\n";
  return kExitOk;
}

namespace {

// An observer's check: the note signed by a policy log and cosigned by its
// quorum; exit 1 (naming who is missing) if not.
int CheckCheckpoint(const std::string& path, const std::string& policy_path, const Io& io) {
  auto policy = server::LoadPolicy(policy_path);
  if (!policy.ok()) return ReportError(io, policy.status());
  auto note = ReadFile(path, tlog::kMaxNoteBytes + 1);
  if (!note.ok()) return ReportError(io, note.status());
  auto verdict = tlog::CheckCheckpoint(policy->policy, *note);
  if (!verdict.ok()) {
    io.err << "verity: " << path << ": " << verdict.status().message() << "\n";
    return verdict.status().code() == StatusCode::kInvalidArgument ? kExitBadInput : kExitViolation;
  }
  io.out << "ok: checkpoint " << verdict->checkpoint.size << " of " << verdict->checkpoint.origin
         << " is signed by its log and cosigned by quorum " << policy->policy.quorum << " (";
  for (size_t i = 0; i < verdict->cosigned.size(); ++i) {
    io.out << (i ? ", " : "") << verdict->cosigned[i].witness;
  }
  io.out << ")\n";
  return kExitOk;
}

int Cosign(const std::string& dir, const std::string& policy_path, const Io& io) {
  auto l = ledger::Ledger::Open(dir);
  if (!l.ok()) return ReportError(io, l.status());
  return CosignAndReport(**l, policy_path, /*quorum_required=*/true, io);
}

}  // namespace

void AddCosignCommands(CLI::App& app, const Io& io, int* code) {
  struct Opts {
    std::string data, policy, note;
  };
  auto o = std::make_shared<Opts>();
  CLI::App* ledger = GetOrAddSubcommand(app, "ledger", "The notification ledger");
  CLI::App* cosign = ledger->add_subcommand("cosign",
                                            "Ask the policy's witnesses to cosign the newest "
                                            "checkpoint; exit 1 if the quorum is not met");
  cosign->add_option("--data", o->data, "The ledger folder")->required();
  cosign->add_option("--policy", o->policy, "A tlog-policy file naming the log and its witnesses")
      ->required();
  cosign->callback([o, &io, code] { *code = Cosign(o->data, o->policy, io); });

  CLI::App* check = ledger->add_subcommand(
      "check-checkpoint",
      "Check a checkpoint note against a policy (log signature and quorum); exit 1 if it fails");
  check->add_option("NOTE", o->note, "A checkpoint note (a saved GET /checkpoint), or - for stdin")
      ->required();
  check->add_option("--policy", o->policy, "The tlog-policy file you hold")->required();
  check->callback([o, &io, code] { *code = CheckCheckpoint(o->note, o->policy, io); });
}

}  // namespace verity::cli
