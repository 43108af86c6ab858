// Ledger::AuditDerivedRows: every row that is derived from the entries (or
// vouched for by the log key) checked against what it is derived from.
#include <set>

#include "ledger/ambiguity_seal.h"
#include "ledger/checkpoint_seal.h"
#include "ledger/sqlite.h"
#include "ledger/store.h"

namespace verity::ledger {
namespace {

// The meta rows a ledger has; any other is not the ledger's.
const std::set<std::string, std::less<>> kMetaKeys = {"schema_version", "log_key", "frontier"};

Status AuditMetaKeys(internal::Db* db, std::vector<RowProblem>* out) {
  VERITY_ASSIGN_OR_RETURN(auto st, db->Prepare("SELECT key FROM meta ORDER BY key"));
  while (true) {
    VERITY_ASSIGN_OR_RETURN(bool row, st.Step());
    if (!row) return Status::Ok();
    if (!kMetaKeys.contains(st.TextView(0))) {
      out->push_back({"meta", "key=" + st.Text(0), "not a row a ledger has (inserted)"});
    }
  }
}

// SQLite's own check of every page, table and index ("ok" when sound).
Status AuditIntegrity(internal::Db* db, std::vector<RowProblem>* out) {
  VERITY_ASSIGN_OR_RETURN(auto st, db->Prepare("PRAGMA integrity_check"));
  while (true) {
    VERITY_ASSIGN_OR_RETURN(bool row, st.Step());
    if (!row) return Status::Ok();
    if (st.TextView(0) != "ok") out->push_back({"sqlite", "integrity_check", st.Text(0)});
  }
}

}  // namespace

StatusOr<std::vector<RowProblem>> Ledger::AuditDerivedRows(const tlog::CompactTree& tree) const {
  std::vector<RowProblem> out;
  VERITY_RETURN_IF_ERROR(InSnapshot([&]() -> Status {
    VERITY_ASSIGN_OR_RETURN(auto frontier, StoredFrontier());
    if (!frontier || *frontier != tree.frontier()) {
      out.push_back({"meta", "key=frontier",
                     "differs from the frontier recomputed from the entries (appends rebuild it "
                     "from the leaf hashes)"});
    }
    VERITY_RETURN_IF_ERROR(AuditMetaKeys(db_.get(), &out));
    VERITY_ASSIGN_OR_RETURN(std::vector<TreeHead> heads, TreeHeads());
    VERITY_RETURN_IF_ERROR(internal::AuditAmbiguityRows(db_.get(), log_key_.pub, heads, &out));
    VERITY_RETURN_IF_ERROR(
        internal::AuditCheckpointRows(db_.get(), log_key_.pub, tree.size(), tree.Root(), &out));
    return AuditIntegrity(db_.get(), &out);
  }));
  return out;
}

}  // namespace verity::ledger
