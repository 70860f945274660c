// recs-bench-ws: live-update figures of the real service (docs/ws.md), in one run:
//  - rating-to-push latency: for N subscribed WebSocket clients of Ross's slate, the time from
//    calling put_rating to the arrival of the new slate at the first and at the last client
//    (p50 and p95 over the rounds), for N = 1, 100 and 1000;
//  - resident memory per idle connection: the server's VmRSS with 0 clients, with 1000
//    authenticated clients and with 1000 subscribed clients.
// The service (SQLite file, actors, live hub, Beast server on loopback) runs in this process on
// the bundled catalog; the clients run in a child process (this executable with --clients), one
// thread multiplexing every socket with epoll, so the VmRSS read here is the server's alone.
// Both sides stamp times with CLOCK_MONOTONIC (steady_clock), which is the same across processes.
//
// Usage: recs-bench-ws [catalog.jsonl] [providers.json] [rounds (30)] [client counts (1,100,1000)]
//        recs-bench-ws --clients <port>   (internal: the client side, driven over stdin/stdout)
#include <rapidjson/document.h>
#include <caf/actor_system.hpp>
#include <caf/actor_system_config.hpp>

#include <arpa/inet.h>
#include <fcntl.h>
#include <malloc.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <spawn.h>
#include <sys/epoll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <chrono>
#include <cmath>
#include <csignal>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <future>
#include <memory>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "actors/service.hpp"
#include "adapters/catalog_json.hpp"
#include "app/bootstrap.hpp"
#include "net/http_server.hpp"
#include "net/live_hub.hpp"
#include "recsys/catalog_snapshot.hpp"
#include "storage/sqlite_store.hpp"

namespace {

using steady = std::chrono::steady_clock;

constexpr const char* kToken = "devtoken:demo@local.test";
constexpr const char* kSubscribe = R"({"type":"subscribe","id":"r","for":"ross","limit":20})";

/// CLOCK_MONOTONIC in ns: comparable between the server and the client process.
std::int64_t now_ns() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(steady::now().time_since_epoch())
      .count();
}

double ms_between(std::int64_t from_ns, std::int64_t to_ns) {
  return static_cast<double>(to_ns - from_ns) / 1e6;
}

/// Raises the soft limit on open files to at least `want` (up to the hard limit).
void raise_nofile(rlim_t want) {
  rlimit r{};
  if (::getrlimit(RLIMIT_NOFILE, &r) != 0 || r.rlim_cur >= want) return;
  r.rlim_cur = r.rlim_max == RLIM_INFINITY ? want : std::min(want, r.rlim_max);
  ::setrlimit(RLIMIT_NOFILE, &r);
}

std::vector<std::string> words(const std::string& line) {
  std::istringstream in(line);
  std::vector<std::string> out;
  for (std::string w; in >> w;) out.push_back(w);
  return out;
}

// =================================================================================================
// The client side (--clients): N WebSocket connections on one epoll loop, driven by line commands
// on stdin, answering one line each on stdout:
//   connect <n> <subscribe 0|1>  close the current connections, open n, authenticate (upgrade
//                                header), subscribe when asked -> "ok <version> <ms> <bytes>"
//   subscribe                    subscribe every connection -> "ok <version> <ms> <bytes>"
//                                (bytes: the size of the last slate message)
//   arm                          wait until every client holds the same slate version, then
//                                start a round -> "armed <version> <top show id>"
//                                (round ends: "done <first ns> <last ns> <other pushes>")
//   close                        close every connection -> "ok"
// A failure answers "err <text>"; a command or round not done in 20 s answers "timeout <text>".
// =================================================================================================

/// Finds `"key":` in the head of a server message (before its items) and returns what follows.
std::string_view field(std::string_view msg, std::string_view key) {
  const auto head = msg.substr(0, std::min<std::size_t>(msg.find("\"items\""), 512));
  std::string pattern = "\"";
  pattern.append(key).append("\":");
  const auto at = head.find(pattern);
  if (at == std::string_view::npos) return {};
  auto rest = head.substr(at + pattern.size());
  if (!rest.empty() && rest.front() == '"') {
    rest.remove_prefix(1);
    return rest.substr(0, rest.find('"'));
  }
  return rest.substr(0, rest.find_first_of(",}"));
}

