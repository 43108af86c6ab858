#include "server/cosign.h"

#include <map>
#include <mutex>
#include <span>

#include "core/file_io.h"
#include "ledger/checkpoint_note.h"
#include "tlog/merkle.h"

namespace verity::server {
namespace {

// The note of the head of `size` (the newest if unset) and its size.
Status ReadNote(const LedgerAccess& access, std::optional<uint64_t> size, uint64_t* out_size,
                std::string* note) {
  return access([&](ledger::Ledger& l) -> Status {
    if (size) {
      *out_size = *size;
    } else {
      VERITY_ASSIGN_OR_RETURN(ledger::TreeHead head, l.LatestTreeHead());
      *out_size = head.size;
    }
    VERITY_ASSIGN_OR_RETURN(*note, ledger::CheckpointNote(l, *out_size));
    return Status::Ok();
  });
}

}  // namespace

std::string CosignResult::Summary() const {
  const tlog::PolicyVerdict& v = collection.verdict;
  std::string names;
  for (const tlog::WitnessCosignature& c : v.cosigned)
    names += (names.empty() ? "" : ", ") + c.witness;
  std::string s = "checkpoint " + std::to_string(size) + ": ";
  if (v.quorum_met) return s + "quorum met (cosigned by " + (names.empty() ? "none" : names) + ")";
  return s + "quorum NOT met: " + v.missing;
}

Json CosignResult::ToJson() const {
  const tlog::PolicyVerdict& v = collection.verdict;
  Json witnesses = Json::array();
  for (const witness::WitnessOutcome& o : collection.witnesses) {
    Json w = {{"name", o.name},
              {"url", o.url},
              {"ok", o.status.ok()},
              {"attempts", o.attempts},
              {"elapsed_ms", o.elapsed_ms}};
    if (!o.status.ok()) w["error"] = o.status.message();
    witnesses.push_back(std::move(w));
  }
  Json cosigned = Json::array();
  for (const tlog::WitnessCosignature& c : v.cosigned) {
    cosigned.push_back({{"witness", c.witness}, {"timestamp", c.timestamp}});
  }
  return {{"size", size},         {"origin", v.checkpoint.origin}, {"quorum_met", v.quorum_met},
          {"missing", v.missing}, {"cosigned", cosigned},          {"witnesses", witnesses}};
}

StatusOr<CosignResult> CosignCheckpoint(const LedgerAccess& access, witness::Collector& collector,
                                        std::optional<uint64_t> size) {
  CosignResult r;
  std::string note;
  VERITY_RETURN_IF_ERROR(ReadNote(access, size, &r.size, &note));
  const uint64_t n = r.size;
  // Witnesses usually hold the same old size: each proof is made once.
  std::mutex mu;
  std::map<uint64_t, std::vector<Hash256>> made;
  auto proofs = [&](uint64_t old) -> StatusOr<std::vector<Hash256>> {
    if (old > n) return InvalidArgument("no consistency proof from a size above the checkpoint's");
    std::lock_guard lock(mu);
    if (auto it = made.find(old); it != made.end()) return it->second;
    std::vector<Hash256> proof;
    VERITY_RETURN_IF_ERROR(access([&](ledger::Ledger& l) -> Status {
      VERITY_ASSIGN_OR_RETURN(std::vector<Hash256> leaves, l.LeafHashes());
      if (leaves.size() < n) return DataLoss("the ledger has fewer leaves than its checkpoint");
      proof = tlog::ConsistencyProof(std::span(leaves).first(n), old);
      return Status::Ok();
    }));
    return made[old] = proof;
  };
  VERITY_ASSIGN_OR_RETURN(r.collection, collector.Collect(note, proofs));
  std::vector<std::string> lines;
  for (const witness::WitnessOutcome& o : r.collection.witnesses) {
    for (const tlog::NoteSignature& s : o.cosignatures) lines.push_back(s.Line());
  }
  if (!lines.empty()) {
    VERITY_RETURN_IF_ERROR(
        access([&](ledger::Ledger& l) { return ledger::AddCosignatures(l, n, lines); }));
  }
  return r;
}

StatusOr<PolicyFile> LoadPolicy(const std::string& path) {
  VERITY_ASSIGN_OR_RETURN(std::string text, ReadFile(path, tlog::kMaxPolicyBytes));
  auto policy = tlog::ParsePolicy(text);
  if (!policy.ok()) return policy.status().WithContext(path);
  return PolicyFile{std::move(text), *std::move(policy)};
}

Cosigner::Cosigner(LedgerAccess access, PolicyFile policy, witness::CollectOptions options)
    : access_(std::move(access)),
      policy_text_(std::move(policy.text)),
      collector_(std::move(policy.policy), options) {
  thread_ = std::thread([this] { Run(); });
}

Cosigner::~Cosigner() {
  {
    std::lock_guard lock(mu_);
    stop_ = true;
  }
  cv_.notify_all();
  thread_.join();
}

void Cosigner::Notify() {
  {
    std::lock_guard lock(mu_);
    ++requested_;
  }
  cv_.notify_all();
}

std::optional<Json> Cosigner::Last() const {
  std::lock_guard lock(mu_);
  return last_;
}

void Cosigner::Drain() {
  std::unique_lock lock(mu_);
  const uint64_t want = requested_;
  cv_.wait(lock, [&] { return done_ >= want || stop_; });
}

void Cosigner::Run() {
  std::unique_lock lock(mu_);
  while (true) {
    cv_.wait(lock, [&] { return stop_ || requested_ > done_; });
    if (stop_) return;
    const uint64_t round = requested_;  // everything asked so far is covered by the newest
    lock.unlock();
    auto r = CosignCheckpoint(access_, collector_);
    Json outcome = r.ok() ? r->ToJson() : Json{{"error", r.status().message()}};
    lock.lock();
    last_ = std::move(outcome);
    done_ = round;
    cv_.notify_all();
  }
}

}  // namespace verity::server
