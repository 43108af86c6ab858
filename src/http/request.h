// From the bytes of a request to a checked http::Request (message.h).
//
// The HTTP layer parses the request line and the header fields with
// Boost.Beast's parser, bounded by the Limits; then every part a handler
// will see is decoded and checked here, and a failure names the part:
//   400 malformed_request "path: invalid UTF-8 at byte 1 (FF): invalid byte"
//   400 malformed_request "query parameter 'from': bad percent-encoding at byte 3"
//   400 malformed_request "header 'user-agent': invalid UTF-8 at byte 0 (...)"
//   400 malformed_request "query parameter 'as_of': given more than once"
//   400 malformed_request "header 'authorization': given more than once"
//   431 headers_too_large "more than 64 header fields"
// Messages are clean UTF-8: request bytes appear in them escaped (core/text.h).
//
// Thread safety: pure functions.
#ifndef VERITY_HTTP_REQUEST_H_
#define VERITY_HTTP_REQUEST_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "http/limits.h"
#include "http/message.h"

namespace verity::http {

// A request the HTTP layer refuses before any handler runs.
struct Failure {
  int status = 400;
  std::string code = "malformed_request";
  std::string message;
};

// Either a request for a handler or the failure to answer instead.
struct Parsed {
  std::optional<Request> request;
  Failure failure;  // meaningful when !request
};

// The request made of parts the parser found: decodes and checks the
// target (origin form only: it must start with '/'), the query and the
// header values, and counts the header fields.
Parsed MakeRequest(std::string method, std::string_view target, std::vector<Field> headers,
                   std::string body, bool keep_alive, const Limits& limits);

// Parses the first request in `raw` with the same parser and limits as the
// server (for the fuzz target and tests). `complete` false: the bytes end
// before the request does (the failure is 400 "incomplete request").
Parsed ParseRequest(std::string_view raw, const Limits& limits, bool* complete = nullptr);

}  // namespace verity::http

#endif  // VERITY_HTTP_REQUEST_H_
