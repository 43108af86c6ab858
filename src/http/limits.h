// The limits of Verity's HTTP layer, with their defaults (docs/limits.md,
// "Server"). Every connection and every request is held to them before the
// work they bound is done.
//
// Thread safety: a value.
#ifndef VERITY_HTTP_LIMITS_H_
#define VERITY_HTTP_LIMITS_H_

#include <cstdint>

namespace verity::http {

// The default of each limit, named once.
inline constexpr int64_t kDefaultRequestTimeoutMs = 10'000;   // a whole request: headers and body
inline constexpr int64_t kDefaultIdleTimeoutMs = 5'000;       // waiting for a request's first byte
inline constexpr int64_t kDefaultWriteTimeoutMs = 10'000;     // a whole response
inline constexpr int64_t kDefaultMaxHeaderBytes = 16 * 1024;  // request line and header fields
inline constexpr int64_t kDefaultMaxHeaderCount = 64;         // header fields in one request
inline constexpr int64_t kDefaultMaxBodyBytes = 1 << 20;      // one request body
inline constexpr int64_t kDefaultMaxConnections = 1024;       // open connections in total
inline constexpr int64_t kDefaultMaxConnectionsPerClient = 64;   // open connections per address
inline constexpr int64_t kDefaultWorkerThreads = 8;              // threads running handlers
inline constexpr int64_t kDefaultIoThreads = 2;                  // threads doing network I/O
inline constexpr int64_t kDefaultMaxStaticFileBytes = 64 << 20;  // one file served from disk

struct Limits {
  // From the first byte of a request to its last (a slow sender is cut off
  // with 408 when it runs out, however steadily it trickles bytes).
  int64_t request_timeout_ms = kDefaultRequestTimeoutMs;
  // How long a connection may wait, between requests, for the next one to
  // start (an idle keep-alive connection holds no thread, only a socket).
  int64_t idle_timeout_ms = kDefaultIdleTimeoutMs;
  // From the first byte of a response to its last (a client that does not
  // read is cut off).
  int64_t write_timeout_ms = kDefaultWriteTimeoutMs;
  int64_t max_header_bytes = kDefaultMaxHeaderBytes;  // 431 beyond
  int64_t max_header_count = kDefaultMaxHeaderCount;  // 431 beyond
  int64_t max_body_bytes = kDefaultMaxBodyBytes;      // 413 beyond
  int64_t max_connections = kDefaultMaxConnections;   // further connections get 503 and close
  int64_t max_connections_per_client = kDefaultMaxConnectionsPerClient;  // the same, per address
  int64_t worker_threads = kDefaultWorkerThreads;
  int64_t io_threads = kDefaultIoThreads;
};

}  // namespace verity::http

#endif  // VERITY_HTTP_LIMITS_H_
