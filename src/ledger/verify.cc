#include "ledger/verify.h"

#include <map>
#include <set>

#include "ledger/replay.h"
#include "tlog/merkle.h"

namespace verity::ledger {
namespace {

constexpr int64_t kMaxMissingListed = 20;

std::string Join(const std::vector<std::string>& parts) {
  std::string out;
  for (const auto& p : parts) out += (out.empty() ? "" : "; ") + p;
  return out;
}

// Compares the stored columns with the signed entry they index.
void CheckColumns(const StoredRow& row, const Notification& n, std::vector<std::string>* issues) {
  auto cmp = [&](const char* column, const std::string& stored, const std::string& signed_value) {
    if (stored != signed_value) {
      issues->push_back(std::string("column ") + column + " '" + stored +
                        "' differs from the signed entry ('" + signed_value + "')");
    }
  };
  cmp("party", row.party, n.party);
  cmp("serial", std::to_string(row.serial), std::to_string(n.serial));
  cmp("type", row.type, std::string(Name(n.type)));
  cmp("occurred", row.occurred, n.occurred.ToString());
  cmp("sent", row.sent, n.sent.ToString());
}

class Verifier {
 public:
  Verifier(const Ledger& ledger, const TreeHead* saved) : ledger_(ledger), saved_(saved) {}

  StatusOr<VerifyReport> Run() {
    VERITY_ASSIGN_OR_RETURN(heads_, ledger_.TreeHeads());
    for (const TreeHead& th : heads_) {
      if (Status s = VerifyTreeHead(th, ledger_.log_key()); !s.ok()) HeadProblem(th, s.message());
    }
    if (saved_ != nullptr) {
      if (Status s = VerifyTreeHead(*saved_, ledger_.log_key()); !s.ok()) {
        report_.problems.push_back({-1, "saved " + s.message(), "saved_tree_head", ""});
      }
      heads_.push_back(*saved_);
      std::stable_sort(heads_.begin(), heads_.end(),
                       [](const TreeHead& a, const TreeHead& b) { return a.size < b.size; });
    }
    report_.tree_heads = heads_.size();
    VERITY_RETURN_IF_ERROR(ledger_.ForEachRow([this](const StoredRow& r) { return Row(r); }));
    Finish();
    VERITY_RETURN_IF_ERROR(DerivedRows());
    return std::move(report_);
  }

 private:
  void Problem(int64_t index, std::string message) {
    report_.problems.push_back(
        {index, std::move(message), "entries", index >= 0 ? std::to_string(index) : ""});
  }
  void HeadProblem(const TreeHead& th, std::string message) {
    report_.problems.push_back(
        {-1, std::move(message), "tree_heads", "size=" + std::to_string(th.size)});
  }
  void RowProblems(std::vector<RowProblem> found) {
    for (RowProblem& p : found) {
      report_.problems.push_back({-1, std::move(p.message), std::move(p.table), std::move(p.row)});
    }
  }

  // A registered key whose party is not the party of the entries it signed
  // (the entries are named too: their key check fails).
  void KeyRows() {
    for (const PublicKey& k : ledger_.PartyKeys()) {
      const auto it = key_parties_.find(k.key_id);
      if (it == key_parties_.end()) continue;
      for (const std::string& party : it->second) {
        if (party == k.party) continue;
        report_.problems.push_back({-1,
                                    "registered for " + k.party + " but it signed entries of " +
                                        party + " (party edited?)",
                                    "party_keys", "key_id=" + k.key_id});
      }
    }
  }

  // The rows derived from the entries, against the tree recomputed from them.
  Status DerivedRows() {
    KeyRows();
    VERITY_ASSIGN_OR_RETURN(std::vector<RowProblem> derived, ledger_.AuditDerivedRows(tree_));
    RowProblems(std::move(derived));
    VERITY_ASSIGN_OR_RETURN(std::vector<RowProblem> checkpoints, VerifyCheckpoints(ledger_));
    RowProblems(std::move(checkpoints));
    return Status::Ok();
  }

  void Missing(int64_t from, int64_t to) {
    if (to - from > kMaxMissingListed) {
      Problem(from, "rows " + std::to_string(from) + ".." + std::to_string(to - 1) +
                        " are missing (deleted)");
      return;
    }
    for (int64_t i = from; i < to; ++i) Problem(i, "row is missing (deleted)");
  }

