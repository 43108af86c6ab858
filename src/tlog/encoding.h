// The small text encodings the C2SP specifications share: standard base64
// (RFC 4648 section 4), ASCII decimals without leading zeroes, UTF-8, key
// names (signed-note.md) and lines.
//
// Decoders are strict: base64 must be canonical (padding present, unused
// bits zero), decimals have no sign, no leading zero and no overflow. Every
// error is InvalidArgument and starts with the caller's `what`, so it names
// where the bad text was.
//
// Thread safety: pure functions.
#ifndef VERITY_TLOG_ENCODING_H_
#define VERITY_TLOG_ENCODING_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/hash.h"
#include "core/status.h"
#include "tlog/limits.h"

namespace verity::tlog {

std::string Base64Encode(std::string_view bytes);
std::string Base64Encode(const Hash256& hash);
// "<what>: not canonical base64" unless `text` is standard, padded,
// canonical base64 (no whitespace).
StatusOr<std::string> Base64Decode(std::string_view text, std::string_view what);
// A base64 SHA-256 hash: 44 characters decoding to 32 bytes.
StatusOr<Hash256> DecodeHash(std::string_view text, std::string_view what);

// An ASCII decimal with no leading zeroes (except "0" itself), at most `max`.
StatusOr<uint64_t> ParseDecimal(std::string_view text, std::string_view what,
                                uint64_t max = kMaxTreeSize);

// True if `text` is well-formed UTF-8 (no overlong forms, no surrogates,
// nothing above U+10FFFF).
bool IsValidUtf8(std::string_view text);
// Unicode White_Space code points (as Go's unicode.IsSpace).
bool IsUnicodeSpace(char32_t c);
// signed-note.md: a key name is non-empty UTF-8 with no Unicode space and no
// '+'. Verity also refuses control characters and names over
// kMaxKeyNameBytes.
Status CheckKeyName(std::string_view name, std::string_view what);

// Splits `text` into lines at '\n'. REQUIRES: `text` is empty or ends in
// '\n'; the lines do not include it.
std::vector<std::string_view> SplitLines(std::string_view text);

}  // namespace verity::tlog

#endif  // VERITY_TLOG_ENCODING_H_
