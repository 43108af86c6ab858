#include "server/server.h"

#include <chrono>
#include <filesystem>

#include "server/http_error.h"
#include "server/routes.h"

namespace verity::server {
namespace {

constexpr time_t kKeepAliveSeconds = 5;
constexpr size_t kKeepAliveMaxRequests = 10'000;

const httplib::Headers& SecurityHeaders() {
  static const httplib::Headers headers = {
      {"X-Content-Type-Options", "nosniff"},
      {"X-Frame-Options", "DENY"},
      {"Referrer-Policy", "no-referrer"},
      {"Content-Security-Policy",
       "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'"},
  };
  return headers;
}

}  // namespace

Timestamp SystemNow() {
  const auto now = std::chrono::system_clock::now().time_since_epoch();
  return Timestamp::FromSeconds(std::chrono::duration_cast<std::chrono::seconds>(now).count());
}

Server::Server(ServerOptions options, ServerContext& context)
    : options_(std::move(options)),
      context_(context),
      auth_(context.config->tokens),
      router_(http_, auth_, static_cast<size_t>(context.config->limits.max_body_bytes)) {
  ApplyLimits();
  InstallHandlers();
  AddPublicRoutes(router_, context_);
  AddLedgerRoutes(router_, context_);
  AddSimulationRoutes(router_, context_);
  AddInspectionRoutes(router_, context_);
  AddReplayRoutes(router_, context_);
  AddAnalysisRoutes(router_);
}

Server::~Server() { Stop(); }

void Server::ApplyLimits() {
  const ServerLimits& l = context_.config->limits;
  const size_t threads = static_cast<size_t>(l.threads);
  http_.new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
  http_.set_payload_max_length(static_cast<size_t>(l.max_body_bytes));
  http_.set_read_timeout(std::chrono::milliseconds(l.read_timeout_ms));
  http_.set_write_timeout(std::chrono::milliseconds(l.write_timeout_ms));
  http_.set_tcp_nodelay(true);  // small JSON answers: do not wait for delayed ACKs
  http_.set_keep_alive_timeout(kKeepAliveSeconds);
  http_.set_keep_alive_max_count(kKeepAliveMaxRequests);
  http_.set_default_headers(SecurityHeaders());
}

void Server::InstallHandlers() {
  const size_t limit = static_cast<size_t>(context_.config->limits.max_body_bytes);
  // Failures raised below the API layer (unknown path, body over the limit,
  // a missing static file) get the same JSON body as API errors.
  http_.set_error_handler([limit](const httplib::Request& req, httplib::Response& res) {
    if (!res.body.empty()) return;
    HttpFailure f =
        res.status == 413 ? PayloadTooLarge(limit) : FailureFromHttpStatus(res.status, req.path);
    WriteJson(res, f.http_status, f.ToJson());
  });
  http_.set_exception_handler(
      [](const httplib::Request&, httplib::Response& res, std::exception_ptr) {
        HttpFailure f = FailureFromStatus(Internal("unexpected error while serving the request"));
        WriteJson(res, f.http_status, f.ToJson());
      });
}

Status Server::Start() {
  if (!options_.web_dir.empty()) {
    if (!std::filesystem::is_directory(options_.web_dir)) {
      return NotFound("dashboard folder " + options_.web_dir + " does not exist");
    }
    // httplib rejects paths that leave the mount point ("..", encoded or not).
    http_.set_mount_point("/", options_.web_dir);
  }
  if (options_.port == 0) {
    port_ = http_.bind_to_any_port(options_.bind);
  } else {
    port_ = http_.bind_to_port(options_.bind, options_.port) ? options_.port : -1;
  }
  if (port_ <= 0) {
    return Unavailable("cannot listen on " + options_.bind + ":" + std::to_string(options_.port));
  }
  listener_ = std::thread([this] { http_.listen_after_bind(); });
  return Status::Ok();
}

void Server::Stop() {
  if (!listener_.joinable()) return;
  http_.stop();
  listener_.join();
}

}  // namespace verity::server
