// `verity serve`: load the configuration and the domain data, run the
// server until SIGINT or SIGTERM, then shut down gracefully (requests in
// flight finish; nothing acknowledged is lost).
#ifndef VERITY_SERVER_SERVE_H_
#define VERITY_SERVER_SERVE_H_

#include <ostream>
#include <string>
#include <vector>

#include "core/status.h"
#include "server/config.h"

namespace verity::server {

struct ServeOptions {
  std::string data_dir = "verity-data";
  std::string bind = "127.0.0.1";
  int port = 8080;
  std::string config_path;  // empty: <data_dir>/server.json if present, else no tokens
  std::string web_dir;      // empty: the built dashboard found beside the executable
  std::string scenario_dir = "data/scenarios";  // Monte Carlo scenarios offered to clients
  bool demo = false;                            // use DemoConfig() and print its tokens
  std::string tls_cert;                         // PEM certificate chain: with tls_key, serve HTTPS
  std::string tls_key;                          // PEM private key (0600)
  // Plain HTTP on a non-loopback address is refused (tokens would cross the
  // network in clear) unless a TLS proxy in front terminates HTTPS.
  bool behind_tls_proxy = false;
  // A tlog-policy: after each append (and once at start) the newest
  // checkpoint is sent to its witnesses in the background (server/cosign.h).
  std::string policy_path;
};

// OK if `o` may serve as asked: InvalidArgument if only one of the TLS
// files is given, or for plain HTTP on a non-loopback address without
// behind_tls_proxy (the message says what to do instead).
Status CheckTransport(const ServeOptions& o);

// A token of the demo configuration, printed by `verity serve --demo`.
struct DemoToken {
  std::string role;
  std::string party;
  std::string token;
};
const std::vector<DemoToken>& DemoTokens();
// Parties US and RU and one token per role (DemoTokens), for local
// demonstrations only: the tokens are public.
ServerConfig DemoConfig();

// Blocks until SIGINT/SIGTERM. Prints the address it serves on to `out`.
// InvalidArgument for a bad configuration (naming file and field) or
// transport (CheckTransport), NotFound for a missing file, Unavailable if
// the address cannot be bound.
Status RunServe(const ServeOptions& options, std::ostream& out);

// The built dashboard folder: `explicit_dir` if set, else the first of
// <executable>/../web, ./build/web, ./web/dist that holds index.html, else "".
std::string FindDashboard(const std::string& explicit_dir);

}  // namespace verity::server

#endif  // VERITY_SERVER_SERVE_H_