class swarm {
 public:
  explicit swarm(std::uint16_t port) : port_(port), ep_(::epoll_create1(EPOLL_CLOEXEC)) {
    ::fcntl(0, F_SETFL, ::fcntl(0, F_GETFL) | O_NONBLOCK);
    watch(0, kStdin, EPOLLIN, EPOLL_CTL_ADD);
  }

  int run() {
    std::vector<epoll_event> events(1024);
    while (!quit_) {
      const int n = ::epoll_wait(ep_, events.data(), static_cast<int>(events.size()), 50);
      if (n < 0 && errno != EINTR) return 1;
      for (int i = 0; i < n; ++i) {
        const auto tag = events[static_cast<std::size_t>(i)].data.u64;
        const auto ev = events[static_cast<std::size_t>(i)].events;
        if (tag == kStdin) {
          read_commands();
          break;  // the connections may have changed; level-triggered events come again
        }
        if (tag < conns_.size()) on_socket(conns_[tag], ev);
      }
      progress();
    }
    return 0;
  }

 private:
  enum class state { connecting, upgrading, awaiting_ready, subscribing, idle, closed };
  enum class pending { none, open, arm, round };

  struct conn {
    int fd = -1;
    std::size_t index = 0;
    state st = state::connecting;
    std::string in;       ///< received bytes not parsed yet
    std::string out;      ///< frames not written yet
    std::string partial;  ///< a fragmented message so far
    std::uint64_t version = 0;
    bool got_round = false;
  };

  static constexpr std::uint64_t kStdin = ~std::uint64_t{0};

  void watch(int fd, std::uint64_t tag, std::uint32_t events, int op) {
    epoll_event e{};
    e.events = events;
    e.data.u64 = tag;
    ::epoll_ctl(ep_, op, fd, &e);
  }

  void answer(const std::string& line) {
    const std::string text = line + "\n";
    std::size_t done = 0;
    while (done < text.size()) {
      const ssize_t n = ::write(1, text.data() + done, text.size() - done);
      if (n <= 0 && errno != EINTR) break;
      if (n > 0) done += static_cast<std::size_t>(n);
    }
    what_ = pending::none;
  }

  void fail(const std::string& why) {
    if (what_ != pending::none) answer("err " + why);
    std::fprintf(stderr, "recs-bench-ws --clients: %s\n", why.c_str());
  }

  // -- commands ---------------------------------------------------------------------------------

  void read_commands() {
    char buf[4096];
    for (;;) {
      const ssize_t n = ::read(0, buf, sizeof buf);
      if (n == 0) quit_ = true;  // the server side is gone
      if (n <= 0) break;
      commands_.append(buf, static_cast<std::size_t>(n));
    }
    for (std::size_t eol; (eol = commands_.find('\n')) != std::string::npos;) {
      const auto w = words(commands_.substr(0, eol));
      commands_.erase(0, eol + 1);
      if (!w.empty()) command(w);
    }
  }

  void command(const std::vector<std::string>& w) {
    started_ = now_ns();
    if (w[0] == "quit") {
      quit_ = true;
    } else if (w[0] == "close") {
      close_all();
      answer("ok");
    } else if (w[0] == "connect" && w.size() == 3) {
      close_all();
      subscribe_ = w[2] == "1";
      open(static_cast<std::size_t>(std::stoul(w[1])));
    } else if (w[0] == "subscribe") {
      subscribe_ = true;
      what_ = pending::open;
      for (auto& c : conns_) {
        c.st = state::subscribing;
        send_frame(c, 0x1, kSubscribe);
      }
    } else if (w[0] == "arm") {
      what_ = pending::arm;
    } else {
      answer("err unknown command " + w[0]);
    }
  }

  void close_all() {
    for (auto& c : conns_)
      if (c.fd >= 0) ::close(c.fd);
    conns_.clear();
  }

