// Ledger::Append: validate everything, then store in one transaction.
#include <algorithm>
#include <map>

#include "ledger/ambiguity_seal.h"
#include "ledger/note_store.h"
#include "ledger/sqlite.h"
#include "ledger/store.h"
#include "tlog/merkle.h"

namespace verity::ledger {
namespace {

std::string Where(const Notification& n, size_t i) {
  return "notification " + std::to_string(i + 1) + " (" + n.party + " serial " +
         std::to_string(n.serial) + ")";
}

// The log's state as stored, read inside the append's transaction.
struct LogState {
  uint64_t size = 0;
  tlog::CompactTree tree;
  std::map<std::string, int64_t> last_serial;  // by party of the batch (0: none yet)
};

// The last serial of each party of `batch`: one index lookup per party
// (Ledger::LastSerial), not a scan of the log.
StatusOr<std::map<std::string, int64_t>> LastSerials(const Ledger& l,
                                                     std::span<const Notification> batch) {
  std::map<std::string, int64_t> last;
  for (const Notification& n : batch) {
    if (last.contains(n.party)) continue;
    VERITY_ASSIGN_OR_RETURN(last[n.party], l.LastSerial(n.party));
  }
  return last;
}

}  // namespace

StatusOr<tlog::CompactTree> Ledger::StoredTree() const { return ReadTree(); }

// meta 'frontier' as stored; none if it does not parse.
StatusOr<std::optional<std::vector<Hash256>>> Ledger::StoredFrontier() const {
  VERITY_ASSIGN_OR_RETURN(auto meta, db_->Prepare("SELECT value FROM meta WHERE key = 'frontier'"));
  VERITY_ASSIGN_OR_RETURN(bool has, meta.Step());
  std::optional<std::vector<Hash256>> none;
  if (!has) return none;
  auto j = ParseJson(meta.TextView(0), "meta.frontier");
  if (!j.ok() || !j->is_array()) return none;
  std::vector<Hash256> frontier;
  for (const Json& h : *j) {
    auto hash = h.is_string() ? HashFromHex(h.get<std::string>()) : InvalidArgument("not a string");
    if (!hash.ok()) return none;
    frontier.push_back(*hash);
  }
  return std::optional<std::vector<Hash256>>(std::move(frontier));
}

// The frontier is a cache of the leaf hashes: it is used only if its root is
// the newest signed root, else the tree is rebuilt from the leaf hashes
// (which must give that root).
StatusOr<tlog::CompactTree> Ledger::ReadTree() const {
  VERITY_ASSIGN_OR_RETURN(const uint64_t size, Size());
  auto head = LatestTreeHead();
  if (!head.ok() && head.status().code() != StatusCode::kNotFound) return head.status();
  const uint64_t signed_size = head.ok() ? head->size : 0;
  const Hash256 signed_root = head.ok() ? head->root : tlog::EmptyTreeHash();
  if (size != signed_size) {
    return DataLoss(db_->path() + ": the entries end at index " + std::to_string(size) +
                    " but the newest signed tree head has size " + std::to_string(signed_size) +
                    "; run 'verity ledger verify'");
  }
  VERITY_ASSIGN_OR_RETURN(auto frontier, StoredFrontier());
  if (frontier) {
    auto tree = tlog::CompactTree::Restore(size, std::move(*frontier));
    if (tree.ok() && tree->Root() == signed_root) return tree;
  }
  VERITY_ASSIGN_OR_RETURN(std::vector<Hash256> leaves, LeafHashes());
  tlog::CompactTree rebuilt;
  for (const Hash256& leaf : leaves) rebuilt.Append(leaf);
  if (rebuilt.size() != size || rebuilt.Root() != signed_root) {
    return DataLoss(db_->path() +
                    ": the stored leaf hashes do not give the root of the newest "
                    "signed tree head; run 'verity ledger verify'");
  }
  return rebuilt;
}

namespace {

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

// Inserts the row of log entry `index`. Its text is bound without copies:
// every string bound lives until Run has returned.
Status InsertEntry(internal::Stmt* ins, uint64_t index, const Notification& n,
                   const std::string& entry, const Hash256& leaf) {
  const std::string occurred = n.occurred.ToString(), sent = n.sent.ToString();
  const std::string leaf_hex = ToHex(leaf), seal_hex = ToHex(SealOf(index, leaf));
  ins->Bind(1, static_cast<int64_t>(index)).BindView(2, n.party).Bind(3, n.serial);
  ins->BindView(4, Name(n.type)).BindView(5, occurred).BindView(6, sent);
  ins->BindView(7, entry).BindView(8, leaf_hex).BindView(9, seal_hex);
  return ins->Run();
}

// Inserts `found`; returns the new rows' ids in order.
StatusOr<std::vector<int64_t>> InsertAmbiguities(internal::Db* db,
                                                 std::span<const Ambiguity> found) {
  VERITY_ASSIGN_OR_RETURN(auto st,
                          db->Prepare("INSERT INTO ambiguities(idx, party, kind, occurred, "
                                      "message, evidence) VALUES(?, ?, ?, ?, ?, ?)"));
  std::vector<int64_t> ids;
  for (const Ambiguity& a : found) {
    st.Bind(1, static_cast<int64_t>(a.index)).Bind(2, a.party).Bind(3, Name(a.kind));
    st.Bind(4, a.occurred.ToString()).Bind(5, a.message).Bind(6, a.evidence.dump());
    VERITY_RETURN_IF_ERROR(st.Run());
    ids.push_back(db->LastInsertRowid());
  }
  return ids;
}

Status InsertTreeHead(internal::Db* db, const TreeHead& th, const tlog::CompactTree& tree) {
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

StatusOr<const PublicKey*> Ledger::KeyOf(const Notification& n, const std::string& where) const {
  const auto it = keys_.find(n.key_id);
  if (it == keys_.end()) {
    return InvalidArgument(where + ": key_id: unknown key " + n.key_id +
                           " (register the party's public key with 'verity ledger init --key')");
  }
  if (it->second.party != n.party) {
    return InvalidArgument(where + ": key_id: key " + n.key_id + " belongs to " + it->second.party +
                           ", not to " + n.party);
  }
  return &it->second;
}

Status Ledger::CheckKeyAndSignature(const Notification& n, const std::string& where,
                                    std::string* entry) const {
  VERITY_ASSIGN_OR_RETURN(const PublicKey* key, KeyOf(n, where));
  const std::string signing = n.SigningBytes();
  const Status s = VerifyNotification(n, *key, signing);
  if (!s.ok()) return s.WithContext(where);
  if (entry != nullptr) *entry = n.EntryBytesFrom(signing);
  return s;
}

Status Ledger::CheckBatch(std::span<const Notification> batch, std::span<const std::string> where,
                          std::vector<std::string>* entries) const {
  // Keys are looked up and signing bytes encoded first, then every signature
  // is verified in one loop that keeps the verifier's code and data in cache.
  // The error returned is the one checking item by item would meet first.
  std::vector<const PublicKey*> keys;
  std::vector<std::string> signing;
  keys.reserve(batch.size());
  signing.reserve(batch.size());
  Status key_error = Status::Ok();
  for (size_t i = 0; i < batch.size() && key_error.ok(); ++i) {
    auto key = KeyOf(batch[i], where[i]);
    if (!key.ok()) {
      key_error = key.status();
    } else {
      keys.push_back(*key);
      signing.push_back(batch[i].SigningBytes());
    }
  }
  for (size_t i = 0; i < keys.size(); ++i) {
    const Status s = VerifyNotification(batch[i], *keys[i], signing[i]);
    if (!s.ok()) return s.WithContext(where[i]);
  }
  VERITY_RETURN_IF_ERROR(key_error);
  entries->resize(batch.size());
  for (size_t i = 0; i < batch.size(); ++i) (*entries)[i] = batch[i].EntryBytesFrom(signing[i]);
  return Status::Ok();
}

StatusOr<std::vector<Notification>> Ledger::ParseAndVerify(
    std::span<const BatchItem> batch, std::span<const std::string> where,
    std::vector<std::string>* entries) const {
  // Items are parsed up to the first that does not parse; an item before it
  // that fails its key or signature check is the first error in item order.
  std::vector<Notification> out;
  out.reserve(batch.size());
  Status parse_error = Status::Ok();
  for (const BatchItem& item : batch) {
    auto n = ParseNotification(item.json, Draft::kSigned, item.where);
    if (!n.ok()) {
      parse_error = n.status();
      break;
    }
    out.push_back(std::move(*n));
  }
  VERITY_RETURN_IF_ERROR(CheckBatch(out, where.first(out.size()), entries));
  VERITY_RETURN_IF_ERROR(parse_error);
  return out;
}

StatusOr<AppendResult> Ledger::Append(std::span<const BatchItem> batch, Timestamp now,
                                      std::optional<Hash256> expected_root) {
  std::vector<std::string> where, entries;
  where.reserve(batch.size());
  for (const BatchItem& item : batch) where.push_back(item.where);
  VERITY_ASSIGN_OR_RETURN(std::vector<Notification> parsed, ParseAndVerify(batch, where, &entries));
  return Store(std::move(parsed), entries, where, now, expected_root);
}

StatusOr<AppendResult> Ledger::AppendParsed(std::vector<Notification> batch, Timestamp now,
                                            std::optional<Hash256> expected_root) {
  std::vector<std::string> where, entries;
  where.reserve(batch.size());
  for (size_t i = 0; i < batch.size(); ++i) where.push_back(Where(batch[i], i));
  // Built in code, a notification's body may not have been read by its
  // schema yet: it is now, as Append parses, up to the first that fails.
  size_t read = 0;
  Status body_error = Status::Ok();
  for (; read < batch.size() && body_error.ok(); ++read) {
    body_error = ReadBody(&batch[read], where[read]);
  }
  if (!body_error.ok()) --read;
  VERITY_RETURN_IF_ERROR(CheckBatch(std::span(batch).first(read), where, &entries));
  VERITY_RETURN_IF_ERROR(body_error);
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
  LogState state;
  VERITY_ASSIGN_OR_RETURN(state.tree, ReadTree());
  state.size = state.tree.size();
  const Hash256 old_root = state.tree.Root();
  VERITY_ASSIGN_OR_RETURN(state.last_serial, LastSerials(*this, batch));
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
    const Hash256 leaf = LeafHashOf(entry, leaf_format_);
    const uint64_t index = state.size + i;
    auto [it, fresh] = result.earliest_change.try_emplace(n.party, n.occurred);
    if (!fresh) it->second = std::min(it->second, n.occurred);
    state.tree.Append(leaf);
    VERITY_RETURN_IF_ERROR(InsertEntry(&ins, index, n, entry, leaf));
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
  VERITY_ASSIGN_OR_RETURN(auto ids, InsertAmbiguities(db_.get(), result.ambiguities));
  const uint64_t size = state.tree.size();
  VERITY_RETURN_IF_ERROR(internal::SealAmbiguityRows(db_.get(), log_key_, size, root, ids));
  VERITY_RETURN_IF_ERROR(
      ResealCheckpoints(result.earliest_change, state.size, old_root, size, root));
  result.head = SignTreeHead(size, root, now, log_key_);
  VERITY_RETURN_IF_ERROR(InsertTreeHead(db_.get(), result.head, state.tree));
  VERITY_RETURN_IF_ERROR(internal::InsertNoteSignature(db_.get(), origin_, log_key_, size, root));
  VERITY_RETURN_IF_ERROR(tx->Commit());
  return result;
}

}  // namespace verity::ledger
