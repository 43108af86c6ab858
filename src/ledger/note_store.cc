// Checkpoint note signatures and cosignatures as the store keeps them.
#include "ledger/note_store.h"

#include <map>

#include "ledger/checkpoint_note.h"
#include "tlog/note.h"

namespace verity::ledger {
namespace internal {
namespace {

std::string SizeRow(int64_t size) { return "size=" + std::to_string(size); }

// The problem with a stored note signature of the head `th`, if any.
std::optional<std::string> NoteProblem(const tlog::Verifier& log, const TreeHead& th,
                                       std::string_view stored) {
  Signature sig{};
  if (!HexToBytes(stored, sig)) return "the checkpoint note signature is not 128 hex digits";
  const std::string text = CheckpointText(log.name(), th.size, th.root);
  if (!log.Verify(text, std::string_view(reinterpret_cast<const char*>(sig.data()), sig.size()))) {
    return "the checkpoint note signature does not verify with the log key under origin '" +
           log.name() + "'";
  }
  return std::nullopt;
}

Status AuditNotes(Db* db, const tlog::Verifier& log, std::span<const TreeHead> heads,
                  std::vector<RowProblem>* out) {
  std::map<int64_t, std::string> stored;
  VERITY_ASSIGN_OR_RETURN(auto st, db->Prepare("SELECT size, signature FROM checkpoint_notes"));
  while (true) {
    VERITY_ASSIGN_OR_RETURN(bool row, st.Step());
    if (!row) break;
    stored[st.Int(0)] = st.Text(1);
  }
  for (const TreeHead& th : heads) {
    const auto it = stored.find(static_cast<int64_t>(th.size));
    if (it == stored.end()) {
      out->push_back({"checkpoint_notes", SizeRow(th.size),
                      "the tree head of this size has no checkpoint note signature (deleted)"});
      continue;
    }
    if (auto p = NoteProblem(log, th, it->second)) {
      out->push_back({"checkpoint_notes", SizeRow(th.size), *p});
    }
    stored.erase(it);
  }
  for (const auto& [size, sig] : stored) {
    out->push_back({"checkpoint_notes", SizeRow(size), "no tree head of this size (inserted)"});
  }
  return Status::Ok();
}

// A stored cosignature is the log's record of what a witness sent: the line
// must parse, name its own columns' key and sign a stored checkpoint. Its
// signature is checked by readers against their policy.
Status AuditCosignatures(Db* db, const tlog::Verifier& log, std::span<const TreeHead> heads,
                         std::vector<RowProblem>* out) {
  std::map<int64_t, bool> sizes;
  for (const TreeHead& th : heads) sizes[static_cast<int64_t>(th.size)] = true;
  VERITY_ASSIGN_OR_RETURN(auto st,
                          db->Prepare("SELECT size, name, key_id, line FROM cosignatures"));
  while (true) {
    VERITY_ASSIGN_OR_RETURN(bool row, st.Step());
    if (!row) return Status::Ok();
    const std::string key = SizeRow(st.Int(0)) + " name=" + st.Text(1) +
                            " key_id=" + std::to_string(st.Int(2));
    auto sig = tlog::ParseSignatureLine(st.TextView(3));
    if (!sizes.contains(st.Int(0))) {
      out->push_back({"cosignatures", key, "no tree head of this size (inserted)"});
    } else if (!sig.ok()) {
      out->push_back({"cosignatures", key, "the line is not a signature line: " +
                                               std::string(sig.status().message())});
    } else if (sig->name != st.Text(1) || sig->key_id != st.Int(2)) {
      out->push_back({"cosignatures", key, "the line is of another key (edited)"});
    } else if (sig->name == log.name() && sig->key_id == log.key_id()) {
      out->push_back({"cosignatures", key, "the line is of the log's own key (inserted)"});
    }
  }
}

}  // namespace

Status InsertNoteSignature(Db* db, std::string_view origin, const SecretKey& log_key,
                           uint64_t size, const Hash256& root) {
  const Signature sig = SignBytes(log_key, CheckpointText(origin, size, root));
  VERITY_ASSIGN_OR_RETURN(
      auto st, db->Prepare("INSERT OR REPLACE INTO checkpoint_notes(size, signature) VALUES(?, ?)"));
  return st.Bind(1, static_cast<int64_t>(size)).Bind(2, ToHex(sig.data(), sig.size())).Run();
}

Status AuditNoteRows(Db* db, std::string_view origin, const PublicKey& log_key,
                     std::span<const TreeHead> heads, std::vector<RowProblem>* out) {
  auto log = tlog::Verifier::Make(origin, tlog::SignatureType::kEd25519, log_key.bytes);
  if (!log.ok()) {
    out->push_back({"meta", "key=origin", std::string(log.status().message())});
    return Status::Ok();
  }
  VERITY_RETURN_IF_ERROR(AuditNotes(db, *log, heads, out));
  return AuditCosignatures(db, *log, heads, out);
}

}  // namespace internal

StatusOr<std::optional<Signature>> Ledger::NoteSignatureOf(uint64_t size) const {
  VERITY_ASSIGN_OR_RETURN(auto st,
                          db_->Prepare("SELECT signature FROM checkpoint_notes WHERE size = ?"));
  st.Bind(1, static_cast<int64_t>(std::min<uint64_t>(size, INT64_MAX)));
  VERITY_ASSIGN_OR_RETURN(bool row, st.Step());
  if (!row) return std::optional<Signature>();
  Signature sig{};
  if (!HexToBytes(st.TextView(0), sig)) {
    return DataLoss(db_->path() + ": checkpoint_notes[size=" + std::to_string(size) +
                    "]: the signature is not 128 hex digits");
  }
  return std::optional<Signature>(sig);
}

StatusOr<std::vector<std::string>> Ledger::CosignatureLines(uint64_t size) const {
  VERITY_ASSIGN_OR_RETURN(
      auto st, db_->Prepare("SELECT line FROM cosignatures WHERE size = ? ORDER BY name, key_id"));
  st.Bind(1, static_cast<int64_t>(std::min<uint64_t>(size, INT64_MAX)));
  std::vector<std::string> out;
  while (true) {
    VERITY_ASSIGN_OR_RETURN(bool row, st.Step());
    if (!row) return out;
    out.push_back(st.Text(0));
  }
}

Status Ledger::PutCosignatures(uint64_t size, std::span<const tlog::NoteSignature> sigs,
                               size_t max_per_checkpoint) {
  if (!has_log_secret_) return FailedPrecondition(dir_ + ": read-only ledger (no log.key)");
  VERITY_ASSIGN_OR_RETURN(auto tx, internal::Transaction::Begin(db_.get()));
  VERITY_ASSIGN_OR_RETURN(auto put, db_->Prepare("INSERT OR REPLACE INTO cosignatures(size, name, "
                                                 "key_id, line) VALUES(?, ?, ?, ?)"));
  for (const tlog::NoteSignature& s : sigs) {
    std::string line = s.Line();
    line.pop_back();  // stored without its newline
    put.Bind(1, static_cast<int64_t>(size)).Bind(2, s.name);
    VERITY_RETURN_IF_ERROR(put.Bind(3, static_cast<int64_t>(s.key_id)).Bind(4, line).Run());
  }
  VERITY_ASSIGN_OR_RETURN(auto count,
                          db_->Prepare("SELECT COUNT(*) FROM cosignatures WHERE size = ?"));
  count.Bind(1, static_cast<int64_t>(size));
  VERITY_RETURN_IF_ERROR(count.Step().status());
  if (static_cast<uint64_t>(count.Int(0)) > max_per_checkpoint) {
    return InvalidArgument("cosignatures: the checkpoint of size " + std::to_string(size) +
                           " would have " + std::to_string(count.Int(0)) +
                           " cosignatures, more than " + std::to_string(max_per_checkpoint) +
                           "; nothing was stored");
  }
  return tx->Commit();
}

}  // namespace verity::ledger
