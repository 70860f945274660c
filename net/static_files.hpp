#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "core/result.hpp"
#include "net/http_types.hpp"
#include "net/router.hpp"

namespace recs::net {

/// Serves the small static web UI from a root directory: "/" is index.html, a path ending in
/// "/" is that folder's index.html, and so is a page's own address, `/show/<id>` (the page
/// routes it). Only GET and HEAD are served. Paths with "..", ".", empty
/// or hidden (dot-first) segments, backslashes or NUL bytes, and files resolving outside the
/// root (symlinks), are never served: they look like missing files.
class static_files {
 public:
  /// Largest file served; the UI's files are far smaller.
  static constexpr std::size_t max_file_bytes = 8 * 1024 * 1024;

  /// Opens `root`. With `cache`, every servable file is read now and served from memory (edits
  /// need a restart); without it each request reads the file. Error invalid_argument when
  /// `root` is not a readable directory.
  static result<static_files> open(const std::string& root, bool cache = true);

  /// The file for `req` (a 200 response with its content type), or nullopt when there is none
  /// or the path is rejected. Reads the percent-decoded `req.path`.
  std::optional<response> serve(const request& req) const;

  /// True for `/show/<id>` (one segment, at most 64 bytes, not dot-first): index.html's.
  static bool is_page_path(std::string_view path);

  /// A router fallback that serves files and answers 404 JSON otherwise. `*this` must outlive it.
  router::route_handler as_fallback() const;

  /// How many files were cached by open().
  std::size_t cached_files() const noexcept { return cache_.size(); }

  /// Content type by extension: html, js, css, json, svg, png, ico, txt; otherwise
  /// application/octet-stream.
  static std::string_view content_type(std::string_view filename) noexcept;

  /// The root-relative file a decoded URL path names ("/" -> "index.html"), or nullopt when the
  /// path must not be served (see the class comment).
  static std::optional<std::string> relative_file(std::string_view path);

 private:
  struct entry {
    std::string_view content_type;
    std::string body;
  };

  explicit static_files(std::string canonical_root) : root_(std::move(canonical_root)) {}
  std::optional<entry> read(const std::string& relative) const;

  std::string root_;  ///< canonical, without a trailing slash
  bool cached_ = false;
  std::unordered_map<std::string, entry> cache_;
};

}  // namespace recs::net
