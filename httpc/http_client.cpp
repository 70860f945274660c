// The only translation unit of recs_httpc that includes Beast, Asio and OpenSSL.
#include "httpc/http_client.hpp"

#include <cctype>
#include <cstdint>
#include <exception>
#include <map>
#include <optional>

#include <openssl/ssl.h>
#include <openssl/x509v3.h>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>

#include "core/ascii.hpp"
#include "httpc/url.hpp"

namespace recs::httpc {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace ssl = asio::ssl;
using tcp = asio::ip::tcp;
using boost::system::error_code;
using steady = std::chrono::steady_clock;
using tls_stream = beast::ssl_stream<beast::tcp_stream>;

constexpr std::string_view kTooLarge = "answer too large";
constexpr std::string_view kCertificate = "tls: certificate verify failed";
constexpr std::uint32_t kHeaderLimit = 64 * 1024;

template <class View>
std::string lower(const View& s) {
  return to_lower(std::string_view(s.data(), s.size()));
}

bool starts_with(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

std::string in_ms(std::chrono::milliseconds d) {
  return std::to_string(d.count()) + " ms";
}

error unavailable(const std::string& what, const std::string& where) {
  return {errc::unavailable, what + " (" + where + ")"};
}

error invalid(const std::string& what) {
  return {errc::invalid_argument, what};
}

bool token_char(unsigned char c) {
  return std::isalnum(c) ||
         std::string_view("!#$%&'*+-.^_`|~").find(static_cast<char>(c)) != std::string_view::npos;
}

bool token(std::string_view s) {
  if (s.empty()) return false;
  for (unsigned char c : s) {
    if (!token_char(c)) return false;
  }
  return true;
}

bool safe_value(std::string_view s) {
  return s.find_first_of(std::string_view("\r\n\0", 3)) == std::string_view::npos;
}

bool is_ip_literal(const std::string& host) {
  error_code ec;
  asio::ip::make_address(host, ec);
  return !ec;
}

result<http::request<http::string_body>> build_request(const request& r, const url& u,
                                                       const client_options& o) {
  if (!token(r.method)) return invalid("bad HTTP method \"" + r.method + "\"");
  http::request<http::string_body> req;
  const http::verb verb = http::string_to_verb(r.method);
  if (verb == http::verb::unknown) {
    req.method_string(r.method);
  } else {
    req.method(verb);
  }
  req.version(11);
  req.target(u.target);
  req.set(http::field::host, host_field(u));
  req.set(http::field::user_agent, o.user_agent);
  for (const auto& [name, value] : r.headers) {
    if (!token(name)) return invalid("bad header name \"" + name + "\"");
    if (!safe_value(value)) return invalid("header " + name + ": CR, LF or NUL in the value");
    const std::string key = lower(name);
    if (key == "content-length" || key == "transfer-encoding") continue;
    if (key == "host" || key == "user-agent") {
      req.set(name, value);
    } else {
      req.insert(name, value);
    }
  }
  req.body() = r.body;
  req.prepare_payload();
  return req;
}

/// One kept-alive connection, plain or TLS, with the bytes read past the last answer.
struct connection {
  std::unique_ptr<beast::tcp_stream> plain;
  std::unique_ptr<tls_stream> tls;
  beast::flat_buffer buffer;
  int answers = 0;  ///< complete answers read on it

  beast::tcp_stream& lowest() { return tls ? beast::get_lowest_layer(*tls) : *plain; }
};

/// What one exchange on a connection produced.
struct exchange_outcome {
  result<response> answer;
  bool keep_alive = false;
  /// The connection was found closed before any byte of the answer: on a reused connection,
  /// the server dropped it while idle, so sending again on a new one is safe.
  bool stale = false;
};

bool closed_by_peer(const error_code& ec) {
  return ec == http::error::end_of_stream || ec == asio::error::eof ||
         ec == asio::error::connection_reset || ec == asio::error::broken_pipe ||
         ec == asio::error::connection_aborted || ec == ssl::error::stream_truncated;
}

bool public_v4(const asio::ip::address_v4& a) {
  const auto b = a.to_bytes();
  if (b[0] == 0 || b[0] == 10 || b[0] == 127 || b[0] >= 224) return false;  // this, private,
  if (b[0] == 100 && (b[1] & 0xC0) == 64) return false;  // loopback, multicast, reserved; CGNAT
  if (b[0] == 169 && b[1] == 254) return false;          // link-local
  if (b[0] == 172 && (b[1] & 0xF0) == 16) return false;  // private
  if (b[0] == 192 && b[1] == 168) return false;          // private
  if (b[0] == 192 && b[1] == 0 && (b[2] == 0 || b[2] == 2)) return false;  // IETF, TEST-NET-1
  if (b[0] == 198 && (b[1] & 0xFE) == 18) return false;                    // benchmarking
  return true;
}

bool public_address(const asio::ip::address& a) {
  if (a.is_v4()) return public_v4(a.to_v4());
  const auto v6 = a.to_v6();
  if (v6.is_v4_mapped()) return public_v4(asio::ip::make_address_v4(asio::ip::v4_mapped, v6));
  const auto b = v6.to_bytes();
  if (v6.is_unspecified() || v6.is_loopback() || v6.is_multicast() || v6.is_link_local() ||
      v6.is_site_local() || v6.is_v4_compatible())
    return false;
  if ((b[0] & 0xFE) == 0xFC) return false;  // unique local fc00::/7
  return true;
}

}  // namespace

bool is_public_address(std::string_view address) {
  error_code ec;
  const auto a = asio::ip::make_address(std::string(address), ec);
  return !ec && public_address(a);
}

struct http_client::impl {
  explicit impl(client_options o) : opts(std::move(o)) {}

