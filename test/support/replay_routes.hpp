#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/result.hpp"

namespace recs::test {

/// One canned answer of the replay server.
struct canned_response {
  int status = 200;
  /// Sent as given; Content-Type defaults to application/json. Content-Length and
  /// Transfer-Encoding are the server's (see `chunked`).
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  int delay_ms = 0;      ///< wait this long before answering
  bool chunked = false;  ///< Transfer-Encoding: chunked, the body cut in several chunks
  bool hangup = false;   ///< close the connection after answering, without announcing it
  bool drop = false;     ///< close the connection without answering
};

/// Requests a route answers, and what.
struct replay_route {
  std::string method = "GET";
  std::string path;                  ///< exact, without the query string
  std::optional<std::string> query;  ///< exact query string (without '?'); nullopt: any
  std::string body_contains;         ///< a substring the request body must hold; "": any body
  /// Each request the route matches takes the next answer; the last one repeats.
  std::vector<canned_response> responses;
};

/// Named route lists; the server answers from one at a time (the first matching route wins).
using replay_scenarios = std::map<std::string, std::vector<replay_route>>;

/// A canned answer in one line, for tests: answer(503), answer(200, "[]").
canned_response answer(int status, std::string body = "{}",
                       std::vector<std::pair<std::string, std::string>> headers = {});

/// A route in one line, for tests: route("GET", "/shows?page=1", {answer(200, "[]")}). A query
/// in `path` must match exactly; without one any query matches.
replay_route route(std::string method, std::string path, std::vector<canned_response> responses);

/// Reads a routes document (the format is described at the top of replay_main.cpp); body_file
/// paths are relative to `base_dir`. Unknown keys, missing fields and unreadable body files are
/// errc::invalid_argument naming where they are.
result<replay_scenarios> parse_replay_routes(std::string_view json, const std::string& base_dir);

/// parse_replay_routes of the file at `path`, body files relative to its folder.
result<replay_scenarios> load_replay_routes(const std::string& path);

}  // namespace recs::test
