// The ledger database's schema (docs/ledger-format.md, "Tables"), its check
// on opening, and the upgrade from version 1. Internal to the store.
#ifndef VERITY_LEDGER_SCHEMA_H_
#define VERITY_LEDGER_SCHEMA_H_

#include "core/status.h"
#include "ledger/sqlite.h"

namespace verity::ledger::internal {

inline constexpr int kSchemaVersion = 2;

// Days are stored as text YYYY-MM-DD; this sorts before every day.
inline constexpr char kBeforeAllDays[] = "0000-00-00";

// WAL with synchronous=FULL: each commit syncs the WAL before returning, so
// an acknowledged append survives a process kill and a power failure.
// (NORMAL would survive a process kill but could lose the last commits on
// power loss, which an acknowledged append must not.)
inline constexpr char kPragmas[] =
    "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON; "
    "PRAGMA mmap_size=1073741824; PRAGMA cache_size=-65536;";

// Creates every table and index of the current version (no rows).
Status CreateTables(Db* db);

// DataLoss naming the table, index or trigger if sqlite_schema holds
// anything but the ledger's own, each exactly as created.
Status CheckSchema(Db* db);

// The version-1 tables that version 2 replaces or adds: drops the unsealed
// checkpoints (a cache) and creates the new tables. The caller seals the
// existing ambiguities and sets meta 'schema_version', in one transaction.
Status UpgradeTablesFromV1(Db* db);

}  // namespace verity::ledger::internal

#endif  // VERITY_LEDGER_SCHEMA_H_
