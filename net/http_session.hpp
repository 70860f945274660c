// PRIVATE to http_server.cpp, the only translation unit allowed to include Beast (one costs
// ~40 s and ~1 GB to compile). Never include this file anywhere else.
//
// One HTTP/1.1 connection, structured like Beast's advanced server example: the session runs on
// its own strand and is kept alive by shared_from_this in every pending handler; at most one
// request is handled and one write is in flight at a time.
#pragma once

#include "net/http_shared.hpp"
#include "net/ws_session.hpp"

namespace recs::net::internal {

class session : public std::enable_shared_from_this<session> {
 public:
  session(tcp::socket&& socket, std::shared_ptr<shared_state> state)
      : stream_(std::move(socket)), deadline_(stream_.get_executor()), state_(std::move(state)) {
    beast::error_code ec;
    const auto peer = stream_.socket().remote_endpoint(ec);
    if (!ec) remote_ = peer.address().to_string();
    stream_.socket().set_option(tcp::no_delay(true), ec);
  }

  ~session() {
    std::lock_guard lock(state_->sessions_mutex);
    state_->sessions.erase(this);
  }

  void start() {
    {
      std::lock_guard lock(state_->sessions_mutex);
      if (state_->stopping) return;  // the socket closes with this object
      state_->sessions.emplace(this, weak_from_this());
    }
    asio::dispatch(stream_.get_executor(),
                   beast::bind_front_handler(&session::read_request, shared_from_this()));
  }

  /// From any thread: closes the connection (server shutdown).
  void shut() {
    asio::post(stream_.get_executor(), [self = shared_from_this()] { self->close_now(); });
  }

  /// From any thread, with the gate held open: completes the request owning `slot`.
  void deliver(std::shared_ptr<reply_slot> slot, response res) {
    // dispatch: a handler answering synchronously (on this strand) starts the write inline and
    // saves a trip through the scheduler; any other thread posts. Safe because on_request()
    // touches nothing the write uses once the handler returns.
    asio::dispatch(stream_.get_executor(), [self = shared_from_this(), slot = std::move(slot),
                                            res = std::move(res)]() mutable {
      if (slot != self->slot_ || self->closed_) return;
      self->deadline_.cancel();
      self->send(std::move(res));
    });
  }

 private:
  void read_request() {
    if (closed_) return;
    parser_.emplace();
    parser_->header_limit(header_limit);
    // The larger upload limit first: Beast checks a Content-Length against it while parsing the
    // header; on_header() then applies the limit of the request's path.
    const auto& o = state_->options;
    limit_ = std::max(o.body_limit, o.upload_prefix.empty() ? 0 : o.upload_limit);
    parser_->body_limit(limit_);
    stream_.expires_after(state_->options.read_timeout);
    http::async_read_header(stream_, buffer_, *parser_,
                            beast::bind_front_handler(&session::on_header, shared_from_this()));
  }

  void on_header(beast::error_code ec, std::size_t) {
    if (ec) return on_read_error(ec);
    const auto& o = state_->options;
    const auto target = sv(parser_->get().target());
    const bool upload = !o.upload_prefix.empty() && parser_->get().method() == http::verb::post &&
                        target.substr(0, o.upload_prefix.size()) == o.upload_prefix;
    limit_ = upload ? std::max(o.body_limit, o.upload_limit) : o.body_limit;
    const auto length = parser_->content_length();
    if (length && *length > limit_) return on_read_error(http::error::body_limit);
    parser_->body_limit(limit_);  // what a chunked body may still bring
    if (parser_->is_done()) return on_request();
    if (beast::iequals(parser_->get()[http::field::expect], "100-continue")) {
      // curl waits a second for this before sending a body; answer at once.
      asio::async_write(stream_, asio::buffer(continue_line.data(), continue_line.size()),
                        [self = shared_from_this()](beast::error_code wec, std::size_t) {
                          if (wec) return self->close_now();
                          self->read_body();
                        });
      return;
    }
    read_body();
  }

  void read_body() {
    http::async_read(stream_, buffer_, *parser_,
                     beast::bind_front_handler(&session::on_body, shared_from_this()));
  }

  void on_body(beast::error_code ec, std::size_t) {
    if (ec) return on_read_error(ec);
    on_request();
  }

