#include "core/hash.h"

#include <sodium.h>

#include <cstring>

#include "core/text.h"

namespace verity {

Status InitCrypto() {
  static const int rc = sodium_init();  // thread-safe static initialisation
  if (rc < 0) return Internal("libsodium failed to initialise");
  return Status::Ok();
}

Hash256 Sha256(std::string_view data) {
  Hash256 out;
  crypto_hash_sha256(out.data(), reinterpret_cast<const unsigned char*>(data.data()), data.size());
  return out;
}

Hash256 Sha256Prefixed(uint8_t prefix, std::string_view data) {
  crypto_hash_sha256_state st;
  crypto_hash_sha256_init(&st);
  crypto_hash_sha256_update(&st, &prefix, 1);
  crypto_hash_sha256_update(&st, reinterpret_cast<const unsigned char*>(data.data()), data.size());
  Hash256 out;
  crypto_hash_sha256_final(&st, out.data());
  return out;
}

Hash256 Sha256Pair(uint8_t prefix, const Hash256& left, const Hash256& right) {
  unsigned char buf[65];
  buf[0] = prefix;
  std::memcpy(buf + 1, left.data(), 32);
  std::memcpy(buf + 33, right.data(), 32);
  Hash256 out;
  crypto_hash_sha256(out.data(), buf, sizeof buf);
  return out;
}

std::string ToHex(const uint8_t* data, size_t size) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string s(size * 2, '0');
  for (size_t i = 0; i < size; ++i) {
    s[2 * i] = kDigits[data[i] >> 4];
    s[2 * i + 1] = kDigits[data[i] & 15];
  }
  return s;
}

std::string ToHex(const Hash256& h) { return ToHex(h.data(), h.size()); }

bool HexToBytes(std::string_view hex, std::span<uint8_t> out) {
  if (hex.size() != 2 * out.size()) return false;
  auto nibble = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  };
  for (size_t i = 0; i < out.size(); ++i) {
    const int hi = nibble(hex[2 * i]), lo = nibble(hex[2 * i + 1]);
    if (hi < 0 || lo < 0) return false;
    out[i] = static_cast<uint8_t>(hi << 4 | lo);
  }
  return true;
}

StatusOr<std::vector<uint8_t>> FromHex(std::string_view hex) {
  if (hex.size() % 2 != 0) return InvalidArgument("hex string has odd length");
  std::vector<uint8_t> out(hex.size() / 2);
  if (!HexToBytes(hex, out)) return InvalidArgument(Quote(hex) + " is not hex");
  return out;
}

StatusOr<Hash256> HashFromHex(std::string_view hex) {
  VERITY_ASSIGN_OR_RETURN(auto bytes, FromHex(hex));
  if (bytes.size() != 32) return InvalidArgument("expected 64 hex digits (a SHA-256 hash)");
  Hash256 h;
  std::memcpy(h.data(), bytes.data(), 32);
  return h;
}

}  // namespace verity