  void open(std::size_t n) {
    what_ = pending::open;
    conns_.resize(n);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(port_);
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    for (std::size_t i = 0; i < n; ++i) {
      conn& c = conns_[i];
      c.index = i;
      c.fd = ::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
      if (c.fd < 0) return fail("socket: " + std::string(std::strerror(errno)));
      const int one = 1;
      ::setsockopt(c.fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
      if (::connect(c.fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 &&
          errno != EINPROGRESS)
        return fail("connect: " + std::string(std::strerror(errno)));
      watch(c.fd, i, EPOLLIN | EPOLLOUT, EPOLL_CTL_ADD);
    }
  }

  /// Answers the pending command once its condition holds (or its time is up).
  void progress() {
    if (what_ == pending::none) return;
    const auto all = [&](auto&& pred) { return std::all_of(conns_.begin(), conns_.end(), pred); };
    const std::uint64_t top = conns_.empty() ? 0 : conns_.front().version;
    if (what_ == pending::open && all([](const conn& c) { return c.st == state::idle; })) {
      answer("ok " + std::to_string(top) + " " + std::to_string(ms_between(started_, now_ns())) +
             " " + std::to_string(probe_.size()));
    } else if (what_ == pending::arm && !conns_.empty() &&
               all([&](const conn& c) { return c.st == state::idle && c.version == top; })) {
      for (auto& c : conns_) c.got_round = false;
      baseline_ = top;
      got_ = 0;
      other_ = 0;
      answer("armed " + std::to_string(top) + " " + first_show());
      what_ = pending::round;
      started_ = now_ns();
    } else if (what_ == pending::round && got_ == conns_.size()) {
      answer("done " + std::to_string(first_) + " " + std::to_string(last_) + " " +
             std::to_string(other_));
    } else if (now_ns() - started_ > 20'000'000'000) {
      answer("timeout " + std::to_string(got_) + "/" + std::to_string(conns_.size()));
    }
  }

  /// The first show of the slate the first connection holds.
  std::string first_show() const {
    rapidjson::Document d;
    d.Parse(probe_.c_str(), probe_.size());
    if (d.HasParseError() || !d.IsObject() || !d.HasMember("items") || !d["items"].IsArray() ||
        d["items"].Empty() || !d["items"][0].IsObject() || !d["items"][0].HasMember("id") ||
        !d["items"][0]["id"].IsString())
      return "-";
    return d["items"][0]["id"].GetString();
  }

  // -- sockets ----------------------------------------------------------------------------------

  void on_socket(conn& c, std::uint32_t ev) {
    if (c.st == state::closed) return;
    if (c.st == state::connecting) {
      int err = 0;
      socklen_t len = sizeof err;
      ::getsockopt(c.fd, SOL_SOCKET, SO_ERROR, &err, &len);
      if (err != 0) return drop(c, "connect: " + std::string(std::strerror(err)));
      if ((ev & EPOLLOUT) == 0) return;
      c.st = state::upgrading;
      c.out = "GET /ws HTTP/1.1\r\nHost: 127.0.0.1:" + std::to_string(port_) +
              "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: " + key() +
              "\r\nSec-WebSocket-Version: 13\r\nAuthorization: Bearer " + kToken + "\r\n\r\n";
    }
    if (!c.out.empty() || (ev & EPOLLOUT)) flush(c);
    if (ev & (EPOLLIN | EPOLLHUP | EPOLLERR)) receive(c);
  }

  void drop(conn& c, const std::string& why) {
    if (c.st == state::closed) return;
    ::close(c.fd);
    c.fd = -1;
    c.st = state::closed;
    fail("connection " + std::to_string(c.index) + ": " + why);
  }

  void flush(conn& c) {
    while (!c.out.empty()) {
      const ssize_t n = ::send(c.fd, c.out.data(), c.out.size(), MSG_NOSIGNAL);
      if (n < 0 && errno == EINTR) continue;
      if (n < 0 && errno == EAGAIN) break;
      if (n < 0) return drop(c, "send: " + std::string(std::strerror(errno)));
      c.out.erase(0, static_cast<std::size_t>(n));
    }
    watch(c.fd, c.index, c.out.empty() ? EPOLLIN : EPOLLIN | EPOLLOUT, EPOLL_CTL_MOD);
  }

  void receive(conn& c) {
    static char buf[1 << 16];
    for (;;) {
      const ssize_t n = ::recv(c.fd, buf, sizeof buf, 0);
      if (n < 0 && errno == EINTR) continue;
      if (n < 0 && errno == EAGAIN) break;
      if (n <= 0) return drop(c, n == 0 ? "closed by the server" : std::strerror(errno));
      c.in.append(buf, static_cast<std::size_t>(n));
    }
    if (c.st == state::upgrading) {
      const auto end = c.in.find("\r\n\r\n");
      if (end == std::string::npos) return;
      if (c.in.compare(0, 12, "HTTP/1.1 101") != 0)
        return drop(c, "upgrade refused: " + c.in.substr(0, c.in.find('\r')));
      c.in.erase(0, end + 4);
      c.st = state::awaiting_ready;
    }
    frames(c);
  }

  /// Parses the complete frames in c.in (server frames are unmasked; a masked one is unmasked).
  void frames(conn& c) {
    std::size_t pos = 0;
    while (c.st != state::closed && c.in.size() - pos >= 2) {
      const auto* p = reinterpret_cast<const unsigned char*>(c.in.data() + pos);
      const std::size_t avail = c.in.size() - pos;
      std::uint64_t len = p[1] & 0x7fu;
      std::size_t head = 2;
      if (len == 126) {
        if (avail < 4) break;
        len = (std::uint64_t{p[2]} << 8) | p[3];
        head = 4;
      } else if (len == 127) {
        if (avail < 10) break;
        len = 0;
        for (int i = 0; i < 8; ++i) len = (len << 8) | p[2 + i];
        head = 10;
      }
      const bool masked = (p[1] & 0x80u) != 0;
      if (masked) head += 4;
      if (avail < head + len) break;
      char* payload = c.in.data() + pos + head;
      if (masked)
        for (std::size_t i = 0; i < len; ++i) payload[i] ^= static_cast<char>(p[head - 4 + i % 4]);
      const bool fin = (p[0] & 0x80u) != 0;
      const unsigned opcode = p[0] & 0x0fu;
      const std::string_view body(payload, len);
      pos += head + len;
      if (opcode == 0x9) {
        send_frame(c, 0xA, body);  // pong
      } else if (opcode == 0x8) {
        send_frame(c, 0x8, body.substr(0, 2));
        return drop(c, "closed by the server (close frame)");
      } else if (opcode == 0x1 && fin) {
        message(c, body);
      } else if (opcode == 0x1 || opcode == 0x0) {
        c.partial.append(body);
        if (fin) {
          message(c, c.partial);
          c.partial.clear();
        }
      }
    }
    if (c.st != state::closed) c.in.erase(0, pos);
  }

  void message(conn& c, std::string_view text) {
    const auto type = field(text, "type");
    if (type == "ready") {
      if (c.st != state::awaiting_ready) return;
      c.st = subscribe_ ? state::subscribing : state::idle;
      if (subscribe_) send_frame(c, 0x1, kSubscribe);
    } else if (type == "slate") {
      const std::uint64_t v =
          std::strtoull(std::string(field(text, "version")).c_str(), nullptr, 10);
      if (c.index == 0) probe_.assign(text);
      if (c.st == state::subscribing) c.st = state::idle;
      if (what_ == pending::round && v > baseline_ && !c.got_round &&
          field(text, "reason") == "rating") {
        const auto t = now_ns();
        c.got_round = true;
        if (got_++ == 0) first_ = t;
        last_ = t;
      } else if (what_ == pending::round) {
        ++other_;
      }
      c.version = std::max(c.version, v);
    } else if (type == "error") {
      drop(c, "error message: " + std::string(text.substr(0, 300)));
    }
  }

  std::uint32_t random32() {
    rng_ ^= rng_ << 13;
    rng_ ^= rng_ >> 7;
    rng_ ^= rng_ << 17;
    return static_cast<std::uint32_t>(rng_);
  }

  /// A Sec-WebSocket-Key: base64 of 16 random bytes (22 characters and "==").
  std::string key() {
    static constexpr char b64[] =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::string k;
    for (int i = 0; i < 21; ++i) k.push_back(b64[random32() % 64]);
    k.push_back(b64[(random32() % 4) * 16]);  // the last 4 bits of 128 are zero padding
    return k + "==";
  }

  /// Queues one client frame (FIN, masked with a fresh key, as RFC 6455 requires) and writes.
  void send_frame(conn& c, unsigned opcode, std::string_view payload) {
    std::string& f = c.out;
    f.push_back(static_cast<char>(0x80u | opcode));
    const std::size_t n = payload.size();
    if (n < 126) {
      f.push_back(static_cast<char>(0x80u | n));
    } else if (n < 65536) {
      f.push_back(static_cast<char>(0x80u | 126u));
      for (int shift = 8; shift >= 0; shift -= 8) f.push_back(static_cast<char>(n >> shift));
    } else {
      f.push_back(static_cast<char>(0x80u | 127u));
      for (int shift = 56; shift >= 0; shift -= 8) f.push_back(static_cast<char>(n >> shift));
    }
    const std::uint32_t mask = random32();
    char m[4];
    std::memcpy(m, &mask, 4);
    f.append(m, 4);
    for (std::size_t i = 0; i < n; ++i) f.push_back(static_cast<char>(payload[i] ^ m[i % 4]));
    flush(c);
  }

  std::uint16_t port_;
  int ep_;
  std::vector<conn> conns_;
  std::string commands_;
  bool quit_ = false;
  bool subscribe_ = false;
  pending what_ = pending::none;
  std::int64_t started_ = 0;
  std::string probe_;  ///< the last slate message of connection 0
  std::uint64_t baseline_ = 0;
  std::size_t got_ = 0;
  std::size_t other_ = 0;
  std::int64_t first_ = 0, last_ = 0;
  std::uint64_t rng_ = 0x9e3779b97f4a7c15ull ^ static_cast<std::uint64_t>(now_ns());
};

// =================================================================================================
// The server side: the service in this process, the clients in a child process.
// =================================================================================================

std::string temp_dir;  ///< the SQLite file's directory, removed on exit and by die()

[[noreturn]] void die(const std::string& what) {
  std::fprintf(stderr, "recs-bench-ws: %s\n", what.c_str());
  std::error_code ignored;
  if (!temp_dir.empty()) std::filesystem::remove_all(temp_dir, ignored);
  std::exit(1);
}

/// The child process running `--clients`, spoken to over two pipes.
class client_process {
 public:
  client_process(const std::string& exe, std::uint16_t port) {
    int to[2], from[2];
    if (::pipe2(to, O_CLOEXEC) != 0 || ::pipe2(from, O_CLOEXEC) != 0) die("pipe failed");
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_adddup2(&fa, to[0], 0);
    posix_spawn_file_actions_adddup2(&fa, from[1], 1);
    const std::string port_arg = std::to_string(port);
    std::vector<char*> argv{const_cast<char*>(exe.c_str()), const_cast<char*>("--clients"),
                            const_cast<char*>(port_arg.c_str()), nullptr};
    if (::posix_spawn(&pid_, exe.c_str(), &fa, nullptr, argv.data(), environ) != 0)
      die("cannot start " + exe + " --clients");
    posix_spawn_file_actions_destroy(&fa);
    ::close(to[0]);
    ::close(from[1]);
    to_ = to[1];
    from_ = from[0];
  }

  ~client_process() {
    tell("quit");
    ::close(to_);
    ::close(from_);
    ::waitpid(pid_, nullptr, 0);
  }

  /// Sends a command and returns the words of its answer; dies on an error or a timeout.
  std::vector<std::string> ask(const std::string& command, int timeout_ms = 60000) {
    tell(command);
    return next(command, timeout_ms);
  }

  /// The words of the next answer (about `command`); dies on an error or a timeout.
  std::vector<std::string> next(const std::string& command, int timeout_ms) {
    const auto deadline = steady::now() + std::chrono::milliseconds(timeout_ms);
    std::size_t eol;
    while ((eol = buf_.find('\n')) == std::string::npos) {
      const auto left =
          std::chrono::duration_cast<std::chrono::milliseconds>(deadline - steady::now()).count();
      pollfd p{from_, POLLIN, 0};
      if (left <= 0 || ::poll(&p, 1, static_cast<int>(left)) <= 0)
        die("the client process did not answer '" + command + "'");
      char chunk[4096];
      const ssize_t n = ::read(from_, chunk, sizeof chunk);
      if (n <= 0) die("the client process ended during '" + command + "'");
      buf_.append(chunk, static_cast<std::size_t>(n));
    }
    const std::string line = buf_.substr(0, eol);
    buf_.erase(0, eol + 1);
    auto w = words(line);
    if (w.empty() || w[0] == "err" || w[0] == "timeout") die("'" + command + "' failed: " + line);
    return w;
  }

 private:
  void tell(const std::string& line) {
    const std::string text = line + "\n";
    if (::write(to_, text.data(), text.size()) != static_cast<ssize_t>(text.size()))
      die("cannot write to the client process");
  }

  pid_t pid_ = -1;
  int to_ = -1, from_ = -1;
  std::string buf_;
};

/// VmRSS of this process, in KiB.
long rss_kib() {
  std::ifstream in("/proc/self/status");
  for (std::string line; std::getline(in, line);)
    if (line.rfind("VmRSS:", 0) == 0) return std::strtol(line.c_str() + 6, nullptr, 10);
  return -1;
}

/// The q-quantile (nearest rank) of `v`.
double quantile(std::vector<double> v, double q) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  const auto rank = static_cast<std::size_t>(std::ceil(q * static_cast<double>(v.size())));
  return v[std::clamp<std::size_t>(rank, 1, v.size()) - 1];
}

struct bench {
  recs::actors::service& svc;
  recs::net::live_hub& hub;
  client_process& clients;
  std::int64_t ross = 0;

