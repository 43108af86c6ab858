#include "ledger/sqlite.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <climits>
#include <cstring>

namespace verity::ledger::internal {
namespace {

constexpr unsigned kDatabaseFileMode = 0600;

// What the primary result code means to a reader of the message.
std::string_view Reason(int primary) {
  switch (primary) {
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      return "the database file is corrupt";
    case SQLITE_FULL:
      return "disk full";
    case SQLITE_IOERR:
      return "I/O error";
    case SQLITE_CANTOPEN:
      return "cannot open the database file";
    case SQLITE_READONLY:
    case SQLITE_PERM:
      return "the database file cannot be written";
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return "the database is busy (another process holds its lock)";
    case SQLITE_NOMEM:
      return "out of memory";
    default:
      return "internal database error";
  }
}

StatusCode CodeOf(int primary) {
  switch (primary) {
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      return StatusCode::kDataLoss;
    case SQLITE_FULL:
    case SQLITE_IOERR:
    case SQLITE_CANTOPEN:
    case SQLITE_READONLY:
    case SQLITE_PERM:
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
    case SQLITE_NOMEM:
    case SQLITE_PROTOCOL:
    case SQLITE_INTERRUPT:
      return StatusCode::kUnavailable;
    default:  // CONSTRAINT, TOOBIG, RANGE, MISUSE, ERROR, SCHEMA ...
      return StatusCode::kInternal;
  }
}

}  // namespace

Status SqliteStatus(int rc, std::string_view where, sqlite3* db) {
  if (rc == SQLITE_OK || rc == SQLITE_ROW || rc == SQLITE_DONE) return Status::Ok();
  const int primary = rc & 0xff;
  std::string detail = db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
  std::string message = std::string(where) + ": " + std::string(Reason(primary));
  if (detail != Reason(primary)) message += " (" + detail + ")";
  return Status(CodeOf(primary), std::move(message));
}

Stmt& Stmt::Check(int rc) {
  if (bind_rc_ == SQLITE_OK && rc != SQLITE_OK) bind_rc_ = rc;
  return *this;
}

Stmt& Stmt::Bind(int i, int64_t v) { return Check(sqlite3_bind_int64(s_, i, v)); }

Stmt& Stmt::Bind(int i, std::string_view v) {
  if (v.size() > INT_MAX) return Check(SQLITE_TOOBIG);
  return Check(sqlite3_bind_text(s_, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT));
}

Stmt& Stmt::BindView(int i, std::string_view v) {
  if (v.size() > INT_MAX) return Check(SQLITE_TOOBIG);
  return Check(sqlite3_bind_text(s_, i, v.data(), static_cast<int>(v.size()), SQLITE_STATIC));
}

Stmt& Stmt::BindBlob(int i, std::string_view bytes) {
  if (bytes.size() > INT_MAX) return Check(SQLITE_TOOBIG);
  return Check(
      sqlite3_bind_blob(s_, i, bytes.data(), static_cast<int>(bytes.size()), SQLITE_TRANSIENT));
}

StatusOr<bool> Stmt::Step() {
  if (bind_rc_ != SQLITE_OK) {
    const int rc = bind_rc_;
    return SqliteStatus(rc, where_ + ": binding a value", nullptr);
  }
  const int rc = sqlite3_step(s_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  return SqliteStatus(sqlite3_extended_errcode(db_), where_, db_);
}

Status Stmt::Run() {
  auto r = Step();
  Reset();
  return r.status();
}

void Stmt::Reset() {
  sqlite3_reset(s_);
  sqlite3_clear_bindings(s_);
  bind_rc_ = SQLITE_OK;
}

std::string Stmt::Text(int col) const { return std::string(TextView(col)); }

std::string_view Stmt::TextView(int col) const {
  const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(s_, col));
  if (p == nullptr) return {};
  return std::string_view(p, static_cast<size_t>(sqlite3_column_bytes(s_, col)));
}

std::string_view Stmt::BlobView(int col) const {
  const void* p = sqlite3_column_blob(s_, col);
  if (p == nullptr) return {};
  return std::string_view(static_cast<const char*>(p),
                          static_cast<size_t>(sqlite3_column_bytes(s_, col)));
}

StatusOr<std::unique_ptr<Db>> Db::Open(const std::string& path, bool create) {
  if (create) {
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, kDatabaseFileMode);
    if (fd < 0) return Unavailable(path + ": cannot create: " + std::strerror(errno));
    ::close(fd);
  }
  sqlite3* db = nullptr;
  const int rc = sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE, nullptr);
  if (rc != SQLITE_OK) {
    Status s = SqliteStatus(db != nullptr ? sqlite3_extended_errcode(db) : rc, path, db);
    sqlite3_close(db);
    return s;
  }
  sqlite3_extended_result_codes(db, 1);
  sqlite3_busy_timeout(db, 5000);
  return std::unique_ptr<Db>(new Db(db, path));
}

// close_v2 defers the close until every statement is finalized, so a Stmt
// that outlives its Db cannot keep the connection (and its memory) alive.
Db::~Db() { sqlite3_close_v2(db_); }

Status Db::Exec(std::string_view sql) {
  char* err = nullptr;
  const std::string s(sql);
  const int rc = sqlite3_exec(db_, s.c_str(), nullptr, nullptr, &err);
  sqlite3_free(err);
  if (rc == SQLITE_OK) return Status::Ok();
  return SqliteStatus(sqlite3_extended_errcode(db_), path_, db_);
}

StatusOr<Stmt> Db::Prepare(std::string_view sql) {
  sqlite3_stmt* s = nullptr;
  if (sqlite3_prepare_v2(db_, sql.data(), static_cast<int>(sql.size()), &s, nullptr) != SQLITE_OK) {
    return SqliteStatus(sqlite3_extended_errcode(db_), path_, db_);
  }
  return Stmt(db_, s, path_);
}

StatusOr<std::unique_ptr<Transaction>> Transaction::Begin(Db* db) {
  VERITY_RETURN_IF_ERROR(db->Exec("BEGIN IMMEDIATE"));
  return std::unique_ptr<Transaction>(new Transaction(db));
}

StatusOr<std::unique_ptr<Transaction>> Transaction::BeginRead(Db* db) {
  VERITY_RETURN_IF_ERROR(db->Exec("BEGIN"));
  return std::unique_ptr<Transaction>(new Transaction(db));
}

Transaction::~Transaction() {
  if (!done_) (void)db_->Exec("ROLLBACK");
}

Status Transaction::Commit() {
  VERITY_RETURN_IF_ERROR(db_->Exec("COMMIT"));
  done_ = true;
  return Status::Ok();
}

}  // namespace verity::ledger::internal