  client_options opts;
  asio::io_context ioc{1};
  std::optional<ssl::context> tls_ctx;
  std::optional<error> tls_ctx_error;
  std::map<std::string, std::unique_ptr<connection>> pool;  ///< by origin()

  // Every operation started here has its own deadline, so running until no work is left
  // returns once each has completed or timed out.
  void run() {
    ioc.restart();
    ioc.run();
  }

  result<ssl::context*> tls_context() {
    if (tls_ctx) return &*tls_ctx;
    if (tls_ctx_error) return *tls_ctx_error;
    ssl::context ctx(ssl::context::tls_client);
    error_code ec;
    ctx.set_options(ssl::context::default_workarounds | ssl::context::no_sslv2 |
                        ssl::context::no_sslv3 | ssl::context::no_tlsv1 | ssl::context::no_tlsv1_1,
                    ec);
    ctx.set_default_verify_paths(ec);
    if (ec && opts.ca_file.empty()) {
      tls_ctx_error =
          error{errc::unavailable, "tls: cannot load the system CA store: " + ec.message()};
      return *tls_ctx_error;
    }
    if (!opts.ca_file.empty()) {
      ctx.load_verify_file(opts.ca_file, ec);
      if (ec) {
        tls_ctx_error = error{errc::unavailable,
                              "tls: cannot load ca_file " + opts.ca_file + ": " + ec.message()};
        return *tls_ctx_error;
      }
    }
    ctx.set_verify_mode(opts.verify_peer ? ssl::verify_peer : ssl::verify_none, ec);
    tls_ctx.emplace(std::move(ctx));
    return &*tls_ctx;
  }

  status resolve(const url& u, steady::time_point deadline, std::vector<tcp::endpoint>& out) {
    tcp::resolver resolver(ioc);
    asio::steady_timer timer(ioc);
    bool done = false;
    bool timed_out = false;
    error_code rec;
    resolver.async_resolve(u.host, std::to_string(u.port),
                           [&](const error_code& e, const tcp::resolver::results_type& found) {
                             done = true;
                             rec = e;
                             timer.cancel();
                             for (const auto& entry : found) out.push_back(entry.endpoint());
                           });
    timer.expires_at(deadline);
    timer.async_wait([&](const error_code& e) {
      if (e || done) return;
      timed_out = true;
      resolver.cancel();
    });
    run();
    if (timed_out) {
      return unavailable("timeout after " + in_ms(opts.connect_timeout) + " resolving " + u.host,
                         origin(u));
    }
    if (rec) return unavailable("resolve " + u.host + ": " + rec.message(), origin(u));
    if (out.empty()) return unavailable("resolve " + u.host + ": no address", origin(u));
    return ok_status();
  }

