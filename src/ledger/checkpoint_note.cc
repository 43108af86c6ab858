// Checkpoint notes of the stored tree heads, and the published checkpoint.
#include "ledger/checkpoint_note.h"

#include "tlog/checkpoint.h"
#include "tlog/encoding.h"
#include "tlog/limits.h"

namespace verity::ledger {
namespace {

Status NoHead(uint64_t size) {
  return NotFound("no tree head of size " + std::to_string(size) + " was signed");
}

// The stored note signature of the head of `size`.
StatusOr<tlog::NoteSignature> LogSignatureOf(const Ledger& ledger, uint64_t size) {
  VERITY_ASSIGN_OR_RETURN(std::optional<Signature> sig, ledger.NoteSignatureOf(size));
  if (!sig) {
    return DataLoss(ledger.dir() + ": the tree head of size " + std::to_string(size) +
                    " has no checkpoint note signature (run 'verity ledger verify')");
  }
  const tlog::Verifier log = LogNoteVerifier(ledger);
  return tlog::NoteSignature{log.name(), log.key_id(),
                             std::string(reinterpret_cast<const char*>(sig->data()), sig->size())};
}

StatusOr<std::string> NoteWith(const Ledger& ledger, uint64_t size, bool cosignatures) {
  VERITY_ASSIGN_OR_RETURN(std::optional<TreeHead> head, ledger.TreeHeadOfSize(size));
  if (!head) return NoHead(size);
  VERITY_ASSIGN_OR_RETURN(tlog::NoteSignature log, LogSignatureOf(ledger, size));
  std::string out = CheckpointText(ledger.origin(), size, head->root) + "\n" + log.Line();
  if (!cosignatures) return out;
  VERITY_ASSIGN_OR_RETURN(std::vector<std::string> lines, ledger.CosignatureLines(size));
  for (const std::string& line : lines) out += line + "\n";
  return out;
}

}  // namespace

std::string DefaultOrigin(const PublicKey& log_key) { return kDefaultOriginPrefix + log_key.key_id; }

Status CheckOrigin(std::string_view origin) {
  if (origin.size() > kMaxOriginBytes) {
    return InvalidArgument("origin: " + std::to_string(origin.size()) + " bytes, more than " +
                           std::to_string(kMaxOriginBytes));
  }
  VERITY_RETURN_IF_ERROR(tlog::CheckKeyName(origin, "origin"));
  tlog::Checkpoint c{std::string(origin), 0, {}, {}};
  return tlog::FormatCheckpoint(c).status();
}

std::string CheckpointText(std::string_view origin, uint64_t size, const Hash256& root) {
  return std::string(origin) + "\n" + std::to_string(size) + "\n" + tlog::Base64Encode(root) +
         "\n";
}

tlog::Verifier LogNoteVerifier(const Ledger& ledger) {
  // The origin was checked on opening, so it is a valid key name.
  return tlog::Verifier::Make(ledger.origin(), tlog::SignatureType::kEd25519,
                              ledger.log_key().bytes)
      .value();
}

StatusOr<std::string> CheckpointNote(const Ledger& ledger, uint64_t size) {
  return NoteWith(ledger, size, false);
}

Status AddCosignatures(Ledger& ledger, uint64_t size,
                       const std::vector<std::string>& signature_lines) {
  const tlog::Verifier log = LogNoteVerifier(ledger);
  std::vector<tlog::NoteSignature> sigs;
  for (size_t i = 0; i < signature_lines.size(); ++i) {
    std::string_view line = signature_lines[i];
    if (line.ends_with('\n')) line.remove_suffix(1);
    const std::string where = "cosignature " + std::to_string(i + 1);
    auto sig = tlog::ParseSignatureLine(line);
    if (!sig.ok()) return sig.status().WithContext(where);
    if (sig->name == log.name() && sig->key_id == log.key_id()) {
      return InvalidArgument(where + ": the line is of the log's own key, not a witness's");
    }
    sigs.push_back(*std::move(sig));
  }
  VERITY_ASSIGN_OR_RETURN(std::optional<TreeHead> head, ledger.TreeHeadOfSize(size));
  if (!head) return NoHead(size);
  return ledger.PutCosignatures(size, sigs, tlog::kMaxNoteSignatures - 1);
}

StatusOr<std::string> PublishedCheckpoint(const Ledger& ledger) {
  VERITY_ASSIGN_OR_RETURN(TreeHead head, ledger.LatestTreeHead());
  return NoteWith(ledger, head.size, true);
}

}  // namespace verity::ledger
