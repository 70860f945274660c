// PRIVATE to http_server.cpp (through http_session.hpp), the only translation unit allowed to
// include Beast. Never include this file anywhere else.
//
// One WebSocket connection, as in Beast's websocket examples: its own strand (inherited from the
// HTTP session it was upgraded from), shared_from_this in every pending handler, one write in
// flight and a bounded queue behind it. Heartbeats are our own pings, sent through the same
// queue (Beast 1.74's keep_alive_pings can collide with a pending write): a peer that does not
// answer one before the next is due is cut off. A client that reads too slowly is closed
// instead of letting the queue grow.
#pragma once

#include <array>
#include <deque>

#include "net/http_shared.hpp"

namespace recs::net::internal {

namespace websocket = beast::websocket;

/// How long the opening and the closing handshakes may take.
constexpr std::chrono::seconds close_grace{2};

class ws_session : public std::enable_shared_from_this<ws_session> {
 public:
  ws_session(beast::tcp_stream&& stream, std::shared_ptr<shared_state> state)
      : ws_(std::move(stream)),
        state_(std::move(state)),
        heartbeat_(ws_.get_executor()),
        close_deadline_(ws_.get_executor()) {}

  ~ws_session() {
    std::lock_guard lock(state_->sessions_mutex);
    state_->ws_sessions.erase(this);
  }

  /// Takes the upgrade request over: registers for shutdown, then completes the handshake.
  void run(beast_request req, std::shared_ptr<ws_listener> listener) {
    listener_ = std::move(listener);
    {
      std::lock_guard lock(state_->sessions_mutex);
      if (state_->stopping) return;
      state_->ws_sessions.emplace(this, weak_from_this());
    }
    const auto& o = state_->options;
    beast::get_lowest_layer(ws_).expires_never();  // the websocket stream times out by itself
    websocket::stream_base::timeout t{};
    // The opening handshake only: on_accept turns it off, and the closing one has our own
    // deadline (close_with).
    t.handshake_timeout = close_grace;
    t.idle_timeout = websocket::stream_base::none();
    t.keep_alive_pings = false;
    ws_.set_option(t);
    ws_.control_callback([this](websocket::frame_type kind, beast::string_view) {
      if (kind == websocket::frame_type::pong) awaiting_pong_ = false;
    });
    ws_.set_option(websocket::stream_base::decorator(
        [](websocket::response_type& res) { res.set(http::field::server, bsv(server_name)); }));
    ws_.read_message_max(o.ws_message_limit);
    ws_.text(true);
    ws_.async_accept(req, beast::bind_front_handler(&ws_session::on_accept, shared_from_this()));
  }

  bool send(std::string text) { return enqueue({false, std::move(text), nullptr, {}}); }

  bool send_shared(std::string head, std::shared_ptr<const std::string> shared, std::string tail) {
    return enqueue({false, std::move(head), std::move(shared), std::move(tail)});
  }

  void close(unsigned short code, std::string reason) {
    asio::post(ws_.get_executor(), [self = shared_from_this(), code, reason = std::move(reason)] {
      self->close_with(code, reason);
    });
  }

  std::size_t queued() const { return queued_.load(std::memory_order_acquire); }

  /// From any thread: closes the connection (server shutdown).
  void shut() { close(1001, "server shutting down"); }

 private:
  // One queued message (its payload is head + *shared + tail), or one of our pings.
  struct outgoing {
    bool ping = false;
    std::string head;                           // the whole text of a plain message
    std::shared_ptr<const std::string> shared;  // not copied: other connections may hold it
    std::string tail;
  };

  // Nothing is written before the handshake's own response is out: messages queued and a close
  // asked for meanwhile start here.
  void on_accept(beast::error_code ec) {
    if (ec) return finish();
    open_ = true;
    // Beast 1.74 asserts (debug builds) when its closing-handshake timeout fires while our read
    // waits behind the close: the close gets our own deadline instead.
    websocket::stream_base::timeout t{};
    t.handshake_timeout = websocket::stream_base::none();
    t.idle_timeout = websocket::stream_base::none();
    t.keep_alive_pings = false;
    ws_.set_option(t);
    read_next();
    beat();
    // A close asked for before the handshake was out (e.g. a credential refused at once) still
    // sends the message queued before it (the refusal's reason), then the close frame.
    if (closing_ && queue_.empty()) return start_close();
    write_next(closing_);
  }

  // Every half idle timeout: a ping, unless the last one is still unanswered (then the peer is
  // gone or stuck, and the connection is cut).
  void beat() {
    const auto idle = state_->options.ws_idle_timeout;
    heartbeat_.expires_after(idle.count() > 0 ? idle / 2 : std::chrono::milliseconds(15000));
    heartbeat_.async_wait([self = shared_from_this()](beast::error_code ec) {
      if (ec || self->closed_) return;
      if (self->awaiting_pong_) return self->finish();
      self->awaiting_pong_ = true;
      if (!self->closing_) {
        self->queue_.push_back({true, {}, nullptr, {}});
        if (!self->writing_) self->write_next();
      }
      self->beat();
    });
  }

  void read_next() {
    ws_.async_read(in_, beast::bind_front_handler(&ws_session::on_read, shared_from_this()));
  }

  void on_read(beast::error_code ec, std::size_t) {
    if (ec) {
      if (ec == websocket::error::message_too_big) close_with(1009, "message too big");
      return finish();
    }
    std::string text = beast::buffers_to_string(in_.data());
    in_.consume(in_.size());
    if (listener_) {
      try {
        listener_->on_text(std::move(text));
      } catch (...) {
        return close_with(1011, "internal error");
      }
    }
    if (!closed_) read_next();
  }

