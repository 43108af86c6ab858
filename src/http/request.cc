#include "http/request.h"

#include <boost/beast/core/error.hpp>

#include "core/text.h"
#include "http/beast_request.h"
#include "http/text.h"

namespace verity::http {
namespace {

Parsed Fail(int status, std::string code, std::string message) {
  Parsed p;
  p.failure = Failure{status, std::move(code), std::move(message)};
  return p;
}

Parsed Fail(const Status& s) { return Fail(400, "malformed_request", s.message()); }

// Header fields that hold one value (RFC 9110 section 5.3): a second one
// is ambiguous (which credentials, which host?), so it is refused.
constexpr std::string_view kSingleFields[] = {"authorization", "content-type", "host"};

Status CheckSingleFields(const std::vector<Field>& headers) {
  for (std::string_view name : kSingleFields) {
    int seen = 0;
    for (const Field& f : headers) seen += f.first == name;
    if (seen > 1)
      return InvalidArgument("header '" + std::string(name) + "': given more than once");
  }
  return Status::Ok();
}

bool HasControl(std::string_view text) {
  for (char c : text) {
    const auto b = static_cast<unsigned char>(c);
    if (b < 0x20 || b == 0x7F) return true;
  }
  return false;
}

// "a=1&b=x%20y" -> {{"a","1"},{"b","x y"}}; empty parts are skipped.
StatusOr<std::vector<Field>> ParseQuery(std::string_view query) {
  std::vector<Field> out;
  while (!query.empty()) {
    const size_t amp = query.find('&');
    const std::string_view part = query.substr(0, amp);
    query = amp == std::string_view::npos ? std::string_view() : query.substr(amp + 1);
    if (part.empty()) continue;
    const size_t eq = part.find('=');
    VERITY_ASSIGN_OR_RETURN(std::string name,
                            PercentDecode(part.substr(0, eq), true, "query parameter name"));
    const std::string where = "query parameter " + Quote(name, 64);
    for (const Field& f : out) {
      if (f.first == name) return InvalidArgument(where + ": given more than once");
    }
    std::string value;
    if (eq != std::string_view::npos) {
      VERITY_ASSIGN_OR_RETURN(value, PercentDecode(part.substr(eq + 1), true, where));
    }
    out.emplace_back(std::move(name), std::move(value));
  }
  return out;
}

}  // namespace

Parsed MakeRequest(std::string method, std::string_view target, std::vector<Field> headers,
                   std::string body, bool keep_alive, const Limits& limits) {
  if (static_cast<int64_t>(headers.size()) > limits.max_header_count) {
    return Fail(431, "headers_too_large",
                "more than " + std::to_string(limits.max_header_count) + " header fields");
  }
  if (target.empty() || target[0] != '/') {
    return Fail(400, "malformed_request", "the request target must be a path starting with '/'");
  }
  Request r;
  r.method = std::move(method);
  r.target = std::string(target);
  const size_t q = target.find('?');
  auto path = PercentDecode(target.substr(0, q), false, "path");
  if (!path.ok()) return Fail(path.status());
  if (HasControl(*path)) {
    return Fail(400, "malformed_request", "path: contains a control character");
  }
  r.path = std::move(*path);
  if (q != std::string_view::npos) {
    auto query = ParseQuery(target.substr(q + 1));
    if (!query.ok()) return Fail(query.status());
    r.query = std::move(*query);
  }
  for (Field& f : headers) {
    for (char& c : f.first) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    Status s = CheckUtf8(f.second, "header " + Quote(f.first, 64));
    if (!s.ok()) return Fail(s);
  }
  if (Status s = CheckSingleFields(headers); !s.ok()) return Fail(s);
  r.headers = std::move(headers);
  r.body = std::move(body);
  r.keep_alive = keep_alive;
  Parsed p;
  p.request = std::move(r);
  return p;
}

Parsed ParseRequest(std::string_view raw, const Limits& limits, bool* complete) {
  if (complete != nullptr) *complete = false;
  RequestParser parser;
  ConfigureParser(parser, limits);
  boost::beast::error_code ec;
  size_t used = 0;
  while (!parser.is_done()) {
    const size_t n = parser.put(boost::asio::buffer(raw.data() + used, raw.size() - used), ec);
    used += n;
    if (ec == boost::beast::http::error::need_more) ec = {};
    if (ec || n == 0) break;
  }
  if (ec) return ParsedFromError(ec, limits);
  if (!parser.is_done()) return Fail(400, "malformed_request", "incomplete request");
  if (complete != nullptr) *complete = true;
  return FromParser(parser, "", limits);
}

}  // namespace verity::http
