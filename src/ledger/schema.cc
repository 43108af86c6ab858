#include "ledger/schema.h"

#include <map>
#include <string>

namespace verity::ledger::internal {
namespace {

struct Object {
  const char* type;
  const char* name;
  const char* sql;  // as sqlite_schema stores it: the CREATE statement as written
};

// Version 1's statements are kept word for word: sqlite_schema of an
// upgraded ledger holds them as they were written then.
constexpr Object kV1Objects[] = {
    {"table", "meta", "CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL)"},
    {"table", "party_keys",
     "CREATE TABLE party_keys(key_id TEXT PRIMARY KEY, party TEXT NOT NULL, public_key TEXT NOT "
     "NULL)"},
    {"table", "entries",
     "CREATE TABLE entries(\n"
     "  idx INTEGER PRIMARY KEY, party TEXT NOT NULL, serial INTEGER NOT NULL, type TEXT NOT "
     "NULL,\n"
     "  occurred TEXT NOT NULL, sent TEXT NOT NULL, entry TEXT NOT NULL, leaf_hash TEXT NOT "
     "NULL,\n"
     "  seal TEXT NOT NULL)"},
    {"index", "entries_by_party_serial",
     "CREATE INDEX entries_by_party_serial ON entries(party, serial)"},
    {"index", "entries_by_party_occurred",
     "CREATE INDEX entries_by_party_occurred ON entries(party, occurred, idx)"},
    {"table", "tree_heads",
     "CREATE TABLE tree_heads(\n"
     "  size INTEGER PRIMARY KEY, root TEXT NOT NULL, timestamp TEXT NOT NULL,\n"
     "  log_key_id TEXT NOT NULL, signature TEXT NOT NULL)"},
    {"table", "ambiguities",
     "CREATE TABLE ambiguities(\n"
     "  id INTEGER PRIMARY KEY, idx INTEGER NOT NULL, party TEXT NOT NULL, kind TEXT NOT NULL,\n"
     "  occurred TEXT NOT NULL, message TEXT NOT NULL, evidence TEXT NOT NULL)"},
};

// Added by version 2. The covering index lets a reader hash every
// checkpoint's digest without touching the states; the type index lets the
// inspections read their records without reading the log.
constexpr Object kV2Objects[] = {
    {"index", "entries_by_type", "CREATE INDEX entries_by_type ON entries(type, idx)"},
    {"table", "checkpoints",
     "CREATE TABLE checkpoints(\n"
     "  party TEXT NOT NULL, occurred TEXT NOT NULL, idx INTEGER NOT NULL, digest TEXT NOT NULL,\n"
     "  state BLOB NOT NULL, PRIMARY KEY(party, occurred))"},
    {"index", "checkpoints_digests",
     "CREATE INDEX checkpoints_digests ON checkpoints(party, occurred, digest)"},
    {"table", "checkpoint_seal",
     "CREATE TABLE checkpoint_seal(\n"
     "  tree_size INTEGER NOT NULL, root TEXT NOT NULL, checkpoints INTEGER NOT NULL,\n"
     "  list TEXT NOT NULL, signature TEXT NOT NULL)"},
    {"table", "ambiguity_seals",
     "CREATE TABLE ambiguity_seals(\n"
     "  size INTEGER PRIMARY KEY, rows TEXT NOT NULL, signature TEXT NOT NULL)"},
};

Status CreateAll(Db* db, std::span<const Object> objects) {
  for (const Object& o : objects) VERITY_RETURN_IF_ERROR(db->Exec(o.sql));
  return Status::Ok();
}

// SQLite names the indexes behind PRIMARY KEY and UNIQUE constraints
// sqlite_autoindex_<table>_<n>; they have no SQL.
bool IsAutoindexOf(const std::string& name, const std::map<std::string, std::string>& tables) {
  constexpr std::string_view kPrefix = "sqlite_autoindex_";
  if (!name.starts_with(kPrefix)) return false;
  const std::string rest = name.substr(kPrefix.size());
  const size_t cut = rest.rfind('_');
  return cut != std::string::npos && tables.contains(rest.substr(0, cut));
}

}  // namespace

Status CreateTables(Db* db) {
  VERITY_RETURN_IF_ERROR(CreateAll(db, kV1Objects));
  return CreateAll(db, kV2Objects);
}

Status UpgradeTablesFromV1(Db* db) {
  VERITY_RETURN_IF_ERROR(db->Exec("DROP TABLE IF EXISTS checkpoints"));
  // Some version-1 ledgers already carry the type index; it is derived, so it
  // is rebuilt from the entries like every other version-2 object.
  VERITY_RETURN_IF_ERROR(db->Exec("DROP INDEX IF EXISTS entries_by_type"));
  return CreateAll(db, kV2Objects);
}

Status CheckSchema(Db* db) {
  std::map<std::string, const Object*> expected;
  std::map<std::string, std::string> tables;
  for (const std::span<const Object> list :
       {std::span<const Object>(kV1Objects), std::span<const Object>(kV2Objects)}) {
    for (const Object& o : list) {
      expected[o.name] = &o;
      if (std::string_view(o.type) == "table") tables[o.name] = o.sql;
    }
  }
  VERITY_ASSIGN_OR_RETURN(auto st, db->Prepare("SELECT type, name, sql FROM sqlite_schema"));
  size_t found = 0;
  while (true) {
    VERITY_ASSIGN_OR_RETURN(bool row, st.Step());
    if (!row) break;
    const std::string type = st.Text(0), name = st.Text(1);
    if (st.IsNull(2) && type == "index" && IsAutoindexOf(name, tables)) continue;
    if (type == "table" && name.starts_with("sqlite_stat")) continue;  // ANALYZE: plans only
    const auto it = expected.find(name);
    if (it == expected.end()) {
      return DataLoss(db->path() + ": sqlite_schema: " + type + " '" + name +
                      "' is not part of a ledger (added behind the ledger's back)");
    }
    if (type != it->second->type || st.TextView(2) != it->second->sql) {
      return DataLoss(db->path() + ": sqlite_schema: " + type + " '" + name +
                      "' differs from the ledger's definition (altered behind the ledger's back)");
    }
    ++found;
  }
  if (found != expected.size()) {
    for (const auto& [name, o] : expected) {
      VERITY_ASSIGN_OR_RETURN(auto q, db->Prepare("SELECT 1 FROM sqlite_schema WHERE name = ?"));
      q.Bind(1, name);
      VERITY_ASSIGN_OR_RETURN(bool has, q.Step());
      if (!has)
        return DataLoss(db->path() + ": sqlite_schema: " + o->type + " '" + name + "' is missing");
    }
  }
  return Status::Ok();
}

}  // namespace verity::ledger::internal
