// The server's configuration file (JSON; docs/api.md, "Configuration").
//
//   {
//     "treaty": "new-start",
//     "parties": [{"id": "US", "name": "United States", "public_key": "<hex>"}],
//     "tokens": [{"role": "party", "party": "US", "name": "US", "sha256": "<hex>"},
//                {"role": "observer", "name": "press", "sha256": "<hex>"},
//                {"role": "admin", "name": "ops", "sha256": "<hex>"}],
//     "limits": {"max_body_bytes": 1048576, "request_timeout_ms": 10000,
//                "idle_timeout_ms": 5000, "write_timeout_ms": 10000,
//                "max_header_bytes": 16384, "max_header_count": 64,
//                "max_connections": 1024, "max_connections_per_client": 64,
//                "threads": 8, "max_page": 1000}
//   }
//
// Tokens appear only as SHA-256 digests (`verity serve --hash-token`).
// Every member is optional; absent limits take the defaults below (those of
// the HTTP layer are in http/limits.h; docs/limits.md lists them all).
//
// Thread safety: values.
#ifndef VERITY_SERVER_CONFIG_H_
#define VERITY_SERVER_CONFIG_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "http/limits.h"
#include "server/auth.h"

namespace verity::server {

struct PartyConfig {
  std::string id;          // "US", "RU"
  std::string name;        // "United States"
  std::string public_key;  // hex Ed25519 public key, as the ledger registers it
};

inline constexpr int64_t kDefaultMaxPage = 1000;  // most ledger entries one page may hold

struct ServerLimits {
  int64_t max_body_bytes = http::kDefaultMaxBodyBytes;
  int64_t request_timeout_ms = http::kDefaultRequestTimeoutMs;
  int64_t idle_timeout_ms = http::kDefaultIdleTimeoutMs;
  int64_t write_timeout_ms = http::kDefaultWriteTimeoutMs;
  int64_t max_header_bytes = http::kDefaultMaxHeaderBytes;
  int64_t max_header_count = http::kDefaultMaxHeaderCount;
  int64_t max_connections = http::kDefaultMaxConnections;
  int64_t max_connections_per_client = http::kDefaultMaxConnectionsPerClient;
  int64_t threads = http::kDefaultWorkerThreads;  // worker threads running handlers
  int64_t max_page = kDefaultMaxPage;

  // The HTTP layer's share of these limits.
  http::Limits ForHttp() const;
};

struct ServerConfig {
  std::string treaty = "new-start";
  std::vector<PartyConfig> parties;
  std::vector<TokenEntry> tokens;
  ServerLimits limits;

  const PartyConfig* FindParty(std::string_view id) const;
};

// Parses a configuration. InvalidArgument "<source>: <json path>: <what>",
// e.g. "server.json: tokens[1].role: expected one of party, observer, admin".
StatusOr<ServerConfig> ParseServerConfig(std::string_view text, std::string_view source);

// Reads and parses the file at `path` (NotFound if it does not exist).
StatusOr<ServerConfig> LoadServerConfig(const std::string& path);

}  // namespace verity::server

#endif  // VERITY_SERVER_CONFIG_H_
