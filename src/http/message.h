// The neutral request and response of Verity's HTTP layer, and the handler
// interface every service implements. Nothing here knows what a service
// serves: bodies are bytes with a content type (JSON, text/plain,
// application/octet-stream, files).
//
// By the time a handler sees a Request, the HTTP layer has checked it: the
// request line and headers are within the limits (http/limits.h); the path,
// every query parameter's name and value and every header value are
// well-formed UTF-8, percent-decoded where the URL encodes them. The body is
// not checked: it is bytes, and its reader checks it.
//
// Thread safety: values. A Handler is called from several worker threads at
// once and must be safe for that.
#ifndef VERITY_HTTP_MESSAGE_H_
#define VERITY_HTTP_MESSAGE_H_

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace verity::http {

using Field = std::pair<std::string, std::string>;

struct Request {
  std::string method;          // "GET", "POST", ... as sent (methods are case-sensitive)
  std::string target;          // the raw request target, e.g. "/a%20b?x=1"
  std::string path;            // the target's path, percent-decoded: "/a b"
  std::vector<Field> query;    // decoded name/value pairs, in order
  std::vector<Field> headers;  // names lower-cased, values as sent, in order
  std::string body;
  std::string peer;  // the client's address ("127.0.0.1")
  bool keep_alive = true;

  // The first value of a header (name compared case-insensitively).
  std::optional<std::string_view> Header(std::string_view name) const;
  // The first value of a query parameter.
  std::optional<std::string_view> Query(std::string_view name) const;
};

struct Response {
  int status = 200;
  std::string content_type = "text/plain; charset=utf-8";
  // Every response says how it may be cached; answers that change are "no-store".
  std::string cache_control = "no-store";
  std::vector<Field> headers;  // further headers, e.g. {"Allow", "GET"}
  // Shared so that an answer serialised once can be sent many times.
  std::shared_ptr<const std::string> body = std::make_shared<const std::string>();
  bool close = false;  // close the connection after this response

  void SetBody(std::string text, std::string type) {
    body = std::make_shared<const std::string>(std::move(text));
    content_type = std::move(type);
  }
};

// What a service implements. Serve may throw: the HTTP layer then answers
// 500 with a generic message and logs a line on stderr.
class Handler {
 public:
  virtual ~Handler() = default;
  virtual Response Serve(const Request& request) const = 0;
};

// How the HTTP layer words the failures it detects itself (a bad request
// line, a header over the limit, a timeout): `code` is a stable lower-case
// code ("malformed_request", "headers_too_large", "payload_too_large",
// "timeout", "unavailable", "internal"), `message` is ASCII and carries no
// raw request bytes.
using ErrorRenderer = Response (*)(int http_status, std::string_view code,
                                   std::string_view message);

// The default renderer: text/plain "code: message\n".
Response PlainTextError(int http_status, std::string_view code, std::string_view message);

}  // namespace verity::http

#endif  // VERITY_HTTP_MESSAGE_H_
