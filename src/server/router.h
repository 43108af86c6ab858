// The thin HTTP layer every endpoint group uses: find the route, check the
// method, authenticate, authorize, parse the body, call the handler, map its
// Status through the one error table (http_error.h), serialise JSON.
//
// A handler sees an ApiRequest (who is asking, the route's captures, the
// query, the parsed JSON body) and returns a StatusOr<ApiResponse>. It never
// touches HTTP details, so groups stay a few lines per endpoint.
//
// Every answer the router gives is safe to show anyone: messages carry
// request bytes only escaped (the HTTP layer has already refused what is not
// UTF-8), never a filesystem path of the deployment (ServerPaths), and a 500
// says only that something went wrong (the detail goes to stderr).
//
// Thread safety: routes are registered before the server starts; Serve is
// then called concurrently from the HTTP worker threads.
#ifndef VERITY_SERVER_ROUTER_H_
#define VERITY_SERVER_ROUTER_H_

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.h"
#include "core/json.h"
#include "core/status.h"
#include "http/message.h"
#include "server/auth.h"
#include "server/http_error.h"

namespace verity::server {

struct ApiRequest {
  Principal who;
  std::vector<std::string> captures;  // the route pattern's segments, in order (decoded)
  Json body;                          // POST body; null for GET
  const http::Request* http = nullptr;

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
  // `auth` must outlive the router. Error messages never show any of
  // `private_paths` (the deployment's folders): each is replaced by "<data>".
  ApiRouter(const Authenticator& auth, size_t max_body_bytes,
            std::vector<std::string> private_paths = {});

  // `path` is an OpenAPI path under /api/v1 such as "/ledger/entries/{index}";
  // each {name} matches one non-empty path segment and becomes a capture.
  // Routes are tried in the order registered.
  void Get(std::string_view path, Access access, ApiHandler handler);
  void Post(std::string_view path, Access access, ApiHandler handler);

  const std::vector<RouteInfo>& routes() const { return routes_; }

  // The answer to a request: 404 not_found if no route has the path, 405
  // method_not_allowed with an Allow header if routes have it for other
  // methods. Never throws.
  http::Response Serve(const http::Request& request) const;

  // A failure as the JSON response, made safe as above.
  http::Response Fail(const http::Request& request, HttpFailure failure) const;

 private:
  struct Route {
    std::string method;
    std::vector<std::string> segments;  // "{}" for a capture
    Access access;
    ApiHandler handler;
  };
  void Add(std::string_view method, std::string_view path, Access access, ApiHandler handler);
  http::Response Call(const http::Request& request, const Route& route,
                      std::vector<std::string> captures) const;

  const Authenticator& auth_;
  size_t max_body_bytes_;
  std::vector<std::string> private_paths_;
  std::vector<RouteInfo> routes_;
  std::vector<Route> table_;
};

// `body` as a JSON response with `http_status` (never throws: text that is
// not UTF-8 would be replaced, though none reaches here).
http::Response JsonResponse(int http_status, const Json& body);

}  // namespace verity::server

#endif  // VERITY_SERVER_ROUTER_H_
