// SHA-256 and hex helpers (libsodium).
#ifndef VERITY_CORE_HASH_H_
#define VERITY_CORE_HASH_H_

#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace verity {

using Hash256 = std::array<uint8_t, 32>;

// Initialises libsodium once; safe to call from any thread, any number of
// times. Internal if the library cannot start.
Status InitCrypto();

Hash256 Sha256(std::string_view data);
// SHA-256 of prefix byte followed by `data` (RFC 9162 leaf/node hashing).
Hash256 Sha256Prefixed(uint8_t prefix, std::string_view data);
Hash256 Sha256Pair(uint8_t prefix, const Hash256& left, const Hash256& right);

std::string ToHex(const uint8_t* data, size_t size);
std::string ToHex(const Hash256& h);
// Lower- or upper-case hex; InvalidArgument on odd length or a bad digit.
StatusOr<std::vector<uint8_t>> FromHex(std::string_view hex);
// Decodes `hex` (lower- or upper-case) into `out` without allocating. False,
// with `out` partly written, unless `hex` has exactly 2 * out.size() digits.
bool HexToBytes(std::string_view hex, std::span<uint8_t> out);
StatusOr<Hash256> HashFromHex(std::string_view hex);

}  // namespace verity

#endif  // VERITY_CORE_HASH_H_
