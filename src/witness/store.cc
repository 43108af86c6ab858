#include "witness/store.h"

#include <fcntl.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>

#include "core/hash.h"

namespace verity::witness {
namespace {

constexpr const char* kSchema =
    "CREATE TABLE IF NOT EXISTS witness_meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);"
    "INSERT OR IGNORE INTO witness_meta VALUES('format', 'verity-witness-1');"
    "CREATE TABLE IF NOT EXISTS logs(origin TEXT PRIMARY KEY, origin_hash TEXT NOT NULL UNIQUE,"
    " size INTEGER NOT NULL, root BLOB NOT NULL, checkpoint TEXT NOT NULL,"
    " updated INTEGER NOT NULL);"
    "CREATE TABLE IF NOT EXISTS refusals(id INTEGER PRIMARY KEY AUTOINCREMENT,"
    " time INTEGER NOT NULL, status INTEGER NOT NULL, origin TEXT NOT NULL,"
    " reason TEXT NOT NULL, request BLOB NOT NULL, evidence INTEGER NOT NULL);"
    "CREATE INDEX IF NOT EXISTS refusals_kind ON refusals(evidence, id);";

// One prepared statement, finalized with the object.
class Stmt {
 public:
  Stmt(sqlite3* db, const char* sql) { rc_ = sqlite3_prepare_v2(db, sql, -1, &s_, nullptr); }
  ~Stmt() { sqlite3_finalize(s_); }
  Stmt(const Stmt&) = delete;
  Stmt& operator=(const Stmt&) = delete;
  Stmt& Int(int i, int64_t v) {
    if (rc_ == SQLITE_OK) rc_ = sqlite3_bind_int64(s_, i, v);
    return *this;
  }
  Stmt& Text(int i, std::string_view v) {
    if (rc_ == SQLITE_OK) rc_ = sqlite3_bind_text(s_, i, v.data(), int(v.size()), SQLITE_TRANSIENT);
    return *this;
  }
  Stmt& Blob(int i, std::string_view v) {
    if (rc_ == SQLITE_OK) rc_ = sqlite3_bind_blob(s_, i, v.data(), int(v.size()), SQLITE_TRANSIENT);
    return *this;
  }
  // SQLITE_ROW, SQLITE_DONE or an error code.
  int Step() { return rc_ == SQLITE_OK ? sqlite3_step(s_) : rc_; }
  int64_t ColInt(int c) const { return sqlite3_column_int64(s_, c); }
  std::string ColText(int c) const {
    const void* p = sqlite3_column_blob(s_, c);
    return p ? std::string(static_cast<const char*>(p), sqlite3_column_bytes(s_, c)) : "";
  }

 private:
  sqlite3_stmt* s_ = nullptr;
  int rc_ = SQLITE_OK;
};

int64_t Signed(uint64_t v) { return v > uint64_t(INT64_MAX) ? INT64_MAX : int64_t(v); }

}  // namespace

Status Store::Fail(int rc, std::string_view what) {
  std::string m = "witness database " + path_ + ": " + std::string(what) + ": " +
                  (db_ ? sqlite3_errmsg(db_) : sqlite3_errstr(rc));
  if (rc == SQLITE_CORRUPT || rc == SQLITE_NOTADB) return DataLoss(m);
  return Unavailable(m);
}

Status Store::Exec(const char* sql) {
  const int rc = sqlite3_exec(db_, sql, nullptr, nullptr, nullptr);
  return rc == SQLITE_OK ? Status::Ok() : Fail(rc, "cannot run the statement");
}

StatusOr<std::unique_ptr<Store>> Store::Open(const std::string& data_dir, StoreLimits limits) {
  std::error_code ec;
  std::filesystem::create_directories(data_dir, ec);
  if (ec)
    return Unavailable("witness data folder " + data_dir + ": cannot create: " + ec.message());
  ::chmod(data_dir.c_str(), 0700);
  const std::string path = (std::filesystem::path(data_dir) / kDatabaseFile).string();
  if (!std::filesystem::exists(path)) {  // created private: SQLite copies the mode to -wal/-shm
    const int fd = ::open(path.c_str(), O_CREAT | O_WRONLY | O_CLOEXEC, 0600);
    if (fd < 0) return Unavailable("witness database " + path + ": cannot create");
    ::close(fd);
  }
  sqlite3* db = nullptr;
  const int rc =
      sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_FULLMUTEX, nullptr);
  std::unique_ptr<Store> store(new Store(db, path, limits));
  if (rc != SQLITE_OK) return store->Fail(rc, "cannot open");
  sqlite3_busy_timeout(db, 5000);
  VERITY_RETURN_IF_ERROR(store->Exec("PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;"));
  VERITY_RETURN_IF_ERROR(store->Exec(kSchema));
  Stmt format(db, "SELECT value FROM witness_meta WHERE key = 'format'");
  if (format.Step() != SQLITE_ROW || format.ColText(0) != "verity-witness-1") {
    return DataLoss("witness database " + path + ": not a Verity witness database");
  }
  return store;
}

Store::~Store() { sqlite3_close(db_); }

