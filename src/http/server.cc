#include "http/server.h"

#include <sys/stat.h>

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/strand.hpp>
#include <chrono>
#include <iostream>
#include <thread>

#include "core/text.h"
#include "http/session.h"

namespace verity::http {

using internal::Shared;
namespace asio = boost::asio;
namespace beast = boost::beast;
using tcp = asio::ip::tcp;

namespace {

// How long Stop waits for answers in flight before closing regardless.
constexpr auto kStopGrace = std::chrono::seconds(30);

StatusOr<std::unique_ptr<asio::ssl::context>> LoadTls(const TlsFiles& files) {
  auto ctx = std::make_unique<asio::ssl::context>(asio::ssl::context::tls_server);
  ctx->set_options(asio::ssl::context::default_workarounds | asio::ssl::context::no_sslv2 |
                   asio::ssl::context::no_sslv3 | asio::ssl::context::no_tlsv1 |
                   asio::ssl::context::no_tlsv1_1 | asio::ssl::context::single_dh_use);
  struct stat st {};
  if (::stat(files.private_key.c_str(), &st) == 0 && (st.st_mode & 077) != 0) {
    return InvalidArgument("TLS private key " + files.private_key +
                           " is readable by other users (chmod 600 it)");
  }
  beast::error_code ec;
  ctx->use_certificate_chain_file(files.certificate_chain, ec);
  if (ec) {
    return InvalidArgument("TLS certificate " + files.certificate_chain + ": cannot be used (" +
                           ec.message() + ")");
  }
  ctx->use_private_key_file(files.private_key, asio::ssl::context::pem, ec);
  if (ec) {
    return InvalidArgument("TLS private key " + files.private_key + ": cannot be used (" +
                           ec.message() + ")");
  }
  if (SSL_CTX_check_private_key(ctx->native_handle()) != 1) {
    return InvalidArgument("TLS private key " + files.private_key +
                           " does not match the certificate " + files.certificate_chain);
  }
  return ctx;
}

// The wire bytes of a refusal sent on a connection that is then closed.
std::string CannedResponse(const Shared& shared, int status, std::string_view code,
                           std::string_view message) {
  const Response r = shared.render(status, code, message);
  auto msg = internal::ToMessage(shared, r, false);
  std::ostringstream out;
  out << *msg;
  return out.str();
}

}  // namespace

namespace internal {

void Shared::Add(SessionBase* s, std::weak_ptr<SessionBase> w) {
  std::lock_guard lock(mu);
  live.emplace(s, std::move(w));
}

void Shared::Remove(SessionBase* s) {
  std::lock_guard lock(mu);
  live.erase(s);
  if (live.empty()) none_left.notify_all();
}

Response RunHandler(const Shared& shared, const Request& request) {
  const auto fail = [&](std::string_view what) {
    std::cerr << "verity http: internal error serving " << EscapeBytes(request.method, 64) << " "
              << EscapeBytes(request.path, 200) << ": " << EscapeBytes(what, 400) << "\n";
    return shared.render(500, "internal", "internal error while serving the request");
  };
  try {
    return shared.handler.Serve(request);
  } catch (const std::exception& e) {
    return fail(e.what());
  } catch (...) {
    return fail("an exception that is not a std::exception");
  }
}

std::shared_ptr<ResponseMessage> ToMessage(const Shared& shared, const Response& r,
                                           bool keep_alive) {
  auto m = std::make_shared<ResponseMessage>();
  m->version(11);
  m->result(r.status >= 100 && r.status <= 599 ? static_cast<unsigned>(r.status) : 500u);
  for (const Field& f : shared.default_headers) m->set(f.first, f.second);
  m->set(bhttp::field::content_type, r.content_type);
  m->set(bhttp::field::cache_control, r.cache_control);
  for (const Field& f : r.headers) m->set(f.first, f.second);
  m->keep_alive(keep_alive);
  m->body() = boost::beast::span<const char>(r.body->data(), r.body->size());
  m->prepare_payload();
  return m;
}

}  // namespace internal

struct Server::Impl {
  Impl(ServerOptions o, const Handler& handler)
      : options(std::move(o)),
        shared(handler, options.limits, options.render_error, options.default_headers),
        tls(),
        ioc(static_cast<int>(options.limits.io_threads)),
        work(asio::make_work_guard(ioc)),
        acceptor(asio::make_strand(ioc)),
        retry(ioc) {}

  Status Open();
  void Accept();
  void OnAccept(beast::error_code ec, tcp::socket socket);
  void Refuse(tcp::socket& socket);

