// Ledger: replay checkpoints, kept under the log's checkpoint seal
// (docs/ledger-format.md, "Replay checkpoints").
//
// Invariant: the seal, if valid, vouches for the exact set of stored
// checkpoint digests and for the state of the log (size and root) they
// summarise; each checkpoint's digest binds its party, day, last index and
// state. A reader uses a checkpoint only when all of this holds for the log
// it reads; an append drops what it makes stale and re-seals in its own
// transaction, so a committed log never has stale sealed checkpoints.
#include <algorithm>
#include <climits>

#include "ledger/checkpoint_seal.h"
#include "ledger/schema.h"
#include "ledger/seals.h"
#include "ledger/sqlite.h"
#include "ledger/store.h"

namespace verity::ledger {
namespace {

// The newest checkpoint of `party` on or before `as_of`, as stored, and
// whether its content matches its digest.
struct Candidate {
  StoredCheckpoint checkpoint;
  bool matches = false;
  std::string day_text;
};

StatusOr<std::optional<Candidate>> NewestStored(internal::Db* db, const std::string& party,
                                                std::string_view as_of) {
  VERITY_ASSIGN_OR_RETURN(
      auto st, db->Prepare("SELECT idx, occurred, digest, state FROM checkpoints WHERE party = ? "
                           "AND occurred <= ? ORDER BY occurred DESC LIMIT 1"));
  st.Bind(1, party).Bind(2, as_of);
  VERITY_ASSIGN_OR_RETURN(bool row, st.Step());
  if (!row) return std::optional<Candidate>();
  Candidate c;
  c.day_text = st.Text(1);
  c.checkpoint.party = party;
  c.checkpoint.index = static_cast<uint64_t>(st.Int(0));
  c.checkpoint.state = std::string(st.BlobView(3));
  const Hash256 digest =
      internal::CheckpointDigest(party, c.day_text, c.checkpoint.index, c.checkpoint.state);
  auto day = Date::Parse(c.day_text);
  c.matches = day.ok() && st.Int(0) >= 0 && ToHex(digest) == st.TextView(2);
  if (day.ok()) c.checkpoint.day = *day;
  return std::optional<Candidate>(std::move(c));
}

std::string CheckpointRowName(const std::string& party, std::string_view day) {
  return "party=" + party + " occurred=" + std::string(day);
}

Status Insert(internal::Db* db, const StoredCheckpoint& c) {
  const std::string day = c.day.ToString();
  const Hash256 digest = internal::CheckpointDigest(c.party, day, c.index, c.state);
  VERITY_ASSIGN_OR_RETURN(auto st,
                          db->Prepare("INSERT OR REPLACE INTO checkpoints(party, occurred, "
                                      "idx, digest, state) VALUES(?, ?, ?, ?, ?)"));
  st.Bind(1, c.party)
      .Bind(2, day)
      .Bind(3, static_cast<int64_t>(std::min<uint64_t>(c.index, INT64_MAX)));
  return st.Bind(4, ToHex(digest)).BindBlob(5, c.state).Run();
}

Status DeleteFrom(internal::Db* db, const std::string& party, std::optional<Date> from) {
  VERITY_ASSIGN_OR_RETURN(auto del,
                          db->Prepare("DELETE FROM checkpoints WHERE party = ? AND occurred >= ?"));
  return del.Bind(1, party).Bind(2, from ? from->ToString() : internal::kBeforeAllDays).Run();
}

}  // namespace

StatusOr<std::optional<StoredCheckpoint>> Ledger::FindCheckpoint(const std::string& party,
                                                                 Date as_of, uint64_t max_index,
                                                                 std::string* problem) const {
  std::optional<StoredCheckpoint> out;
  std::string why;
  VERITY_RETURN_IF_ERROR(InSnapshot([&]() -> Status {
    VERITY_ASSIGN_OR_RETURN(const uint64_t size, Size());
    const uint64_t covered = std::min(max_index, size);
    VERITY_ASSIGN_OR_RETURN(auto head, TreeHeadOfSize(covered));
    const Hash256 root = head ? head->root : tlog::EmptyTreeHash();
    VERITY_ASSIGN_OR_RETURN(why, internal::CheckpointSetProblem(db_.get(), log_key_.pub, covered,
                                                                root, head.has_value()));
    if (!why.empty()) {
      // A query about an earlier state of the log cannot use checkpoints
      // sealed for the current one; that is no fault of theirs.
      if (covered < size) why.clear();
      return Status::Ok();
    }
    VERITY_ASSIGN_OR_RETURN(auto c, NewestStored(db_.get(), party, as_of.ToString()));
    if (!c) return Status::Ok();
    if (!c->matches) {
      why = "checkpoints " + CheckpointRowName(party, c->day_text) +
            ": its state or index differs from "
            "its sealed digest";
      return Status::Ok();
    }
    out = std::move(c->checkpoint);
    return Status::Ok();
  }));
  if (problem != nullptr) *problem = why;
  return out;
}

StatusOr<std::optional<Date>> Ledger::NewestCheckpointDay(const std::string& party) const {
  VERITY_ASSIGN_OR_RETURN(auto st,
                          db_->Prepare("SELECT MAX(occurred) FROM checkpoints WHERE party = ?"));
  st.Bind(1, party);
  VERITY_ASSIGN_OR_RETURN(bool row, st.Step());
  if (!row || st.IsNull(0)) return std::optional<Date>();
  auto d = Date::Parse(st.TextView(0));
  if (!d.ok()) return std::optional<Date>();
  return std::optional<Date>(*d);
}

Status Ledger::RewriteCheckpoints(const std::string& party, std::optional<Date> from,
                                  const CheckpointMaker& make) {
  if (!has_log_secret_) {
    return FailedPrecondition(dir_ + ": log.key is missing; cannot seal checkpoints");
  }
  VERITY_ASSIGN_OR_RETURN(auto tx, internal::Transaction::Begin(db_.get()));
  VERITY_ASSIGN_OR_RETURN(const tlog::CompactTree tree, ReadTree());
  VERITY_ASSIGN_OR_RETURN(
      std::string why,
      internal::CheckpointSetProblem(db_.get(), log_key_.pub, tree.size(), tree.Root(), true));
  if (!why.empty()) {
    VERITY_RETURN_IF_ERROR(db_->Exec("DELETE FROM checkpoints"));
  } else {
    VERITY_RETURN_IF_ERROR(DeleteFrom(db_.get(), party, from));
  }
  VERITY_ASSIGN_OR_RETURN(auto kept, NewestStored(db_.get(), party, "9999-12-31"));
  std::optional<StoredCheckpoint> base;
  if (kept && kept->matches) {
    base = std::move(kept->checkpoint);
  } else if (kept) {
    VERITY_RETURN_IF_ERROR(DeleteFrom(db_.get(), party, std::nullopt));
  }
  const Date base_day = base ? base->day : Date();
  const bool has_base = base.has_value();
  VERITY_ASSIGN_OR_RETURN(std::vector<StoredCheckpoint> fresh, make(std::move(base)));
  for (const StoredCheckpoint& c : fresh) {
    if (c.party != party || (has_base && c.day <= base_day)) {
      return Internal("RewriteCheckpoints: a checkpoint of " + c.party + " on " + c.day.ToString() +
                      " does not follow the base");
    }
    VERITY_RETURN_IF_ERROR(Insert(db_.get(), c));
  }
  VERITY_RETURN_IF_ERROR(
      internal::WriteCheckpointSeal(db_.get(), log_key_, tree.size(), tree.Root()));
  return tx->Commit();
}

Status Ledger::ResealCheckpoints(const std::map<std::string, Date>& stale, uint64_t old_size,
                                 const Hash256& old_root, uint64_t size, const Hash256& root) {
  VERITY_ASSIGN_OR_RETURN(const bool any, internal::AnyCheckpointRows(db_.get()));
  if (!any) return Status::Ok();
  VERITY_ASSIGN_OR_RETURN(std::string why, internal::CheckpointSetProblem(
                                               db_.get(), log_key_.pub, old_size, old_root, true));
  if (!why.empty()) {
    VERITY_RETURN_IF_ERROR(db_->Exec("DELETE FROM checkpoints"));
  } else {
    for (const auto& [party, day] : stale)
      VERITY_RETURN_IF_ERROR(DeleteFrom(db_.get(), party, day));
  }
  return internal::WriteCheckpointSeal(db_.get(), log_key_, size, root);
}

Status Ledger::ForEachCheckpoint(const std::function<Status(const StoredCheckpoint&)>& fn) const {
  VERITY_ASSIGN_OR_RETURN(auto st, db_->Prepare("SELECT party, occurred, idx, state FROM "
                                                "checkpoints ORDER BY party, occurred"));
  while (true) {
    VERITY_ASSIGN_OR_RETURN(bool row, st.Step());
    if (!row) return Status::Ok();
    auto day = Date::Parse(st.TextView(1));
    if (!day.ok()) continue;  // AuditDerivedRows names it
    StoredCheckpoint c{st.Text(0), *day, static_cast<uint64_t>(st.Int(2)),
                       std::string(st.BlobView(3))};
    VERITY_RETURN_IF_ERROR(fn(c));
  }
}

}  // namespace verity::ledger
