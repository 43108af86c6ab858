#include "ledger/store.h"

#include <algorithm>
#include <filesystem>

#include "core/file_io.h"
#include "ledger/sqlite.h"

namespace verity::ledger {
namespace {

constexpr int kSchemaVersion = 1;

// WAL with synchronous=FULL: each commit syncs the WAL before returning, so
// an acknowledged append survives a process kill and a power failure.
// (NORMAL would survive a process kill but could lose the last commits on
// power loss, which an acknowledged append must not.)
constexpr char kPragmas[] =
    "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON; "
    "PRAGMA mmap_size=1073741824; PRAGMA cache_size=-65536;";

constexpr char kSchema[] = R"sql(
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE party_keys(key_id TEXT PRIMARY KEY, party TEXT NOT NULL, public_key TEXT NOT NULL);
CREATE TABLE entries(
  idx INTEGER PRIMARY KEY, party TEXT NOT NULL, serial INTEGER NOT NULL, type TEXT NOT NULL,
  occurred TEXT NOT NULL, sent TEXT NOT NULL, entry TEXT NOT NULL, leaf_hash TEXT NOT NULL,
  seal TEXT NOT NULL);
CREATE INDEX entries_by_party_serial ON entries(party, serial);
CREATE INDEX entries_by_party_occurred ON entries(party, occurred, idx);
CREATE INDEX entries_by_type ON entries(type, idx);
CREATE TABLE tree_heads(
  size INTEGER PRIMARY KEY, root TEXT NOT NULL, timestamp TEXT NOT NULL,
  log_key_id TEXT NOT NULL, signature TEXT NOT NULL);
CREATE TABLE ambiguities(
  id INTEGER PRIMARY KEY, idx INTEGER NOT NULL, party TEXT NOT NULL, kind TEXT NOT NULL,
  occurred TEXT NOT NULL, message TEXT NOT NULL, evidence TEXT NOT NULL);
CREATE TABLE checkpoints(
  party TEXT NOT NULL, idx INTEGER NOT NULL, occurred TEXT NOT NULL, state TEXT NOT NULL,
  PRIMARY KEY(party, idx));
)sql";

// Added after schema version 1 was first written: made on open if missing
// (queries by type work without it, scanning).
constexpr char kTypeIndex[] = "CREATE INDEX IF NOT EXISTS entries_by_type ON entries(type, idx)";

constexpr char kRowQuery[] =
    "SELECT idx, party, serial, type, occurred, sent, entry, leaf_hash, seal FROM entries ";

// Calls `fn` for each row `st` (a kRowQuery) yields.
Status EachRow(internal::Stmt* st, const std::function<Status(const StoredRow&)>& fn) {
  StoredRow r;
  while (true) {
    VERITY_ASSIGN_OR_RETURN(bool row, st->Step());
    if (!row) return Status::Ok();
    r = {st->Int(0),  st->Text(1), st->Int(2),  st->Text(3), st->Text(4),
         st->Text(5), st->Text(6), st->Text(7), st->Text(8)};
    VERITY_RETURN_IF_ERROR(fn(r));
  }
}

std::string DbPath(const std::string& dir) {
  return (std::filesystem::path(dir) / kDatabaseFile).string();
}

StatusOr<std::string> Meta(internal::Db* db, std::string_view key) {
  VERITY_ASSIGN_OR_RETURN(auto st, db->Prepare("SELECT value FROM meta WHERE key = ?"));
  st.Bind(1, key);
  VERITY_ASSIGN_OR_RETURN(bool row, st.Step());
  if (!row) return DataLoss(db->path() + ": meta '" + std::string(key) + "' is missing");
  return st.Text(0);
}

StatusOr<TreeHead> ReadTreeHead(const internal::Stmt& st) {
  const Json j = {{"size", st.Int(0)},
                  {"root", st.Text(1)},
                  {"timestamp", st.Text(2)},
                  {"log_key_id", st.Text(3)},
                  {"signature", st.Text(4)}};
  auto th = ParseTreeHead(j, "tree_heads[size=" + std::to_string(st.Int(0)) + "]");
  if (!th.ok()) return DataLoss(th.status().message());
  return th;
}

// Creates the tables and the meta rows in one transaction. The statement is
// finalized before the caller hands the connection on.
Status WriteSchema(internal::Db* db, const PublicKey& log_pub) {
  VERITY_ASSIGN_OR_RETURN(auto tx, internal::Transaction::Begin(db));
  VERITY_RETURN_IF_ERROR(db->Exec(kSchema));
  VERITY_ASSIGN_OR_RETURN(auto put, db->Prepare("INSERT INTO meta(key, value) VALUES(?, ?)"));
  VERITY_RETURN_IF_ERROR(
      put.Bind(1, "schema_version").Bind(2, std::to_string(kSchemaVersion)).Run());
  VERITY_RETURN_IF_ERROR(put.Bind(1, "log_key").Bind(2, PublicKeyToJson(log_pub).dump()).Run());
  VERITY_RETURN_IF_ERROR(put.Bind(1, "frontier").Bind(2, "[]").Run());
  return tx->Commit();
}

}  // namespace

