#include "redis/wakeup.hpp"

#include <poll.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include <algorithm>
#include <cstdint>

namespace recs::redis::internal {

wakeup::wakeup() : fd_(::eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK)) {}

wakeup::~wakeup() {
  if (fd_ >= 0) ::close(fd_);
}

void wakeup::signal() noexcept {
  flag_.store(true, std::memory_order_release);
  if (fd_ >= 0) {
    std::uint64_t one = 1;
    // Never read back: the fd stays readable for good, which is what a one-shot stop wants.
    [[maybe_unused]] auto n = ::write(fd_, &one, sizeof one);
  }
}

bool wakeup::sleep_for(std::chrono::milliseconds d) const {
  using clock = std::chrono::steady_clock;
  auto deadline = clock::now() + d;
  while (!signalled()) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - clock::now());
    if (left <= std::chrono::milliseconds::zero()) return true;
    // Without an eventfd, wake every 20 ms to look at the flag.
    int slice = static_cast<int>(fd_ >= 0 ? left.count() : std::min<long long>(left.count(), 20));
    pollfd p{fd_, POLLIN, 0};
    ::poll(&p, fd_ >= 0 ? 1 : 0, slice);
  }
  return false;
}

}  // namespace recs::redis::internal
