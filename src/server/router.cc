#include "server/router.h"

#include <charconv>
#include <exception>
#include <regex>

#include "server/http_error.h"

namespace verity::server {
namespace {

constexpr std::string_view kApiPrefix = "/api/v1";

// "/ledger/entries/{index}" -> "/api/v1/ledger/entries/([^/]+)".
std::string PatternToRegex(std::string_view path) {
  std::string out(kApiPrefix);
  for (size_t i = 0; i < path.size(); ++i) {
    if (path[i] == '{') {
      i = path.find('}', i);
      out += "([^/]+)";
    } else if (path[i] == '.') {
      out += "\\.";
    } else {
      out += path[i];
    }
  }
  return out;
}

StatusOr<int64_t> ParseInt(std::string_view text, const std::string& what, int64_t min,
                           int64_t max) {
  int64_t v = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || end != text.data() + text.size() || v < min || v > max) {
    return InvalidArgument(what + ": expected an integer in [" + std::to_string(min) + ", " +
                           std::to_string(max) + "], got '" + std::string(text) + "'");
  }
  return v;
}

void WriteFailure(httplib::Response& res, const HttpFailure& f) {
  WriteJson(res, f.http_status, f.ToJson());
}

}  // namespace

void WriteJson(httplib::Response& res, int http_status, const Json& body) {
  res.status = http_status;
  res.set_header("Cache-Control", "no-store");
  res.set_content(body.dump(), "application/json");
}

std::optional<std::string> ApiRequest::Query(std::string_view name) const {
  const std::string key(name);
  if (http == nullptr || !http->has_param(key)) return std::nullopt;
  return http->get_param_value(key);
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

ApiRouter::ApiRouter(httplib::Server& server, const Authenticator& auth, size_t max_body_bytes)
    : server_(server), auth_(auth), max_body_bytes_(max_body_bytes) {}

void ApiRouter::Get(std::string_view path, Access access, ApiHandler handler) {
  Add("GET", path, access, std::move(handler));
}

void ApiRouter::Post(std::string_view path, Access access, ApiHandler handler) {
  Add("POST", path, access, std::move(handler));
}

void ApiRouter::Add(std::string_view method, std::string_view path, Access access,
                    ApiHandler handler) {
  routes_.push_back({std::string(method), std::string(kApiPrefix) + std::string(path), access});
  auto fn = [this, access, h = std::move(handler)](const httplib::Request& req,
                                                   httplib::Response& res) {
    Serve(req, res, access, h);
  };
  const std::string regex = PatternToRegex(path);
  if (method == "GET") {
    server_.Get(regex, fn);
  } else {
    server_.Post(regex, fn);
  }
}

void ApiRouter::Serve(const httplib::Request& req, httplib::Response& res, Access access,
                      const ApiHandler& handler) const {
  ApiRequest api;
  api.http = &req;
  auto who = auth_.Authenticate(req.get_header_value("Authorization"));
  if (!who.ok()) return WriteFailure(res, FailureFromStatus(who.status()));
  api.who = *who;
  if (Status s = Authenticator::Authorize(api.who, access); !s.ok()) {
    return WriteFailure(res, FailureFromStatus(s));
  }
  if (req.body.size() > max_body_bytes_) return WriteFailure(res, PayloadTooLarge(max_body_bytes_));
  if (req.method == "POST") {
    auto body = ParseJson(req.body, "request body");
    if (!body.ok()) return WriteFailure(res, MalformedRequest(body.status().message()));
    api.body = std::move(*body);
  }
  for (size_t i = 1; i < req.matches.size(); ++i) api.captures.push_back(req.matches[i].str());
  try {
    StatusOr<ApiResponse> out = handler(api);
    if (!out.ok()) return WriteFailure(res, FailureFromStatus(out.status()));
    if (out->serialised) {
      res.status = out->http_status;
      res.set_header("Cache-Control", "no-store");
      res.set_content(*out->serialised, "application/json");
    } else {
      WriteJson(res, out->http_status, out->body);
    }
  } catch (const std::exception& e) {
    // Domain code reports failures as Status; this is the last edge.
    WriteFailure(res, FailureFromStatus(Internal(std::string("unexpected error: ") + e.what())));
  }
}

}  // namespace verity::server