Hash256 SealOf(uint64_t index, const Hash256& leaf) {
  constexpr uint8_t kSealPrefix = 0x02;
  std::string buf(8 + leaf.size(), '\0');
  for (int i = 0; i < 8; ++i) buf[i] = static_cast<char>((index >> (56 - 8 * i)) & 0xff);
  std::copy(leaf.begin(), leaf.end(), buf.begin() + 8);
  return Sha256Prefixed(kSealPrefix, buf);
}

Ledger::Ledger(std::string dir, std::unique_ptr<internal::Db> db, SecretKey log_key)
    : dir_(std::move(dir)), db_(std::move(db)), log_key_(std::move(log_key)) {}
Ledger::~Ledger() = default;

Status Ledger::Init(const std::string& dir, std::span<const PublicKey> party_keys) {
  if (std::filesystem::exists(DbPath(dir))) {
    return AlreadyExists(dir + ": a ledger exists already");
  }
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) return Unavailable(dir + ": cannot create: " + ec.message());
  VERITY_ASSIGN_OR_RETURN(SecretKey log_key, GenerateKey("LOG"));
  const std::string key_path = (std::filesystem::path(dir) / kLogKeyFile).string();
  std::filesystem::remove(key_path, ec);  // a stale key of an unfinished init
  VERITY_RETURN_IF_ERROR(WriteSecretKeyFile(log_key, key_path));
  VERITY_ASSIGN_OR_RETURN(auto db, internal::Db::Open(DbPath(dir), true));
  VERITY_RETURN_IF_ERROR(db->Exec(kPragmas));
  VERITY_RETURN_IF_ERROR(WriteSchema(db.get(), log_key.pub));
  Ledger ledger(dir, std::move(db), log_key);
  for (const PublicKey& k : party_keys) VERITY_RETURN_IF_ERROR(ledger.AddPartyKey(k));
  return Status::Ok();
}

StatusOr<std::unique_ptr<Ledger>> Ledger::Open(const std::string& dir) {
  if (!std::filesystem::exists(DbPath(dir))) {
    return NotFound(dir + ": no ledger (run 'verity ledger init --data " + dir + "')");
  }
  VERITY_ASSIGN_OR_RETURN(auto db, internal::Db::Open(DbPath(dir), false));
  VERITY_RETURN_IF_ERROR(db->Exec(kPragmas));
  // Best effort: a read-only copy of an older ledger reads without it.
  (void)db->Exec(kTypeIndex);
  VERITY_ASSIGN_OR_RETURN(std::string log_pub_text, Meta(db.get(), "log_key"));
  VERITY_ASSIGN_OR_RETURN(Json log_pub_json, ParseJson(log_pub_text, "meta.log_key"));
  VERITY_ASSIGN_OR_RETURN(PublicKey log_pub, ParsePublicKey(log_pub_json, "meta.log_key"));
  // The secret log key is needed only to sign new tree heads; a read-only
  // copy of a ledger (without log.key) can still be verified.
  SecretKey log_key;
  log_key.pub = log_pub;
  auto secret = LoadSecretKey((std::filesystem::path(dir) / kLogKeyFile).string());
  if (secret.ok()) {
    if (secret->pub.key_id != log_pub.key_id) {
      return DataLoss(dir + ": log.key is not the log key recorded in the database");
    }
    log_key = *secret;
  }
  std::unique_ptr<Ledger> ledger(new Ledger(dir, std::move(db), log_key));
  ledger->has_log_secret_ = secret.ok();
  VERITY_RETURN_IF_ERROR(ledger->LoadKeys());
  return ledger;
}

