// The HTTP layer Verity's server had before src/http, kept only as the
// benchmark's baseline: cpp-httplib 0.11 with its thread pool and the same
// settings (8 threads, 5 s read, write and keep-alive timeouts, 10,000
// requests per keep-alive connection, 1 MiB bodies), in front of the same
// handler (the server's router and domain), so that a difference in the
// figures is the HTTP layer's.
#ifndef VERITY_BENCH_HTTPLIB_BASELINE_H_
#define VERITY_BENCH_HTTPLIB_BASELINE_H_

#include <httplib.h>

#include <memory>
#include <thread>

#include "http/message.h"

namespace verity::bench {

class HttplibBaseline {
 public:
  explicit HttplibBaseline(const http::Handler& handler);
  ~HttplibBaseline();
  // Listens on a free loopback port; returns it (0 on failure).
  int Start();

 private:
  const http::Handler& handler_;
  httplib::Server server_;
  std::thread thread_;
};

}  // namespace verity::bench

#endif  // VERITY_BENCH_HTTPLIB_BASELINE_H_
