// Internal to the HTTP layer: one connection, plain or TLS, as a chain of
// asynchronous steps on its own strand:
//   [TLS handshake] -> wait for a first byte (idle_timeout_ms) -> read the
//   whole request (request_timeout_ms) -> run the handler on a worker ->
//   write the answer (write_timeout_ms) -> again, or close.
// A timer is armed in every step but the handler's, so no step waits
// forever. The session keeps itself alive through the handlers it queues.
#ifndef VERITY_HTTP_SESSION_H_
#define VERITY_HTTP_SESSION_H_

#include <atomic>
#include <boost/asio/ssl.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <type_traits>
#include <unordered_map>

#include "http/beast_request.h"
#include "http/connection_table.h"
#include "http/message.h"
#include "http/worker_pool.h"

namespace verity::http::internal {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = asio::ip::tcp;

class SessionBase {
 public:
  virtual ~SessionBase() = default;
  // Closes the connection unless a request is being handled or answered
  // (that one closes once its answer is written). Any thread.
  virtual void Shutdown() = 0;
};

// What every session of one server shares.
struct Shared {
  Shared(const Handler& h, const Limits& l, ErrorRenderer r, std::vector<Field> d)
      : handler(h),
        limits(l),
        render(r),
        default_headers(std::move(d)),
        pool(static_cast<size_t>(l.worker_threads), static_cast<size_t>(l.max_connections)),
        table(l.max_connections, l.max_connections_per_client) {}

  const Handler& handler;
  const Limits limits;
  const ErrorRenderer render;
  const std::vector<Field> default_headers;
  WorkerPool pool;
  ConnectionTable table;
  std::atomic<bool> stopping{false};

  // Live sessions, so Stop can reach them.
  std::mutex mu;
  std::condition_variable none_left;
  std::unordered_map<SessionBase*, std::weak_ptr<SessionBase>> live;

  void Add(SessionBase* s, std::weak_ptr<SessionBase> w);
  void Remove(SessionBase* s);
};

// The handler's answer, or a generic 500 (logged) if it throws.
Response RunHandler(const Shared& shared, const Request& request);

using ResponseMessage = bhttp::response<bhttp::span_body<const char>>;

// The wire form of `r` with the shared default headers.
std::shared_ptr<ResponseMessage> ToMessage(const Shared& shared, const Response& r,
                                           bool keep_alive);

template <bool kTls>
class Session : public SessionBase, public std::enable_shared_from_this<Session<kTls>> {
 public:
  using Stream = std::conditional_t<kTls, beast::ssl_stream<beast::tcp_stream>, beast::tcp_stream>;

  template <typename... Args>
  Session(Shared& shared, std::string peer, tcp::socket&& socket, Args&... tls_context)
      : shared_(shared),
        peer_(std::move(peer)),
        executor_(socket.get_executor()),
        stream_(std::move(socket), tls_context...),
        deadline_(executor_) {}

  ~Session() override {
    shared_.table.Close(peer_);
    shared_.Remove(this);
  }

  void Start() {
    shared_.Add(this, this->weak_from_this());
    asio::dispatch(executor_, [self = this->shared_from_this()] { self->OnStart(); });
  }

  void Shutdown() override {
    asio::post(executor_, [self = this->shared_from_this()] {
      if (self->busy_) return;
      self->deadline_.cancel();
      self->Lowest().close();
    });
  }

 private:
  beast::tcp_stream& Lowest() { return beast::get_lowest_layer(stream_); }
  auto Self() { return this->shared_from_this(); }
  static auto Ms(int64_t ms) { return std::chrono::milliseconds(ms); }

  void OnStart() {
    if constexpr (kTls) {
      Lowest().expires_after(Ms(shared_.limits.request_timeout_ms));
      stream_.async_handshake(asio::ssl::stream_base::server,
                              [self = Self()](beast::error_code ec) {
                                if (ec) return self->Close();
                                self->WaitForRequest();
                              });
    } else {
      WaitForRequest();
    }
  }

