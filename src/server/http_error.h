// The single mapping from failures to HTTP responses.
//
// Every error the API returns goes through this file: a Status from the
// domain, or a failure of the request itself (malformed JSON, a body over
// the limit, an unknown route). Each has a stable lower-case `code` that
// clients may rely on, an HTTP status, and a human message. The body is
// always {"code": "...", "message": "..."}.
//
// Thread safety: pure functions.
#ifndef VERITY_SERVER_HTTP_ERROR_H_
#define VERITY_SERVER_HTTP_ERROR_H_

#include <string>
#include <string_view>

#include "core/json.h"
#include "core/status.h"

namespace verity::server {

struct HttpFailure {
  int http_status = 500;
  std::string code;
  std::string message;
  std::string allow;  // for method_not_allowed: the methods the path has ("GET, POST")

  Json ToJson() const;
};

// The failure for a non-OK domain Status, e.g. kInvalidArgument -> 422
// "invalid_argument", kPermissionDenied -> 403 "permission_denied".
// REQUIRES: !status.ok().
HttpFailure FailureFromStatus(const Status& status);

// Failures of the request itself, before any domain code runs.
HttpFailure MalformedRequest(std::string message);  // 400 "malformed_request"
HttpFailure PayloadTooLarge(size_t limit_bytes);    // 413 "payload_too_large"
HttpFailure RouteNotFound(std::string_view path);   // 404 "not_found"
// 405 "method_not_allowed"; `allow` lists the path's methods (the Allow header).
HttpFailure MethodNotAllowed(std::string_view method, std::string_view allow);

// The HTTP status that `code` (a stable code) maps to; 500 if unknown.
int HttpStatusOf(std::string_view code);

}  // namespace verity::server

#endif  // VERITY_SERVER_HTTP_ERROR_H_
