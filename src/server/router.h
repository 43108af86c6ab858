// The thin HTTP layer every endpoint group uses: authenticate, authorize,
// parse the body, call the handler, map its Status through the one error
// table (http_error.h), serialise JSON.
//
// A handler sees an ApiRequest (who is asking, the route's captures, the
// query, the parsed JSON body) and returns a StatusOr<ApiResponse>. It never
// touches HTTP details, so groups stay a few lines per endpoint.
//
// Thread safety: routes are registered before the server starts; handlers
// are then called concurrently from the HTTP worker threads.
#ifndef VERITY_SERVER_ROUTER_H_
#define VERITY_SERVER_ROUTER_H_

#include <httplib.h>

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.h"
#include "core/json.h"
#include "core/status.h"
#include "server/auth.h"

namespace verity::server {

struct ApiRequest {
  Principal who;
  std::vector<std::string> captures;  // the route pattern's groups, in order
  Json body;                          // POST body; null for GET
  const httplib::Request* http = nullptr;

  // Query parameters. InvalidArgument "query parameter 'limit': ..." when
  // present but not of the expected form.
  std::optional<std::string> Query(std::string_view name) const;
  StatusOr<std::optional<int64_t>> QueryInt(std::string_view name, int64_t min, int64_t max) const;
  StatusOr<std::optional<Date>> QueryDate(std::string_view name) const;
  // The route capture `i` (its {name} in the path) as an integer in
  // [min, max]; InvalidArgument "path parameter 'index': ..." otherwise.
  StatusOr<int64_t> CaptureInt(size_t i, std::string_view name, int64_t min, int64_t max) const;
};

struct ApiResponse {
  ApiResponse(int status, Json json) : http_status(status), body(std::move(json)) {}
  // An answer whose JSON text was serialised once and is shared.
  ApiResponse(int status, std::shared_ptr<const std::string> text)
      : http_status(status), serialised(std::move(text)) {}

  int http_status = 200;
  Json body;
  // If set, sent instead of `body`: a JSON text serialised once and shared
  // (for large answers that never change while the server runs).
  std::shared_ptr<const std::string> serialised;
};

using ApiHandler = std::function<StatusOr<ApiResponse>(const ApiRequest&)>;

// One registered endpoint, as the OpenAPI consistency test sees it.
struct RouteInfo {
  std::string method;   // "GET", "POST"
  std::string pattern;  // the OpenAPI path, e.g. "/api/v1/ledger/entries/{index}"
  Access access;
};

class ApiRouter {
 public:
  // `server` and `auth` must outlive the router.
  ApiRouter(httplib::Server& server, const Authenticator& auth, size_t max_body_bytes);

  // `path` is an OpenAPI path under /api/v1 such as "/ledger/entries/{index}";
  // each {name} matches one path segment and becomes a capture.
  void Get(std::string_view path, Access access, ApiHandler handler);
  void Post(std::string_view path, Access access, ApiHandler handler);

  const std::vector<RouteInfo>& routes() const { return routes_; }

 private:
  void Add(std::string_view method, std::string_view path, Access access, ApiHandler handler);
  void Serve(const httplib::Request& req, httplib::Response& res, Access access,
             const ApiHandler& handler) const;

  httplib::Server& server_;
  const Authenticator& auth_;
  size_t max_body_bytes_;
  std::vector<RouteInfo> routes_;
};

// Writes `body` as the JSON response with `http_status`.
void WriteJson(httplib::Response& res, int http_status, const Json& body);

}  // namespace verity::server

#endif  // VERITY_SERVER_ROUTER_H_