  /// Waits (10 s at most) until the hub counts `n` connections.
  void await_connections(std::size_t n) {
    const auto deadline = steady::now() + std::chrono::seconds(10);
    while (hub.connections() != n && steady::now() < deadline)
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    if (hub.connections() != n)
      die("the hub counts " + std::to_string(hub.connections()) + " connections, expected " +
          std::to_string(n));
  }

  /// VmRSS (KiB) once the server has settled; with `trim`, after malloc_trim(0), which hands the
  /// allocator's free pages back: what is left is memory in use, not the heap's high-water mark.
  static long settled_rss(bool trim) {
    std::this_thread::sleep_for(std::chrono::milliseconds(500));
    if (trim) ::malloc_trim(0);
    return rss_kib();
  }

  /// VmRSS with 0 clients, n authenticated clients and n subscribed clients.
  std::array<long, 3> memory_pass(std::size_t n, bool trim) {
    clients.ask("connect 10 1");  // warm-up: the I/O threads' first allocations
    clients.ask("close");
    await_connections(0);
    std::array<long, 3> out{};
    out[0] = settled_rss(trim);
    clients.ask("connect " + std::to_string(n) + " 0");
    await_connections(n);
    out[1] = settled_rss(trim);
    clients.ask("subscribe");
    out[2] = settled_rss(trim);
    clients.ask("close");
    await_connections(0);
    return out;
  }

