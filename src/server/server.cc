#include "server/server.h"

#include <chrono>
#include <filesystem>

#include "core/text.h"
#include "server/http_error.h"
#include "server/log_files.h"
#include "server/routes.h"

namespace verity::server {
namespace {

// The dashboard is not content-hashed: browsers revalidate each file.
constexpr const char* kDashboardCache = "no-cache";

std::vector<http::Field> SecurityHeaders() {
  return {
      {"X-Content-Type-Options", "nosniff"},
      {"X-Frame-Options", "DENY"},
      {"Referrer-Policy", "no-referrer"},
      {"Content-Security-Policy",
       "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'"},
  };
}

// The deployment's folders, as given and absolute: never shown in an error.
std::vector<std::string> PrivatePaths(const ServerContext& ctx, const ServerOptions& o) {
  std::vector<std::string> out;
  for (const std::string& p : {ctx.data_dir, ctx.scenario_dir, o.web_dir}) {
    if (p.empty()) continue;
    out.push_back(p);
    std::error_code ec;
    const auto abs = std::filesystem::absolute(p, ec);
    if (!ec) out.push_back(abs.lexically_normal().string());
  }
  return out;
}

}  // namespace

Timestamp SystemNow() {
  const auto now = std::chrono::system_clock::now().time_since_epoch();
  return Timestamp::FromSeconds(std::chrono::duration_cast<std::chrono::seconds>(now).count());
}

http::Response RenderLayerFailure(int http_status, std::string_view code,
                                  std::string_view message) {
  return JsonResponse(
      http_status, HttpFailure{http_status, std::string(code), std::string(message), ""}.ToJson());
}

Server::Server(ServerOptions options, ServerContext& context)
    : options_(std::move(options)),
      context_(context),
      auth_(context.config->tokens),
      router_(auth_, static_cast<size_t>(context.config->limits.max_body_bytes),
              PrivatePaths(context, options_)) {
  AddPublicRoutes(router_, context_);
  AddLedgerRoutes(router_, context_);
  AddSimulationRoutes(router_, context_);
  AddInspectionRoutes(router_, context_);
  AddEscrowRoutes(router_, context_);
  AddReplayRoutes(router_, context_);
  AddAnalysisRoutes(router_);
  AddBccRoutes(router_, context_);
}

Server::~Server() { Stop(); }

http::Response Server::Serve(const http::Request& request) const {
  if (request.path == "/api" || request.path.rfind("/api/", 0) == 0) {
    return router_.Serve(request);
  }
  if (IsLogFilePath(request.path)) return ServeLogFile(router_, context_, request);
  return ServeStatic(request);
}

http::Response Server::ServeStatic(const http::Request& request) const {
  if (!static_) {
    return router_.Fail(request, RouteNotFound(EscapeBytes(request.path, 200)));
  }
  if (request.method != "GET") {
    return router_.Fail(request, MethodNotAllowed(request.method, "GET"));
  }
  auto file = static_->Serve(request.path, kDashboardCache);
  if (file.ok()) return std::move(*file);
  if (file.status().code() == StatusCode::kNotFound) {
    return router_.Fail(request, RouteNotFound(EscapeBytes(request.path, 200)));
  }
  return router_.Fail(request, FailureFromStatus(file.status()));
}

Status Server::Start() {
  if (!options_.web_dir.empty()) {
    auto files = http::StaticFiles::Open(options_.web_dir);
    if (!files.ok()) return NotFound("dashboard folder " + options_.web_dir + " does not exist");
    static_ = std::move(*files);
  }
  http::ServerOptions o;
  o.bind = options_.bind;
  o.port = options_.port;
  o.limits = context_.config->limits.ForHttp();
  o.tls = options_.tls;
  o.render_error = RenderLayerFailure;
  o.default_headers = SecurityHeaders();
  http_ = std::make_unique<http::Server>(std::move(o), *this);
  return http_->Start();
}

void Server::Stop() {
  if (http_) http_->Stop();
}

}  // namespace verity::server
