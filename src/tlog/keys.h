// Signed-note keys (signed-note.md, "Signatures" and "Verifier keys"):
// Ed25519 note signatures (type 0x01) and Ed25519 cosignatures
// (type 0x04, tlog-cosignature.md), key IDs, and the text encodings
//
//   vkey: <name>+<hex key ID>+base64(type || 32-byte public key)
//   skey: PRIVATE+KEY+<name>+<hex key ID>+base64(type || 32-byte seed)
//
// The skey form is the one Go's golang.org/x/mod/sumdb/note reads (the
// signed-note specification defines none). Other signature types (ECDSA,
// RFC 6962, ML-DSA-44) are refused by name: libsodium has no ML-DSA.
//
// Thread safety: values; const methods may be called from any thread.
#ifndef VERITY_TLOG_KEYS_H_
#define VERITY_TLOG_KEYS_H_

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/status.h"

namespace verity::tlog {

enum class SignatureType : uint8_t {
  kEd25519 = 0x01,        // a note signature over the note text
  kCosignatureV1 = 0x04,  // a timestamped checkpoint cosignature (tlog-cosignature)
};

using PublicKey = std::array<uint8_t, 32>;
using Seed = std::array<uint8_t, 32>;

// SHA-256(name || 0x0A || type || public key)[:4], big-endian.
uint32_t KeyId(std::string_view name, SignatureType type, const PublicKey& key);

// A public key that checks signature lines of one name and key ID.
class Verifier {
 public:
  // Parses a vkey. InvalidArgument "vkey: ..." when it has not three
  // '+'-separated parts, a bad key name, a key ID that is not 8 lower-case
  // hex digits or differs from the one computed, an unsupported type or a
  // key that is not 32 bytes.
  static StatusOr<Verifier> Parse(std::string_view vkey);
  // InvalidArgument if `name` is not a valid key name.
  static StatusOr<Verifier> Make(std::string_view name, SignatureType type, const PublicKey& key);

  const std::string& name() const { return name_; }
  uint32_t key_id() const { return key_id_; }
  SignatureType type() const { return type_; }
  const PublicKey& public_key() const { return key_; }
  // The vkey.
  std::string ToString() const;

  // True if `signature` (a signature line's bytes after the key ID) is this
  // key's signature of the note `text`: Ed25519 over the text (type 0x01),
  // or a timestamped_signature over the cosignature/v1 message (type 0x04).
  bool Verify(std::string_view text, std::string_view signature) const;

 private:
  std::string name_;
  uint32_t key_id_ = 0;
  SignatureType type_ = SignatureType::kEd25519;
  PublicKey key_{};
};

// A private key. The secret is wiped when the Signer is destroyed.
class Signer {
 public:
  // A new key from libsodium's generator. InvalidArgument on a bad name.
  static StatusOr<Signer> Generate(std::string_view name, SignatureType type);
  // The key of an RFC 8032 seed (deterministic; for tests and vectors).
  static StatusOr<Signer> FromSeed(std::string_view name, SignatureType type, const Seed& seed);
  // Parses an skey. InvalidArgument "skey: ..." (never echoing the secret).
  static StatusOr<Signer> Parse(std::string_view skey);

  Signer(const Signer&) = default;
  Signer& operator=(const Signer&) = default;
  ~Signer();

  const Verifier& verifier() const { return verifier_; }
  const std::string& name() const { return verifier_.name(); }
  uint32_t key_id() const { return verifier_.key_id(); }
  SignatureType type() const { return verifier_.type(); }
  // The skey (secret).
  std::string ToString() const;
  // The 64-byte RFC 8032 signature of `message`.
  std::string SignRaw(std::string_view message) const;

 private:
  Signer() = default;
  Verifier verifier_;
  Seed seed_{};
  std::array<uint8_t, 64> secret_{};
};

}  // namespace verity::tlog

#endif  // VERITY_TLOG_KEYS_H_
