// The only translation unit of the project that includes Beast (through http_session.hpp): keep
// it that way, so that nothing else pays Beast's compile cost.
#include "net/http_server.hpp"

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <mutex>
#include <system_error>
#include <thread>
#include <vector>

#include "net/http_session.hpp"

namespace recs::net {

namespace {

using internal::session;
using internal::shared_state;
namespace asio = boost::asio;
namespace beast = boost::beast;
using tcp = asio::ip::tcp;

constexpr auto accept_retry_delay = std::chrono::milliseconds(50);
constexpr auto stop_grace = std::chrono::seconds(3);

}  // namespace

class http_server::impl {
 public:
  impl(server_options options, handler on_request)
      : state_(std::make_shared<shared_state>()),
        ioc_(std::max(1, options.threads)),
        acceptor_(asio::make_strand(ioc_)),
        retry_timer_(acceptor_.get_executor()) {
    state_->options = std::move(options);
    state_->options.threads = std::max(1, state_->options.threads);
    state_->on_request = std::move(on_request);
  }

  ~impl() {
    stop();
    std::unique_lock gate(state_->gate);
    state_->open = false;  // from now on responders drop their answers
  }

  status start() {
    if (started_.exchange(true) || state_->stopping) {
      return error{errc::invalid_argument, "server already started or stopped"};
    }
    const auto& o = state_->options;
    beast::error_code ec;
    const auto address = asio::ip::make_address(o.address, ec);
    if (ec) return error{errc::invalid_argument, "invalid listen address '" + o.address + "'"};
    const tcp::endpoint endpoint(address, o.port);
    const auto fail = [&](std::string_view what) -> status {
      beast::error_code ignored;
      acceptor_.close(ignored);
      return error{errc::unavailable, std::string(what) + " " + o.address + ":" +
                                          std::to_string(o.port) + ": " + ec.message()};
    };
    acceptor_.open(endpoint.protocol(), ec);
    if (ec) return fail("cannot open a socket for");
    acceptor_.set_option(asio::socket_base::reuse_address(true), ec);
    if (ec) return fail("cannot configure");
    acceptor_.bind(endpoint, ec);
    if (ec) return fail("cannot bind");
    acceptor_.listen(asio::socket_base::max_listen_connections, ec);
    if (ec) return fail("cannot listen on");
    port_ = acceptor_.local_endpoint(ec).port();
    do_accept();
    threads_.reserve(static_cast<std::size_t>(o.threads));
    for (int i = 0; i < o.threads; ++i) {
      {
        std::lock_guard lock(running_mutex_);
        ++running_;
      }
      try {
        threads_.emplace_back([this] { run_thread(); });
      } catch (const std::system_error& e) {
        {
          std::lock_guard lock(running_mutex_);
          --running_;
        }
        stop();
        return error{errc::unavailable, std::string("cannot start the I/O threads: ") + e.what()};
      }
    }
    return ok_status();
  }

  uint16_t port() const noexcept { return port_; }

  void stop() {
    initiate_shutdown();
    if (ioc_.get_executor().running_in_this_thread()) return;  // joining ourselves would hang
    std::lock_guard lock(join_mutex_);
    {
      // Closed sockets and cancelled timers leave the threads without work, so they return.
      std::unique_lock running(running_mutex_);
      running_cv_.wait_for(running, stop_grace, [this] { return running_ == 0; });
    }
    ioc_.stop();  // a connection that ignored the close must not hold stop() forever
    for (auto& t : threads_) {
      if (t.joinable()) t.join();
    }
    beast::error_code ignored;
    acceptor_.close(ignored);  // no thread runs now; frees the port even if the post never ran
  }

 private:
  void initiate_shutdown() {
    std::vector<std::shared_ptr<session>> live;
    std::vector<std::shared_ptr<internal::ws_session>> live_ws;
    {
      std::lock_guard lock(state_->sessions_mutex);
      if (state_->stopping.exchange(true)) return;
      for (auto& [key, weak] : state_->sessions) {
        if (auto s = weak.lock()) live.push_back(std::move(s));
      }
      for (auto& [key, weak] : state_->ws_sessions) {
        if (auto s = weak.lock()) live_ws.push_back(std::move(s));
      }
    }
    for (auto& s : live_ws) s->shut();
    asio::post(acceptor_.get_executor(), [this] {
      beast::error_code ignored;
      acceptor_.close(ignored);
      retry_timer_.cancel();
    });
    for (auto& s : live) s->shut();
  }

  void do_accept() {
    acceptor_.async_accept(asio::make_strand(ioc_),
                           beast::bind_front_handler(&impl::on_accept, this));
  }

  void on_accept(beast::error_code ec, tcp::socket socket) {
    if (ec == asio::error::operation_aborted || state_->stopping || !acceptor_.is_open()) return;
    if (ec) {
      // E.g. out of file descriptors: back off briefly instead of spinning on the error.
      retry_timer_.expires_after(accept_retry_delay);
      retry_timer_.async_wait([this](beast::error_code wec) {
        if (!wec && !state_->stopping) do_accept();
      });
      return;
    }
    std::make_shared<session>(std::move(socket), state_)->start();
    do_accept();
  }

  void run_thread() {
    for (;;) {
      try {
        ioc_.run();
        break;
      } catch (...) {
        // A throwing completion handler must not take the I/O thread down; keep serving.
      }
    }
    std::lock_guard lock(running_mutex_);
    --running_;
    running_cv_.notify_all();
  }

  // Declaration order is destruction order in reverse: I/O objects before the io_context,
  // the shared state (which sessions reference) after it.
  std::shared_ptr<shared_state> state_;
  asio::io_context ioc_;
  tcp::acceptor acceptor_;
  asio::steady_timer retry_timer_;
  std::vector<std::thread> threads_;
  std::atomic<bool> started_{false};
  std::atomic<uint16_t> port_{0};
  std::mutex join_mutex_;
  std::mutex running_mutex_;
  std::condition_variable running_cv_;
  int running_ = 0;
};

http_server::http_server(server_options options, handler on_request)
    : impl_(std::make_unique<impl>(std::move(options), std::move(on_request))) {}

http_server::~http_server() = default;

status http_server::start() {
  return impl_->start();
}

uint16_t http_server::port() const noexcept {
  return impl_->port();
}

void http_server::stop() {
  impl_->stop();
}

}  // namespace recs::net
