// Signed notes (C2SP signed-note.md, v1.0.0): a UTF-8 text ending in a
// newline, a blank line, and one or more signature lines
//
//   — <key name> base64(4-byte big-endian key ID || signature)
//
// ParseNote checks the syntax only; OpenNote also verifies: signatures
// from unknown keys are ignored (even when they share a name or an ID,
// but not both, with a known key), every signature from a known key must
// verify, and at least one must.
//
// Hostile input: a note longer than NoteLimits::max_bytes or with more
// than max_signatures signature lines is refused before any signature is
// checked. Errors: InvalidArgument "note: ..." for malformed notes,
// PermissionDenied "note: ..." for a known key's bad signature or no
// known signature.
//
// Thread safety: values and pure functions.
#ifndef VERITY_TLOG_NOTE_H_
#define VERITY_TLOG_NOTE_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "tlog/keys.h"
#include "tlog/limits.h"

namespace verity::tlog {

struct NoteSignature {
  std::string name;
  uint32_t key_id = 0;
  std::string signature;  // the bytes after the key ID

  // "— <name> <base64>\n".
  std::string Line() const;
  bool operator==(const NoteSignature&) const = default;
};

struct Note {
  std::string text;  // including its final newline
  std::vector<NoteSignature> signatures;
};

struct NoteLimits {
  size_t max_bytes = kMaxNoteBytes;
  size_t max_signatures = kMaxNoteSignatures;
};

// OK if `text` can be a note text: non-empty, ends in '\n', UTF-8, no
// control character but '\n', at most kMaxNoteBytes.
Status CheckNoteText(std::string_view text);

StatusOr<Note> ParseNote(std::string_view bytes, const NoteLimits& limits = {});
// One signature line without its newline.
StatusOr<NoteSignature> ParseSignatureLine(std::string_view line);
// Lines each ending in '\n' (a witness's response body); at most `max`.
StatusOr<std::vector<NoteSignature>> ParseSignatureLines(std::string_view block,
                                                         size_t max = kMaxNoteSignatures);
// The note's bytes. REQUIRES: CheckNoteText(note.text) is OK.
std::string FormatNote(const Note& note);

// An Ed25519 note signature (type 0x01) of `text`. InvalidArgument if the
// signer is of another type (cosignatures: tlog/cosignature.h) or the text
// cannot be a note text.
StatusOr<NoteSignature> SignText(const Signer& signer, std::string_view text);

// Known keys, at most one per (name, key ID).
class VerifierSet {
 public:
  // AlreadyExists if a key of the same name and key ID is already known.
  Status Add(const Verifier& v);
  const Verifier* Find(std::string_view name, uint32_t key_id) const;
  const std::vector<Verifier>& all() const { return keys_; }
  bool empty() const { return keys_.empty(); }

 private:
  std::vector<Verifier> keys_;
};

struct VerifiedNote {
  Note note;
  // The known keys whose signature verified, in note order, each once.
  std::vector<Verifier> verified;
  // Indexes into note.signatures of the signatures by unknown keys.
  std::vector<size_t> unknown;
};

StatusOr<VerifiedNote> OpenNote(std::string_view bytes, const VerifierSet& known,
                                const NoteLimits& limits = {});

}  // namespace verity::tlog

#endif  // VERITY_TLOG_NOTE_H_
