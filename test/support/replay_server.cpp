#include "test/support/replay_server.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <pthread.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <cerrno>
#include <chrono>
#include <climits>
#include <condition_variable>
#include <cstdio>
#include <cstring>
#include <list>
#include <mutex>
#include <set>
#include <string_view>
#include <thread>

#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/ssl.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

namespace recs::test {
namespace {

constexpr std::size_t kMaxHead = 64 * 1024;
constexpr std::size_t kMaxBody = 64u << 20;
constexpr std::size_t kLoggedBody = 200;
constexpr std::string_view kControl = "/__replay/";

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

const char* reason(int status) {
  switch (status) {
    case 200:
      return "OK";
    case 201:
      return "Created";
    case 204:
      return "No Content";
    case 301:
      return "Moved Permanently";
    case 302:
      return "Found";
    case 304:
      return "Not Modified";
    case 400:
      return "Bad Request";
    case 401:
      return "Unauthorized";
    case 403:
      return "Forbidden";
    case 404:
      return "Not Found";
    case 408:
      return "Request Timeout";
    case 429:
      return "Too Many Requests";
    case 500:
      return "Internal Server Error";
    case 501:
      return "Not Implemented";
    case 502:
      return "Bad Gateway";
    case 503:
      return "Service Unavailable";
    case 504:
      return "Gateway Timeout";
    default:
      return "Status";
  }
}

struct http_request {
  std::string method;
  std::string target;
  std::string version;
  std::vector<std::pair<std::string, std::string>> headers;  ///< names lower-case
  std::string body;

  std::string header(std::string_view name) const {
    for (const auto& [n, v] : headers) {
      if (n == name) return v;
    }
    return {};
  }
  bool keep_alive() const {
    const std::string conn = lower(header("connection"));
    if (version == "HTTP/1.0") return conn == "keep-alive";
    return conn != "close";
  }
};

/// One connection's bytes, through TLS when `ssl` is set. Blocking.
struct conn_io {
  int fd = -1;
  SSL* ssl = nullptr;

  long read(char* buf, std::size_t n) {
    if (ssl) {
      const int r = SSL_read(ssl, buf, static_cast<int>(std::min<std::size_t>(n, INT_MAX)));
      return r > 0 ? r : -1;
    }
    ssize_t r;
    do {
      r = ::recv(fd, buf, n, 0);
    } while (r < 0 && errno == EINTR);
    return r > 0 ? static_cast<long>(r) : -1;
  }

