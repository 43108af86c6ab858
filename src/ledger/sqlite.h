// A thin RAII layer over the SQLite C API for the ledger store. Internal.
// Errors become Status values naming the statement's purpose. Not
// thread-safe: one Db per thread.
#ifndef VERITY_LEDGER_SQLITE_H_
#define VERITY_LEDGER_SQLITE_H_

#include <sqlite3.h>

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "core/status.h"

namespace verity::ledger::internal {

class Stmt {
 public:
  Stmt(sqlite3* db, sqlite3_stmt* s) : db_(db), s_(s) {}
  Stmt(Stmt&& o) noexcept : db_(o.db_), s_(o.s_) { o.s_ = nullptr; }
  Stmt(const Stmt&) = delete;
  Stmt& operator=(const Stmt&) = delete;
  ~Stmt() { sqlite3_finalize(s_); }

  // Bind by 1-based position.
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
  sqlite3* db_;
  sqlite3_stmt* s_;
};

class Db {
 public:
  // Opens (creating if `create`) the database at `path`. Unavailable on failure.
  static StatusOr<std::unique_ptr<Db>> Open(const std::string& path, bool create);
  ~Db();
  Db(const Db&) = delete;
  Db& operator=(const Db&) = delete;

  Status Exec(std::string_view sql);
  StatusOr<Stmt> Prepare(std::string_view sql);
  std::string Error() const { return sqlite3_errmsg(db_); }
  const std::string& path() const { return path_; }

 private:
  Db(sqlite3* db, std::string path) : db_(db), path_(std::move(path)) {}
  sqlite3* db_;
  std::string path_;
};

// Runs BEGIN IMMEDIATE; rolls back on destruction unless Commit() succeeded.
class Transaction {
 public:
  static StatusOr<std::unique_ptr<Transaction>> Begin(Db* db);
  ~Transaction();
  Status Commit();

 private:
  explicit Transaction(Db* db) : db_(db) {}
  Db* db_;
  bool done_ = false;
};

}  // namespace verity::ledger::internal

#endif  // VERITY_LEDGER_SQLITE_H_
