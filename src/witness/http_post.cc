#include "witness/http_post.h"

#include <httplib.h>

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

namespace verity::witness {
namespace {

using Clock = std::chrono::steady_clock;

bool AllowedUrlByte(char c) {
  return c > 0x20 && c < 0x7F && c != '?' && c != '#' && c != '@' && c != '\\';
}

std::string Describe(httplib::Error e) {
  switch (e) {
    case httplib::Error::Connection:
      return "cannot connect";
    case httplib::Error::Read:
      return "no complete answer in time (read failed or timed out)";
    case httplib::Error::Write:
      return "cannot send the request";
    case httplib::Error::Canceled:
      return "answer too large or too slow";
    case httplib::Error::SSLConnection:
    case httplib::Error::SSLServerVerification:
    case httplib::Error::SSLLoadingCerts:
      return "TLS failed (certificate or handshake)";
    default:
      return "HTTP exchange failed (" + httplib::to_string(e) + ")";
  }
}

// client.send, with the socket shut down at `deadline` by a watchdog: the
// per-read timeouts alone let a witness that trickles bytes go on forever.
bool SendWithin(httplib::Client& client, httplib::Request& req, httplib::Response& res,
                httplib::Error& error, Clock::time_point deadline) {
  std::mutex mu;
  std::condition_variable cv;
  bool done = false;
  std::thread watchdog([&] {
    std::unique_lock lock(mu);
    if (!cv.wait_until(lock, deadline, [&] { return done; })) client.stop();
  });
  const bool ok = client.send(req, res, error);
  {
    std::lock_guard lock(mu);
    done = true;
  }
  cv.notify_one();
  watchdog.join();
  return ok && Clock::now() < deadline;
}

}  // namespace

StatusOr<Endpoint> AddCheckpointEndpoint(const std::string& url) {
  auto refuse = [&](const std::string& why) {
    return InvalidArgument("witness URL '" + url.substr(0, 200) + "': " + why);
  };
  for (char c : url) {
    if (!AllowedUrlByte(c)) return refuse("only printable ASCII, no query, fragment or user info");
  }
  size_t scheme_end = url.find("://");
  if (scheme_end == std::string::npos) return refuse("no http:// or https://");
  const std::string scheme = url.substr(0, scheme_end);
  if (scheme != "http" && scheme != "https") return refuse("the scheme must be http or https");
  const size_t host_start = scheme_end + 3;
  const size_t path_start = url.find('/', host_start);
  const std::string host_port = url.substr(host_start, path_start - host_start);
  if (host_port.empty() || host_port.front() == ':') return refuse("no host");
  if (const size_t colon = host_port.rfind(':');
      colon != std::string::npos && host_port.find(']') == std::string::npos) {
    const std::string port = host_port.substr(colon + 1);
    if (port.empty() || port.size() > 5 || port.find_first_not_of("0123456789") != port.npos ||
        std::stoi(port) == 0 || std::stoi(port) > 65535) {
      return refuse("bad port");
    }
  }
  std::string path = path_start == std::string::npos ? "" : url.substr(path_start);
  while (path.ends_with('/')) path.pop_back();
  return Endpoint{scheme + "://" + host_port, path + "/add-checkpoint"};
}

StatusOr<HttpAnswer> Post(const Endpoint& endpoint, const std::string& body,
                          const PostLimits& limits) {
  const auto start = Clock::now();
  const auto deadline = start + std::chrono::milliseconds(limits.deadline_ms);
  const std::string where = endpoint.scheme_host_port + endpoint.path;
  httplib::Client client(endpoint.scheme_host_port);
  const auto ms = [](int64_t v) { return std::chrono::milliseconds(std::max<int64_t>(v, 1)); };
  client.set_connection_timeout(ms(std::min(limits.connect_timeout_ms, limits.deadline_ms)));
  client.set_read_timeout(ms(limits.deadline_ms));
  client.set_write_timeout(ms(limits.deadline_ms));
  client.set_decompress(false);
  client.set_follow_location(false);
  client.set_keep_alive(false);

  httplib::Request req;
  req.method = "POST";
  req.path = endpoint.path;
  req.body = body;
  req.set_header("Content-Type", "text/plain; charset=utf-8");
  HttpAnswer answer;
  bool too_large = false;
  req.response_handler = [&](const httplib::Response& r) {
    answer.status = r.status;
    answer.content_type = r.get_header_value("Content-Type");
    return Clock::now() < deadline;
  };
  req.content_receiver = [&](const char* data, size_t n, uint64_t, uint64_t) {
    if (answer.body.size() + n > limits.max_body_bytes) {
      too_large = true;
      return false;
    }
    answer.body.append(data, n);
    return Clock::now() < deadline;
  };
  httplib::Response res;
  httplib::Error error = httplib::Error::Success;
  if (!SendWithin(client, req, res, error, deadline)) {
    if (too_large) {
      return Unavailable(where + ": the answer is longer than " +
                         std::to_string(limits.max_body_bytes) + " bytes");
    }
    if (Clock::now() >= deadline) {
      return Unavailable(where + ": no answer within " + std::to_string(limits.deadline_ms) +
                         " ms");
    }
    return Unavailable(where + ": " + Describe(error));
  }
  if (answer.status == 0) answer.status = res.status;
  return answer;
}

}  // namespace verity::witness