  bool write_all(std::string_view data) {
    while (!data.empty()) {
      long w;
      if (ssl) {
        w = SSL_write(ssl, data.data(),
                      static_cast<int>(std::min<std::size_t>(data.size(), INT_MAX)));
      } else {
        do {
          w = ::send(fd, data.data(), data.size(), MSG_NOSIGNAL);
        } while (w < 0 && errno == EINTR);
      }
      if (w <= 0) return false;
      data.remove_prefix(static_cast<std::size_t>(w));
    }
    return true;
  }
};

enum class read_status { ok, closed, bad };

read_status read_more(conn_io& io, std::string& pending) {
  char buf[16384];
  const long n = io.read(buf, sizeof buf);
  if (n <= 0) return read_status::closed;
  pending.append(buf, static_cast<std::size_t>(n));
  return read_status::ok;
}

// One request from the connection; `pending` keeps bytes read past it.
read_status read_request(conn_io& io, std::string& pending, http_request& out) {
  std::size_t end;
  while ((end = pending.find("\r\n\r\n")) == std::string::npos) {
    if (pending.size() > kMaxHead) return read_status::bad;
    if (read_more(io, pending) != read_status::ok) return read_status::closed;
  }
  std::string_view head(pending.data(), end);
  const auto line_end = head.find("\r\n");
  const std::string_view line = head.substr(0, line_end);
  const auto sp1 = line.find(' ');
  const auto sp2 = line.rfind(' ');
  if (sp1 == std::string_view::npos || sp2 == sp1) return read_status::bad;
  out.method = std::string(line.substr(0, sp1));
  out.target = std::string(line.substr(sp1 + 1, sp2 - sp1 - 1));
  out.version = std::string(line.substr(sp2 + 1));
  if (out.version.rfind("HTTP/1.", 0) != 0 || out.target.empty()) return read_status::bad;
  std::string_view rest = line_end == std::string_view::npos ? "" : head.substr(line_end + 2);
  while (!rest.empty()) {
    const auto eol = rest.find("\r\n");
    const std::string_view h = rest.substr(0, eol);
    rest = eol == std::string_view::npos ? "" : rest.substr(eol + 2);
    const auto colon = h.find(':');
    if (colon == std::string_view::npos) return read_status::bad;
    out.headers.emplace_back(lower(trim(h.substr(0, colon))),
                             std::string(trim(h.substr(colon + 1))));
  }
  pending.erase(0, end + 4);
  if (!out.header("transfer-encoding").empty()) return read_status::bad;
  std::size_t length = 0;
  for (char c : out.header("content-length")) {
    if (c < '0' || c > '9') return read_status::bad;
    length = length * 10 + static_cast<std::size_t>(c - '0');
    if (length > kMaxBody) return read_status::bad;
  }
  while (pending.size() < length) {
    if (read_more(io, pending) != read_status::ok) return read_status::closed;
  }
  out.body = pending.substr(0, length);
  pending.erase(0, length);
  return read_status::ok;
}

// The first `n` bytes of `s`, cut back to a UTF-8 character boundary.
std::string utf8_prefix(const std::string& s, std::size_t n) {
  if (s.size() <= n) return s;
  while (n > 0 && (static_cast<unsigned char>(s[n]) & 0xC0) == 0x80) --n;
  return s.substr(0, n);
}

std::string query_param(std::string_view query, std::string_view name) {
  while (!query.empty()) {
    const auto amp = query.find('&');
    const std::string_view pair = query.substr(0, amp);
    const auto eq = pair.find('=');
    if (pair.substr(0, eq) == name && eq != std::string_view::npos) {
      return std::string(pair.substr(eq + 1));
    }
    if (amp == std::string_view::npos) break;
    query.remove_prefix(amp + 1);
  }
  return {};
}

canned_response json_answer(int status, const std::string& body) {
  canned_response r;
  r.status = status;
  r.body = body;
  return r;
}

template <class Writer>
void write_string(Writer& w, const std::string& s) {
  w.String(s.data(), static_cast<rapidjson::SizeType>(s.size()));
}

std::string error_json(const std::string& what, const http_request& req) {
  rapidjson::StringBuffer buf;
  rapidjson::Writer<rapidjson::StringBuffer> w(buf);
  w.StartObject();
  w.Key("error");
  write_string(w, what);
  w.Key("method");
  write_string(w, req.method);
  w.Key("target");
  write_string(w, req.target);
  w.EndObject();
  return std::string(buf.GetString(), buf.GetSize());
}

// Writes the answer; false when the peer is gone.
bool write_answer(conn_io& io, const canned_response& r, bool keep_alive, bool head_only) {
  std::string out = "HTTP/1.1 " + std::to_string(r.status) + " " + reason(r.status) + "\r\n";
  bool has_type = false;
  for (const auto& [name, value] : r.headers) {
    const std::string key = lower(name);
    if (key == "content-length" || key == "transfer-encoding" || key == "connection") continue;
    has_type = has_type || key == "content-type";
    out += name + ": " + value + "\r\n";
  }
  if (!has_type) out += "Content-Type: application/json\r\n";
  if (r.chunked) {
    out += "Transfer-Encoding: chunked\r\n";
  } else {
    out += "Content-Length: " + std::to_string(r.body.size()) + "\r\n";
  }
  if (!keep_alive) out += "Connection: close\r\n";
  out += "\r\n";
  if (head_only) return io.write_all(out);
  if (!r.chunked) return io.write_all(out + r.body);
  if (!io.write_all(out)) return false;
  // Several chunks, each its own write, so that clients meet chunk boundaries mid-read.
  const std::size_t piece = std::max<std::size_t>(1, r.body.size() / 3 + 1);
  for (std::size_t at = 0; at < r.body.size(); at += piece) {
    const std::string part = r.body.substr(at, piece);
    char size[32];
    std::snprintf(size, sizeof size, "%zx\r\n", part.size());
    if (!io.write_all(size + part + "\r\n")) return false;
  }
  return io.write_all("0\r\n\r\n");
}

result<SSL_CTX*> server_context(const tls_identity& id) {
  SSL_CTX* ctx = SSL_CTX_new(TLS_server_method());
  if (!ctx) return error{errc::unavailable, "replay: SSL_CTX_new failed"};
  SSL_CTX_set_min_proto_version(ctx, TLS1_2_VERSION);
  BIO* cert_bio = BIO_new_mem_buf(id.cert_pem.data(), static_cast<int>(id.cert_pem.size()));
  BIO* key_bio = BIO_new_mem_buf(id.key_pem.data(), static_cast<int>(id.key_pem.size()));
  X509* cert = cert_bio ? PEM_read_bio_X509(cert_bio, nullptr, nullptr, nullptr) : nullptr;
  EVP_PKEY* key = key_bio ? PEM_read_bio_PrivateKey(key_bio, nullptr, nullptr, nullptr) : nullptr;
  const bool ok = cert && key && SSL_CTX_use_certificate(ctx, cert) == 1 &&
                  SSL_CTX_use_PrivateKey(ctx, key) == 1 && SSL_CTX_check_private_key(ctx) == 1;
  X509_free(cert);
  EVP_PKEY_free(key);
  BIO_free(cert_bio);
  BIO_free(key_bio);
  if (!ok) {
    ERR_clear_error();
    SSL_CTX_free(ctx);
    return error{errc::unavailable, "replay: bad TLS certificate or key"};
  }
  return ctx;
}

}  // namespace

struct replay_server::state {
  state(replay_scenarios s, replay_options o) : scenarios(std::move(s)), opts(std::move(o)) {}

