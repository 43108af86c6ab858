#include "tlog/note.h"

#include <algorithm>

#include "core/hash.h"
#include "tlog/encoding.h"

namespace verity::tlog {
namespace {

constexpr std::string_view kSigPrefix = "\xE2\x80\x94 ";  // U+2014 EM DASH, space

Status Malformed(std::string why) { return InvalidArgument("note: " + why); }

std::string KeyLabel(std::string_view name, uint32_t id) {
  const uint8_t b[4] = {static_cast<uint8_t>(id >> 24), static_cast<uint8_t>(id >> 16),
                        static_cast<uint8_t>(id >> 8), static_cast<uint8_t>(id)};
  return std::string(name) + "+" + ToHex(b, 4);
}

// signed-note.md: valid UTF-8, no ASCII control character but newline.
Status CheckCharacters(std::string_view bytes) {
  for (char c : bytes) {
    const auto u = static_cast<unsigned char>(c);
    if (u < 0x20 && c != '\n') {
      return Malformed(u == '\r' ? "contains a carriage return" : "contains a control character");
    }
  }
  if (!IsValidUtf8(bytes)) return Malformed("is not valid UTF-8");
  return Status::Ok();
}

}  // namespace

std::string NoteSignature::Line() const {
  std::string raw(4, '\0');
  for (int i = 0; i < 4; ++i) raw[i] = static_cast<char>(key_id >> (24 - 8 * i));
  raw += signature;
  return std::string(kSigPrefix) + name + " " + Base64Encode(raw) + "\n";
}

Status CheckNoteText(std::string_view text) {
  if (text.size() > kMaxNoteBytes) {
    return Malformed("the text is longer than " + std::to_string(kMaxNoteBytes) + " bytes");
  }
  if (text.empty() || text.back() != '\n') return Malformed("the text does not end in a newline");
  return CheckCharacters(text);
}

StatusOr<NoteSignature> ParseSignatureLine(std::string_view line) {
  if (line.substr(0, kSigPrefix.size()) != kSigPrefix) {
    return Malformed("a signature line does not start with an em dash and a space");
  }
  line.remove_prefix(kSigPrefix.size());
  const size_t space = line.find(' ');
  if (space == std::string_view::npos) return Malformed("a signature line has no signature");
  NoteSignature sig;
  sig.name = std::string(line.substr(0, space));
  VERITY_RETURN_IF_ERROR(CheckKeyName(sig.name, "note: signature line"));
  VERITY_ASSIGN_OR_RETURN(std::string raw,
                          Base64Decode(line.substr(space + 1), "note: signature of " + sig.name));
  if (raw.size() < 5) return Malformed("the signature of " + sig.name + " is too short");
  for (int i = 0; i < 4; ++i) sig.key_id = sig.key_id << 8 | static_cast<unsigned char>(raw[i]);
  sig.signature = raw.substr(4);
  return sig;
}

StatusOr<std::vector<NoteSignature>> ParseSignatureLines(std::string_view block, size_t max) {
  if (block.empty()) return Malformed("there is no signature line");
  if (block.back() != '\n') return Malformed("the last signature line does not end in a newline");
  std::vector<NoteSignature> out;
  for (std::string_view line : SplitLines(block)) {
    if (out.size() == max) return Malformed("more than " + std::to_string(max) + " signatures");
    VERITY_ASSIGN_OR_RETURN(NoteSignature sig, ParseSignatureLine(line));
    out.push_back(std::move(sig));
  }
  return out;
}

StatusOr<Note> ParseNote(std::string_view bytes, const NoteLimits& limits) {
  if (bytes.size() > limits.max_bytes) {
    return Malformed("longer than " + std::to_string(limits.max_bytes) + " bytes");
  }
  VERITY_RETURN_IF_ERROR(CheckCharacters(bytes));
  const size_t split = bytes.rfind("\n\n");
  if (split == std::string_view::npos) {
    return Malformed("no blank line separates the text from the signatures");
  }
  Note note;
  note.text = std::string(bytes.substr(0, split + 1));
  VERITY_ASSIGN_OR_RETURN(note.signatures,
                          ParseSignatureLines(bytes.substr(split + 2), limits.max_signatures));
  return note;
}

std::string FormatNote(const Note& note) {
  std::string out = note.text + "\n";
  for (const NoteSignature& s : note.signatures) out += s.Line();
  return out;
}

StatusOr<NoteSignature> SignText(const Signer& signer, std::string_view text) {
  if (signer.type() != SignatureType::kEd25519) {
    return InvalidArgument("note: " + signer.name() + " is not an Ed25519 note key (type 0x01)");
  }
  VERITY_RETURN_IF_ERROR(CheckNoteText(text));
  return NoteSignature{signer.name(), signer.key_id(), signer.SignRaw(text)};
}

Status VerifierSet::Add(const Verifier& v) {
  if (Find(v.name(), v.key_id()) != nullptr) {
    return AlreadyExists("key " + KeyLabel(v.name(), v.key_id()) + " is listed twice");
  }
  keys_.push_back(v);
  return Status::Ok();
}

const Verifier* VerifierSet::Find(std::string_view name, uint32_t key_id) const {
  for (const Verifier& v : keys_) {
    if (v.key_id() == key_id && v.name() == name) return &v;
  }
  return nullptr;
}

StatusOr<VerifiedNote> OpenNote(std::string_view bytes, const VerifierSet& known,
                                const NoteLimits& limits) {
  VerifiedNote out;
  VERITY_ASSIGN_OR_RETURN(out.note, ParseNote(bytes, limits));
  for (size_t i = 0; i < out.note.signatures.size(); ++i) {
    const NoteSignature& s = out.note.signatures[i];
    const Verifier* v = known.Find(s.name, s.key_id);
    if (v == nullptr) {
      out.unknown.push_back(i);
      continue;
    }
    if (!v->Verify(out.note.text, s.signature)) {
      return PermissionDenied("note: the signature of " + KeyLabel(s.name, s.key_id) +
                              " does not verify");
    }
    const bool seen = std::any_of(out.verified.begin(), out.verified.end(), [&](const Verifier& w) {
      return w.key_id() == v->key_id() && w.name() == v->name();
    });
    if (!seen) out.verified.push_back(*v);
  }
  if (out.verified.empty()) return PermissionDenied("note: no signature from a known key");
  return out;
}

}  // namespace verity::tlog
