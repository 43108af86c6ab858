#include "http/message.h"

#include <cctype>

namespace verity::http {
namespace {

bool EqualsIgnoringCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(a[i])) !=
        std::tolower(static_cast<unsigned char>(b[i]))) {
      return false;
    }
  }
  return true;
}

}  // namespace

std::optional<std::string_view> Request::Header(std::string_view name) const {
  for (const Field& f : headers) {
    if (EqualsIgnoringCase(f.first, name)) return f.second;
  }
  return std::nullopt;
}

std::optional<std::string_view> Request::Query(std::string_view name) const {
  for (const Field& f : query) {
    if (f.first == name) return f.second;
  }
  return std::nullopt;
}

Response PlainTextError(int http_status, std::string_view code, std::string_view message) {
  Response r;
  r.status = http_status;
  r.SetBody(std::string(code) + ": " + std::string(message) + "\n", "text/plain; charset=utf-8");
  return r;
}

}  // namespace verity::http