  struct worker {
    std::thread thread;
    std::unique_ptr<std::atomic<bool>> done;
  };

  const replay_scenarios scenarios;
  const replay_options opts;

  mutable std::mutex mu;
  std::condition_variable wake;  ///< ends delays at stop
  std::string active;
  std::vector<std::size_t> hits;  ///< per route of the active scenario
  std::vector<logged_request> requests;
  std::size_t accepted = 0;
  bool stopping = false;
  std::set<int> open_fds;
  std::list<worker> workers;

  bool started = false;
  bool stopped = false;
  int listen_fd = -1;
  std::uint16_t port = 0;
  SSL_CTX* ctx = nullptr;
  std::thread acceptor;

  // Under mu.
  void select(const std::string& name) {
    active = name;
    hits.assign(scenarios.at(name).size(), 0);
  }

  void accept_loop() {
    for (;;) {
      const int fd = ::accept4(listen_fd, nullptr, nullptr, SOCK_CLOEXEC);
      const int accept_errno = errno;
      std::list<worker> finished;
      {
        std::lock_guard<std::mutex> lock(mu);
        if (stopping) {
          if (fd >= 0) ::close(fd);
          return;
        }
        if (fd >= 0) {
          const std::size_t number = ++accepted;
          open_fds.insert(fd);
          auto done = std::make_unique<std::atomic<bool>>(false);
          std::atomic<bool>* flag = done.get();
          workers.push_back({std::thread([this, fd, number, flag] { serve(fd, number, *flag); }),
                             std::move(done)});
        }
        for (auto it = workers.begin(); it != workers.end();) {
          auto next = std::next(it);
          if (it->done->load()) finished.splice(finished.end(), workers, it);
          it = next;
        }
      }
      for (auto& w : finished) w.thread.join();
      if (fd < 0 && accept_errno != EINTR && accept_errno != ECONNABORTED) {
        if (accept_errno != EMFILE && accept_errno != ENFILE && accept_errno != ENOBUFS &&
            accept_errno != ENOMEM) {
          return;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(50));  // out of descriptors
      }
    }
  }

