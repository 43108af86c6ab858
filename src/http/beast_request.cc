#include "http/beast_request.h"

namespace verity::http {

namespace bhttp = boost::beast::http;

void ConfigureParser(RequestParser& parser, const Limits& limits) {
  parser.header_limit(static_cast<std::uint32_t>(limits.max_header_bytes));
  parser.body_limit(static_cast<std::uint64_t>(limits.max_body_bytes));
}

Parsed FromParser(RequestParser& parser, std::string peer, const Limits& limits) {
  bhttp::request<bhttp::string_body> msg = parser.release();
  std::vector<Field> headers;
  for (const auto& f : msg)
    headers.emplace_back(std::string(f.name_string()), std::string(f.value()));
  Parsed p = MakeRequest(std::string(msg.method_string()), std::string_view(msg.target()),
                         std::move(headers), std::move(msg.body()), msg.keep_alive(), limits);
  if (p.request) p.request->peer = std::move(peer);
  return p;
}

Parsed ParsedFromError(const boost::beast::error_code& ec, const Limits& limits) {
  Parsed p;
  if (ec == bhttp::error::header_limit) {
    p.failure = {431, "headers_too_large",
                 "the request line and header fields exceed " +
                     std::to_string(limits.max_header_bytes) + " bytes"};
  } else if (ec == bhttp::error::body_limit) {
    p.failure = {
        413, "payload_too_large",
        "request body exceeds the limit of " + std::to_string(limits.max_body_bytes) + " bytes"};
  } else {
    p.failure = {400, "malformed_request", "the request is not well-formed HTTP/1.1"};
  }
  return p;
}

}  // namespace verity::http
