#include "server/router.h"

#include <algorithm>
#include <charconv>
#include <exception>
#include <iostream>

#include "core/text.h"

namespace verity::server {
namespace {

constexpr std::string_view kApiPrefix = "/api/v1";
constexpr std::string_view kCapture = "{}";
constexpr size_t kQuotedBytes = 200;  // most request bytes quoted in a message

// "/api/v1/ledger/entries/{index}" -> {"api", "v1", "ledger", "entries", "{}"}.
std::vector<std::string> Segments(std::string_view path, bool pattern) {
  std::vector<std::string> out;
  size_t start = path.empty() || path[0] != '/' ? 0 : 1;
  while (start <= path.size()) {
    size_t end = path.find('/', start);
    if (end == std::string_view::npos) end = path.size();
    std::string seg(path.substr(start, end - start));
    if (pattern && !seg.empty() && seg.front() == '{') seg = kCapture;
    out.push_back(std::move(seg));
    start = end + 1;
  }
  return out;
}

bool Match(const std::vector<std::string>& pattern, const std::vector<std::string>& path,
           std::vector<std::string>* captures) {
  if (pattern.size() != path.size()) return false;
  captures->clear();
  for (size_t i = 0; i < pattern.size(); ++i) {
    if (pattern[i] == kCapture) {
      if (path[i].empty()) return false;
      captures->push_back(path[i]);
    } else if (pattern[i] != path[i]) {
      return false;
    }
  }
  return true;
}

StatusOr<int64_t> ParseInt(std::string_view text, const std::string& what, int64_t min,
                           int64_t max) {
  int64_t v = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || end != text.data() + text.size() || v < min || v > max) {
    return InvalidArgument(what + ": expected an integer in [" + std::to_string(min) + ", " +
                           std::to_string(max) + "], got '" + EscapeBytes(text, 40) + "'");
  }
  return v;
}

void ReplaceAll(std::string& text, std::string_view what, std::string_view with) {
  if (what.empty()) return;
  for (size_t at = text.find(what); at != std::string::npos; at = text.find(what, at)) {
    text.replace(at, what.size(), with);
    at += with.size();
  }
}

}  // namespace

http::Response JsonResponse(int http_status, const Json& body) {
  http::Response r;
  r.status = http_status;
  r.SetBody(body.dump(-1, ' ', false, Json::error_handler_t::replace), "application/json");
  return r;
}

std::optional<std::string> ApiRequest::Query(std::string_view name) const {
  if (http == nullptr) return std::nullopt;
  auto v = http->Query(name);
  if (!v) return std::nullopt;
  return std::string(*v);
}

StatusOr<std::optional<int64_t>> ApiRequest::QueryInt(std::string_view name, int64_t min,
                                                      int64_t max) const {
  auto text = Query(name);
  if (!text) return std::optional<int64_t>();
  VERITY_ASSIGN_OR_RETURN(int64_t v,
                          ParseInt(*text, "query parameter '" + std::string(name) + "'", min, max));
  return std::optional<int64_t>(v);
}

StatusOr<int64_t> ApiRequest::CaptureInt(size_t i, std::string_view name, int64_t min,
                                         int64_t max) const {
  if (i >= captures.size()) return Internal("route has no capture " + std::to_string(i));
  return ParseInt(captures[i], "path parameter '" + std::string(name) + "'", min, max);
}

StatusOr<std::optional<Date>> ApiRequest::QueryDate(std::string_view name) const {
  auto text = Query(name);
  if (!text) return std::optional<Date>();
  auto d = Date::Parse(*text);
  if (!d.ok()) return d.status().WithContext("query parameter '" + std::string(name) + "'");
  return std::optional<Date>(*d);
}

