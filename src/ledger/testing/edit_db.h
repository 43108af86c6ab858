// Tests: edits a ledger's database behind its back, through the SQLite C API.
#ifndef VERITY_LEDGER_TESTING_EDIT_DB_H_
#define VERITY_LEDGER_TESTING_EDIT_DB_H_

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <string>

#include "ledger/store.h"

namespace verity::ledger::testing {

// Runs `sql` on the database of the ledger in `dir` (which must be closed).
inline void EditDb(const std::string& dir, const std::string& sql) {
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open((dir + "/" + kDatabaseFile).c_str(), &db), SQLITE_OK);
  char* err = nullptr;
  EXPECT_EQ(sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &err), SQLITE_OK) << (err ? err : "");
  sqlite3_free(err);
  sqlite3_close(db);
}

}  // namespace verity::ledger::testing

#endif  // VERITY_LEDGER_TESTING_EDIT_DB_H_
