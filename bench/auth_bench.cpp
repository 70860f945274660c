// Sign-in cost: Argon2id hash and verify times at the service's cost (libsodium's interactive
// limits: 2 passes over 64 MiB), one at a time as the password worker runs them, and the
// minimal cost tests use, for scale. Prints medians; asserts nothing.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "accounts/password.hpp"

namespace {

double median(std::vector<double> xs) {
  std::sort(xs.begin(), xs.end());
  return xs.empty() ? 0 : xs[xs.size() / 2];
}

template <class F>
double ms(F f) {
  const auto t0 = std::chrono::steady_clock::now();
  f();
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
}

void report(const char* name, const recs::accounts::hash_cost& cost, int rounds) {
  const recs::accounts::password_hasher hasher(cost);
  std::vector<double> hash_ms, verify_ms;
  std::string stored;
  for (int i = 0; i < rounds; ++i) {
    hash_ms.push_back(ms([&] {
      auto h = hasher.hash("correct horse battery staple");
      if (!h) {
        std::fprintf(stderr, "hash failed: %s\n", h.err().message.c_str());
        std::exit(1);
      }
      stored = *h;
    }));
    verify_ms.push_back(ms([&] {
      if (!recs::accounts::password_hasher::verify(stored, "correct horse battery staple")) {
        std::fprintf(stderr, "verify failed\n");
        std::exit(1);
      }
    }));
  }
  std::printf("  %-34s %8.1f ms %10.1f ms %12.1f\n", name, median(hash_ms), median(verify_ms),
              1000.0 / median(verify_ms));
}

}  // namespace

int main(int argc, char** argv) {
  const int rounds = argc > 1 ? std::max(1, std::atoi(argv[1])) : 9;
  std::printf("  Argon2id, median of %d, one at a time (the password worker's way)\n", rounds);
  std::printf("  %-34s %11s %13s %12s\n", "cost", "hash", "verify", "sign-ins/s");
  report("service (2 passes, 64 MiB)", recs::accounts::hash_cost{}, rounds);
  report("tests only (minimal)", recs::accounts::hash_cost::minimal(), rounds);
  return 0;
}