  // From any thread: one message into the bounded queue (or the connection closed as too slow).
  bool enqueue(outgoing m) {
    if (closed_flag_.load(std::memory_order_acquire)) return false;
    const std::size_t limit = state_->options.ws_queue_limit;
    if (queued_.fetch_add(1, std::memory_order_acq_rel) >= limit) {
      queued_.fetch_sub(1, std::memory_order_acq_rel);
      close(1008, "too slow: the send queue is full");
      return false;
    }
    asio::post(ws_.get_executor(), [self = shared_from_this(), m = std::move(m)]() mutable {
      if (self->closed_ || self->closing_) {  // nothing may follow the close frame
        self->queued_.fetch_sub(1, std::memory_order_acq_rel);
        return;
      }
      self->queue_.push_back(std::move(m));
      if (self->open_ && !self->writing_) self->write_next();
    });
    return true;
  }

  /// `flushing`: the close waits behind the front message (on_write sends it next).
  void write_next(bool flushing = false) {
    if (queue_.empty() || closed_ || (closing_ && !flushing)) return;
    writing_ = true;
    if (queue_.front().ping) {
      ws_.async_ping({},
                     [self = shared_from_this()](beast::error_code ec) { self->on_write(ec, 0); });
      return;
    }
    // One message (Beast fragments it as it would the concatenation); the parts stay in the
    // queue's front entry until on_write.
    const outgoing& m = queue_.front();
    const std::array<asio::const_buffer, 3> parts{
        asio::buffer(m.head), m.shared ? asio::buffer(*m.shared) : asio::const_buffer(),
        asio::buffer(m.tail)};
    ws_.async_write(parts, beast::bind_front_handler(&ws_session::on_write, shared_from_this()));
  }

  void on_write(beast::error_code ec, std::size_t) {
    writing_ = false;
    if (!queue_.empty()) {
      if (!queue_.front().ping) queued_.fetch_sub(1, std::memory_order_acq_rel);
      queue_.pop_front();
    }
    if (ec || closed_) return finish();
    if (closing_) return start_close();
    write_next();
  }

  // A close frame may not interleave with a message being written: it goes after it.
  // A peer that does not answer the close frame within close_grace (e.g. at shutdown), or does
  // not read what is being written before it (too slow), is cut off.
  void close_with(unsigned short code, const std::string& reason) {
    if (closed_ || closing_) return;
    closing_ = true;
    close_deadline_.expires_after(close_grace);
    close_deadline_.async_wait([self = shared_from_this()](beast::error_code ec) {
      if (!ec) self->finish();
    });
    close_reason_ = websocket::close_reason(static_cast<websocket::close_code>(code), bsv(reason));
    if (open_ && !writing_) start_close();
  }

  void start_close() {
    ws_.async_close(close_reason_,
                    [self = shared_from_this()](beast::error_code) { self->finish(); });
  }

  void finish() {
    if (closed_) return;
    closed_ = true;
    closed_flag_.store(true, std::memory_order_release);
    heartbeat_.cancel();
    close_deadline_.cancel();
    // The message being written stays until its write completes (its buffer is in use).
    const std::size_t keep = writing_ ? std::min<std::size_t>(queue_.size(), 1) : 0;
    for (std::size_t i = keep; i < queue_.size(); ++i)
      if (!queue_[i].ping) queued_.fetch_sub(1, std::memory_order_acq_rel);
    queue_.erase(queue_.begin() + static_cast<std::ptrdiff_t>(keep), queue_.end());
    beast::error_code ignored;
    beast::get_lowest_layer(ws_).socket().shutdown(tcp::socket::shutdown_both, ignored);
    beast::get_lowest_layer(ws_).close();
    if (auto l = std::move(listener_)) {
      try {
        l->on_closed();
      } catch (...) {
        // The connection is gone either way.
      }
    }
  }

  websocket::stream<beast::tcp_stream> ws_;
  std::shared_ptr<shared_state> state_;
  std::shared_ptr<ws_listener> listener_;
  beast::flat_buffer in_;
  std::deque<outgoing> queue_;  // the front one is being written while writing_
  std::atomic<std::size_t> queued_{0};
  std::atomic<bool> closed_flag_{false};
  asio::steady_timer heartbeat_;
  asio::steady_timer close_deadline_;
  bool awaiting_pong_ = false;
  bool open_ = false;  // the handshake completed
  bool writing_ = false;
  bool closing_ = false;
  bool closed_ = false;
  websocket::close_reason close_reason_;
};

/// What the application holds of a connection: it refers to the session weakly, so that
/// nothing the application keeps can outlive the I/O objects (or keep a closed session alive).
class ws_handle final : public ws_connection {
 public:
  explicit ws_handle(std::weak_ptr<ws_session> s) : s_(std::move(s)) {}
  bool send(std::string text) override {
    auto s = s_.lock();
    return s && s->send(std::move(text));
  }
  bool send_shared(std::string head, std::shared_ptr<const std::string> shared,
                   std::string tail) override {
    auto s = s_.lock();
    return s && s->send_shared(std::move(head), std::move(shared), std::move(tail));
  }
  void close(unsigned short code, std::string reason) override {
    if (auto s = s_.lock()) s->close(code, std::move(reason));
  }
  std::size_t queued() const override {
    auto s = s_.lock();
    return s ? s->queued() : 0;
  }

 private:
  std::weak_ptr<ws_session> s_;
};

}  // namespace recs::net::internal
