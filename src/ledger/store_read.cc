// Ledger: reading entries, tree heads and ambiguities.
#include <algorithm>
#include <climits>

#include "ledger/schema.h"
#include "ledger/sqlite.h"
#include "ledger/store.h"

namespace verity::ledger {
namespace {

int64_t ClampIndex(uint64_t i) { return static_cast<int64_t>(std::min<uint64_t>(i, INT64_MAX)); }

StatusOr<TreeHead> ReadTreeHead(const internal::Stmt& st) {
  const Json j = {{"size", st.Int(0)},
                  {"root", st.Text(1)},
                  {"timestamp", st.Text(2)},
                  {"log_key_id", st.Text(3)},
                  {"signature", st.Text(4)}};
  auto th = ParseTreeHead(j, "tree_heads[size=" + std::to_string(st.Int(0)) + "]");
  if (!th.ok()) return DataLoss(th.status().message());
  return th;
}

constexpr char kHeadColumns[] =
    "SELECT size, root, timestamp, log_key_id, signature FROM tree_heads";

constexpr char kRowColumns[] =
    "SELECT idx, party, serial, type, occurred, sent, entry, leaf_hash, seal FROM entries ";

// Calls `fn` for each row `st` (a kRowColumns query) yields.
Status EachRow(internal::Stmt* st, const std::function<Status(const StoredRow&)>& fn) {
  StoredRow r;
  while (true) {
    VERITY_ASSIGN_OR_RETURN(bool row, st->Step());
    if (!row) return Status::Ok();
    r = {st->Int(0),  st->Text(1), st->Int(2),  st->Text(3), st->Text(4),
         st->Text(5), st->Text(6), st->Text(7), st->Text(8)};
    VERITY_RETURN_IF_ERROR(fn(r));
  }
}

}  // namespace

StatusOr<uint64_t> Ledger::Size() const {
  VERITY_ASSIGN_OR_RETURN(auto st, db_->Prepare("SELECT COALESCE(MAX(idx) + 1, 0) FROM entries"));
  VERITY_RETURN_IF_ERROR(st.Step().status());
  return static_cast<uint64_t>(st.Int(0));
}

StatusOr<std::vector<TreeHead>> Ledger::TreeHeads() const {
  VERITY_ASSIGN_OR_RETURN(auto st, db_->Prepare(std::string(kHeadColumns) + " ORDER BY size"));
  std::vector<TreeHead> out;
  while (true) {
    VERITY_ASSIGN_OR_RETURN(bool row, st.Step());
    if (!row) break;
    VERITY_ASSIGN_OR_RETURN(TreeHead th, ReadTreeHead(st));
    out.push_back(th);
  }
  return out;
}

StatusOr<std::optional<TreeHead>> Ledger::TreeHeadOfSize(uint64_t size) const {
  VERITY_ASSIGN_OR_RETURN(auto st, db_->Prepare(std::string(kHeadColumns) + " WHERE size = ?"));
  st.Bind(1, ClampIndex(size));
  VERITY_ASSIGN_OR_RETURN(bool row, st.Step());
  if (!row) return std::optional<TreeHead>();
  VERITY_ASSIGN_OR_RETURN(TreeHead th, ReadTreeHead(st));
  return std::optional<TreeHead>(std::move(th));
}

StatusOr<TreeHead> Ledger::LatestTreeHead() const {
  VERITY_ASSIGN_OR_RETURN(auto st,
                          db_->Prepare(std::string(kHeadColumns) + " ORDER BY size DESC LIMIT 1"));
  VERITY_ASSIGN_OR_RETURN(bool row, st.Step());
  if (!row) return NotFound(dir_ + ": the ledger is empty (no signed tree head yet)");
  return ReadTreeHead(st);
}

Status Ledger::ForEachRowFrom(uint64_t from, uint64_t to,
                              const std::function<Status(const StoredRow&)>& fn) const {
  VERITY_ASSIGN_OR_RETURN(
      auto st, db_->Prepare(std::string(kRowColumns) + "WHERE idx >= ? AND idx < ? ORDER BY idx"));
  st.Bind(1, ClampIndex(from)).Bind(2, ClampIndex(to));
  return EachRow(&st, fn);
}

Status Ledger::ForEachRow(const std::function<Status(const StoredRow&)>& fn) const {
  VERITY_ASSIGN_OR_RETURN(auto st, db_->Prepare(std::string(kRowColumns) + "ORDER BY idx"));
  return EachRow(&st, fn);
}

Status Ledger::ForEachRowOfType(NotificationType type, uint64_t before,
                                const std::function<Status(const StoredRow&)>& fn,
                                uint64_t limit) const {
  VERITY_ASSIGN_OR_RETURN(auto st, db_->Prepare(std::string(kRowColumns) +
                                                "WHERE type = ? AND idx < ? ORDER BY idx LIMIT ?"));
  st.Bind(1, Name(type)).Bind(2, ClampIndex(before)).Bind(3, ClampIndex(limit));
  return EachRow(&st, fn);
}

StatusOr<std::vector<Hash256>> Ledger::LeafHashes() const {
  std::vector<Hash256> out;
  VERITY_ASSIGN_OR_RETURN(auto st, db_->Prepare("SELECT leaf_hash FROM entries ORDER BY idx"));
  while (true) {
    VERITY_ASSIGN_OR_RETURN(bool row, st.Step());
    if (!row) return out;
    auto h = HashFromHex(st.TextView(0));
    if (!h.ok()) return DataLoss("entries[" + std::to_string(out.size()) + "]: bad leaf hash");
    out.push_back(*h);
  }
}

StatusOr<Hash256> Ledger::LeafHashAt(uint64_t index) const {
  VERITY_ASSIGN_OR_RETURN(auto st, db_->Prepare("SELECT leaf_hash FROM entries WHERE idx = ?"));
  st.Bind(1, ClampIndex(index));
  VERITY_ASSIGN_OR_RETURN(bool row, st.Step());
  if (!row) return NotFound("no entry " + std::to_string(index));
  auto h = HashFromHex(st.TextView(0));
  if (!h.ok()) return DataLoss("entries[" + std::to_string(index) + "]: bad leaf hash");
  return *h;
}

StatusOr<std::vector<Notification>> Ledger::Entries(uint64_t from, uint64_t to) const {
  VERITY_ASSIGN_OR_RETURN(
      auto st,
      db_->Prepare("SELECT idx, entry FROM entries WHERE idx >= ? AND idx < ? ORDER BY idx"));
  st.Bind(1, ClampIndex(from)).Bind(2, ClampIndex(to));
  std::vector<Notification> out;
  while (true) {
    VERITY_ASSIGN_OR_RETURN(bool row, st.Step());
    if (!row) return out;
    const auto index = static_cast<uint64_t>(st.Int(0));
    VERITY_ASSIGN_OR_RETURN(Notification n, ParseStoredEntry(st.TextView(1), index));
    out.push_back(std::move(n));
  }
}

Status Ledger::ForEachEntryOf(const std::string& party, std::optional<Date> after, Date until,
                              uint64_t max_index,
                              const std::function<Status(uint64_t, std::string_view)>& fn) const {
  VERITY_ASSIGN_OR_RETURN(
      auto st, db_->Prepare("SELECT idx, entry FROM entries WHERE party = ? AND occurred > ? "
                            "AND occurred <= ? AND idx < ? ORDER BY occurred, idx"));
  st.Bind(1, party).Bind(2, after ? after->ToString() : std::string(internal::kBeforeAllDays));
  st.Bind(3, until.ToString()).Bind(4, ClampIndex(max_index));
  while (true) {
    VERITY_ASSIGN_OR_RETURN(bool row, st.Step());
    if (!row) return Status::Ok();
    VERITY_RETURN_IF_ERROR(fn(static_cast<uint64_t>(st.Int(0)), st.TextView(1)));
  }
}

StatusOr<uint64_t> Ledger::CountEntriesOf(const std::string& party,
                                          std::optional<Date> after) const {
  VERITY_ASSIGN_OR_RETURN(
      auto st, db_->Prepare("SELECT COUNT(*) FROM entries WHERE party = ? AND occurred > ?"));
  st.Bind(1, party).Bind(2, after ? after->ToString() : std::string(internal::kBeforeAllDays));
  VERITY_RETURN_IF_ERROR(st.Step().status());
  return static_cast<uint64_t>(st.Int(0));
}

StatusOr<int64_t> Ledger::LastSerial(const std::string& party) const {
  VERITY_ASSIGN_OR_RETURN(auto st, db_->Prepare("SELECT MAX(serial) FROM entries WHERE party = ?"));
  st.Bind(1, party);
  VERITY_RETURN_IF_ERROR(st.Step().status());
  return st.Int(0);  // NULL (no entry) reads as 0
}

StatusOr<std::vector<Ambiguity>> Ledger::Ambiguities() const {
  VERITY_ASSIGN_OR_RETURN(auto st,
                          db_->Prepare("SELECT idx, party, kind, occurred, message, evidence "
                                       "FROM ambiguities ORDER BY id"));
  std::vector<Ambiguity> out;
  while (true) {
    VERITY_ASSIGN_OR_RETURN(bool row, st.Step());
    if (!row) return out;
    Ambiguity a;
    a.index = static_cast<uint64_t>(st.Int(0));
    a.party = st.Text(1);
    for (int k = 0; k <= static_cast<int>(kLastAmbiguityKind); ++k) {
      if (Name(static_cast<AmbiguityKind>(k)) == st.TextView(2))
        a.kind = static_cast<AmbiguityKind>(k);
    }
    if (auto d = Date::Parse(st.TextView(3)); d.ok()) a.occurred = *d;
    a.message = st.Text(4);
    auto ev = ParseJson(st.TextView(5), "ambiguities.evidence");
    if (ev.ok()) a.evidence = *ev;
    out.push_back(std::move(a));
  }
}

}  // namespace verity::ledger