  status handshake(tls_stream& s, const url& u, steady::time_point deadline) {
    SSL* handle = s.native_handle();
    const bool ip = is_ip_literal(u.host);
    // RFC 6066: SNI carries host names only, never address literals.
    if (!ip && SSL_set_tlsext_host_name(handle, u.host.c_str()) != 1) {
      return unavailable("tls: cannot set the SNI name", origin(u));
    }
    if (opts.verify_peer) {
      // OpenSSL's own host check (as in ssl::host_name_verification, plus IP literals) makes
      // a mismatch a verify error with its own reason ("hostname mismatch").
      X509_VERIFY_PARAM* param = SSL_get0_param(handle);
      X509_VERIFY_PARAM_set_hostflags(param, X509_CHECK_FLAG_NO_PARTIAL_WILDCARDS);
      const int set = ip ? X509_VERIFY_PARAM_set1_ip_asc(param, u.host.c_str())
                         : X509_VERIFY_PARAM_set1_host(param, u.host.c_str(), u.host.size());
      if (set != 1) return unavailable("tls: cannot set the host to verify", origin(u));
    }
    beast::get_lowest_layer(s).expires_at(deadline);
    error_code hec;
    s.async_handshake(ssl::stream_base::client, [&](const error_code& e) { hec = e; });
    run();
    if (!hec) return ok_status();
    if (hec == beast::error::timeout) {
      return unavailable("timeout after " + in_ms(opts.connect_timeout) + " in the TLS handshake",
                         origin(u));
    }
    const long verdict = SSL_get_verify_result(handle);
    if (opts.verify_peer && verdict != X509_V_OK) {
      return unavailable(std::string(kCertificate) + ": " + X509_verify_cert_error_string(verdict),
                         origin(u));
    }
    return unavailable("tls: handshake failed: " + hec.message(), origin(u));
  }

  result<std::unique_ptr<connection>> open(const url& u) {
    const auto deadline = steady::now() + opts.connect_timeout;
    std::vector<tcp::endpoint> endpoints;
    error_code ec;
    const auto address = asio::ip::make_address(u.host, ec);
    if (!ec) {
      endpoints.emplace_back(address, static_cast<unsigned short>(u.port));
    } else if (auto st = resolve(u, deadline, endpoints); !st) {
      return st.err();
    }
    if (opts.public_only) {
      for (const auto& e : endpoints) {
        if (!public_address(e.address()))
          return error{errc::forbidden, u.host + " is not a public address (" +
                                            e.address().to_string() + "): not connecting"};
      }
    }
    auto c = std::make_unique<connection>();
    if (u.scheme == "https") {
      auto ctx = tls_context();
      if (!ctx) return unavailable(ctx.err().message, origin(u));
      c->tls = std::make_unique<tls_stream>(ioc, **ctx);
    } else {
      c->plain = std::make_unique<beast::tcp_stream>(ioc);
    }
    beast::tcp_stream& low = c->lowest();
    low.expires_at(deadline);
    error_code cec;
    low.async_connect(endpoints, [&](const error_code& e, const tcp::endpoint&) { cec = e; });
    run();
    if (cec == beast::error::timeout) {
      return unavailable("timeout after " + in_ms(opts.connect_timeout) + " connecting", origin(u));
    }
    if (cec) return unavailable("connect: " + cec.message(), origin(u));
    low.socket().set_option(tcp::no_delay(true), ec);
    if (c->tls) {
      if (auto st = handshake(*c->tls, u, deadline); !st) return st.err();
    }
    low.expires_never();
    return c;
  }

