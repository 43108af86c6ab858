#include "witness/service.h"

#include <chrono>
#include <iostream>

namespace verity::witness {
namespace {

http::Response Text(int status, std::string body) {
  http::Response r;
  r.status = status;
  r.SetBody(std::move(body), std::string(tlog::kTextContentType));
  return r;
}

bool IsOriginHash(std::string_view s) {
  if (s.size() != 64) return false;
  for (char c : s) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

http::Response NotAllowed(std::string allow) {
  http::Response r = Text(405, "method not allowed\n");
  r.headers.push_back({"Allow", std::move(allow)});
  return r;
}

}  // namespace

uint64_t Now() {
  const auto t = std::chrono::system_clock::now().time_since_epoch();
  return uint64_t(std::chrono::duration_cast<std::chrono::seconds>(t).count());
}

Service::Service(tlog::WitnessConfig config, Store* store, std::function<uint64_t()> clock)
    : config_(std::move(config)), store_(store), clock_(std::move(clock)) {}

http::Response Service::AddCheckpoint(const http::Request& request) const {
  auto answer = store_->Add(config_, request.body, clock_());
  if (!answer.ok()) {
    std::cerr << "witness: " << answer.status().message() << "\n";
    return Text(503, "witness: storage unavailable\n");
  }
  http::Response r = Text(answer->status, std::move(answer->body));
  r.content_type = answer->content_type;
  return r;
}

http::Response Service::Monitoring(std::string_view origin_hash) const {
  auto note = store_->CheckpointByOriginHash(origin_hash);
  if (!note.ok()) {
    std::cerr << "witness: " << note.status().message() << "\n";
    return Text(503, "witness: storage unavailable\n");
  }
  if (!*note) return Text(404, "no checkpoint cosigned for this origin\n");
  return Text(200, **note);
}

http::Response Service::Serve(const http::Request& request) const {
  const std::string_view path = request.path;
  if (path == "/add-checkpoint") {
    return request.method == "POST" ? AddCheckpoint(request) : NotAllowed("POST");
  }
  if (path == "/health") return request.method == "GET" ? Text(200, "ok\n") : NotAllowed("GET");
  constexpr std::string_view kSuffix = "/checkpoint";
  if (path.size() == 1 + 64 + kSuffix.size() && path.ends_with(kSuffix) &&
      IsOriginHash(path.substr(1, 64))) {
    return request.method == "GET" ? Monitoring(path.substr(1, 64)) : NotAllowed("GET");
  }
  return Text(404, "not found\n");
}

}  // namespace verity::witness
