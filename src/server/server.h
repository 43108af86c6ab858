// The Verity HTTP server: the JSON API under /api/v1 and the dashboard's
// static files at /, on the HTTP layer of src/http (event-driven
// connections, limits, TLS).
//
// Construction wires every endpoint group (see routes_*.cc) onto one
// ApiRouter. Start() binds and serves on background threads; Stop()
// finishes the requests in flight and returns once the listener has closed.
//
// Thread safety: Start and Stop may be called from any thread, once each;
// Serve from any number of threads.
#ifndef VERITY_SERVER_SERVER_H_
#define VERITY_SERVER_SERVER_H_

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/status.h"
#include "http/message.h"
#include "http/server.h"
#include "http/static_files.h"
#include "server/auth.h"
#include "server/context.h"
#include "server/router.h"

namespace verity::server {

struct ServerOptions {
  std::string bind = "127.0.0.1";
  int port = 8080;                    // 0 picks a free port (see Server::port())
  std::string web_dir;                // the built dashboard; empty serves the API only
  std::optional<http::TlsFiles> tls;  // set: HTTPS only
};

class Server : public http::Handler {
 public:
  // `context` holds the configuration and the domain objects the endpoints
  // read; it must outlive the server. REQUIRES: context.config != nullptr.
  Server(ServerOptions options, ServerContext& context);
  ~Server() override;
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds and starts serving. Unavailable if the address cannot be bound,
  // NotFound if web_dir is set but is not a directory, InvalidArgument for
  // unusable TLS files.
  Status Start();
  // Stops accepting, lets requests in flight finish, joins the listener.
  void Stop();

  // The answer to one request, exactly as the network server gives it
  // (tests and the fuzz target call it without a socket). Never throws.
  http::Response Serve(const http::Request& request) const override;

  int port() const { return http_ ? http_->port() : 0; }
  const std::vector<RouteInfo>& routes() const { return router_.routes(); }

 private:
  http::Response ServeStatic(const http::Request& request) const;

  ServerOptions options_;
  ServerContext& context_;
  Authenticator auth_;
  ApiRouter router_;
  std::optional<http::StaticFiles> static_;
  std::unique_ptr<http::Server> http_;
};

// The HTTP layer's failures (bad request line, limits, timeouts) as the
// API's JSON error body.
http::Response RenderLayerFailure(int http_status, std::string_view code, std::string_view message);

}  // namespace verity::server

#endif  // VERITY_SERVER_SERVER_H_
