// Raw loopback clients for the HTTP layer's tests: a plain TCP connection
// that sends exactly the bytes a test gives (a slow or broken client), and a
// TLS request made with Asio's OpenSSL stream.
#ifndef VERITY_HTTP_TEST_CLIENT_H_
#define VERITY_HTTP_TEST_CLIENT_H_

#include <string>
#include <string_view>

namespace verity::http::testing {

class RawClient {
 public:
  // Connects to 127.0.0.1:port; every later read waits at most `timeout_ms`.
  explicit RawClient(int port, int timeout_ms = 5000);
  ~RawClient();
  RawClient(const RawClient&) = delete;
  RawClient& operator=(const RawClient&) = delete;

  bool connected() const { return fd_ >= 0; }
  bool Send(std::string_view bytes);
  // What arrives until one whole response (by Content-Length) is in, the
  // peer closes, or the timeout passes.
  std::string ReadResponse();
  // True if bytes are waiting to be read (a response arrived), without
  // blocking.
  bool HasData() const;
  // True if the peer has closed the connection (reads give end of file or
  // reset) within the timeout; response bytes before that are skipped.
  bool ClosedByPeer();

 private:
  int fd_ = -1;
};

// "HTTP/1.1 404 Not Found\r\n..." -> 404; 0 if there is no status line.
int StatusOf(const std::string& response);
// The body after the blank line.
std::string BodyOf(const std::string& response);
// A header's value in a raw response ("" if absent); the name as written.
std::string HeaderOf(const std::string& response, const std::string& name);

// GET `target` over TLS from 127.0.0.1:port, checking the server's
// certificate against `ca_file`. The whole response, or "error: ..." text.
std::string TlsGet(int port, const std::string& ca_file, const std::string& target);

// Writes a self-signed certificate for 127.0.0.1 and its key (0600) into
// `dir` with the openssl command; returns false if that fails.
bool MakeTestCertificate(const std::string& dir, std::string* cert, std::string* key);

}  // namespace verity::http::testing

#endif  // VERITY_HTTP_TEST_CLIENT_H_
