// The Verity HTTP server: the JSON API under /api/v1 and the dashboard's
// static files at /.
//
// Construction wires every endpoint group (see routes_*.cc) onto one
// httplib::Server with the configured payload, time and thread limits.
// Start() binds and serves on a background thread; Stop() finishes the
// requests in flight and returns once the listener has closed.
//
// Thread safety: Start and Stop may be called from any thread, once each.
#ifndef VERITY_SERVER_SERVER_H_
#define VERITY_SERVER_SERVER_H_

#include <httplib.h>

#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "core/status.h"
#include "server/auth.h"
#include "server/context.h"
#include "server/router.h"

namespace verity::server {

struct ServerOptions {
  std::string bind = "127.0.0.1";
  int port = 8080;      // 0 picks a free port (see Server::port())
  std::string web_dir;  // the built dashboard; empty serves the API only
};

class Server {
 public:
  // `context` holds the configuration and the domain objects the endpoints
  // read; it must outlive the server. REQUIRES: context.config != nullptr.
  Server(ServerOptions options, ServerContext& context);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds and starts serving. Unavailable if the address cannot be bound,
  // NotFound if web_dir is set but is not a directory.
  Status Start();
  // Stops accepting, lets requests in flight finish, joins the listener.
  void Stop();

  int port() const { return port_; }
  const std::vector<RouteInfo>& routes() const { return router_.routes(); }

 private:
  void ApplyLimits();
  void InstallHandlers();

  ServerOptions options_;
  ServerContext& context_;
  Authenticator auth_;
  httplib::Server http_;
  ApiRouter router_;
  std::thread listener_;
  int port_ = 0;
};

}  // namespace verity::server

#endif  // VERITY_SERVER_SERVER_H_
