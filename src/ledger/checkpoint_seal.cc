#include "ledger/checkpoint_seal.h"

#include "ledger/seals.h"

namespace verity::ledger::internal {
namespace {

struct Seal {
  uint64_t tree_size = 0;
  std::string root, list, signature;
  uint64_t count = 0;
};

// The seal rows as stored (a valid store has at most one).
StatusOr<std::vector<Seal>> ReadSeals(Db* db) {
  VERITY_ASSIGN_OR_RETURN(auto st, db->Prepare("SELECT tree_size, root, checkpoints, list, "
                                               "signature FROM checkpoint_seal"));
  std::vector<Seal> out;
  while (true) {
    VERITY_ASSIGN_OR_RETURN(bool row, st.Step());
    if (!row) return out;
    out.push_back({static_cast<uint64_t>(st.Int(0)), st.Text(1), st.Text(3), st.Text(4),
                   static_cast<uint64_t>(st.Int(2))});
  }
}

struct DigestSet {
  uint64_t count = 0;
  Hash256 list{};
};

// Every stored digest in order of (party, day), from the covering index.
StatusOr<DigestSet> ReadDigests(Db* db) {
  VERITY_ASSIGN_OR_RETURN(auto st,
                          db->Prepare("SELECT digest FROM checkpoints ORDER BY party, occurred"));
  std::string all;
  DigestSet set;
  while (true) {
    VERITY_ASSIGN_OR_RETURN(bool row, st.Step());
    if (!row) break;
    all.append(st.TextView(0));
    ++set.count;
  }
  set.list = DigestList(all);
  return set;
}

bool SignatureHolds(const Seal& s, const PublicKey& key, const DigestSet& set) {
  auto root = HashFromHex(s.root);
  auto sig = FromHex(s.signature);
  if (!root.ok() || !sig.ok() || sig->size() != kSignatureBytes) return false;
  if (ToHex(set.list) != s.list || set.count != s.count) return false;
  Signature signature;
  std::copy(sig->begin(), sig->end(), signature.begin());
  const Hash256 d = CheckpointSealDigest(key.key_id, s.tree_size, *root, s.count, set.list);
  return VerifyBytes(key, DigestBytes(d), signature);
}

}  // namespace

StatusOr<bool> AnyCheckpointRows(Db* db) {
  VERITY_ASSIGN_OR_RETURN(auto st, db->Prepare("SELECT EXISTS(SELECT 1 FROM checkpoints) OR "
                                               "EXISTS(SELECT 1 FROM checkpoint_seal)"));
  VERITY_RETURN_IF_ERROR(st.Step().status());
  return st.Int(0) != 0;
}

StatusOr<std::string> CheckpointSetProblem(Db* db, const PublicKey& log_key, uint64_t size,
                                           const Hash256& root, bool head_exists) {
  VERITY_ASSIGN_OR_RETURN(std::vector<Seal> seals, ReadSeals(db));
  VERITY_ASSIGN_OR_RETURN(DigestSet set, ReadDigests(db));
  if (seals.empty()) {
    if (set.count == 0) return std::string();
    return "checkpoint_seal: missing, so the " + std::to_string(set.count) +
           " stored checkpoints are not vouched for";
  }
  if (seals.size() > 1) return std::string("checkpoint_seal: more than one row");
  const Seal& s = seals[0];
  if (!SignatureHolds(s, log_key, set)) {
    return "checkpoint_seal: the stored checkpoints (" + std::to_string(set.count) +
           ") are not the set the log key sealed (" + std::to_string(s.count) +
           "), or the seal was edited";
  }
  if (s.tree_size != size || s.root != ToHex(root) || (!head_exists && size > 0)) {
    return "checkpoint_seal: sealed for the log of " + std::to_string(s.tree_size) +
           " entries with root " + s.root + ", not for the log read (" + std::to_string(size) +
           " entries, root " + ToHex(root) + ")";
  }
  return std::string();
}

Status WriteCheckpointSeal(Db* db, const SecretKey& log_key, uint64_t size, const Hash256& root) {
  VERITY_RETURN_IF_ERROR(db->Exec("DELETE FROM checkpoint_seal"));
  VERITY_ASSIGN_OR_RETURN(DigestSet set, ReadDigests(db));
  if (set.count == 0) return Status::Ok();
  const Hash256 d = CheckpointSealDigest(log_key.pub.key_id, size, root, set.count, set.list);
  const Signature sig = SignBytes(log_key, DigestBytes(d));
  VERITY_ASSIGN_OR_RETURN(auto st, db->Prepare("INSERT INTO checkpoint_seal(tree_size, root, "
                                               "checkpoints, list, signature) VALUES(?,?,?,?,?)"));
  st.Bind(1, static_cast<int64_t>(size)).Bind(2, ToHex(root));
  st.Bind(3, static_cast<int64_t>(set.count)).Bind(4, ToHex(set.list));
  return st.Bind(5, ToHex(sig.data(), sig.size())).Run();
}

Status AuditCheckpointRows(Db* db, const PublicKey& log_key, uint64_t size, const Hash256& root,
                           std::vector<RowProblem>* out) {
  VERITY_ASSIGN_OR_RETURN(std::string why, CheckpointSetProblem(db, log_key, size, root, true));
  if (!why.empty()) out->push_back({"checkpoint_seal", "", why.substr(why.find(": ") + 2)});
  VERITY_ASSIGN_OR_RETURN(auto st, db->Prepare("SELECT party, occurred, idx, digest, state FROM "
                                               "checkpoints ORDER BY party, occurred"));
  while (true) {
    VERITY_ASSIGN_OR_RETURN(bool row, st.Step());
    if (!row) return Status::Ok();
    const std::string party = st.Text(0), day = st.Text(1);
    const std::string name = "party=" + party + " occurred=" + day;
    const Hash256 d =
        CheckpointDigest(party, day, static_cast<uint64_t>(st.Int(2)), st.BlobView(4));
    if (ToHex(d) != st.TextView(3)) {
      out->push_back({"checkpoints", name,
                      "its state, index or day differs from its digest (edited); as-of queries "
                      "replay from the entries instead"});
    } else if (!Date::Parse(day).ok() || st.Int(2) < 0) {
      out->push_back({"checkpoints", name, "not a valid day or index"});
    }
  }
}

}  // namespace verity::ledger::internal
