// `verity serve`: the HTTP API and dashboard (see server/serve.h).
#include <iostream>
#include <memory>
#include <string>

#include "cli/command.h"
#include "server/auth.h"
#include "server/serve.h"

namespace verity::cli {

void AddServeCommands(CLI::App& app, const Io& io, int* code) {
  auto opts = std::make_shared<server::ServeOptions>();
  auto hash_token = std::make_shared<bool>(false);
  CLI::App* cmd = app.add_subcommand(
      "serve", "Serve the JSON API under /api/v1 and the dashboard at / until SIGINT or SIGTERM.");
  cmd->add_option("--data", opts->data_dir, "Data folder (ledger, server.json)")
      ->capture_default_str();
  cmd->add_option("--bind", opts->bind, "Address to listen on")->capture_default_str();
  cmd->add_option("--port", opts->port, "TCP port")
      ->check(CLI::Range(1, 65535))
      ->capture_default_str();
  cmd->add_option("--config", opts->config_path,
                  "Server configuration (JSON: parties, hashed tokens, limits); "
                  "default <data>/server.json if present");
  cmd->add_option("--web", opts->web_dir,
                  "Built dashboard folder (default: found beside the binary)");
  cmd->add_option("--scenarios", opts->scenario_dir,
                  "Folder of Monte Carlo scenarios (*.toml) offered to clients")
      ->capture_default_str();
  cmd->add_option("--tls-cert", opts->tls_cert,
                  "Serve HTTPS with this PEM certificate chain (with --tls-key)");
  cmd->add_option("--tls-key", opts->tls_key,
                  "The certificate's PEM private key (mode 0600; with --tls-cert)");
  cmd->add_option("--policy", opts->policy_path,
                  "A tlog-policy: collect its witnesses' cosignatures after each append");
  cmd->add_flag("--behind-tls-proxy", opts->behind_tls_proxy,
                "Allow plain HTTP on a non-loopback --bind: a proxy in front terminates HTTPS");
  cmd->add_flag("--demo", opts->demo,
                "Demonstration: parties US and RU with fixed tokens, printed on start");
  cmd->add_flag(
      "--hash-token", *hash_token,
      "Read a token on standard input, print the SHA-256 digest to put in the config, exit");
  cmd->callback([opts, hash_token, io, code] {
    if (*hash_token) {
      std::string token;
      std::getline(std::cin, token);
      if (token.empty()) {
        *code = ReportError(io, InvalidArgument("--hash-token: no token on standard input"));
        return;
      }
      io.out << server::HashToken(token) << "\n";
      return;
    }
    Status s = server::RunServe(*opts, io.out);
    *code = s.ok() ? kExitOk : ReportError(io, s);
  });
}

}  // namespace verity::cli