  void on_read_error(const beast::error_code& ec) {
    if (closed_ || ec == asio::error::operation_aborted) return;
    if (ec == http::error::body_limit) {
      return reject(413, "payload_too_large",
                    "the request body exceeds " + std::to_string(limit_) + " bytes");
    }
    if (ec == http::error::header_limit) {
      return reject(431, "headers_too_large", "the request headers are too large");
    }
    if (is_http_parse_error(ec) && ec != http::error::end_of_stream &&
        ec != http::error::partial_message) {
      return reject(400, "bad_request", "malformed HTTP request");
    }
    close_now();  // peer closed, reset or idle past the read timeout
  }

  // Answers an unreadable request and closes, since the rest of the stream cannot be framed.
  void reject(unsigned status, std::string_view code, const std::string& message) {
    begin_exchange();
    if (parser_ && parser_->is_header_done()) {
      version_ = parser_->get().version();
      if (state_->options.on_complete) {
        log_request_.method = to_upper(sv(parser_->get().method_string()));
        log_request_.target = std::string(parser_->get().target());
      }
    }
    keep_alive_ = false;
    send(json_error(status, code, message));
  }

  void begin_exchange() {
    started_ = clock_type::now();
    slot_.reset();
    version_ = 11;
    head_ = false;
    log_request_ = request{};
    log_request_.remote = remote_;
  }

  void on_request() {
    begin_exchange();
    beast_request msg = parser_->release();
    parser_.reset();
    keep_alive_ = msg.keep_alive();
    version_ = msg.version();
    head_ = msg.method() == http::verb::head;
    if (beast::websocket::is_upgrade(msg)) return on_upgrade(std::move(msg));

    std::optional<request> req = to_request(msg);
    if (!req) return send(json_error(400, "bad_request", "malformed percent-encoding in path"));
    if (state_->options.on_complete) {
      // Copied without the body: the hook needs the request line and headers only.
      std::string body = std::move(req->body);
      log_request_ = *req;
      req->body = std::move(body);
    }
    if (!state_->on_request) return send(json_error(404, "not_found", "no handler"));

    auto slot = std::make_shared<reply_slot>();
    slot_ = slot;
    try {
      state_->on_request(std::move(*req), make_responder(slot));
    } catch (...) {
      if (slot->claim()) return send(json_error(500, "internal", "the request handler failed"));
    }
    // Unless the answer was written inline, wait for it: the pending wait also keeps this
    // session alive, since responders only hold it weakly.
    if (slot_ == slot) arm_deadline(slot);
  }

  // An Upgrade request: the application decides (origin, path); an accepted connection moves
  // the stream into a WebSocket session, and this HTTP session ends.
  void on_upgrade(beast_request&& msg) {
    if (state_->options.on_complete) {
      log_request_.method = to_upper(sv(msg.method_string()));
      log_request_.target = std::string(msg.target());
    }
    keep_alive_ = false;
    std::optional<request> req = to_request(msg);
    if (!req || req->path != state_->options.ws_path || !state_->options.websocket)
      return send(json_error(404, "not_found", "no WebSocket endpoint at this path"));
    ws_decision decision;
    try {
      decision = state_->options.websocket(*req);
    } catch (...) {
      return send(json_error(500, "internal", "the WebSocket handler failed"));
    }
    if (decision.refuse || !decision.make_listener)
      return send(decision.refuse ? std::move(*decision.refuse)
                                  : json_error(404, "not_found", "no WebSocket endpoint"));
    closed_ = true;  // the stream now belongs to the WebSocket session
    auto ws = std::make_shared<ws_session>(std::move(stream_), state_);
    std::shared_ptr<ws_listener> listener;
    try {
      listener = decision.make_listener(std::make_shared<ws_handle>(ws));
    } catch (...) {
      listener = nullptr;
    }
    ws->run(std::move(msg), std::move(listener));
  }

  std::optional<request> to_request(beast_request& msg) const {
    request r;
    r.method = to_upper(sv(msg.method_string()));
    r.target = std::string(msg.target());
    const std::string_view target(r.target);
    const std::size_t q = target.find('?');
    auto path = url_decode(target.substr(0, q), false);
    if (!path) return std::nullopt;
    r.path = std::move(*path);
    if (q != std::string_view::npos) r.query = parse_query(target.substr(q + 1));
    for (const auto& field : msg) {
      r.headers.emplace_back(to_lower(sv(field.name_string())), std::string(field.value()));
    }
    r.body = std::move(msg.body());
    r.remote = remote_;
    return r;
  }

