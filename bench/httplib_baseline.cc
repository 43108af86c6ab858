#include "bench/httplib_baseline.h"

#include <chrono>

#include "http/request.h"

namespace verity::bench {

HttplibBaseline::HttplibBaseline(const http::Handler& handler) : handler_(handler) {
  server_.new_task_queue = [] { return new httplib::ThreadPool(8); };
  server_.set_payload_max_length(1 << 20);
  server_.set_read_timeout(std::chrono::seconds(5));
  server_.set_write_timeout(std::chrono::seconds(5));
  server_.set_keep_alive_timeout(5);
  server_.set_keep_alive_max_count(10'000);
  server_.set_tcp_nodelay(true);
  auto serve = [this](const httplib::Request& req, httplib::Response& res) {
    std::vector<http::Field> headers(req.headers.begin(), req.headers.end());
    http::Parsed p = http::MakeRequest(req.method, req.target, std::move(headers), req.body, true,
                                       http::Limits{});
    const http::Response r =
        p.request ? handler_.Serve(*p.request)
                  : http::PlainTextError(p.failure.status, p.failure.code, p.failure.message);
    res.status = r.status;
    for (const auto& [name, value] : r.headers) res.set_header(name, value);
    res.set_header("Cache-Control", r.cache_control);
    res.set_content(*r.body, r.content_type.c_str());
  };
  server_.Get(".*", serve);
  server_.Post(".*", serve);
}

HttplibBaseline::~HttplibBaseline() {
  server_.stop();
  if (thread_.joinable()) thread_.join();
}

int HttplibBaseline::Start() {
  const int port = server_.bind_to_any_port("127.0.0.1");
  if (port <= 0) return 0;
  thread_ = std::thread([this] { server_.listen_after_bind(); });
  return port;
}

}  // namespace verity::bench
