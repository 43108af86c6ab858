// Verity's HTTP/1.1 server: a listener, event-driven connections held to
// the Limits (http/limits.h), optional TLS, and a bounded pool of worker
// threads that run the Handler (message.h). Any HTTP service of Verity (the
// API, a witness, static tiles) is a Handler given to one of these.
//
// Network I/O is asynchronous (Boost.Asio and Boost.Beast) on a few I/O
// threads: a connection that is idle, or sends slowly, costs a socket and a
// buffer, never a thread. A request is read whole (headers and body) within
// request_timeout_ms from its first byte, else answered 408 and closed; its
// handler then runs on a worker thread, so a slow handler delays only its
// own client. Connections beyond max_connections, or beyond
// max_connections_per_client from one address, are answered 503 and closed
// at once, never queued.
//
// Every response carries Content-Type, Cache-Control and the configured
// default headers. A handler that throws yields 500 with a generic message
// and a line on stderr.
//
// Thread safety: Start and Stop may be called from any thread, once each.
#ifndef VERITY_HTTP_SERVER_H_
#define VERITY_HTTP_SERVER_H_

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/status.h"
#include "http/limits.h"
#include "http/message.h"

namespace verity::http {

// A certificate chain and its private key, PEM files.
struct TlsFiles {
  std::string certificate_chain;
  std::string private_key;
};

struct ServerOptions {
  std::string bind = "127.0.0.1";
  int port = 0;  // 0 picks a free port (see Server::port())
  Limits limits;
  std::optional<TlsFiles> tls;  // set: HTTPS only (TLS 1.2 or later)
  ErrorRenderer render_error = PlainTextError;
  std::vector<Field> default_headers;  // added to every response
};

class Server {
 public:
  // `handler` must outlive the server.
  Server(ServerOptions options, const Handler& handler);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds and starts serving. InvalidArgument for a bad address or TLS file
  // (naming it; a private key readable by other users is refused),
  // Unavailable if the address cannot be bound.
  Status Start();
  // Stops accepting, closes idle and half-read connections, lets requests
  // being handled finish and their answers be written, then joins.
  void Stop();

  int port() const;
  bool tls() const;
  int64_t open_connections() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// True for an address in 127.0.0.0/8 or ::1 ("localhost" included).
bool IsLoopback(const std::string& address);

}  // namespace verity::http

#endif  // VERITY_HTTP_SERVER_H_