Status Ledger::LoadKeys() {
  keys_.clear();
  VERITY_ASSIGN_OR_RETURN(auto st,
                          db_->Prepare("SELECT key_id, party, public_key FROM party_keys"));
  while (true) {
    VERITY_ASSIGN_OR_RETURN(bool row, st.Step());
    if (!row) break;
    const Json j = {{"kind", "verity-public-key"},
                    {"key_id", st.Text(0)},
                    {"party", st.Text(1)},
                    {"public_key", st.Text(2)}};
    auto k = ParsePublicKey(j, "party_keys[" + st.Text(0) + "]");
    if (!k.ok()) return DataLoss(k.status().message());
    keys_[k->key_id] = *k;
  }
  return Status::Ok();
}

Status Ledger::AddPartyKey(const PublicKey& key) {
  if (auto it = keys_.find(key.key_id); it != keys_.end()) {
    if (it->second.party != key.party) {
      return AlreadyExists("key " + key.key_id + " is registered for " + it->second.party);
    }
    return Status::Ok();
  }
  VERITY_ASSIGN_OR_RETURN(
      auto st, db_->Prepare("INSERT INTO party_keys(key_id, party, public_key) VALUES(?, ?, ?)"));
  st.Bind(1, key.key_id).Bind(2, key.party).Bind(3, ToHex(key.bytes.data(), key.bytes.size()));
  VERITY_RETURN_IF_ERROR(st.Run());
  keys_[key.key_id] = key;
  return Status::Ok();
}

std::vector<PublicKey> Ledger::PartyKeys() const {
  std::vector<PublicKey> out;
  for (const auto& [id, k] : keys_) out.push_back(k);
  return out;
}

StatusOr<uint64_t> Ledger::Size() const {
  VERITY_ASSIGN_OR_RETURN(auto st, db_->Prepare("SELECT COALESCE(MAX(idx) + 1, 0) FROM entries"));
  VERITY_RETURN_IF_ERROR(st.Step().status());
  return static_cast<uint64_t>(st.Int(0));
}

StatusOr<tlog::CompactTree> Ledger::StoredTree() const {
  return internal::ReadStoredTree(db_.get());
}

StatusOr<std::vector<TreeHead>> Ledger::TreeHeads() const {
  VERITY_ASSIGN_OR_RETURN(
      auto st,
      db_->Prepare(
          "SELECT size, root, timestamp, log_key_id, signature FROM tree_heads ORDER BY size"));
  std::vector<TreeHead> out;
  while (true) {
    VERITY_ASSIGN_OR_RETURN(bool row, st.Step());
    if (!row) break;
    VERITY_ASSIGN_OR_RETURN(TreeHead th, ReadTreeHead(st));
    out.push_back(th);
  }
  return out;
}

StatusOr<std::optional<TreeHead>> Ledger::TreeHeadOfSize(uint64_t size) const {
  VERITY_ASSIGN_OR_RETURN(auto st,
                          db_->Prepare("SELECT size, root, timestamp, log_key_id, signature "
                                       "FROM tree_heads WHERE size = ?"));
  st.Bind(1, static_cast<int64_t>(size));
  VERITY_ASSIGN_OR_RETURN(bool row, st.Step());
  if (!row) return std::optional<TreeHead>();
  VERITY_ASSIGN_OR_RETURN(TreeHead th, ReadTreeHead(st));
  return std::optional<TreeHead>(std::move(th));
}

