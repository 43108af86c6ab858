#include "http/text.h"

#include "core/text.h"

namespace verity::http {
namespace {

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

StatusOr<std::string> PercentDecode(std::string_view text, bool plus_is_space,
                                    std::string_view where) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '+' && plus_is_space) {
      out += ' ';
    } else if (c != '%') {
      out += c;
    } else {
      const int hi = i + 2 < text.size() ? HexValue(text[i + 1]) : -1;
      const int lo = i + 2 < text.size() ? HexValue(text[i + 2]) : -1;
      if (hi < 0 || lo < 0) {
        return InvalidArgument(std::string(where) + ": bad percent-encoding at byte " +
                               std::to_string(i));
      }
      out += static_cast<char>(hi * 16 + lo);
      i += 2;
    }
  }
  VERITY_RETURN_IF_ERROR(CheckUtf8(out, where));
  return out;
}

}  // namespace verity::http
