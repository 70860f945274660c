#include "redis/redis_client.hpp"

#include <utility>

#include "redis/connection.hpp"
#include "redis/reply.hpp"

namespace recs::redis {

using internal::reply;

redis_client::redis_client(redis_url url, redis_options options)
    : url_(std::move(url)), options_(options), backoff_(options.backoff, random_seed()) {}

redis_client::redis_client(redis_client&&) noexcept = default;
redis_client& redis_client::operator=(redis_client&&) noexcept = default;
redis_client::~redis_client() = default;

bool redis_client::connected() const noexcept {
  return conn_ != nullptr;
}

error redis_client::failed(const error& e) {
  conn_.reset();
  last_error_ = e.message;
  next_attempt_ = std::chrono::steady_clock::now() + backoff_.next();
  return e;
}

result<reply> redis_client::call(const std::vector<std::string_view>& args) {
  using std::chrono::steady_clock;
  if (!conn_) {
    auto now = steady_clock::now();
    if (now < next_attempt_) {
      auto wait = std::chrono::ceil<std::chrono::milliseconds>(next_attempt_ - now).count();
      return error{errc::unavailable,
                   "redis " + endpoint(url_) + ": not connected (next attempt in " +
                       std::to_string(wait) + " ms; last error: " + last_error_ + ")"};
    }
    auto c = internal::connection::open(url_, options_);
    if (!c) return failed(c.err());
    conn_ = std::make_unique<internal::connection>(std::move(*c));
  }
  auto r = conn_->call(args, steady_clock::now() + options_.command_timeout);
  if (!r) return failed(r.err());
  backoff_.reset();
  return r;
}

namespace {

error reply_error(const redis_url& url, const reply& r, const char* command) {
  return in_context("redis " + endpoint(url), internal::unexpected(r, command));
}

}  // namespace

result<std::optional<std::string>> redis_client::get(std::string_view key) {
  auto r = call({"GET", key});
  if (!r) return r.err();
  if (r->type == reply::kind::nil) return std::optional<std::string>{};
  if (r->type != reply::kind::string) return reply_error(url_, *r, "GET");
  return std::optional<std::string>(std::move(r->text));
}

status redis_client::set_ex(std::string_view key, std::string_view value,
                            std::chrono::seconds ttl) {
  if (ttl.count() < 1) return error{errc::invalid_argument, "redis SET EX: ttl must be >= 1 s"};
  auto seconds = std::to_string(ttl.count());
  auto r = call({"SET", key, value, "EX", seconds});
  if (!r) return r.err();
  if (r->type != reply::kind::status) return reply_error(url_, *r, "SET");
  return ok_status();
}

result<long long> redis_client::del(const std::vector<std::string>& keys) {
  if (keys.empty()) return 0LL;
  std::vector<std::string_view> args{"DEL"};
  args.insert(args.end(), keys.begin(), keys.end());
  auto r = call(args);
  if (!r) return r.err();
  if (r->type != reply::kind::integer) return reply_error(url_, *r, "DEL");
  return r->integer;
}

result<long long> redis_client::publish(std::string_view channel, std::string_view message) {
  auto r = call({"PUBLISH", channel, message});
  if (!r) return r.err();
  if (r->type != reply::kind::integer) return reply_error(url_, *r, "PUBLISH");
  return r->integer;
}

status redis_client::ping() {
  auto r = call({"PING"});
  if (!r) return r.err();
  if (r->type != reply::kind::status || r->text != "PONG") return reply_error(url_, *r, "PING");
  return ok_status();
}

}  // namespace recs::redis
