#include "tlog/checkpoint.h"

#include "tlog/encoding.h"

namespace verity::tlog {
namespace {

Status Bad(std::string why) { return InvalidArgument("checkpoint: " + why); }

}  // namespace

StatusOr<Checkpoint> ParseCheckpoint(std::string_view text) {
  VERITY_RETURN_IF_ERROR(CheckNoteText(text).WithContext("checkpoint"));
  const std::vector<std::string_view> lines = SplitLines(text);
  if (lines.size() < 3) return Bad("fewer than three lines (origin, size, root)");
  Checkpoint c;
  if (lines[0].empty()) return Bad("the origin line is empty");
  c.origin = std::string(lines[0]);
  VERITY_ASSIGN_OR_RETURN(c.size, ParseDecimal(lines[1], "checkpoint: tree size"));
  VERITY_ASSIGN_OR_RETURN(c.root, DecodeHash(lines[2], "checkpoint: root hash"));
  for (size_t i = 3; i < lines.size(); ++i) {
    if (lines[i].empty()) return Bad("extension line " + std::to_string(i - 2) + " is empty");
    c.extensions.emplace_back(lines[i]);
  }
  return c;
}

StatusOr<std::string> FormatCheckpoint(const Checkpoint& checkpoint) {
  if (checkpoint.size > kMaxTreeSize) return Bad("the tree size is above 2^63 - 1");
  bool newline = checkpoint.origin.find('\n') != std::string::npos;
  for (const std::string& e : checkpoint.extensions) newline |= e.find('\n') != std::string::npos;
  if (newline) return Bad("a line contains a newline");
  std::string text = checkpoint.origin + "\n" + std::to_string(checkpoint.size) + "\n" +
                     Base64Encode(checkpoint.root) + "\n";
  for (const std::string& e : checkpoint.extensions) text += e + "\n";
  // Formatting is right only if it parses back to the same checkpoint.
  VERITY_ASSIGN_OR_RETURN(Checkpoint back, ParseCheckpoint(text));
  if (back != checkpoint) return Internal("checkpoint: formatting does not round-trip");
  return text;
}

StatusOr<std::string> SignCheckpoint(const Checkpoint& checkpoint, const Signer& log) {
  VERITY_ASSIGN_OR_RETURN(std::string text, FormatCheckpoint(checkpoint));
  VERITY_ASSIGN_OR_RETURN(NoteSignature sig, SignText(log, text));
  return FormatNote(Note{text, {sig}});
}

bool SignedByLog(const SignedCheckpoint& checkpoint) {
  for (const Verifier& v : checkpoint.note.verified) {
    if (v.type() == SignatureType::kEd25519 && v.name() == checkpoint.checkpoint.origin) {
      return true;
    }
  }
  return false;
}

StatusOr<SignedCheckpoint> OpenCheckpoint(std::string_view note, const VerifierSet& known) {
  SignedCheckpoint out;
  VERITY_ASSIGN_OR_RETURN(out.note, OpenNote(note, known));
  VERITY_ASSIGN_OR_RETURN(out.checkpoint, ParseCheckpoint(out.note.note.text));
  if (!SignedByLog(out)) {
    return PermissionDenied("checkpoint: no valid signature by a known log key for origin " +
                            out.checkpoint.origin);
  }
  return out;
}

}  // namespace verity::tlog
