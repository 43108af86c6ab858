#include "tlog/keys.h"

#include <sodium.h>

#include <cstring>

#include "core/hash.h"
#include "tlog/cosignature.h"
#include "tlog/encoding.h"

namespace verity::tlog {
namespace {

constexpr std::string_view kSkeyPrefix = "PRIVATE+KEY+";

StatusOr<SignatureType> TypeFromByte(uint8_t b, std::string_view what) {
  switch (b) {
    case 0x01:
      return SignatureType::kEd25519;
    case 0x04:
      return SignatureType::kCosignatureV1;
    case 0x02:
      return InvalidArgument(std::string(what) + ": ECDSA keys (type 0x02) are not supported");
    case 0x05:
      return InvalidArgument(std::string(what) +
                             ": RFC 6962 tree head keys (type 0x05) are not supported");
    case 0x06:
      return InvalidArgument(std::string(what) + ": ML-DSA-44 keys (type 0x06) are not supported");
    default:
      return InvalidArgument(std::string(what) + ": unknown signature type " + std::to_string(b));
  }
}

std::string HexId(uint32_t id) {
  const uint8_t b[4] = {static_cast<uint8_t>(id >> 24), static_cast<uint8_t>(id >> 16),
                        static_cast<uint8_t>(id >> 8), static_cast<uint8_t>(id)};
  return ToHex(b, 4);
}

// Parses "<name>+<hex id>+<base64(type || key)>" into its parts.
struct KeyParts {
  std::string_view name;
  uint32_t id = 0;
  SignatureType type = SignatureType::kEd25519;
  std::array<uint8_t, 32> key{};
};

StatusOr<KeyParts> ParseKeyParts(std::string_view text, std::string_view what) {
  const size_t p1 = text.find('+');
  const size_t p2 = p1 == std::string_view::npos ? p1 : text.find('+', p1 + 1);
  // The key's base64 may itself contain '+'.
  if (p2 == std::string_view::npos) {
    return InvalidArgument(std::string(what) + ": expected <name>+<key ID>+<key>");
  }
  KeyParts parts;
  parts.name = text.substr(0, p1);
  VERITY_RETURN_IF_ERROR(CheckKeyName(parts.name, what));
  const std::string_view hex = text.substr(p1 + 1, p2 - p1 - 1);
  uint8_t id[4];
  if (hex.size() != 8 || !HexToBytes(hex, id) || ToHex(id, 4) != hex) {
    return InvalidArgument(std::string(what) + ": the key ID is not 8 lower-case hex digits");
  }
  parts.id = uint32_t{id[0]} << 24 | uint32_t{id[1]} << 16 | uint32_t{id[2]} << 8 | id[3];
  VERITY_ASSIGN_OR_RETURN(std::string raw, Base64Decode(text.substr(p2 + 1), what));
  if (raw.empty()) return InvalidArgument(std::string(what) + ": the key is empty");
  VERITY_ASSIGN_OR_RETURN(parts.type, TypeFromByte(static_cast<uint8_t>(raw[0]), what));
  if (raw.size() != 33) {
    return InvalidArgument(std::string(what) + ": an Ed25519 key is 32 bytes, not " +
                           std::to_string(raw.size() - 1));
  }
  std::memcpy(parts.key.data(), raw.data() + 1, 32);
  return parts;
}

std::string TypeAndKey(SignatureType type, const std::array<uint8_t, 32>& key) {
  std::string raw(1, static_cast<char>(type));
  raw.append(reinterpret_cast<const char*>(key.data()), key.size());
  return Base64Encode(raw);
}

bool VerifyEd25519(const PublicKey& key, std::string_view message, std::string_view sig) {
  if (sig.size() != crypto_sign_BYTES) return false;
  return crypto_sign_verify_detached(reinterpret_cast<const unsigned char*>(sig.data()),
                                     reinterpret_cast<const unsigned char*>(message.data()),
                                     message.size(), key.data()) == 0;
}

}  // namespace

uint32_t KeyId(std::string_view name, SignatureType type, const PublicKey& key) {
  std::string buf(name);
  buf.push_back('\n');
  buf.push_back(static_cast<char>(type));
  buf.append(reinterpret_cast<const char*>(key.data()), key.size());
  const Hash256 h = Sha256(buf);
  return uint32_t{h[0]} << 24 | uint32_t{h[1]} << 16 | uint32_t{h[2]} << 8 | h[3];
}

StatusOr<Verifier> Verifier::Parse(std::string_view vkey) {
  VERITY_ASSIGN_OR_RETURN(KeyParts parts, ParseKeyParts(vkey, "vkey"));
  VERITY_ASSIGN_OR_RETURN(Verifier v, Make(parts.name, parts.type, parts.key));
  if (v.key_id_ != parts.id) {
    return InvalidArgument("vkey: the key ID " + HexId(parts.id) +
                           " is not the one of this name and key (" + HexId(v.key_id_) + ")");
  }
  return v;
}

StatusOr<Verifier> Verifier::Make(std::string_view name, SignatureType type, const PublicKey& key) {
  VERITY_RETURN_IF_ERROR(CheckKeyName(name, "key"));
  Verifier v;
  v.name_ = std::string(name);
  v.type_ = type;
  v.key_ = key;
  v.key_id_ = KeyId(name, type, key);
  return v;
}

std::string Verifier::ToString() const {
  return name_ + "+" + HexId(key_id_) + "+" + TypeAndKey(type_, key_);
}

bool Verifier::Verify(std::string_view text, std::string_view signature) const {
  switch (type_) {
    case SignatureType::kEd25519:
      return VerifyEd25519(key_, text, signature);
    case SignatureType::kCosignatureV1: {
      if (signature.size() != 8 + crypto_sign_BYTES) return false;
      const uint64_t ts = CosignatureTimestamp(signature);
      if (ts > kMaxTimestamp) return false;
      return VerifyEd25519(key_, CosignatureMessage(text, ts), signature.substr(8));
    }
  }
  return false;
}

StatusOr<Signer> Signer::Generate(std::string_view name, SignatureType type) {
  VERITY_RETURN_IF_ERROR(InitCrypto());
  Seed seed;
  randombytes_buf(seed.data(), seed.size());
  auto s = FromSeed(name, type, seed);
  sodium_memzero(seed.data(), seed.size());
  return s;
}

StatusOr<Signer> Signer::FromSeed(std::string_view name, SignatureType type, const Seed& seed) {
  VERITY_RETURN_IF_ERROR(InitCrypto());
  Signer s;
  PublicKey pk;
  crypto_sign_seed_keypair(pk.data(), s.secret_.data(), seed.data());
  VERITY_ASSIGN_OR_RETURN(s.verifier_, Verifier::Make(name, type, pk));
  s.seed_ = seed;
  return s;
}

StatusOr<Signer> Signer::Parse(std::string_view skey) {
  if (skey.substr(0, kSkeyPrefix.size()) != kSkeyPrefix) {
    return InvalidArgument("skey: expected PRIVATE+KEY+<name>+<key ID>+<key>");
  }
  VERITY_ASSIGN_OR_RETURN(KeyParts parts, ParseKeyParts(skey.substr(kSkeyPrefix.size()), "skey"));
  auto s = FromSeed(parts.name, parts.type, parts.key);
  sodium_memzero(parts.key.data(), parts.key.size());
  if (s.ok() && s->key_id() != parts.id) {
    return InvalidArgument("skey: the key ID " + HexId(parts.id) + " is not the one of its key");
  }
  return s;
}

Signer::~Signer() {
  sodium_memzero(seed_.data(), seed_.size());
  sodium_memzero(secret_.data(), secret_.size());
}

std::string Signer::ToString() const {
  return std::string(kSkeyPrefix) + name() + "+" + HexId(key_id()) + "+" +
         TypeAndKey(type(), seed_);
}

std::string Signer::SignRaw(std::string_view message) const {
  std::string sig(crypto_sign_BYTES, '\0');
  crypto_sign_detached(reinterpret_cast<unsigned char*>(sig.data()), nullptr,
                       reinterpret_cast<const unsigned char*>(message.data()), message.size(),
                       secret_.data());
  return sig;
}

}  // namespace verity::tlog
