// Ratings written per second through the store, SQLite and PostgreSQL side by side.
//
// Usage: recs-bench-store [catalog.jsonl] [providers.json] [ratings per run (2000)] [runs (3)]
// Environment: RECS_BENCH_PG_URL, a libpq conninfo or URL of an empty database to write into
// (bench/run.sh starts a throwaway server with test/support/pg_server.sh); without it only
// SQLite is measured. Each backend gets the bundled catalog and one household of 8 profiles;
// a run writes `ratings` ratings (put_rating, each durable when it returns: SQLite WAL with
// synchronous=FULL, PostgreSQL synchronous_commit on) by 1 writer, then by 4 writers with a
// connection each, and prints ratings per second and the per-write latency. Medians of `runs`.
// The service writes through one store actor per connection, so "1 writer" is what one
// instance does with one connection. Prints figures; asserts nothing.
#include <stdlib.h>  // mkdtemp

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iostream>
#include <sstream>
#include <string>
#include <system_error>
#include <thread>
#include <vector>

#include "adapters/catalog_json.hpp"
#include "storage/pg_store.hpp"
#include "storage/sqlite_store.hpp"
#include "storage/store.hpp"

namespace fs = std::filesystem;
using namespace recs;
using clock_type = std::chrono::steady_clock;

namespace {

using opener = std::function<result<std::unique_ptr<storage::store>>()>;

struct run_figures {
  double per_second = 0;
  double p50_ms = 0;
  double p95_ms = 0;
};

double ms_between(clock_type::time_point a, clock_type::time_point b) {
  return std::chrono::duration<double, std::milli>(b - a).count();
}

double quantile(std::vector<double> v, double q) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  return v[static_cast<std::size_t>(q * static_cast<double>(v.size() - 1))];
}

double median(std::vector<double> v) {
  return quantile(std::move(v), 0.5);
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

[[noreturn]] void die(const std::string& what, const error& e) {
  std::cerr << "recs-bench-store: " << what << ": " << e.message << "\n";
  std::exit(1);
}

/// The catalog and one household with `profiles` profiles; returns the profile ids.
std::vector<std::int64_t> prepare(storage::store& db, const std::vector<show>& shows,
                                  const std::vector<provider>& providers, int profiles) {
  if (auto v = db.migrate(); !v) die("migrate", v.err());
  const auto t0 = clock_type::now();
  if (auto st = db.upsert_providers(providers); !st) die("upsert_providers", st.err());
  if (auto st = db.upsert_shows(shows); !st) die("upsert_shows", st.err());
  std::cout << "    catalog upsert (" << shows.size()
            << " shows): " << static_cast<int>(ms_between(t0, clock_type::now())) << " ms\n";
  auto h = db.create_household("Bench", "bench@local.test", {"netflix"});
  if (!h) die("create_household", h.err());
  std::vector<std::int64_t> ids;
  for (int i = 0; i < profiles; ++i) {
    auto p = db.create_profile(h->id, "P" + std::to_string(i), maturity::r18);
    if (!p) die("create_profile", p.err());
    ids.push_back(p->id);
  }
  return ids;
}

/// `writers` threads, each with its own connection, write `total` ratings between them: writer w
/// rates for profile ids[w % n], show (round * writers + w + i) of the catalog, so that writes
/// are new rows and updates of earlier ones alike across runs.
run_figures write_run(const opener& open, const std::vector<std::int64_t>& ids,
                      const std::vector<show>& shows, int total, int writers, int round) {
  std::vector<std::unique_ptr<storage::store>> conns;
  for (int w = 0; w < writers; ++w) {
    auto db = open();
    if (!db) die("open", db.err());
    conns.push_back(std::move(*db));
  }
  std::vector<std::vector<double>> lat(static_cast<std::size_t>(writers));
  std::vector<std::string> failures(static_cast<std::size_t>(writers));
  const int each = total / writers;
  const auto t0 = clock_type::now();
  std::vector<std::thread> threads;
  for (int w = 0; w < writers; ++w) {
    threads.emplace_back([&, w] {
      auto& mine = lat[static_cast<std::size_t>(w)];
      mine.reserve(static_cast<std::size_t>(each));
      for (int i = 0; i < each; ++i) {
        const std::size_t k = static_cast<std::size_t>(round * total + w * each + i) % shows.size();
        rating r;
        r.profile_id = ids[static_cast<std::size_t>(w) % ids.size()];
        r.show_id = shows[k].id;
        r.primary = static_cast<verdict>(i % 3);
        r.source = "bench";
        r.ts = 1700000000 + i;
        const auto s = clock_type::now();
        if (auto st = conns[static_cast<std::size_t>(w)]->put_rating(r); !st) {
          failures[static_cast<std::size_t>(w)] = st.err().message;
          return;
        }
        mine.push_back(ms_between(s, clock_type::now()));
      }
    });
  }
  for (auto& t : threads) t.join();
  const double secs = ms_between(t0, clock_type::now()) / 1000.0;
  for (const auto& f : failures)
    if (!f.empty()) die("put_rating", error{errc::internal, f});
  std::vector<double> all;
  for (auto& v : lat) all.insert(all.end(), v.begin(), v.end());
  return {static_cast<double>(each * writers) / secs, quantile(all, 0.5), quantile(all, 0.95)};
}

void measure(const std::string& name, const opener& open, const std::vector<show>& shows,
             const std::vector<provider>& providers, int total, int runs) {
  std::cout << name << ":\n";
  auto db = open();
  if (!db) die("opening " + name, db.err());
  const auto ids = prepare(**db, shows, providers, 8);
  db->reset();
  int round = 0;
  for (int writers : {1, 4}) {
    std::vector<double> rate, p50, p95;
    for (int r = 0; r < runs; ++r) {
      const auto f = write_run(open, ids, shows, total, writers, round++);
      rate.push_back(f.per_second);
      p50.push_back(f.p50_ms);
      p95.push_back(f.p95_ms);
    }
    std::printf(
        "    %d writer%s: %8.0f ratings/s (median of %d runs of %d)   write p50 %.2f ms"
        " p95 %.2f ms\n",
        writers, writers == 1 ? " " : "s", median(rate), runs, total, median(p50), median(p95));
  }
}

}  // namespace