  void serve(int fd, std::size_t number, std::atomic<bool>& done) {
    sigset_t pipe;
    sigemptyset(&pipe);
    sigaddset(&pipe, SIGPIPE);
    pthread_sigmask(SIG_BLOCK, &pipe, nullptr);  // a vanished client must not kill the process
    timeval idle{};
    idle.tv_sec = opts.idle_timeout_ms / 1000;
    idle.tv_usec = (opts.idle_timeout_ms % 1000) * 1000;
    ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &idle, sizeof idle);
    ::setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &idle, sizeof idle);
    const int one = 1;
    ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    conn_io io{fd, nullptr};
    std::string sni;
    bool clean = true;
    if (ctx) {
      io.ssl = SSL_new(ctx);
      if (io.ssl && SSL_set_fd(io.ssl, fd) == 1 && SSL_accept(io.ssl) == 1) {
        const char* name = SSL_get_servername(io.ssl, TLSEXT_NAMETYPE_host_name);
        sni = name ? name : "";
      } else {
        clean = false;
      }
      ERR_clear_error();
    }
    std::string pending;
    while (clean) {
      http_request req;
      const read_status got = read_request(io, pending, req);
      if (got == read_status::closed) break;
      if (got == read_status::bad) {
        write_answer(io, json_answer(400, "{\"error\":\"bad request\"}"), false, false);
        break;
      }
      if (!answer(io, req, number, sni, clean)) break;
    }
    if (io.ssl) {
      if (clean) SSL_shutdown(io.ssl);
      SSL_free(io.ssl);
      ERR_clear_error();
    }
    {
      std::lock_guard<std::mutex> lock(mu);
      open_fds.erase(fd);
    }
    ::close(fd);
    done.store(true);
  }

  // Answers one request; false when the connection is to be closed (`clean`: politely).
  bool answer(conn_io& io, const http_request& req, std::size_t number, const std::string& sni,
              bool& clean) {
    const auto q = req.target.find('?');
    const std::string path = req.target.substr(0, q);
    const std::string query = q == std::string::npos ? "" : req.target.substr(q + 1);
    const bool keep = req.keep_alive();
    const bool head_only = req.method == "HEAD";
    if (path.rfind(kControl, 0) == 0) {
      return write_answer(io, control(req, path, query), keep, head_only) && keep;
    }
    canned_response r = pick(req, path, query, number, sni);
    if (r.delay_ms > 0) {
      std::unique_lock<std::mutex> lock(mu);
      wake.wait_for(lock, std::chrono::milliseconds(r.delay_ms), [this] { return stopping; });
      if (stopping) return false;
    }
    if (r.drop) {
      clean = false;
      return false;
    }
    // A hangup announces keep-alive: the client learns of the close only when it reuses the
    // connection.
    if (!write_answer(io, r, keep, head_only)) return false;
    if (r.hangup) clean = false;
    return keep && !r.hangup;
  }

  canned_response pick(const http_request& req, const std::string& path, const std::string& query,
                       std::size_t number, const std::string& sni) {
    std::lock_guard<std::mutex> lock(mu);
    requests.push_back(
        {req.method, req.target, utf8_prefix(req.body, kLoggedBody), req.headers, sni, number});
    const auto& routes = scenarios.at(active);
    for (std::size_t i = 0; i < routes.size(); ++i) {
      const replay_route& r = routes[i];
      if (r.method != req.method || r.path != path) continue;
      if (r.query && *r.query != query) continue;
      if (!r.body_contains.empty() && req.body.find(r.body_contains) == std::string::npos) {
        continue;
      }
      const std::size_t n = std::min(hits[i]++, r.responses.size() - 1);
      return r.responses[n];
    }
    return json_answer(404, error_json("no replay route", req));
  }

  canned_response control(const http_request& req, const std::string& path,
                          const std::string& query) {
    std::lock_guard<std::mutex> lock(mu);
    const std::string what = path.substr(kControl.size());
    if (what == "scenario" && req.method == "POST") {
      const std::string name = query_param(query, "name");
      if (scenarios.count(name) == 0) {
        return json_answer(404, error_json("unknown scenario \"" + name + "\"", req));
      }
      select(name);
      return json_answer(200, "{\"scenario\":" + quoted(name) + "}");
    }
    if (what == "scenario" && req.method == "GET") {
      return json_answer(200, "{\"scenario\":" + quoted(active) + "}");
    }
    if (what == "log" && req.method == "GET") return json_answer(200, log_json());
    if (what == "reset" && req.method == "POST") {
      reset_locked();
      return json_answer(200, "{\"reset\":true}");
    }
    return json_answer(404, error_json("unknown control request", req));
  }

  static std::string quoted(const std::string& s) {
    rapidjson::StringBuffer buf;
    rapidjson::Writer<rapidjson::StringBuffer> w(buf);
    write_string(w, s);
    return std::string(buf.GetString(), buf.GetSize());
  }

  std::string log_json() const {
    rapidjson::StringBuffer buf;
    rapidjson::Writer<rapidjson::StringBuffer> w(buf);
    w.StartArray();
    for (const auto& r : requests) {
      w.StartObject();
      w.Key("method");
      write_string(w, r.method);
      w.Key("target");
      write_string(w, r.target);
      w.Key("body");
      write_string(w, r.body);
      w.EndObject();
    }
    w.EndArray();
    return std::string(buf.GetString(), buf.GetSize());
  }

  void reset_locked() {
    select(opts.initial_scenario);
    requests.clear();
  }

  status listen() {
    sockaddr_storage addr{};
    socklen_t len = 0;
    auto* v4 = reinterpret_cast<sockaddr_in*>(&addr);
    auto* v6 = reinterpret_cast<sockaddr_in6*>(&addr);
    if (inet_pton(AF_INET, opts.host.c_str(), &v4->sin_addr) == 1) {
      v4->sin_family = AF_INET;
      v4->sin_port = htons(opts.port);
      len = sizeof *v4;
    } else if (inet_pton(AF_INET6, opts.host.c_str(), &v6->sin6_addr) == 1) {
      v6->sin6_family = AF_INET6;
      v6->sin6_port = htons(opts.port);
      len = sizeof *v6;
    } else {
      return error{errc::invalid_argument, "replay: host must be an address: " + opts.host};
    }
    listen_fd = ::socket(addr.ss_family, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (listen_fd < 0)
      return error{errc::unavailable, "replay: socket: " + std::string(strerror(errno))};
    const int one = 1;
    ::setsockopt(listen_fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    if (::bind(listen_fd, reinterpret_cast<sockaddr*>(&addr), len) != 0 ||
        ::listen(listen_fd, 128) != 0) {
      const std::string why = strerror(errno);
      ::close(listen_fd);
      listen_fd = -1;
      return error{errc::unavailable, "replay: cannot listen on " + opts.host + ":" +
                                          std::to_string(opts.port) + ": " + why};
    }
    sockaddr_storage bound{};
    socklen_t bound_len = sizeof bound;
    ::getsockname(listen_fd, reinterpret_cast<sockaddr*>(&bound), &bound_len);
    port = ntohs(bound.ss_family == AF_INET ? reinterpret_cast<sockaddr_in*>(&bound)->sin_port
                                            : reinterpret_cast<sockaddr_in6*>(&bound)->sin6_port);
    return ok_status();
  }
};

replay_server::replay_server(replay_scenarios scenarios, replay_options opts)
    : s_(std::make_unique<state>(std::move(scenarios), std::move(opts))) {}

replay_server::~replay_server() {
  stop();
}

status replay_server::start() {
  if (s_->started) return error{errc::invalid_argument, "replay: already started"};
  if (s_->scenarios.count(s_->opts.initial_scenario) == 0) {
    return error{errc::invalid_argument,
                 "replay: no scenario named \"" + s_->opts.initial_scenario + "\""};
  }
  s_->select(s_->opts.initial_scenario);
  if (s_->opts.tls) {
    auto ctx = server_context(*s_->opts.tls);
    if (!ctx) return ctx.err();
    s_->ctx = *ctx;
  }
  if (auto st = s_->listen(); !st) {
    SSL_CTX_free(s_->ctx);
    s_->ctx = nullptr;
    return st;
  }
  s_->started = true;
  s_->acceptor = std::thread([this] { s_->accept_loop(); });
  return ok_status();
}

void replay_server::stop() {
  if (!s_->started || s_->stopped) return;
  s_->stopped = true;
  {
    std::lock_guard<std::mutex> lock(s_->mu);
    s_->stopping = true;
    for (int fd : s_->open_fds) ::shutdown(fd, SHUT_RDWR);
  }
  s_->wake.notify_all();
  ::shutdown(s_->listen_fd, SHUT_RDWR);
  s_->acceptor.join();
  ::close(s_->listen_fd);
  std::list<state::worker> workers;
  {
    std::lock_guard<std::mutex> lock(s_->mu);
    workers.swap(s_->workers);
  }
  for (auto& w : workers) w.thread.join();
  SSL_CTX_free(s_->ctx);
  s_->ctx = nullptr;
}

std::uint16_t replay_server::port() const {
  return s_->port;
}

std::string replay_server::base_url() const {
  const bool v6 = s_->opts.host.find(':') != std::string::npos;
  return std::string(s_->opts.tls ? "https://" : "http://") +
         (v6 ? "[" + s_->opts.host + "]" : s_->opts.host) + ":" + std::to_string(s_->port);
}

status replay_server::use_scenario(const std::string& name) {
  std::lock_guard<std::mutex> lock(s_->mu);
  if (s_->scenarios.count(name) == 0) {
    return error{errc::not_found, "replay: no scenario named \"" + name + "\""};
  }
  s_->select(name);
  return ok_status();
}

std::string replay_server::scenario() const {
  std::lock_guard<std::mutex> lock(s_->mu);
  return s_->active;
}

void replay_server::reset() {
  std::lock_guard<std::mutex> lock(s_->mu);
  s_->reset_locked();
}

std::vector<logged_request> replay_server::log() const {
  std::lock_guard<std::mutex> lock(s_->mu);
  return s_->requests;
}

std::size_t replay_server::connections() const {
  std::lock_guard<std::mutex> lock(s_->mu);
  return s_->accepted;
}

}  // namespace recs::test