  /// Two passes: VmRSS as read (the first, on a heap that has not held n connections yet), then
  /// after malloc_trim(0) at each step.
  void memory(std::size_t n) {
    const auto read = memory_pass(n, false);
    const auto trimmed = memory_pass(n, true);
    std::printf(
        "memory per idle connection (server VmRSS; the clients run in another process):\n"
        "  %-30s %20s %28s\n",
        "", "VmRSS", "after malloc_trim(0)");
    const char* what[] = {"0 clients", "connected, auth only", "connected, subscribed"};
    for (std::size_t i = 0; i < 3; ++i) {
      const auto per = [&](const std::array<long, 3>& v) {
        return static_cast<double>(v[i] - v[0]) / static_cast<double>(n);
      };
      const std::string label = i == 0 ? what[0] : std::to_string(n) + " " + what[i];
      std::printf("  %-30s %9.1f MiB %+6.1f KiB %14.1f MiB %+6.1f KiB\n", label.c_str(),
                  static_cast<double>(read[i]) / 1024, per(read),
                  static_cast<double>(trimmed[i]) / 1024, per(trimmed));
    }
    std::printf("  (KiB: per connection, over 0 clients)\n");
    std::fflush(stdout);
  }

  /// One round: rates the first show of the slate the clients hold (good on even rounds, bad on
  /// odd ones) and records when the new slate reached the first and the last client. Rounds
  /// below 0 warm up and are not recorded.
  void round(int i, std::vector<double>& first, std::vector<double>& all, std::vector<double>& ack,
             std::size_t& other) {
    const auto armed = clients.ask("arm");
    recs::rating r;
    r.profile_id = ross;
    r.show_id = armed.at(2);
    r.primary = i % 2 == 0 ? recs::verdict::good : recs::verdict::bad;
    std::promise<std::int64_t> acked;
    const auto t0 = now_ns();
    svc.taste().put_rating(
        r, [&](recs::result<recs::rating> x) { acked.set_value(x.ok() ? now_ns() : 0); });
    const auto done = clients.next("the round", 30000);
    const auto ack_ns = acked.get_future().get();
    if (ack_ns == 0) die("put_rating of " + r.show_id + " failed");
    if (i < 0) return;  // warm-up
    first.push_back(ms_between(t0, std::stoll(done.at(1))));
    all.push_back(ms_between(t0, std::stoll(done.at(2))));
    ack.push_back(ms_between(t0, ack_ns));
    other += std::stoul(done.at(3));
  }

