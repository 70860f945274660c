// PRIVATE to http_server.cpp (through http_session.hpp and ws_session.hpp), the only
// translation unit allowed to include Beast. Never include this file anywhere else.
//
// What the server, its HTTP sessions and its WebSocket sessions share.
#pragma once

#include <boost/asio/dispatch.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/websocket.hpp>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <mutex>
#include <optional>
#include <shared_mutex>
#include <unordered_map>
#include <vector>

#include "core/ascii.hpp"
#include "net/http_server.hpp"

namespace recs::net::internal {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;
using clock_type = std::chrono::steady_clock;
using beast_request = http::request<http::string_body>;

constexpr std::string_view server_name = "recs/0.1";
constexpr std::size_t header_limit = 16 * 1024;
constexpr auto linger_time = std::chrono::seconds(2);
constexpr std::string_view continue_line = "HTTP/1.1 100 Continue\r\n\r\n";

class session;
class ws_session;

// Shared by the server, its sessions and every responder handed out, so it outlives them all.
struct shared_state {
  server_options options;
  handler on_request;
  // Responders post onto a session's strand only while holding the gate open; the server closes
  // it exclusively before destroying the io_context, so no post can race that destruction.
  std::shared_mutex gate;
  bool open = true;
  std::mutex sessions_mutex;  // guards `sessions` and the transitions of `stopping`
  std::unordered_map<const session*, std::weak_ptr<session>> sessions;
  std::unordered_map<const ws_session*, std::weak_ptr<ws_session>> ws_sessions;
  std::atomic<bool> stopping{false};
};

// One request's answer: the responder, the deadline or an exception; the first claim wins.
struct reply_slot {
  std::atomic<bool> claimed{false};
  bool claim() noexcept { return !claimed.exchange(true, std::memory_order_acq_rel); }
};

// Beast 1.74 speaks boost::string_view.
inline std::string_view sv(beast::string_view s) noexcept {
  return {s.data(), s.size()};
}
inline beast::string_view bsv(std::string_view s) noexcept {
  return {s.data(), s.size()};
}

inline std::string to_upper(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

// Extra headers may not smuggle framing or line breaks into the response.
inline bool acceptable_header(std::string_view name, std::string_view value) {
  if (name.empty() || name.find_first_of(" \t\r\n:") != std::string_view::npos) return false;
  if (value.find_first_of("\r\n") != std::string_view::npos) return false;
  const std::string n = to_lower(name);
  return n != "content-length" && n != "transfer-encoding" && n != "connection" && n != "server";
}

inline bool is_http_parse_error(const beast::error_code& ec) {
  return ec.category() == http::make_error_code(http::error::bad_method).category();
}

}  // namespace recs::net::internal
