#include "server/http_error.h"

#include <array>

namespace verity::server {
namespace {

struct Row {
  std::string_view code;
  int http_status;
};

// The one error table. Domain codes are StatusCodeName() of core/status.h;
// the last rows are failures of the HTTP request itself.
constexpr std::array kErrorTable = {
    Row{"invalid_argument", 422},     // well-formed request, invalid content
    Row{"not_found", 404},            //
    Row{"already_exists", 409},       // e.g. a replayed notification serial
    Row{"failed_precondition", 409},  //
    Row{"permission_denied", 403},    // authenticated, not allowed
    Row{"unauthenticated", 401},      // missing or unknown token
    Row{"data_loss", 500},            //
    Row{"internal", 500},             //
    Row{"unavailable", 503},          //
    Row{"malformed_request", 400},    // unparsable JSON or request line
    Row{"payload_too_large", 413},    //
    Row{"method_not_allowed", 405},   //
    Row{"timeout", 408},              // the request was not complete in time
    Row{"headers_too_large", 431},    //
};

HttpFailure Make(std::string_view code, std::string message) {
  return HttpFailure{HttpStatusOf(code), std::string(code), std::move(message), ""};
}

}  // namespace

Json HttpFailure::ToJson() const { return Json{{"code", code}, {"message", message}}; }

int HttpStatusOf(std::string_view code) {
  for (const Row& row : kErrorTable) {
    if (row.code == code) return row.http_status;
  }
  return 500;
}

HttpFailure FailureFromStatus(const Status& status) {
  return Make(StatusCodeName(status.code()), status.message());
}

HttpFailure MalformedRequest(std::string message) {
  return Make("malformed_request", std::move(message));
}

HttpFailure PayloadTooLarge(size_t limit_bytes) {
  return Make("payload_too_large",
              "request body exceeds the limit of " + std::to_string(limit_bytes) + " bytes");
}

HttpFailure RouteNotFound(std::string_view path) {
  return Make("not_found", "no such resource: " + std::string(path));
}

HttpFailure MethodNotAllowed(std::string_view method, std::string_view allow) {
  HttpFailure f =
      Make("method_not_allowed", "method " + std::string(method) +
                                     " is not allowed here (allowed: " + std::string(allow) + ")");
  f.allow = std::string(allow);
  return f;
}

}  // namespace verity::server
