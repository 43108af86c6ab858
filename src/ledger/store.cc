// Ledger: creating and opening a data folder, the meta rows, party keys.
#include "ledger/store.h"

#include <sys/stat.h>

#include <filesystem>

#include "ledger/ambiguity_seal.h"
#include "ledger/schema.h"
#include "ledger/sqlite.h"

namespace verity::ledger {
namespace {

constexpr auto kDataDirPerms = std::filesystem::perms::owner_all;  // 0700

std::string DbPath(const std::string& dir) {
  return (std::filesystem::path(dir) / kDatabaseFile).string();
}

std::string MetaRow(std::string_view key) { return "meta '" + std::string(key) + "'"; }

StatusOr<std::string> Meta(internal::Db* db, std::string_view key) {
  VERITY_ASSIGN_OR_RETURN(auto st, db->Prepare("SELECT value FROM meta WHERE key = ?"));
  st.Bind(1, key);
  VERITY_ASSIGN_OR_RETURN(bool row, st.Step());
  if (!row) return DataLoss(db->path() + ": " + MetaRow(key) + " is missing");
  return st.Text(0);
}

Status PutMeta(internal::Db* db, std::string_view key, std::string_view value) {
  VERITY_ASSIGN_OR_RETURN(auto put,
                          db->Prepare("INSERT OR REPLACE INTO meta(key, value) VALUES(?, ?)"));
  return put.Bind(1, key).Bind(2, value).Run();
}

// The schema version in meta: 1 (upgraded on opening) or the current one.
StatusOr<int> SchemaVersion(internal::Db* db) {
  VERITY_ASSIGN_OR_RETURN(std::string v, Meta(db, "schema_version"));
  if (v == "1") return 1;
  if (v == std::to_string(internal::kSchemaVersion)) return internal::kSchemaVersion;
  return DataLoss(db->path() + ": " + MetaRow("schema_version") + " is '" + v +
                  "', not a version this build reads (1 or " +
                  std::to_string(internal::kSchemaVersion) + ")");
}

StatusOr<PublicKey> LogPublicKey(internal::Db* db) {
  VERITY_ASSIGN_OR_RETURN(std::string text, Meta(db, "log_key"));
  const std::string where = db->path() + ": " + MetaRow("log_key");
  auto j = ParseJson(text, where);
  if (!j.ok()) return DataLoss(where + " is not a public key file's JSON");
  auto key = ParsePublicKey(*j, where);
  if (!key.ok()) return DataLoss(key.status().message());
  if (key->party != "LOG") return DataLoss(where + ": party is '" + key->party + "', not LOG");
  return key;
}

// Creates the tables and the meta rows in one transaction. The statement is
// finalized before the caller hands the connection on.
Status WriteSchema(internal::Db* db, const PublicKey& log_pub) {
  VERITY_ASSIGN_OR_RETURN(auto tx, internal::Transaction::Begin(db));
  VERITY_RETURN_IF_ERROR(internal::CreateTables(db));
  VERITY_RETURN_IF_ERROR(PutMeta(db, "schema_version", std::to_string(internal::kSchemaVersion)));
  VERITY_RETURN_IF_ERROR(PutMeta(db, "log_key", PublicKeyToJson(log_pub).dump()));
  VERITY_RETURN_IF_ERROR(PutMeta(db, "frontier", "[]"));
  return tx->Commit();
}

// Creates `dir` mode 0700 if it does not exist; an existing folder keeps
// its mode (it may be shared, like a home directory).
Status MakeDataDir(const std::string& dir) {
  std::error_code ec;
  if (std::filesystem::exists(dir, ec)) return Status::Ok();
  std::filesystem::create_directories(dir, ec);
  if (!ec) std::filesystem::permissions(dir, kDataDirPerms, ec);
  if (ec) return Unavailable(dir + ": cannot create: " + ec.message());
  return Status::Ok();
}

// log.key if present. NotFound: the ledger is read-only. Other errors
// (readable by others, corrupt) are returned.
StatusOr<SecretKey> LoadLogSecret(const std::string& dir, const PublicKey& log_pub) {
  const std::string path = (std::filesystem::path(dir) / kLogKeyFile).string();
  VERITY_ASSIGN_OR_RETURN(SecretKey secret, LoadSecretKey(path));
  if (secret.pub.key_id != log_pub.key_id) {
    return DataLoss(dir + ": log.key is not the log key recorded in " + MetaRow("log_key"));
  }
  return secret;
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
  VERITY_RETURN_IF_ERROR(MakeDataDir(dir));
  VERITY_ASSIGN_OR_RETURN(SecretKey log_key, GenerateKey("LOG"));
  const std::string key_path = (std::filesystem::path(dir) / kLogKeyFile).string();
  std::error_code ec;
  std::filesystem::remove(key_path, ec);  // a stale key of an unfinished init
  VERITY_RETURN_IF_ERROR(WriteSecretKeyFile(log_key, key_path));
  VERITY_ASSIGN_OR_RETURN(auto db, internal::Db::Open(DbPath(dir), true));
  VERITY_RETURN_IF_ERROR(db->Exec(internal::kPragmas));
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
  VERITY_RETURN_IF_ERROR(db->Exec(internal::kPragmas));
  VERITY_ASSIGN_OR_RETURN(const int version, SchemaVersion(db.get()));
  VERITY_ASSIGN_OR_RETURN(PublicKey log_pub, LogPublicKey(db.get()));
  // The secret log key is needed only to sign; a read-only copy of a ledger
  // (without log.key) can still be read and verified.
  SecretKey log_key;
  log_key.pub = log_pub;
  auto secret = LoadLogSecret(dir, log_pub);
  if (!secret.ok() && secret.status().code() != StatusCode::kNotFound) return secret.status();
  if (secret.ok()) log_key = *secret;
  std::unique_ptr<Ledger> ledger(new Ledger(dir, std::move(db), log_key));
  ledger->has_log_secret_ = secret.ok();
  if (version != internal::kSchemaVersion) VERITY_RETURN_IF_ERROR(ledger->MigrateFrom(version));
  VERITY_RETURN_IF_ERROR(internal::CheckSchema(ledger->db_.get()));
  VERITY_RETURN_IF_ERROR(ledger->LoadKeys());
  return ledger;
}

// Version 1 kept unsealed checkpoints and unsealed ambiguities. The upgrade
// drops the checkpoints (a cache, rebuilt by the next append) and seals the
// ambiguities batch by batch as they stand: it vouches for nothing more
// than version 1 did, and from now on any edit shows.
Status Ledger::MigrateFrom(int version) {
  if (!has_log_secret_) {
    return FailedPrecondition(dir_ + ": the ledger has schema version " + std::to_string(version) +
                              "; upgrading it needs log.key");
  }
  VERITY_ASSIGN_OR_RETURN(auto tx, internal::Transaction::Begin(db_.get()));
  VERITY_RETURN_IF_ERROR(internal::UpgradeTablesFromV1(db_.get()));
  VERITY_ASSIGN_OR_RETURN(std::vector<TreeHead> heads, TreeHeads());
  VERITY_ASSIGN_OR_RETURN(auto ids, db_->Prepare("SELECT id FROM ambiguities WHERE idx >= ? AND "
                                                 "idx < ? ORDER BY id"));
  uint64_t first = 0;
  for (const TreeHead& th : heads) {
    std::vector<int64_t> batch;
    ids.Bind(1, static_cast<int64_t>(first)).Bind(2, static_cast<int64_t>(th.size));
    while (true) {
      VERITY_ASSIGN_OR_RETURN(bool row, ids.Step());
      if (!row) break;
      batch.push_back(ids.Int(0));
    }
    ids.Reset();
    VERITY_RETURN_IF_ERROR(
        internal::SealAmbiguityRows(db_.get(), log_key_, th.size, th.root, batch));
    first = th.size;
  }
  VERITY_RETURN_IF_ERROR(
      PutMeta(db_.get(), "schema_version", std::to_string(internal::kSchemaVersion)));
  return tx->Commit();
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
    auto k = ParsePublicKey(j, "party_keys[key_id=" + st.Text(0) + "]");
    if (!k.ok()) return DataLoss(db_->path() + ": " + k.status().message());
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

Status Ledger::InSnapshot(const std::function<Status()>& fn) const {
  if (db_->InTransaction()) return fn();
  VERITY_ASSIGN_OR_RETURN(auto tx, internal::Transaction::BeginRead(db_.get()));
  VERITY_RETURN_IF_ERROR(fn());
  return tx->Commit();
}

}  // namespace verity::ledger
