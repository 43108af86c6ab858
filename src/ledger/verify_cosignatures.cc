// The stored cosignatures checked against a policy (verify.h): each stored
// checkpoint note, with its cosignature lines, opened with the policy's
// keys, which verifies every line of a key the policy names.
#include "ledger/checkpoint_note.h"
#include "ledger/verify.h"

namespace verity::ledger {
namespace {

// InvalidArgument unless one of the policy's logs is this ledger's log.
Status CheckPolicyNamesTheLog(const Ledger& ledger, const tlog::Policy& policy) {
  const tlog::Verifier log = LogNoteVerifier(ledger);
  for (const tlog::PolicyLog& l : policy.logs) {
    if (l.key.name() == log.name() && l.key.public_key() == log.public_key()) return Status::Ok();
  }
  return InvalidArgument("policy: it names no log of origin " + log.name() +
                         " with this ledger's log key (" + log.ToString() + ")");
}

}  // namespace

Status VerifyCosignatures(const Ledger& ledger, const tlog::Policy& policy, VerifyReport* report) {
  VERITY_RETURN_IF_ERROR(CheckPolicyNamesTheLog(ledger, policy));
  VERITY_ASSIGN_OR_RETURN(std::vector<TreeHead> heads, ledger.TreeHeads());
  size_t met = 0;
  for (const TreeHead& th : heads) {
    // A missing or malformed note signature is the main check's to report.
    auto note = CosignedCheckpointNote(ledger, th.size);
    if (!note.ok()) continue;
    auto verdict = tlog::EvaluateCheckpoint(policy, *note);
    if (!verdict.ok()) {
      report->problems.push_back({-1, std::string(verdict.status().message()), "cosignatures",
                                  "size=" + std::to_string(th.size)});
      continue;
    }
    if (verdict->quorum_met) ++met;
  }
  report->quorum_checkpoints = met;
  return Status::Ok();
}

}  // namespace verity::ledger