int main(int argc, char** argv) {
  const std::string catalog_path = argc > 1 ? argv[1] : "data/catalog.jsonl";
  const std::string providers_path = argc > 2 ? argv[2] : "data/providers.json";
  const int total = argc > 3 ? std::max(4, std::atoi(argv[3])) : 2000;
  const int runs = argc > 4 ? std::max(1, std::atoi(argv[4])) : 3;

  auto shows = adapters::parse_catalog_jsonl(read_file(catalog_path));
  if (!shows) die(catalog_path, shows.err());
  auto providers = adapters::parse_providers_json(read_file(providers_path));
  if (!providers) die(providers_path, providers.err());
  std::cout << "recs-bench-store: " << shows->size() << " shows; " << total << " ratings per run; "
            << std::thread::hardware_concurrency() << " CPUs\n";

  std::string pattern = (fs::temp_directory_path() / "recs-bench-store-XXXXXX").string();
  if (mkdtemp(pattern.data()) == nullptr) die("mkdtemp", error{errc::internal, "failed"});
  const std::string file = (fs::path(pattern) / "recs.sqlite").string();
  measure(
      "SQLite (" + file + ")", [&] { return storage::open_sqlite(file); }, *shows, *providers,
      total, runs);
  std::error_code ignored;
  fs::remove_all(pattern, ignored);

  const char* pg = std::getenv("RECS_BENCH_PG_URL");
  if (pg == nullptr || *pg == '\0') {
    std::cout << "PostgreSQL: skipped (set RECS_BENCH_PG_URL; bench/run.sh starts a throwaway "
                 "server)\n";
    return 0;
  }
  const std::string url = pg;
  measure(
      "PostgreSQL", [&] { return storage::open_postgres(url); }, *shows, *providers, total, runs);
  return 0;
}
