// Ledger::Append: validate everything, then store in one transaction.
#include <algorithm>
#include <map>

#include "ledger/merkle.h"
#include "ledger/sqlite.h"
#include "ledger/store.h"

namespace verity::ledger {
namespace {

std::string Where(const Notification& n, size_t i) {
  return "notification " + std::to_string(i + 1) + " (" + n.party + " serial " +
         std::to_string(n.serial) + ")";
}

// The log's state as stored, read inside the append's transaction.
struct LogState {
  uint64_t size = 0;
  CompactTree tree;
  std::map<std::string, int64_t> last_serial;  // by party
};

StatusOr<LogState> ReadState(internal::Db* db) {
  LogState s;
  VERITY_ASSIGN_OR_RETURN(auto count, db->Prepare("SELECT COUNT(*) FROM entries"));
  VERITY_RETURN_IF_ERROR(count.Step().status());
  s.size = static_cast<uint64_t>(count.Int(0));
  VERITY_ASSIGN_OR_RETURN(auto meta, db->Prepare("SELECT value FROM meta WHERE key = 'frontier'"));
  VERITY_ASSIGN_OR_RETURN(bool has, meta.Step());
  if (!has) return DataLoss(db->path() + ": meta 'frontier' is missing");
  auto j = ParseJson(meta.TextView(0), "meta.frontier");
  if (!j.ok() || !j->is_array()) return DataLoss(db->path() + ": meta 'frontier' is corrupt");
  std::vector<Hash256> frontier;
  for (const Json& h : *j) {
    auto hash = h.is_string() ? HashFromHex(h.get<std::string>()) : InvalidArgument("not a string");
    if (!hash.ok()) return DataLoss(db->path() + ": meta 'frontier' is corrupt");
    frontier.push_back(*hash);
  }
  VERITY_ASSIGN_OR_RETURN(s.tree, CompactTree::Restore(s.size, std::move(frontier)));
  VERITY_ASSIGN_OR_RETURN(auto serials,
                          db->Prepare("SELECT party, MAX(serial) FROM entries GROUP BY party"));
  while (true) {
    VERITY_ASSIGN_OR_RETURN(bool row, serials.Step());
    if (!row) break;
    s.last_serial[serials.Text(0)] = serials.Int(1);
  }
  return s;
}

// Rejects a repeated or backward serial; a gap is an ambiguity.
Status CheckSerials(std::span<const Notification> batch, std::span<const std::string> where,
                    uint64_t first_index, LogState* state, std::vector<Ambiguity>* found) {
  for (size_t i = 0; i < batch.size(); ++i) {
    const Notification& n = batch[i];
    const auto it = state->last_serial.find(n.party);
    const int64_t last = it == state->last_serial.end() ? 0 : it->second;
    if (n.serial <= last) {
      return AlreadyExists(where[i] + ": serial: " + std::to_string(n.serial) +
                           " repeats or precedes serial " + std::to_string(last) +
                           " already recorded for " + n.party);
    }
    if (n.serial > last + 1) {
      Ambiguity a{first_index + i,
                  n.party,
                  AmbiguityKind::kSerialGap,
                  n.occurred,
                  "serial " + std::to_string(n.serial) + " follows " + std::to_string(last) + ": " +
                      std::to_string(n.serial - last - 1) + " notification(s) missing",
                  {{"previous_serial", last}, {"serial", n.serial}}};
      found->push_back(std::move(a));
    }
    state->last_serial[n.party] = n.serial;
  }
  return Status::Ok();
}

Status InsertAmbiguities(internal::Db* db, std::span<const Ambiguity> found) {
  VERITY_ASSIGN_OR_RETURN(auto st,
                          db->Prepare("INSERT INTO ambiguities(idx, party, kind, occurred, "
                                      "message, evidence) VALUES(?, ?, ?, ?, ?, ?)"));
  for (const Ambiguity& a : found) {
    st.Bind(1, static_cast<int64_t>(a.index)).Bind(2, a.party).Bind(3, Name(a.kind));
    st.Bind(4, a.occurred.ToString()).Bind(5, a.message).Bind(6, a.evidence.dump());
    VERITY_RETURN_IF_ERROR(st.Run());
  }
  return Status::Ok();
}

Status InsertTreeHead(internal::Db* db, const TreeHead& th, const CompactTree& tree) {
  VERITY_ASSIGN_OR_RETURN(auto st,
                          db->Prepare("INSERT OR REPLACE INTO tree_heads(size, root, "
                                      "timestamp, log_key_id, signature) VALUES(?,?,?,?,?)"));
  st.Bind(1, static_cast<int64_t>(th.size))
      .Bind(2, ToHex(th.root))
      .Bind(3, th.timestamp.ToString());
  st.Bind(4, th.log_key_id).Bind(5, ToHex(th.signature.data(), th.signature.size()));
  VERITY_RETURN_IF_ERROR(st.Run());
  Json frontier = Json::array();
  for (const Hash256& h : tree.frontier()) frontier.push_back(ToHex(h));
  VERITY_ASSIGN_OR_RETURN(auto meta,
                          db->Prepare("UPDATE meta SET value = ? WHERE key = 'frontier'"));
  return meta.Bind(1, frontier.dump()).Run();
}

}  // namespace

Status Ledger::CheckKeyAndSignature(const Notification& n, const std::string& where,
                                    std::string* entry) const {
  const auto it = keys_.find(n.key_id);
  if (it == keys_.end()) {
    return InvalidArgument(where + ": key_id: unknown key " + n.key_id +
                           " (register the party's public key with 'verity ledger init --key')");
  }
  if (it->second.party != n.party) {
    return InvalidArgument(where + ": key_id: key " + n.key_id + " belongs to " + it->second.party +
                           ", not to " + n.party);
  }
  const std::string signing = n.SigningBytes();
  const Status s = VerifyNotification(n, it->second, signing);
  if (!s.ok()) return s.WithContext(where);
  if (entry != nullptr) *entry = n.EntryBytesFrom(signing);
  return s;
}

StatusOr<std::vector<Notification>> Ledger::ParseAndVerify(
    std::span<const BatchItem> batch, std::vector<std::string>* entries) const {
  std::vector<Notification> out;
  out.reserve(batch.size());
  entries->resize(batch.size());
  for (size_t i = 0; i < batch.size(); ++i) {
    const BatchItem& item = batch[i];
    VERITY_ASSIGN_OR_RETURN(Notification n,
                            ParseNotification(item.json, Draft::kSigned, item.where));
    VERITY_RETURN_IF_ERROR(CheckKeyAndSignature(n, item.where, &(*entries)[i]));
    out.push_back(std::move(n));
  }
  return out;
}

StatusOr<AppendResult> Ledger::Append(std::span<const BatchItem> batch, Timestamp now,
                                      std::optional<Hash256> expected_root) {
  std::vector<std::string> entries;
  VERITY_ASSIGN_OR_RETURN(std::vector<Notification> parsed, ParseAndVerify(batch, &entries));
  std::vector<std::string> where;
  for (const BatchItem& item : batch) where.push_back(item.where);
  return Store(std::move(parsed), entries, where, now, expected_root);
}

StatusOr<AppendResult> Ledger::AppendParsed(std::vector<Notification> batch, Timestamp now,
                                            std::optional<Hash256> expected_root) {
  std::vector<std::string> where, entries(batch.size());
  for (size_t i = 0; i < batch.size(); ++i) {
    where.push_back(Where(batch[i], i));
    VERITY_RETURN_IF_ERROR(CheckKeyAndSignature(batch[i], where.back(), &entries[i]));
  }
  return Store(std::move(batch), entries, where, now, expected_root);
}

StatusOr<AppendResult> Ledger::Store(std::vector<Notification> batch,
                                     std::span<const std::string> entries,
                                     std::span<const std::string> where, Timestamp now,
                                     std::optional<Hash256> expected_root) {
  if (batch.empty()) return InvalidArgument("nothing to append: the batch is empty");
  if (!has_log_secret_) {
    return FailedPrecondition(dir_ + ": log.key is missing; cannot sign a new tree head");
  }
  VERITY_ASSIGN_OR_RETURN(auto tx, internal::Transaction::Begin(db_.get()));
  VERITY_ASSIGN_OR_RETURN(LogState state, ReadState(db_.get()));
  AppendResult result;
  result.first_index = state.size;
  result.count = batch.size();
  VERITY_RETURN_IF_ERROR(CheckSerials(batch, where, state.size, &state, &result.ambiguities));
  VERITY_ASSIGN_OR_RETURN(auto ins, db_->Prepare("INSERT INTO entries(idx, party, serial, type, "
                                                 "occurred, sent, entry, leaf_hash, seal) "
                                                 "VALUES(?,?,?,?,?,?,?,?,?)"));
  for (size_t i = 0; i < batch.size(); ++i) {
    const Notification& n = batch[i];
    const std::string& entry = entries[i];
    const Hash256 leaf = LeafHash(entry);
    const uint64_t index = state.size + i;
    auto [it, fresh] = result.earliest_change.try_emplace(n.party, n.occurred);
    if (!fresh) it->second = std::min(it->second, n.occurred);
    state.tree.Append(leaf);
    ins.Bind(1, static_cast<int64_t>(index)).Bind(2, n.party).Bind(3, n.serial);
    ins.Bind(4, Name(n.type)).Bind(5, n.occurred.ToString()).Bind(6, n.sent.ToString());
    ins.Bind(7, entry).Bind(8, ToHex(leaf)).Bind(9, ToHex(SealOf(index, leaf)));
    VERITY_RETURN_IF_ERROR(ins.Run());
  }
  const Hash256 root = state.tree.Root();
  if (expected_root && *expected_root != root) {
    return DataLoss("the appended entries give root " + ToHex(root) + ", expected " +
                    ToHex(*expected_root) + "; nothing was stored");
  }
  if (finder_) {
    auto more = finder_(batch, state.size);
    result.ambiguities.insert(result.ambiguities.end(), more.begin(), more.end());
  }
  VERITY_RETURN_IF_ERROR(InsertAmbiguities(db_.get(), result.ambiguities));
  result.head = SignTreeHead(state.tree.size(), root, now, log_key_);
  VERITY_RETURN_IF_ERROR(InsertTreeHead(db_.get(), result.head, state.tree));
  VERITY_RETURN_IF_ERROR(tx->Commit());
  return result;
}

}  // namespace verity::ledger