StatusOr<TreeHead> Ledger::LatestTreeHead() const {
  VERITY_ASSIGN_OR_RETURN(auto st,
                          db_->Prepare("SELECT size, root, timestamp, log_key_id, signature "
                                       "FROM tree_heads ORDER BY size DESC LIMIT 1"));
  VERITY_ASSIGN_OR_RETURN(bool row, st.Step());
  if (!row) return NotFound(dir_ + ": the ledger is empty (no signed tree head yet)");
  return ReadTreeHead(st);
}

Status Ledger::ForEachRow(const std::function<Status(const StoredRow&)>& fn) const {
  VERITY_ASSIGN_OR_RETURN(auto st, db_->Prepare(std::string(kRowQuery) + "ORDER BY idx"));
  return EachRow(&st, fn);
}

Status Ledger::ForEachRowOfType(NotificationType type, uint64_t before,
                                const std::function<Status(const StoredRow&)>& fn) const {
  VERITY_ASSIGN_OR_RETURN(
      auto st, db_->Prepare(std::string(kRowQuery) + "WHERE type = ? AND idx < ? ORDER BY idx"));
  st.Bind(1, Name(type)).Bind(2, static_cast<int64_t>(std::min<uint64_t>(before, INT64_MAX)));
  return EachRow(&st, fn);
}

StatusOr<std::vector<Hash256>> Ledger::LeafHashes() const {
  std::vector<Hash256> out;
  VERITY_ASSIGN_OR_RETURN(auto st, db_->Prepare("SELECT leaf_hash FROM entries ORDER BY idx"));
  while (true) {
    VERITY_ASSIGN_OR_RETURN(bool row, st.Step());
    if (!row) return out;
    auto h = HashFromHex(st.TextView(0));
    if (!h.ok()) return DataLoss("entries[" + std::to_string(out.size()) + "]: bad leaf hash");
    out.push_back(*h);
  }
}

StatusOr<std::vector<Notification>> Ledger::Entries(uint64_t from, uint64_t to) const {
  VERITY_ASSIGN_OR_RETURN(
      auto st,
      db_->Prepare("SELECT idx, entry FROM entries WHERE idx >= ? AND idx < ? ORDER BY idx"));
  st.Bind(1, static_cast<int64_t>(from)).Bind(2, static_cast<int64_t>(to));
  std::vector<Notification> out;
  while (true) {
    VERITY_ASSIGN_OR_RETURN(bool row, st.Step());
    if (!row) return out;
    const auto index = static_cast<uint64_t>(st.Int(0));
    VERITY_ASSIGN_OR_RETURN(Notification n, ParseStoredEntry(st.TextView(1), index));
    out.push_back(std::move(n));
  }
}

StatusOr<std::vector<Ambiguity>> Ledger::Ambiguities() const {
  VERITY_ASSIGN_OR_RETURN(auto st,
                          db_->Prepare("SELECT idx, party, kind, occurred, message, evidence "
                                       "FROM ambiguities ORDER BY id"));
  std::vector<Ambiguity> out;
  while (true) {
    VERITY_ASSIGN_OR_RETURN(bool row, st.Step());
    if (!row) return out;
    Ambiguity a;
    a.index = static_cast<uint64_t>(st.Int(0));
    a.party = st.Text(1);
    for (int k = 0; k <= static_cast<int>(kLastAmbiguityKind); ++k) {
      if (Name(static_cast<AmbiguityKind>(k)) == st.TextView(2))
        a.kind = static_cast<AmbiguityKind>(k);
    }
    if (auto d = Date::Parse(st.TextView(3)); d.ok()) a.occurred = *d;
    a.message = st.Text(4);
    auto ev = ParseJson(st.TextView(5), "ambiguities.evidence");
    if (ev.ok()) a.evidence = *ev;
    out.push_back(std::move(a));
  }
}

}  // namespace verity::ledger
