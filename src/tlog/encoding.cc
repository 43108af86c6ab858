#include "tlog/encoding.h"

#include <sodium.h>

#include <algorithm>
#include <cstring>
#include <iterator>

namespace verity::tlog {
namespace {

Status Bad(std::string_view what, std::string_view why) {
  return InvalidArgument(std::string(what) + ": " + std::string(why));
}

// Decodes one UTF-8 sequence at `s[i]`; returns its length, 0 if malformed.
size_t DecodeUtf8(std::string_view s, size_t i, char32_t* out) {
  const auto b = [&](size_t k) { return static_cast<unsigned char>(s[i + k]); };
  const unsigned char c = b(0);
  if (c < 0x80) {
    *out = c;
    return 1;
  }
  size_t n;
  char32_t cp, min;
  if ((c & 0xE0) == 0xC0) {
    n = 2, cp = c & 0x1F, min = 0x80;
  } else if ((c & 0xF0) == 0xE0) {
    n = 3, cp = c & 0x0F, min = 0x800;
  } else if ((c & 0xF8) == 0xF0) {
    n = 4, cp = c & 0x07, min = 0x10000;
  } else {
    return 0;
  }
  if (i + n > s.size()) return 0;
  for (size_t k = 1; k < n; ++k) {
    if ((b(k) & 0xC0) != 0x80) return 0;
    cp = cp << 6 | (b(k) & 0x3F);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
  *out = cp;
  return n;
}

}  // namespace

std::string Base64Encode(std::string_view bytes) {
  std::string out(sodium_base64_encoded_len(bytes.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(bytes.data()),
                    bytes.size(), sodium_base64_VARIANT_ORIGINAL);
  out.pop_back();  // the terminating NUL
  return out;
}

std::string Base64Encode(const Hash256& hash) {
  return Base64Encode(std::string_view(reinterpret_cast<const char*>(hash.data()), hash.size()));
}

StatusOr<std::string> Base64Decode(std::string_view text, std::string_view what) {
  std::string out(text.size() / 4 * 3 + 3, '\0');
  size_t len = 0;
  const char* end = nullptr;
  // libsodium refuses missing padding and non-zero unused bits; `end` tells
  // whether it stopped early.
  if (text.size() % 4 != 0 ||
      sodium_base642bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), text.data(),
                        text.size(), nullptr, &len, &end, sodium_base64_VARIANT_ORIGINAL) != 0 ||
      end != text.data() + text.size()) {
    return Bad(what, "not canonical base64");
  }
  out.resize(len);
  return out;
}

StatusOr<Hash256> DecodeHash(std::string_view text, std::string_view what) {
  if (text.size() != 44) return Bad(what, "a hash is 44 base64 characters");
  VERITY_ASSIGN_OR_RETURN(std::string raw, Base64Decode(text, what));
  if (raw.size() != 32) return Bad(what, "a hash is 32 bytes");
  Hash256 h;
  std::memcpy(h.data(), raw.data(), 32);
  return h;
}

StatusOr<uint64_t> ParseDecimal(std::string_view text, std::string_view what, uint64_t max) {
  if (text.empty()) return Bad(what, "expected a decimal number, found nothing");
  if (text.size() > 1 && text[0] == '0') {
    return Bad(what, "'" + std::string(text.substr(0, 24)) + "' has a leading zero");
  }
  uint64_t v = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return Bad(what, "expected a decimal number");
    const uint64_t d = static_cast<uint64_t>(c - '0');
    if (d > max || v > (max - d) / 10) return Bad(what, "number above " + std::to_string(max));
    v = v * 10 + d;
  }
  return v;
}

bool IsValidUtf8(std::string_view text) {
  char32_t cp;
  for (size_t i = 0; i < text.size();) {
    const size_t n = DecodeUtf8(text, i, &cp);
    if (n == 0) return false;
    i += n;
  }
  return true;
}

bool IsUnicodeSpace(char32_t c) {
  // The Unicode White_Space property (PropList.txt).
  static constexpr char32_t kSpaces[] = {0x09, 0x0A,   0x0B,   0x0C,   0x0D,   0x20,   0x85,
                                         0xA0, 0x1680, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000};
  if (c >= 0x2000 && c <= 0x200A) return true;
  return std::find(std::begin(kSpaces), std::end(kSpaces), c) != std::end(kSpaces);
}

Status CheckKeyName(std::string_view name, std::string_view what) {
  if (name.empty()) return Bad(what, "the key name is empty");
  if (name.size() > kMaxKeyNameBytes) {
    return Bad(what, "the key name is longer than " + std::to_string(kMaxKeyNameBytes) + " bytes");
  }
  char32_t cp;
  for (size_t i = 0; i < name.size();) {
    const size_t n = DecodeUtf8(name, i, &cp);
    if (n == 0) return Bad(what, "the key name is not UTF-8");
    if (IsUnicodeSpace(cp)) return Bad(what, "the key name contains a space");
    if (cp < 0x20) return Bad(what, "the key name contains a control character");
    if (cp == '+') return Bad(what, "the key name contains '+'");
    i += n;
  }
  return Status::Ok();
}

std::vector<std::string_view> SplitLines(std::string_view text) {
  std::vector<std::string_view> lines;
  while (!text.empty()) {
    const size_t nl = text.find('\n');
    lines.push_back(text.substr(0, nl));
    text.remove_prefix(nl == std::string_view::npos ? text.size() : nl + 1);
  }
  return lines;
}

}  // namespace verity::tlog
