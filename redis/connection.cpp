#include "redis/connection.hpp"

#include <hiredis/hiredis.h>
#include <poll.h>

#include <utility>

#include "redis/wakeup.hpp"

namespace recs::redis::internal {
namespace {

reply::kind kind_of(int type) {
  switch (type) {
    case REDIS_REPLY_STATUS:
      return reply::kind::status;
    case REDIS_REPLY_ERROR:
      return reply::kind::error;
    case REDIS_REPLY_STRING:
      return reply::kind::string;
    case REDIS_REPLY_INTEGER:
      return reply::kind::integer;
    case REDIS_REPLY_ARRAY:
      return reply::kind::array;
    default:
      return reply::kind::nil;
  }
}

reply copy_reply(const redisReply& r) {
  reply out;
  out.type = kind_of(r.type);
  if (r.str != nullptr) out.text.assign(r.str, r.len);
  out.integer = r.integer;
  out.elements.reserve(r.elements);
  for (std::size_t i = 0; i < r.elements; ++i) out.elements.push_back(copy_reply(*r.element[i]));
  return out;
}

struct reader_deleter {
  void operator()(redisReader* r) const noexcept { redisReaderFree(r); }
};

}  // namespace

struct connection::impl {
  std::string where;  // "redis host:port"
  unique_fd fd;
  std::unique_ptr<redisReader, reader_deleter> reader{redisReaderCreate()};
  const wakeup* wake = nullptr;
  bool broken = false;

  error fail(const error& e) {
    broken = true;
    return in_context(where, e);
  }

  status send(const std::vector<std::string_view>& args, clock::time_point deadline) {
    if (broken) return error{errc::unavailable, where + ": connection is broken"};
    std::vector<const char*> argv;
    std::vector<std::size_t> lens;
    argv.reserve(args.size());
    lens.reserve(args.size());
    for (auto a : args) {
      argv.push_back(a.data());
      lens.push_back(a.size());
    }
    char* cmd = nullptr;
    int len = redisFormatCommandArgv(&cmd, static_cast<int>(args.size()), argv.data(), lens.data());
    if (len < 0) return error{errc::internal, where + ": cannot format the command"};
    std::unique_ptr<char, decltype(&redisFreeCommand)> owned(cmd, &redisFreeCommand);
    auto st =
        send_all(fd.get(), std::string_view(cmd, static_cast<std::size_t>(len)), deadline, wake);
    if (!st) return fail(st.err());
    return ok_status();
  }

  /// A reply already buffered in the reader, if any.
  result<std::optional<reply>> buffered() {
    void* raw = nullptr;
    if (redisReaderGetReply(reader.get(), &raw) != REDIS_OK) {
      return fail(error{errc::internal, std::string("protocol error: ") + reader->errstr});
    }
    if (raw == nullptr) return std::optional<reply>{};
    auto r = copy_reply(*static_cast<redisReply*>(raw));
    freeReplyObject(raw);
    return std::optional<reply>(std::move(r));
  }

  result<std::optional<reply>> receive(clock::time_point deadline) {
    if (broken) return error{errc::unavailable, where + ": connection is broken"};
    std::string chunk;
    for (;;) {
      auto r = buffered();
      if (!r || r->has_value()) return r;
      if (wait_for(fd.get(), POLLIN, deadline, wake) != readiness::ready) {
        return std::optional<reply>{};
      }
      chunk.clear();
      auto n = read_available(fd.get(), chunk);
      if (!n) return fail(n.err());
      if (redisReaderFeed(reader.get(), chunk.data(), chunk.size()) != REDIS_OK) {
        return fail(error{errc::internal, "protocol error: reader refused input"});
      }
    }
  }

  result<reply> call(const std::vector<std::string_view>& args, clock::time_point deadline) {
    if (auto st = send(args, deadline); !st) return st.err();
    auto r = receive(deadline);
    if (!r) return r.err();
    if (!r->has_value()) {
      bool stopped = wake != nullptr && wake->signalled();
      return fail(error{errc::unavailable, stopped ? "stopped" : "timed out waiting for a reply"});
    }
    return std::move(**r);
  }
};

connection::connection(std::unique_ptr<impl> p) : impl_(std::move(p)) {}
connection::connection(connection&&) noexcept = default;
connection& connection::operator=(connection&&) noexcept = default;
connection::~connection() = default;

result<connection> connection::open(const redis_url& url, const redis_options& options,
                                    const wakeup* wake) {
  auto p = std::make_unique<impl>();
  p->where = "redis " + endpoint(url);
  p->wake = wake;
  if (!p->reader) return error{errc::internal, p->where + ": out of memory"};
  auto fd = connect_tcp(url.host, url.port, clock::now() + options.connect_timeout, wake);
  if (!fd) return p->fail(fd.err());
  p->fd = std::move(*fd);

  auto deadline = clock::now() + options.command_timeout;
  auto expect_ok = [&](const std::vector<std::string_view>& args, const char* what) -> status {
    auto r = p->call(args, deadline);
    if (!r) return r.err();
    if (r->type != reply::kind::status) {
      auto e = unexpected(*r, what);
      return in_context(p->where, e);
    }
    return ok_status();
  };
  if (!url.password.empty()) {
    std::vector<std::string_view> auth{"AUTH"};
    if (!url.username.empty()) auth.emplace_back(url.username);
    auth.emplace_back(url.password);
    if (auto st = expect_ok(auth, "AUTH"); !st) return st.err();
  }
  if (url.db != 0) {
    auto db = std::to_string(url.db);
    if (auto st = expect_ok({"SELECT", db}, "SELECT"); !st) return st.err();
  }
  return connection(std::move(p));
}

result<reply> connection::call(const std::vector<std::string_view>& args,
                               clock::time_point deadline) {
  return impl_->call(args, deadline);
}

status connection::send(const std::vector<std::string_view>& args, clock::time_point deadline) {
  return impl_->send(args, deadline);
}

result<std::optional<reply>> connection::receive(clock::time_point deadline) {
  return impl_->receive(deadline);
}

bool connection::broken() const noexcept {
  return impl_->broken;
}

}  // namespace recs::redis::internal
