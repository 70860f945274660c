#pragma once

#include <functional>

#include "core/result.hpp"

namespace recs::net {

/// Completion of an asynchronous port call; invoked exactly once, on any thread.
template <class T>
using callback = std::function<void(result<T>)>;

}  // namespace recs::net
