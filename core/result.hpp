#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

namespace recs {

/// Error categories shared by every layer; the HTTP edge maps them to status codes once.
enum class errc {
  invalid_argument,  ///< bad input from a caller (400)
  not_found,         ///< unknown entity (404)
  forbidden,         ///< authenticated, but not allowed (403)
  unavailable,       ///< a dependency did not answer in time (503)
  internal,          ///< a bug or an unexpected backend failure (500)
  unauthenticated,   ///< no valid credential: wrong password, unknown session (401)
  rate_limited,      ///< too many attempts: wait and try again (429)
};

/// An error as a value: a category and a human-readable message.
struct error {
  errc code = errc::internal;
  std::string message;
  std::int64_t retry_after_s = 0;  ///< rate_limited: how long to wait, in seconds (0: unsaid)
};

/// A minimal expected<T, error>: holds either a value or an error.
template <class T>
class result {
 public:
  result(T value) : v_(std::move(value)) {}  // NOLINT(google-explicit-constructor)
  result(error e) : v_(std::move(e)) {}      // NOLINT(google-explicit-constructor)

  bool ok() const noexcept { return v_.index() == 0; }
  explicit operator bool() const noexcept { return ok(); }

  T& value() & { return std::get<0>(v_); }
  const T& value() const& { return std::get<0>(v_); }
  T&& value() && { return std::get<0>(std::move(v_)); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

  const recs::error& err() const { return std::get<1>(v_); }

 private:
  std::variant<T, recs::error> v_;
};

/// The result of an operation that returns nothing on success.
struct unit {};
using status = result<unit>;

inline status ok_status() {
  return unit{};
}

/// `e` with what was being done in front of its message ("<what>: <message>"), same code.
inline error in_context(std::string_view what, const error& e) {
  return error{e.code, std::string(what) + ": " + e.message};
}

}  // namespace recs