  void latency(std::size_t n, int rounds) {
    const auto opened = clients.ask("connect " + std::to_string(n) + " 1");
    await_connections(n);
    std::vector<double> first, all, ack;
    std::size_t other = 0;
    for (int i = -2; i < rounds; ++i) round(i, first, all, ack, other);
    clients.ask("close");
    await_connections(0);
    std::printf(
        "push latency, %zu client%s, %d rounds: first p50 %.1f ms p95 %.1f ms; all p50 %.1f "
        "ms p95 %.1f ms  (rating ack p50 %.1f ms; slate message %.1f KiB; "
        "connecting and subscribing took %.0f ms",
        n, n == 1 ? "" : "s", rounds, quantile(first, 0.5), quantile(first, 0.95),
        quantile(all, 0.5), quantile(all, 0.95), quantile(ack, 0.5), std::stod(opened.at(3)) / 1024,
        std::stod(opened.at(2)));
    if (other > 0) std::printf("; %zu other slate messages ignored", other);
    std::printf(")\n");
    std::fflush(stdout);
  }
};

std::vector<std::size_t> parse_counts(const std::string& list) {
  std::vector<std::size_t> out;
  std::istringstream in(list);
  for (std::string item; std::getline(in, item, ',');)
    if (!item.empty()) out.push_back(std::stoul(item));
  return out;
}

int serve(int argc, char** argv) {
  using namespace recs;
  namespace fs = std::filesystem;
  const std::string catalog_path = argc > 1 ? argv[1] : "data/catalog.jsonl";
  const std::string providers_path = argc > 2 ? argv[2] : "data/providers.json";
  const int rounds = argc > 3 ? std::atoi(argv[3]) : 30;
  const auto counts = parse_counts(argc > 4 ? argv[4] : "1,100,1000");
  if (rounds < 1 || counts.empty())
    die("usage: recs-bench-ws [catalog] [providers] [rounds] [1,100,1000]");
  const std::size_t most = *std::max_element(counts.begin(), counts.end());
  raise_nofile(static_cast<rlim_t>(std::max<std::size_t>(most, 1000) + 256));
  std::signal(SIGPIPE, SIG_IGN);

  const auto t_start = steady::now();
  auto shows = adapters::load_catalog_file(catalog_path);
  if (!shows) die(shows.err().message);
  auto providers = adapters::load_providers_file(providers_path);
  if (!providers) die(providers.err().message);
  const std::size_t n_shows = shows->size();
  auto snapshot = catalog_snapshot::build(std::move(*shows), std::move(*providers), 1);

  char tmpl[] = "/tmp/recs-bench-ws-XXXXXX";
  if (::mkdtemp(tmpl) == nullptr) die("mkdtemp failed");
  temp_dir = tmpl;
  const fs::path dir = tmpl;
  auto db = storage::open_sqlite((dir / "recs.sqlite").string());
  if (!db) die(db.err().message);
  if (auto v = (*db)->migrate(); !v) die(v.err().message);
  if (auto st = app::seed_demo_household(**db, accounts::hash_cost::minimal()); !st)
    die(st.err().message);

  caf::actor_system_config cfg;
  caf::actor_system sys{cfg};
  actors::service_options opts;
  opts.training.min_changes = 1 << 30;  // no retrain (and "model" push) inside the rounds
  opts.training.interval = std::chrono::hours(24);
  auto started = actors::service::start(sys, opts, std::move(*db), snapshot);
  if (!started) die(started.err().message);
  auto svc = std::move(*started);
  // The accounts resolve the clients' dev tokens (a second connection, as recs-server has).
  auto desk = storage::open_sqlite((dir / "recs.sqlite").string());
  if (!desk) die(desk.err().message);
  actors::account_options ao;
  ao.cost = accounts::hash_cost::minimal();
  if (auto st = svc->start_accounts(ao, std::move(*desk)); !st) die(st.err().message);
  while (svc->catalog().content_for(*svc->catalog().catalog()) == nullptr) {
    if (steady::now() - t_start > std::chrono::minutes(2)) die("no content model after 2 minutes");
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  const double model_s = std::chrono::duration<double>(steady::now() - t_start).count();

  net::live_options lo;
  lo.auth.dev_mode = true;
  auto hub = net::live_hub::create(svc->directory(), svc->slates(), svc->changes(), lo);
  net::server_options so;
  so.address = "127.0.0.1";
  so.port = 0;
  so.websocket = hub->acceptor();
  net::http_server server(
      so, [](net::request&&, net::responder r) { r(net::json_error(404, "not_found", "x")); });
  if (auto st = server.start(); !st) die(st.err().message);

  std::int64_t ross = 0;
  for (const auto& p :
       svc->directory().profiles(svc->directory().household_by_email("demo@local.test")->id))
    if (p.name == "Ross") ross = p.id;

  std::printf(
      "recs-bench-ws: %zu shows; content model ready %.1f s after start; server on "
      "127.0.0.1:%u (%d I/O threads); %u CPUs; the collaborative model is not retrained "
      "during the run\n",
      n_shows, model_s, server.port(), so.threads, std::thread::hardware_concurrency());
  std::fflush(stdout);
  {
    client_process clients(fs::read_symlink("/proc/self/exe").string(), server.port());
    bench b{*svc, *hub, clients, ross};
    b.memory(most < 1000 ? most : 1000);
    for (auto n : counts) b.latency(n, rounds);
  }
  server.stop();
  svc->shutdown();
  fs::remove_all(dir);
  std::printf("total %.1f s\n", std::chrono::duration<double>(steady::now() - t_start).count());
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc == 3 && std::string(argv[1]) == "--clients") {
    std::signal(SIGPIPE, SIG_IGN);
    return swarm(static_cast<std::uint16_t>(std::atoi(argv[2]))).run();
  }
  return serve(argc, argv);
}