  ServerOptions options;
  Shared shared;
  std::unique_ptr<asio::ssl::context> tls;  // outlives the sessions that use it
  asio::io_context ioc;
  // Keeps the I/O threads running while only handlers are at work (their
  // answers are posted back to the connections).
  asio::executor_work_guard<asio::io_context::executor_type> work;
  tcp::acceptor acceptor;
  asio::steady_timer retry;  // after a failed accept (e.g. out of descriptors)
  std::string too_many;      // the 503 sent to a connection over the limits
  std::vector<std::thread> threads;
  int port = 0;
  bool started = false;
  bool stopped = false;
};

Status Server::Impl::Open() {
  beast::error_code ec;
  const asio::ip::address address = asio::ip::make_address(options.bind, ec);
  if (ec)
    return InvalidArgument("bind address " + Quote(options.bind, 64) + " is not an IP address");
  const tcp::endpoint endpoint(address, static_cast<unsigned short>(options.port));
  acceptor.open(endpoint.protocol(), ec);
  if (!ec) acceptor.set_option(asio::socket_base::reuse_address(true), ec);
  if (!ec) acceptor.bind(endpoint, ec);
  if (!ec) acceptor.listen(asio::socket_base::max_listen_connections, ec);
  if (ec) {
    return Unavailable("cannot listen on " + options.bind + ":" + std::to_string(options.port) +
                       " (" + ec.message() + ")");
  }
  port = acceptor.local_endpoint().port();
  return Status::Ok();
}

void Server::Impl::Accept() {
  acceptor.async_accept(asio::make_strand(ioc), [this](beast::error_code ec, tcp::socket socket) {
    OnAccept(ec, std::move(socket));
  });
}

void Server::Impl::OnAccept(beast::error_code ec, tcp::socket socket) {
  if (!acceptor.is_open() || shared.stopping) return;
  if (ec) {
    retry.expires_after(std::chrono::milliseconds(50));
    retry.async_wait([this](beast::error_code) { Accept(); });
    return;
  }
  beast::error_code peer_ec;
  const std::string peer = socket.remote_endpoint(peer_ec).address().to_string();
  if (peer_ec || !shared.table.TryOpen(peer)) {
    Refuse(socket);
  } else {
    socket.set_option(tcp::no_delay(true), peer_ec);
    if (tls) {
      std::make_shared<internal::Session<true>>(shared, peer, std::move(socket), *tls)->Start();
    } else {
      std::make_shared<internal::Session<false>>(shared, peer, std::move(socket))->Start();
    }
  }
  Accept();
}

// Best effort and never blocking: the 503 fits in the socket's send buffer.
void Server::Impl::Refuse(tcp::socket& socket) {
  beast::error_code ignored;
  socket.non_blocking(true, ignored);
  socket.write_some(asio::buffer(too_many), ignored);
  socket.shutdown(tcp::socket::shutdown_both, ignored);
  socket.close(ignored);
}

Server::Server(ServerOptions options, const Handler& handler)
    : impl_(std::make_unique<Impl>(std::move(options), handler)) {}

Server::~Server() { Stop(); }

Status Server::Start() {
  Impl& s = *impl_;
  if (s.options.tls) {
    VERITY_ASSIGN_OR_RETURN(s.tls, LoadTls(*s.options.tls));
  }
  VERITY_RETURN_IF_ERROR(s.Open());
  s.too_many = CannedResponse(s.shared, 503, "unavailable", "too many connections");
  s.Accept();
  for (int64_t i = 0; i < s.options.limits.io_threads; ++i) {
    s.threads.emplace_back([&s] { s.ioc.run(); });
  }
  s.started = true;
  return Status::Ok();
}

void Server::Stop() {
  Impl& s = *impl_;
  if (!s.started || s.stopped) return;
  s.stopped = true;
  s.shared.stopping = true;
  asio::post(s.acceptor.get_executor(), [&s] {
    beast::error_code ignored;
    s.acceptor.close(ignored);
    s.retry.cancel();
  });
  std::vector<std::shared_ptr<internal::SessionBase>> live;
  {
    std::lock_guard lock(s.shared.mu);
    for (auto& [ptr, weak] : s.shared.live) {
      if (auto p = weak.lock()) live.push_back(std::move(p));
    }
  }
  for (auto& session : live) session->Shutdown();
  live.clear();  // the sessions now live as long as their pending steps
  {
    std::unique_lock lock(s.shared.mu);
    s.shared.none_left.wait_for(lock, kStopGrace, [&s] { return s.shared.live.empty(); });
  }
  s.shared.pool.Stop();
  s.work.reset();
  s.ioc.stop();
  for (std::thread& t : s.threads) t.join();
  s.threads.clear();
}

int Server::port() const { return impl_->port; }
bool Server::tls() const { return impl_->options.tls.has_value(); }
int64_t Server::open_connections() const { return impl_->shared.table.open(); }

bool IsLoopback(const std::string& address) {
  if (address == "localhost") return true;
  beast::error_code ec;
  const asio::ip::address a = asio::ip::make_address(address, ec);
  return !ec && a.is_loopback();
}

}  // namespace verity::http
