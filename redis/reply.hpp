#pragma once

#include <string>
#include <vector>

#include "core/result.hpp"

namespace recs::redis::internal {

/// One RESP2 reply copied out of hiredis into standard types (no redisReply leaves connection.cpp).
struct reply {
  enum class kind { nil, status, error, integer, string, array };
  kind type = kind::nil;
  std::string text;  ///< status, error and string replies
  long long integer = 0;
  std::vector<reply> elements;  ///< array replies
};

/// The error for an error reply, its text as the message: NOAUTH / WRONGPASS -> forbidden;
/// LOADING, BUSY, MASTERDOWN (the server is up but cannot serve now) -> unavailable; anything
/// else -> internal.
error to_error(const reply& r);

/// "COMMAND: ..." for a reply the command should not get: to_error() for an error reply,
/// internal for any other unexpected type.
error unexpected(const reply& r, const char* command);

}  // namespace recs::redis::internal
