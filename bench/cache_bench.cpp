// Cached-read latency of GET /recommendations: a slate served from the shared Redis cache next to
// one served from the in-process cache, in the same run, over HTTP keep-alive.
//
// Usage: recs-bench-cache <port A> <port B> [token] [slates per round (200)] [rounds (5)]
// Two recs-server instances on one database and one Redis (REDIS_URL), both with their models
// built (bench/cache_read.sh starts them). Each round uses fresh seeds, so fresh cache keys:
//   1. A computes each slate once (its in-process cache and, asynchronously, Redis);
//   2. B reads each one: B's in-process cache misses, Redis has it ("redis" figures);
//   3. B reads each one again: now from its in-process cache ("in-process" figures);
//   4. B reads slates nobody cached ("uncached": the recomputation the caches save).
// B's shared-hit counter (GET /admin/status, the cache actor's line) is read before and after
// step 2: the round reports how many of its reads Redis really answered. Each body B serves is
// compared with A's. Prints p50/p95/p99 per round and the medians over rounds; asserts nothing.
#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <optional>
#include <regex>
#include <string>
#include <thread>
#include <vector>

#include "test/support/http_client.hpp"

using recs::test::http_connection;
using recs::test::http_reply;
using clock_type = std::chrono::steady_clock;

namespace {

struct quantiles {
  double p50 = 0, p95 = 0, p99 = 0;
};

double quantile(std::vector<double> v, double q) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  return v[static_cast<std::size_t>(q * static_cast<double>(v.size() - 1))];
}

quantiles summarise(const std::vector<double>& v) {
  return {quantile(v, 0.5), quantile(v, 0.95), quantile(v, 0.99)};
}

[[noreturn]] void die(const std::string& what) {
  std::cerr << "recs-bench-cache: " << what << "\n";
  std::exit(1);
}

class client {
 public:
  client(std::uint16_t port, std::string token) : port_(port), token_(std::move(token)) {}

  http_reply get(const std::string& target) {
    for (int attempt = 0; attempt < 2; ++attempt) {
      if (!conn_ || !conn_->connected()) conn_.emplace(port_, 10000);
      auto r = conn_->call("GET", target, "", {{"Authorization", "Bearer " + token_}});
      if (r.status != 0) return r;
      conn_.reset();  // the server closed a kept-alive connection: once more on a new one
    }
    die("GET " + target + " on port " + std::to_string(port_) + " failed");
  }

  /// GET, timed in milliseconds; the body must be a 200.
  double timed(const std::string& target, std::string* body) {
    const auto t0 = clock_type::now();
    auto r = get(target);
    const auto t1 = clock_type::now();
    if (r.status != 200)
      die("GET " + target + " answered " + std::to_string(r.status) + ": " + r.body.substr(0, 200));
    if (body) *body = std::move(r.body);
    return std::chrono::duration<double, std::milli>(t1 - t0).count();
  }

  /// The shared (Redis) hits the cache actor reports, or nullopt.
  std::optional<long long> shared_hits() {
    auto r = get("/admin/status");
    static const std::regex hits(R"((\d+) shared hits)");
    std::smatch m;
    if (r.status != 200 || !std::regex_search(r.body, m, hits)) return std::nullopt;
    return std::stoll(m[1].str());
  }

  std::string cache_backend() {
    auto r = get("/admin/status");
    static const std::regex cache(R"re("cache":"([^"]*)")re");
    std::smatch m;
    return r.status == 200 && std::regex_search(r.body, m, cache) ? m[1].str() : "?";
  }

 private:
  std::uint16_t port_;
  std::string token_;
  std::optional<http_connection> conn_;
};

std::uint16_t port_arg(const char* s) {
  const long v = std::strtol(s, nullptr, 10);
  if (v < 1 || v > 65535) die(std::string("not a port: ") + s);
  return static_cast<std::uint16_t>(v);
}

void print_row(const char* name, const quantiles& q) {
  std::printf("    %-12s p50 %7.3f ms   p95 %7.3f ms   p99 %7.3f ms\n", name, q.p50, q.p95, q.p99);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) die("usage: recs-bench-cache <port A> <port B> [token] [slates] [rounds]");
  const auto port_a = port_arg(argv[1]);
  const auto port_b = port_arg(argv[2]);
  const std::string token = argc > 3 ? argv[3] : "devtoken:demo@local.test";
  const int slates = argc > 4 ? std::max(10, std::atoi(argv[4])) : 200;
  const int rounds = argc > 5 ? std::max(1, std::atoi(argv[5])) : 5;
  client a(port_a, token), b(port_b, token);
  if (a.cache_backend() != "redis" || b.cache_backend() != "redis")
    die("both instances must report \"cache\":\"redis\" in /admin/status");

  const auto target = [](int seed) {
    return "/recommendations?for=wife&limit=20&seed=" + std::to_string(seed);
  };
  std::printf(
      "  GET /recommendations?for=wife&limit=20&seed=<fresh>, %d slates a round, %d rounds,"
      " one keep-alive connection per instance\n",
      slates, rounds);
  std::vector<double> redis_p50, redis_p95, local_p50, local_p95, fresh_p50, fresh_p95;
  int seed = 100000;
  for (int round = 1; round <= rounds; ++round) {
    const int first = seed;
    seed += 2 * slates;
    std::vector<std::string> bodies(static_cast<std::size_t>(slates));
    std::size_t body_bytes = 0;
    for (int i = 0; i < slates; ++i) a.timed(target(first + i), &bodies[i]);
    for (const auto& s : bodies) body_bytes += s.size();
    // A's SETs go through its Redis I/O actor: give them a moment to land.
    std::this_thread::sleep_for(std::chrono::milliseconds(300));

    const auto hits_before = b.shared_hits();
    std::vector<double> from_redis, from_local, fresh;
    int differing = 0;
    for (int i = 0; i < slates; ++i) {
      std::string body;
      from_redis.push_back(b.timed(target(first + i), &body));
      if (body != bodies[i]) ++differing;
    }
    const auto hits_after = b.shared_hits();
    for (int i = 0; i < slates; ++i) from_local.push_back(b.timed(target(first + i), nullptr));
    for (int i = 0; i < slates; ++i) fresh.push_back(b.timed(target(first + slates + i), nullptr));

    const long long hits = hits_before && hits_after ? *hits_after - *hits_before : -1;
    std::printf(
        "  round %d: %lld of %d first reads on B answered by Redis; %d bodies differ from"
        " A's; body %zu bytes on average\n",
        round, hits, slates, differing, body_bytes / static_cast<std::size_t>(slates));
    const auto r = summarise(from_redis), l = summarise(from_local), f = summarise(fresh);
    print_row("redis", r);
    print_row("in-process", l);
    print_row("uncached", f);
    redis_p50.push_back(r.p50);
    redis_p95.push_back(r.p95);
    local_p50.push_back(l.p50);
    local_p95.push_back(l.p95);
    fresh_p50.push_back(f.p50);
    fresh_p95.push_back(f.p95);
  }
  const auto med = [](const std::vector<double>& v) { return quantile(v, 0.5); };
  std::printf("  medians over %d rounds (HTTP round trip on loopback, client included):\n", rounds);
  std::printf("    cached read, Redis cache:      p50 %7.3f ms   p95 %7.3f ms\n", med(redis_p50),
              med(redis_p95));
  std::printf("    cached read, in-process cache: p50 %7.3f ms   p95 %7.3f ms\n", med(local_p50),
              med(local_p95));
  std::printf("    uncached (recomputed):         p50 %7.3f ms   p95 %7.3f ms\n", med(fresh_p50),
              med(fresh_p95));
  return 0;
}