  template <class Stream>
  exchange_outcome exchange(Stream& s, connection& c, const http::request<http::string_body>& req,
                            const std::string& where) {
    c.lowest().expires_after(opts.request_timeout);
    error_code wec;
    http::async_write(s, req, [&](const error_code& e, std::size_t) { wec = e; });
    run();
    if (wec == beast::error::timeout) {
      return {unavailable("timeout after " + in_ms(opts.request_timeout) + " sending the request",
                          where)};
    }
    if (wec) return {unavailable("send: " + wec.message(), where), false, closed_by_peer(wec)};
    for (;;) {
      http::response_parser<http::string_body> parser;
      parser.header_limit(kHeaderLimit);
      parser.body_limit(static_cast<std::uint64_t>(opts.max_body_bytes));
      if (req.method() == http::verb::head) parser.skip(true);
      error_code rec;
      const auto done = [&](const error_code& e, std::size_t) { rec = e; };
      // The header first: Beast 1.74 loses the body_limit error of a Content-Length over the
      // limit when the body arrives in the same read, so the length is checked here.
      http::async_read_header(s, c.buffer, parser, done);
      run();
      if (!rec) {  // content_length() is only defined once the header is complete
        const auto length = parser.content_length();
        if (length && *length > opts.max_body_bytes) rec = http::error::body_limit;
      }
      if (!rec && !parser.is_done()) {
        http::async_read(s, c.buffer, parser, done);
        run();
      }
      // A TLS server may end a close-delimited answer without close_notify.
      if (rec == ssl::error::stream_truncated && parser.is_header_done() && parser.need_eof()) {
        rec = {};
        parser.put_eof(rec);
      }
      if (rec) return read_failure(rec, !parser.got_some() && c.buffer.size() == 0, where);
      auto msg = parser.release();
      const int code = msg.result_int();
      if (code >= 100 && code < 200 && code != 101) continue;  // an interim answer
      response out;
      out.status = code;
      for (const auto& field : msg) {
        out.headers.emplace_back(lower(field.name_string()), std::string(field.value()));
      }
      out.body = std::move(msg.body());
      return {std::move(out), msg.keep_alive()};
    }
  }

  exchange_outcome read_failure(const error_code& ec, bool nothing_read, const std::string& where) {
    if (ec == beast::error::timeout) {
      return {unavailable("timeout after " + in_ms(opts.request_timeout) + " reading the answer",
                          where)};
    }
    if (ec == http::error::body_limit) {
      return {unavailable(
          std::string(kTooLarge) + ": over " + std::to_string(opts.max_body_bytes) + " bytes",
          where)};
    }
    if (ec == http::error::header_limit) {
      return {unavailable(
          "answer headers too large: over " + std::to_string(kHeaderLimit) + " bytes", where)};
    }
    if (nothing_read && closed_by_peer(ec)) {
      return {unavailable("connection closed before the answer: " + ec.message(), where), false,
              true};
    }
    if (ec.category() == make_error_code(http::error::end_of_stream).category()) {
      return {unavailable("malformed answer: " + ec.message(), where)};
    }
    return {unavailable("reading the answer: " + ec.message(), where)};
  }

  result<response> send(const request& r) {
    auto u = parse_url(r.url);
    if (!u) return u.err();
    auto req = build_request(r, *u, opts);
    if (!req) return req.err();
    const std::string key = origin(*u);
    for (int round = 0;; ++round) {
      auto it = pool.find(key);
      if (it == pool.end()) {
        auto opened = open(*u);
        if (!opened) return opened.err();
        it = pool.emplace(key, std::move(*opened)).first;
      }
      connection& c = *it->second;
      const bool reused = c.answers > 0;
      exchange_outcome out =
          c.tls ? exchange(*c.tls, c, *req, key) : exchange(*c.plain, c, *req, key);
      if (out.answer && out.keep_alive) {
        ++c.answers;
        c.lowest().expires_never();
      } else {
        pool.erase(it);
      }
      if (!out.answer && out.stale && reused && round == 0) continue;
      return std::move(out.answer);
    }
  }
};

std::string response::header(std::string_view name) const {
  const std::string key = lower(name);
  for (const auto& [n, v] : headers) {
    if (n == key) return v;
  }
  return {};
}

http_client::http_client(client_options opts) : impl_(std::make_unique<impl>(std::move(opts))) {}
http_client::~http_client() = default;
http_client::http_client(http_client&&) noexcept = default;
http_client& http_client::operator=(http_client&&) noexcept = default;

result<response> http_client::send(const request& r) {
  if (!impl_) return error{errc::internal, "http client: used after move"};
  try {
    return impl_->send(r);
  } catch (const std::exception& e) {
    impl_->pool.clear();
    return error{errc::internal, std::string("http client: ") + e.what()};
  }
}

void http_client::close_all() {
  if (impl_) impl_->pool.clear();
}

const client_options& http_client::options() const {
  return impl_->opts;
}

bool is_answer_too_large(const error& e) noexcept {
  return e.code == errc::unavailable && starts_with(e.message, kTooLarge);
}

bool is_certificate_error(const error& e) noexcept {
  return e.code == errc::unavailable && starts_with(e.message, kCertificate);
}

}  // namespace recs::httpc