  responder make_responder(const std::shared_ptr<reply_slot>& slot) {
    return [weak = weak_from_this(), state = state_, slot](response res) {
      if (!slot->claim()) return;  // late (after the 503) or a second call
      std::shared_lock gate(state->gate);
      if (!state->open) return;
      if (auto self = weak.lock()) self->deliver(slot, std::move(res));
    };
  }

  void arm_deadline(const std::shared_ptr<reply_slot>& slot) {
    const auto limit = state_->options.handler_deadline;
    if (limit.count() > 0) {
      deadline_.expires_after(limit);
    } else {
      deadline_.expires_at(asio::steady_timer::time_point::max());  // disabled: wait for ever
    }
    wait_for_answer(slot);
  }

  void wait_for_answer(const std::shared_ptr<reply_slot>& slot) {
    deadline_.async_wait([self = shared_from_this(), slot](beast::error_code ec) {
      if (ec || self->closed_ || slot != self->slot_) return;  // answered or gone
      if (slot->claim()) {
        return self->send(json_error(503, "timeout", "the service did not answer in time"));
      }
      // A responder claimed the answer just now and is posting it: stay alive until it lands.
      self->deadline_.expires_after(std::chrono::milliseconds(10));
      self->wait_for_answer(slot);
    });
  }

  void send(response res) {
    if (closed_) return;
    slot_.reset();  // the exchange is answered: later deliveries and the deadline stand down
    if (res.status < 100 || res.status > 999) {
      res = json_error(500, "internal", "the handler produced an invalid status");
    }
    res_ = {};
    res_.version(version_);
    res_.result(res.status);
    res_.set(http::field::server, bsv(server_name));
    if (!res.content_type.empty()) res_.set(http::field::content_type, res.content_type);
    for (const auto& [name, value] : res.headers) {
      if (acceptable_header(name, value)) res_.insert(name, value);
    }
    res_.keep_alive(keep_alive_);
    const bool bodiless = res.status < 200 || res.status == 204 || res.status == 304;
    if (!bodiless) {
      res_.content_length(res.body.size());
      if (!head_) res_.body() = std::move(res.body);  // HEAD: the length, without the bytes
    }
    completed_ = std::move(res);
    stream_.expires_after(state_->options.read_timeout);
    http::async_write(stream_, res_,
                      beast::bind_front_handler(&session::on_write, shared_from_this()));
  }

  void on_write(beast::error_code ec, std::size_t) {
    if (state_->options.on_complete) report();
    res_ = {};  // an idle keep-alive connection holds no response memory
    completed_ = {};
    if (ec) return close_now();
    if (!keep_alive_) return linger_close();
    read_request();
  }

  void report() {
    if (!res_.body().empty()) completed_.body = std::move(res_.body());
    const auto elapsed =
        std::chrono::duration_cast<std::chrono::microseconds>(clock_type::now() - started_);
    try {
      state_->options.on_complete(log_request_, completed_, elapsed);
    } catch (...) {
      // A broken log hook must not take the connection down.
    }
  }

  // Half-closes and drains what the client still sends, so that closing with unread data does
  // not reset the connection before the client has read our last response (e.g. a 413).
  void linger_close() {
    beast::error_code ignored;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ignored);
    stream_.expires_after(linger_time);
    drain();
  }

  void drain() {
    buffer_.consume(buffer_.size());
    stream_.async_read_some(buffer_.prepare(4096),
                            [self = shared_from_this()](beast::error_code ec, std::size_t) {
                              if (ec) return self->close_now();
                              self->drain();
                            });
  }

  void close_now() {
    if (closed_) return;
    closed_ = true;
    deadline_.cancel();
    beast::error_code ignored;
    stream_.socket().shutdown(tcp::socket::shutdown_both, ignored);
    stream_.close();
  }

  beast::tcp_stream stream_;
  beast::flat_buffer buffer_;
  std::optional<http::request_parser<http::string_body>> parser_;
  std::size_t limit_ = 0;  // the body limit of the request being read
  asio::steady_timer deadline_;
  std::shared_ptr<shared_state> state_;
  std::string remote_;
  bool closed_ = false;
  // The exchange in progress: at most one request is handled and one write is in flight.
  std::shared_ptr<reply_slot> slot_;
  http::response<http::string_body> res_;
  unsigned version_ = 11;
  bool keep_alive_ = false;
  bool head_ = false;
  clock_type::time_point started_;
  request log_request_;
  response completed_;
};

}  // namespace recs::net::internal
