// A thin RAII layer over the SQLite C API for the ledger store. Internal:
// nothing outside src/ledger/store*.cc, append.cc and the store's own files
// includes it.
//
// Every SQLite result code becomes a Status in one place (SqliteStatus):
//   SQLITE_CORRUPT, SQLITE_NOTADB           -> DataLoss    ("database file is corrupt")
//   SQLITE_FULL                             -> Unavailable ("disk full")
//   SQLITE_IOERR, SQLITE_CANTOPEN,
//   SQLITE_READONLY, SQLITE_PERM            -> Unavailable ("I/O error", ...)
//   SQLITE_BUSY, SQLITE_LOCKED              -> Unavailable ("the database is busy")
//   SQLITE_NOMEM                            -> Unavailable ("out of memory")
//   SQLITE_CONSTRAINT, SQLITE_TOOBIG,
//   SQLITE_RANGE, SQLITE_MISUSE, others     -> Internal    (a bug of the caller)
// The message names the database file and the reason.
//
// Binding is checked: a Bind that fails (a value too large, a bad position)
// is remembered and returned by the next Step or Run, which then do nothing.
//
// Not thread-safe: one Db per thread.
#ifndef VERITY_LEDGER_SQLITE_H_
#define VERITY_LEDGER_SQLITE_H_

#include <sqlite3.h>

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "core/status.h"

namespace verity::ledger::internal {

// The Status for SQLite result code `rc` (see the file comment), with the
// message "<where>: <reason> (<sqlite's message>)". `db` may be null.
Status SqliteStatus(int rc, std::string_view where, sqlite3* db);

class Stmt {
 public:
  Stmt(sqlite3* db, sqlite3_stmt* s, std::string where)
      : db_(db), s_(s), where_(std::move(where)) {}
  Stmt(Stmt&& o) noexcept
      : db_(o.db_), s_(o.s_), where_(std::move(o.where_)), bind_rc_(o.bind_rc_) {
    o.s_ = nullptr;
  }
  Stmt(const Stmt&) = delete;
  Stmt& operator=(const Stmt&) = delete;
  ~Stmt() { sqlite3_finalize(s_); }

  // Bind by 1-based position. A failure is returned by the next Step/Run.
  Stmt& Bind(int i, int64_t v);
  Stmt& Bind(int i, std::string_view v);
  // Binds text without copying it: `v` must stay valid until Run or Reset.
  Stmt& BindView(int i, std::string_view v);
  Stmt& BindBlob(int i, std::string_view bytes);
  // Steps once: true if a row is available, false when done.
  StatusOr<bool> Step();
  // Steps to completion of a statement that returns no rows, then resets.
  Status Run();
  void Reset();

  int64_t Int(int col) const { return sqlite3_column_int64(s_, col); }
  std::string Text(int col) const;
  std::string_view TextView(int col) const;
  std::string_view BlobView(int col) const;  // valid until the next Step/Reset
  bool IsNull(int col) const { return sqlite3_column_type(s_, col) == SQLITE_NULL; }

 private:
  Stmt& Check(int rc);

  sqlite3* db_;
  sqlite3_stmt* s_;
  std::string where_;  // the database's path, for messages
  int bind_rc_ = SQLITE_OK;
};

class Db {
 public:
  // Opens the database at `path`. With `create`, the file is created first
  // with mode 0600 (SQLite gives its -wal and -shm files the database's
  // mode). Unavailable if it cannot be opened.
  static StatusOr<std::unique_ptr<Db>> Open(const std::string& path, bool create);
  ~Db();
  Db(const Db&) = delete;
  Db& operator=(const Db&) = delete;

  Status Exec(std::string_view sql);
  StatusOr<Stmt> Prepare(std::string_view sql);
  // The rowid of the last row inserted on this connection.
  int64_t LastInsertRowid() const { return sqlite3_last_insert_rowid(db_); }
  // True while a transaction is open on this connection.
  bool InTransaction() const { return sqlite3_get_autocommit(db_) == 0; }
  const std::string& path() const { return path_; }

 private:
  Db(sqlite3* db, std::string path) : db_(db), path_(std::move(path)) {}
  sqlite3* db_;
  std::string path_;
};

// Runs BEGIN IMMEDIATE (a write transaction) or BEGIN (a read snapshot);
// rolls back on destruction unless Commit() succeeded.
class Transaction {
 public:
  static StatusOr<std::unique_ptr<Transaction>> Begin(Db* db);
  static StatusOr<std::unique_ptr<Transaction>> BeginRead(Db* db);
  ~Transaction();
  Status Commit();

 private:
  explicit Transaction(Db* db) : db_(db) {}
  Db* db_;
  bool done_ = false;
};

}  // namespace verity::ledger::internal

#endif  // VERITY_LEDGER_SQLITE_H_