  // `in_place`: the row's seal binds it to its index. A row moved from
  // elsewhere is already named, and is left out of the serial order check
  // so that its neighbours are not blamed.
  void CheckEntry(const StoredRow& row, bool in_place, std::vector<std::string>* issues) {
    auto j = ParseJson(row.entry, "entry");
    if (!j.ok()) {
      issues->push_back("entry is not valid JSON");
      return;
    }
    auto canonical = CanonicalJson(*j);
    if (!canonical.ok() || *canonical != row.entry)
      issues->push_back("entry is not in canonical form");
    auto n = ParseNotification(*j, Draft::kSigned, "entry");
    if (!n.ok()) {
      issues->push_back("entry is not a valid notification: " + n.status().message());
      return;
    }
    CheckColumns(row, *n, issues);
    key_parties_[n->key_id].insert(n->party);
    if (Status s = ledger_.CheckKeyAndSignature(*n, "entry"); !s.ok())
      issues->push_back(s.message());
    if (!in_place) return;
    int64_t& last = last_serial_[n->party];
    if (n->serial <= last) {
      issues->push_back("serial " + std::to_string(n->serial) + " of " + n->party +
                        " does not follow serial " + std::to_string(last) +
                        " (rows reordered or duplicated)");
    }
    last = std::max(last, n->serial);
  }

  Status Row(const StoredRow& row) {
    if (row.index > expected_) Missing(expected_, row.index);
    expected_ = row.index + 1;
    std::vector<std::string> issues;
    const Hash256 leaf = LeafHashOf(row.entry, ledger_.leaf_format());
    if (ToHex(leaf) != row.leaf_hash) {
      issues.push_back(
          "stored leaf hash differs from the hash of the entry (entry or hash edited)");
    }
    const bool in_place = ToHex(SealOf(static_cast<uint64_t>(row.index), leaf)) == row.seal;
    if (!in_place) {
      issues.push_back("seal does not bind this entry to index " + std::to_string(row.index) +
                       " (row edited or moved from another position)");
    }
    CheckEntry(row, in_place, &issues);
    if (!issues.empty()) Problem(row.index, Join(issues));
    tree_.Append(leaf);
    CheckHeads();
    return Status::Ok();
  }

  void CheckHeads() {
    while (next_head_ < heads_.size() && heads_[next_head_].size <= tree_.size()) {
      const TreeHead& th = heads_[next_head_++];
      if (th.size == tree_.size() && th.root != tree_.Root()) {
        HeadProblem(th, "tree head of size " + std::to_string(th.size) + ": signed root " +
                            ToHex(th.root) + " differs from the root recomputed over the first " +
                            std::to_string(th.size) + " rows (" + ToHex(tree_.Root()) + ")");
      }
    }
  }

  void Finish() {
    report_.rows = tree_.size();
    report_.root = tree_.Root();
    for (; next_head_ < heads_.size(); ++next_head_) {
      HeadProblem(heads_[next_head_], "tree head of size " +
                                          std::to_string(heads_[next_head_].size) +
                                          " covers more rows than the ledger holds (" +
                                          std::to_string(tree_.size()) + "): rows deleted");
    }
    uint64_t covered = 0;
    for (const TreeHead& th : heads_) covered = std::max(covered, th.size);
    if (!heads_.empty()) report_.latest = heads_.back();
    if (static_cast<uint64_t>(expected_) > covered) {
      Problem(static_cast<int64_t>(covered),
              "rows " + std::to_string(covered) + ".." + std::to_string(expected_ - 1) +
                  " are not covered by any signed tree head (inserted)");
    }
  }

  const Ledger& ledger_;
  const TreeHead* saved_;
  VerifyReport report_;
  std::vector<TreeHead> heads_;
  size_t next_head_ = 0;
  tlog::CompactTree tree_;
  int64_t expected_ = 0;
  std::map<std::string, int64_t> last_serial_;
  std::map<std::string, std::set<std::string>> key_parties_;  // key id -> parties it signed for
};

}  // namespace

Json VerifyReport::ToJson() const {
  Json problems_json = Json::array();
  for (const VerifyProblem& p : problems) {
    Json pj = {{"message", p.message}, {"table", p.table}};
    if (!p.row.empty()) pj["row"] = p.row;
    if (p.index >= 0) pj["index"] = p.index;
    problems_json.push_back(pj);
  }
  Json j = {{"ok", ok()},
            {"rows", rows},
            {"root", ToHex(root)},
            {"tree_heads", tree_heads},
            {"problems", problems_json}};
  if (latest) j["latest_tree_head"] = latest->ToJson();
  if (quorum_checkpoints) j["quorum_checkpoints"] = *quorum_checkpoints;
  return j;
}

StatusOr<VerifyReport> VerifyLedger(const Ledger& ledger, const TreeHead* saved,
                                    const tlog::Policy* policy) {
  StatusOr<VerifyReport> out = Internal("VerifyLedger: not run");
  VERITY_RETURN_IF_ERROR(ledger.InSnapshot([&]() -> Status {
    out = Verifier(ledger, saved).Run();
    if (out.ok() && policy != nullptr) {
      VERITY_RETURN_IF_ERROR(VerifyCosignatures(ledger, *policy, &*out));
    }
    return out.status();
  }));
  return out;
}

}  // namespace verity::ledger
