#include "core/text.h"

#include <cstdint>
#include <cstring>

namespace verity {
namespace {

constexpr bool IsContinuation(unsigned char c) { return (c & 0xC0) == 0x80; }

// The length of the well-formed sequence starting at s[i] (1..4), or 0 with
// `*reason` set. Table 3-7 of the Unicode standard, lead byte by lead byte.
size_t SequenceLength(std::string_view s, size_t i, std::string_view* reason) {
  const auto c = static_cast<unsigned char>(s[i]);
  if (c < 0x80) return 1;
  if (IsContinuation(c)) {
    *reason = "unexpected continuation byte";
    return 0;
  }
  if (c == 0xC0 || c == 0xC1) {
    *reason = "overlong encoding";
    return 0;
  }
  if (c >= 0xF5) {
    *reason = c >= 0xF8 ? "invalid byte" : "code point above U+10FFFF";
    return 0;
  }
  const size_t n = c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
  // The second byte's range depends on the lead byte; it is where overlong
  // forms, surrogates and code points above U+10FFFF show.
  unsigned char lo = 0x80, hi = 0xBF;
  std::string_view out_of_range = "expected a continuation byte";
  if (c == 0xE0) lo = 0xA0, out_of_range = "overlong encoding";
  if (c == 0xED) hi = 0x9F, out_of_range = "surrogate code point (U+D800..U+DFFF)";
  if (c == 0xF0) lo = 0x90, out_of_range = "overlong encoding";
  if (c == 0xF4) hi = 0x8F, out_of_range = "code point above U+10FFFF";
  for (size_t k = 1; k < n; ++k) {
    if (i + k >= s.size()) {
      *reason = "truncated sequence";
      return 0;
    }
    const auto b = static_cast<unsigned char>(s[i + k]);
    if (!IsContinuation(b)) {
      *reason = "expected a continuation byte";
      return 0;
    }
    if (k == 1 && (b < lo || b > hi)) {
      *reason = out_of_range;
      return 0;
    }
  }
  return n;
}

// True if the 8 bytes at p are all ASCII.
bool Ascii8(const char* p) {
  uint64_t w;
  std::memcpy(&w, p, sizeof w);
  return (w & 0x8080808080808080ULL) == 0;
}

std::string Hex(unsigned char c) {
  static constexpr char kDigits[] = "0123456789ABCDEF";
  return {'\\', 'x', kDigits[c >> 4], kDigits[c & 15]};
}

// True if s[i..] starts a C1 control (U+0080..U+009F: C2 80..C2 9F).
bool IsC1(std::string_view s, size_t i) {
  return static_cast<unsigned char>(s[i]) == 0xC2 && i + 1 < s.size() &&
         static_cast<unsigned char>(s[i + 1]) <= 0x9F;
}

}  // namespace

std::optional<Utf8Error> FindInvalidUtf8(std::string_view bytes) {
  size_t i = 0;
  while (i < bytes.size()) {
    if (i + 8 <= bytes.size() && Ascii8(bytes.data() + i)) {
      i += 8;
      continue;
    }
    std::string_view reason;
    const size_t n = SequenceLength(bytes, i, &reason);
    if (n == 0) return Utf8Error{i, reason};
    i += n;
  }
  return std::nullopt;
}

Status CheckUtf8(std::string_view bytes, std::string_view where) {
  const auto bad = FindInvalidUtf8(bytes);
  if (!bad) return Status::Ok();
  return InvalidArgument(std::string(where) + ": invalid UTF-8 at byte " +
                         std::to_string(bad->offset) + " (" +
                         Hex(static_cast<unsigned char>(bytes[bad->offset])).substr(2) +
                         "): " + std::string(bad->reason));
}

Status CheckUtf8Text(std::string_view text, std::string_view source) {
  const auto bad = FindInvalidUtf8(text);
  if (!bad) return Status::Ok();
  const auto [line, col] = LineColumn(text, bad->offset);
  return InvalidArgument(std::string(source) + ": line " + std::to_string(line) + ", column " +
                         std::to_string(col) + ": invalid UTF-8 (" + std::string(bad->reason) +
                         ", byte 0x" +
                         Hex(static_cast<unsigned char>(text[bad->offset])).substr(2) + ")");
}

std::pair<size_t, size_t> LineColumn(std::string_view text, size_t pos) {
  size_t line = 1, col = 1;
  for (size_t i = 0; i < pos && i < text.size(); ++i) {
    if (text[i] == '\n') {
      ++line;
      col = 1;
    } else {
      ++col;
    }
  }
  return {line, col};
}

std::string EscapeBytes(std::string_view bytes, size_t max_bytes) {
  if (bytes.size() > max_bytes) {
    size_t cut = max_bytes;
    while (cut > 0 && IsContinuation(static_cast<unsigned char>(bytes[cut]))) --cut;
    return EscapeBytes(bytes.substr(0, cut)) + "...";
  }
  std::string out;
  out.reserve(bytes.size());
  size_t i = 0;
  while (i < bytes.size()) {
    const auto c = static_cast<unsigned char>(bytes[i]);
    if (c >= 0x20 && c < 0x7F) {
      if (c == '\\') out += '\\';
      out += static_cast<char>(c);
      ++i;
      continue;
    }
    if (c == '\n' || c == '\t' || c == '\r') {
      out += c == '\n' ? "\\n" : c == '\t' ? "\\t" : "\\r";
      ++i;
      continue;
    }
    std::string_view reason;
    const size_t n = c < 0x80 ? 0 : SequenceLength(bytes, i, &reason);
    if (n == 0 || IsC1(bytes, i)) {
      const size_t len = n == 0 ? 1 : n;
      for (size_t k = 0; k < len; ++k) out += Hex(static_cast<unsigned char>(bytes[i + k]));
      i += len;
      continue;
    }
    out.append(bytes.substr(i, n));
    i += n;
  }
  return out;
}

std::string Quote(std::string_view bytes, size_t max_bytes) {
  return "'" + EscapeBytes(bytes, max_bytes) + "'";
}

std::string CleanMessage(std::string message) {
  auto clean_byte = [](unsigned char c) {
    return (c >= 0x20 && c != 0x7F) || c == '\n' || c == '\t';
  };
  bool clean = !FindInvalidUtf8(message).has_value();
  for (size_t i = 0; clean && i < message.size(); ++i) {
    clean = clean_byte(static_cast<unsigned char>(message[i])) && !IsC1(message, i);
  }
  if (clean) return message;
  std::string out;
  out.reserve(message.size() + 16);
  size_t i = 0;
  while (i < message.size()) {
    const auto c = static_cast<unsigned char>(message[i]);
    std::string_view reason;
    const size_t n = c < 0x80 ? 1 : SequenceLength(message, i, &reason);
    if (n == 0 || (n == 1 && !clean_byte(c)) || IsC1(message, i)) {
      const size_t len = n == 0 ? 1 : n;
      for (size_t k = 0; k < len; ++k) out += Hex(static_cast<unsigned char>(message[i + k]));
      i += len;
      continue;
    }
    out.append(message, i, n);
    i += n;
  }
  return out;
}

}  // namespace verity