ApiRouter::ApiRouter(const Authenticator& auth, size_t max_body_bytes,
                     std::vector<std::string> private_paths)
    : auth_(auth), max_body_bytes_(max_body_bytes), private_paths_(std::move(private_paths)) {
  // Longest first, so that a folder inside another is replaced whole.
  std::sort(private_paths_.begin(), private_paths_.end(),
            [](const std::string& a, const std::string& b) { return a.size() > b.size(); });
}

void ApiRouter::Get(std::string_view path, Access access, ApiHandler handler) {
  Add("GET", path, access, std::move(handler));
}

void ApiRouter::Post(std::string_view path, Access access, ApiHandler handler) {
  Add("POST", path, access, std::move(handler));
}

void ApiRouter::Add(std::string_view method, std::string_view path, Access access,
                    ApiHandler handler) {
  const std::string full = std::string(kApiPrefix) + std::string(path);
  routes_.push_back({std::string(method), full, access});
  table_.push_back({std::string(method), Segments(full, true), access, std::move(handler)});
}

http::Response ApiRouter::Fail(const http::Request& request, HttpFailure f) const {
  if (f.http_status >= 500 && f.http_status != 503) {
    std::cerr << "verity serve: " << EscapeBytes(request.method, 64) << " "
              << EscapeBytes(request.path, kQuotedBytes) << ": " << f.code << ": "
              << EscapeBytes(f.message, 1000) << "\n";
    f.message = "internal error while serving the request";
  }
  for (const std::string& p : private_paths_) ReplaceAll(f.message, p, "<data>");
  http::Response r = JsonResponse(f.http_status, f.ToJson());
  if (f.code == "method_not_allowed") r.headers.push_back({"Allow", f.allow});
  return r;
}

http::Response ApiRouter::Serve(const http::Request& request) const {
  const std::vector<std::string> path = Segments(request.path, false);
  std::vector<std::string> captures;
  std::string allow;
  for (const Route& route : table_) {
    if (!Match(route.segments, path, &captures)) continue;
    if (route.method == request.method) return Call(request, route, std::move(captures));
    if (allow.find(route.method) == std::string::npos) {
      allow += (allow.empty() ? "" : ", ") + route.method;
    }
  }
  if (!allow.empty()) return Fail(request, MethodNotAllowed(request.method, allow));
  return Fail(request, RouteNotFound(EscapeBytes(request.path, kQuotedBytes)));
}

http::Response ApiRouter::Call(const http::Request& req, const Route& route,
                               std::vector<std::string> captures) const {
  ApiRequest api;
  api.http = &req;
  api.captures = std::move(captures);
  auto who = auth_.Authenticate(req.Header("authorization").value_or(""));
  if (!who.ok()) return Fail(req, FailureFromStatus(who.status()));
  api.who = *who;
  if (Status s = Authenticator::Authorize(api.who, route.access); !s.ok()) {
    return Fail(req, FailureFromStatus(s));
  }
  if (req.body.size() > max_body_bytes_) return Fail(req, PayloadTooLarge(max_body_bytes_));
  if (req.method == "POST") {
    if (Status s = CheckUtf8(req.body, "request body"); !s.ok()) {
      return Fail(req, MalformedRequest(s.message()));
    }
    auto body = ParseJson(req.body, "request body");
    if (!body.ok()) {
      return Fail(req, MalformedRequest(EscapeBytes(body.status().message(), 400)));
    }
    api.body = std::move(*body);
  }
  try {
    StatusOr<ApiResponse> out = route.handler(api);
    if (!out.ok()) return Fail(req, FailureFromStatus(out.status()));
    if (!out->serialised) return JsonResponse(out->http_status, out->body);
    http::Response r;
    r.status = out->http_status;
    r.content_type = "application/json";
    r.body = out->serialised;
    return r;
  } catch (const std::exception& e) {
    // Domain code reports failures as Status; this is the last edge.
    return Fail(req, FailureFromStatus(Internal(std::string("unexpected exception: ") + e.what())));
  } catch (...) {
    return Fail(req, FailureFromStatus(Internal("unexpected exception")));
  }
}

}  // namespace verity::server