StatusOr<std::optional<tlog::WitnessedLog>> Store::Read(std::string_view origin) {
  Stmt st(db_, "SELECT size, root, checkpoint FROM logs WHERE origin = ?");
  st.Text(1, origin);
  const int rc = st.Step();
  if (rc == SQLITE_DONE) return std::optional<tlog::WitnessedLog>();
  if (rc != SQLITE_ROW) return Fail(rc, "cannot read the state of " + std::string(origin));
  tlog::WitnessedLog log;
  log.size = uint64_t(st.ColInt(0));
  const std::string root = st.ColText(1);
  if (root.size() != log.root.size() || st.ColInt(0) < 0) {
    return DataLoss("witness database " + path_ + ": the stored state of an origin is damaged");
  }
  std::copy(root.begin(), root.end(), log.root.begin());
  log.checkpoint = st.ColText(2);
  return std::optional<tlog::WitnessedLog>(std::move(log));
}

Status Store::Write(const tlog::WitnessedLog& state, std::string_view origin, uint64_t now) {
  Stmt st(db_,
          "INSERT INTO logs(origin, origin_hash, size, root, checkpoint, updated)"
          " VALUES(?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT(origin) DO UPDATE SET"
          " size = ?3, root = ?4, checkpoint = ?5, updated = ?6");
  st.Text(1, origin).Text(2, tlog::OriginHash(origin)).Int(3, Signed(state.size));
  st.Blob(4, std::string_view(reinterpret_cast<const char*>(state.root.data()), state.root.size()));
  st.Text(5, state.checkpoint).Int(6, Signed(now));
  const int rc = st.Step();
  return rc == SQLITE_DONE ? Status::Ok() : Fail(rc, "cannot store the checkpoint");
}

Status Store::Refuse(const tlog::WitnessResponse& r, std::string_view body, uint64_t now) {
  const std::string_view kept = r.evidence ? body : body.substr(0, kRefusalExcerptBytes);
  std::string reason = r.body.substr(0, r.body.find('\n'));
  Stmt st(db_,
          "INSERT INTO refusals(time, status, origin, reason, request, evidence)"
          " VALUES(?, ?, ?, ?, ?, ?)");
  st.Int(1, Signed(now)).Int(2, r.status).Text(3, r.origin).Text(4, reason).Blob(5, kept);
  st.Int(6, r.evidence ? 1 : 0);
  int rc = st.Step();
  if (rc != SQLITE_DONE) return Fail(rc, "cannot store the refusal");
  Stmt prune(db_,
             "DELETE FROM refusals WHERE evidence = ?1 AND id <= (SELECT id FROM refusals"
             " WHERE evidence = ?1 ORDER BY id DESC LIMIT 1 OFFSET ?2)");
  prune.Int(1, r.evidence ? 1 : 0).Int(2, r.evidence ? limits_.max_evidence : limits_.max_refusals);
  rc = prune.Step();
  return rc == SQLITE_DONE ? Status::Ok() : Fail(rc, "cannot bound the refusals");
}

StatusOr<tlog::WitnessResponse> Store::Add(const tlog::WitnessConfig& config, std::string_view body,
                                           uint64_t now) {
  std::lock_guard lock(mu_);
  VERITY_RETURN_IF_ERROR(Exec("BEGIN IMMEDIATE"));
  Status read_error;
  auto lookup = [&](std::string_view origin) -> std::optional<tlog::WitnessedLog> {
    auto state = Read(origin);
    if (!state.ok()) {
      read_error = state.status();
      return std::nullopt;
    }
    return *std::move(state);
  };
  tlog::WitnessResponse r = tlog::AddCheckpoint(config, body, lookup, now);
  Status s = read_error;
  if (s.ok() && r.update) s = Write(*r.update, r.origin, now);
  if (s.ok() && r.status >= 400 && r.status < 500 && r.status != 409) s = Refuse(r, body, now);
  if (s.ok()) s = Exec("COMMIT");
  if (!s.ok()) {
    (void)Exec("ROLLBACK");
    return s;
  }
  return r;
}

StatusOr<std::optional<tlog::WitnessedLog>> Store::Latest(std::string_view origin) {
  std::lock_guard lock(mu_);
  return Read(origin);
}

StatusOr<std::optional<std::string>> Store::CheckpointByOriginHash(std::string_view origin_hash) {
  std::lock_guard lock(mu_);
  Stmt st(db_, "SELECT checkpoint FROM logs WHERE origin_hash = ?");
  st.Text(1, origin_hash);
  const int rc = st.Step();
  if (rc == SQLITE_DONE) return std::optional<std::string>();
  if (rc != SQLITE_ROW) return Fail(rc, "cannot read a checkpoint");
  return std::optional<std::string>(st.ColText(0));
}

StatusOr<std::vector<Refusal>> Store::Refusals(int64_t limit) {
  std::lock_guard lock(mu_);
  Stmt st(db_,
          "SELECT id, time, status, origin, reason, request, evidence FROM refusals"
          " ORDER BY id DESC LIMIT ?");
  st.Int(1, limit);
  std::vector<Refusal> out;
  int rc;
  while ((rc = st.Step()) == SQLITE_ROW) {
    out.push_back({st.ColInt(0), st.ColInt(1), int(st.ColInt(2)), st.ColText(3), st.ColText(4),
                   st.ColText(5), st.ColInt(6) != 0});
  }
  if (rc != SQLITE_DONE) return Fail(rc, "cannot read the refusals");
  return out;
}

}  // namespace verity::witness
