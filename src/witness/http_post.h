// One bounded HTTP POST to a witness (the client side of tlog-witness),
// on cpp-httplib (docs/design.md, "Witnesses"). A witness is another
// party: its answer is hostile input.
//
// The URL is a witness's submission prefix from a policy: http:// or
// https:// (the server's certificate checked against the system's CAs),
// a host, an optional port and path; no user info, query or fragment.
// The request goes to <prefix>/add-checkpoint.
//
// Bounds: the TCP connect within connect_timeout_ms; the whole exchange
// within deadline_ms (checked at each chunk of the answer, and no read or
// write waits longer than what is left); the answer's body at most
// max_body_bytes; no redirect followed, no decompression.
//
// Errors: InvalidArgument "witness URL '...': ..." for a URL refused;
// Unavailable "<url>: ..." for a connection refused, a timeout, a reset or
// an answer too large (all worth a retry).
//
// Thread safety: pure functions (each call opens its own connection).
#ifndef VERITY_WITNESS_HTTP_POST_H_
#define VERITY_WITNESS_HTTP_POST_H_

#include <cstdint>
#include <string>

#include "core/status.h"

namespace verity::witness {

struct PostLimits {
  int64_t connect_timeout_ms = 2000;
  int64_t deadline_ms = 5000;
  size_t max_body_bytes = 64 * 1024;
};

struct Endpoint {
  std::string scheme_host_port;  // "http://127.0.0.1:8091"
  std::string path;              // "/add-checkpoint"
};

// The add-checkpoint endpoint of a submission prefix.
StatusOr<Endpoint> AddCheckpointEndpoint(const std::string& url);

struct HttpAnswer {
  int status = 0;
  std::string content_type;
  std::string body;
};

StatusOr<HttpAnswer> Post(const Endpoint& endpoint, const std::string& body,
                          const PostLimits& limits);

}  // namespace verity::witness

#endif  // VERITY_WITNESS_HTTP_POST_H_