  void WaitForRequest() {
    if (shared_.stopping) return Close();
    parser_.emplace();
    ConfigureParser(*parser_, shared_.limits);
    if (buffer_.size() > 0) return ReadRequest();  // the client sent ahead
    Lowest().expires_after(Ms(shared_.limits.idle_timeout_ms));
    stream_.async_read_some(buffer_.prepare(kFirstRead),
                            [self = Self()](beast::error_code ec, size_t n) {
                              if (ec) return self->Close();  // idle too long, gone, or stopping
                              self->buffer_.commit(n);
                              self->ReadRequest();
                            });
  }

  // The whole request (headers and body) within request_timeout_ms: a
  // timer of its own cancels the read, so that the client still gets a 408
  // (the stream's own timeout would close the socket first).
  void ReadRequest() {
    Lowest().expires_never();
    deadline_.expires_after(Ms(shared_.limits.request_timeout_ms));
    deadline_.async_wait([weak = this->weak_from_this()](beast::error_code ec) {
      auto self = weak.lock();
      if (ec || !self) return;
      self->timed_out_ = true;
      beast::error_code ignored;
      self->Lowest().socket().cancel(ignored);
    });
    bhttp::async_read(stream_, buffer_, *parser_,
                      [self = Self()](beast::error_code ec, size_t) { self->OnRead(ec); });
  }

  void OnRead(beast::error_code ec) {
    deadline_.cancel();
    if (timed_out_) {
      return Refuse({408, "timeout",
                     "the request was not complete within " +
                         std::to_string(shared_.limits.request_timeout_ms) + " ms"});
    }
    const bool http_error =
        ec && ec.category() == bhttp::make_error_code(bhttp::error::need_more).category();
    if (ec == bhttp::error::end_of_stream || ec == bhttp::error::partial_message) return Close();
    if (ec && !http_error) return Close();  // reset, aborted by Stop, ...
    if (ec) return Refuse(ParsedFromError(ec, shared_.limits).failure);
    Parsed p = FromParser(*parser_, peer_, shared_.limits);
    if (!p.request) return Refuse(p.failure);
    Dispatch(std::make_shared<Request>(std::move(*p.request)));
  }

  void Dispatch(std::shared_ptr<Request> request) {
    busy_ = true;
    Lowest().expires_never();  // the handler's time is the handler's business
    const bool queued = shared_.pool.TrySubmit([self = Self(), request] {
      auto answer = std::make_shared<Response>(RunHandler(self->shared_, *request));
      asio::post(self->executor_,
                 [self, answer, keep = request->keep_alive] { self->Write(*answer, keep); });
    });
    if (!queued) Write(shared_.render(503, "unavailable", "the server is busy"), false);
  }

  void Refuse(const Failure& f) {
    busy_ = true;
    Write(shared_.render(f.status, f.code, f.message), false);
  }

  void Write(const Response& r, bool keep_alive) {
    const bool keep = keep_alive && !r.close && !shared_.stopping;
    body_ = r.body;  // the message points into it
    message_ = ToMessage(shared_, r, keep);
    Lowest().expires_after(Ms(shared_.limits.write_timeout_ms));
    bhttp::async_write(stream_, *message_, [self = Self(), keep](beast::error_code ec, size_t) {
      self->busy_ = false;
      self->message_.reset();
      self->body_.reset();
      if (ec || !keep) return self->Close();
      self->WaitForRequest();
    });
  }

  void Close() {
    if (closed_) return;
    closed_ = true;
    if constexpr (kTls) {
      Lowest().expires_after(std::chrono::seconds(1));
      stream_.async_shutdown([self = Self()](beast::error_code) { self->Lowest().close(); });
    } else {
      beast::error_code ignored;
      Lowest().socket().shutdown(tcp::socket::shutdown_send, ignored);
      Lowest().close();
    }
  }

  static constexpr size_t kFirstRead = 4096;

  Shared& shared_;
  const std::string peer_;
  asio::any_io_executor executor_;
  Stream stream_;
  asio::steady_timer deadline_;
  beast::flat_buffer buffer_;
  std::optional<RequestParser> parser_;
  std::shared_ptr<ResponseMessage> message_;
  std::shared_ptr<const std::string> body_;
  bool busy_ = false;  // a request is being handled or answered
  bool closed_ = false;
  bool timed_out_ = false;
};

}  // namespace verity::http::internal

#endif  // VERITY_HTTP_SESSION_H_
