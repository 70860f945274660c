#include "net/static_files.hpp"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <system_error>
#include "core/ascii.hpp"

namespace recs::net {

namespace fs = std::filesystem;

namespace {

std::string_view extension(std::string_view filename) noexcept {
  const std::size_t slash = filename.rfind('/');
  const std::size_t dot = filename.rfind('.');
  if (dot == std::string_view::npos || (slash != std::string_view::npos && dot < slash)) return {};
  return filename.substr(dot + 1);
}

// True when `path` (canonical) lies strictly inside `root` (canonical).
bool inside(const std::string& root, const std::string& path) {
  return path.size() > root.size() + 1 && path.compare(0, root.size(), root) == 0 &&
         path[root.size()] == '/';
}

}  // namespace

std::string_view static_files::content_type(std::string_view filename) noexcept {
  static constexpr std::pair<std::string_view, std::string_view> types[] = {
      {"html", "text/html; charset=utf-8"},
      {"htm", "text/html; charset=utf-8"},
      {"js", "text/javascript; charset=utf-8"},
      {"mjs", "text/javascript; charset=utf-8"},
      {"css", "text/css; charset=utf-8"},
      {"json", "application/json"},
      {"svg", "image/svg+xml"},
      {"png", "image/png"},
      {"ico", "image/x-icon"},
      {"txt", "text/plain; charset=utf-8"},
  };
  const std::string_view ext = extension(filename);
  for (const auto& [known, type] : types) {
    if (iequals(ext, known)) return type;
  }
  return "application/octet-stream";
}

std::optional<std::string> static_files::relative_file(std::string_view path) {
  if (path.empty() || path.front() != '/') return std::nullopt;
  if (path.find('\0') != std::string_view::npos || path.find('\\') != std::string_view::npos) {
    return std::nullopt;
  }
  std::string rel(path.substr(1));
  if (rel.empty() || rel.back() == '/') rel += "index.html";
  std::string_view rest(rel);
  for (;;) {
    const std::size_t slash = rest.find('/');
    const std::string_view part = rest.substr(0, slash);
    // Covers "", ".", ".." and hidden files such as ".git" or ".env".
    if (part.empty() || part.front() == '.') return std::nullopt;
    if (slash == std::string_view::npos) break;
    rest.remove_prefix(slash + 1);
  }
  return rel;
}

result<static_files> static_files::open(const std::string& root, bool cache) {
  std::error_code ec;
  const fs::path canonical = fs::canonical(root, ec);
  if (ec || !fs::is_directory(canonical, ec)) {
    return error{errc::invalid_argument, "static root '" + root + "' is not a readable directory"};
  }
  static_files files(canonical.string());
  files.cached_ = cache;
  if (!cache) return files;

  fs::recursive_directory_iterator it(canonical, fs::directory_options::skip_permission_denied, ec);
  for (; !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
    if (!it->is_regular_file(ec)) continue;
    const std::string rel = fs::relative(it->path(), canonical, ec).generic_string();
    if (ec || !relative_file("/" + rel)) continue;
    if (auto e = files.read(rel)) files.cache_.emplace(rel, std::move(*e));
  }
  if (ec) {
    return error{errc::invalid_argument, "cannot list static root '" + root + "': " + ec.message()};
  }
  return files;
}

std::optional<static_files::entry> static_files::read(const std::string& relative) const {
  std::error_code ec;
  const fs::path resolved = fs::canonical(fs::path(root_) / relative, ec);
  if (ec || !inside(root_, resolved.string()) || !fs::is_regular_file(resolved, ec)) {
    return std::nullopt;
  }
  const auto size = fs::file_size(resolved, ec);
  if (ec || size > max_file_bytes) return std::nullopt;
  std::ifstream in(resolved, std::ios::binary);
  if (!in) return std::nullopt;
  entry e{content_type(relative), {}};
  e.body.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  if (in.bad()) return std::nullopt;
  return e;
}

std::optional<response> static_files::serve(const request& req) const {
  if (req.method != "GET" && req.method != "HEAD") return std::nullopt;
  const auto rel = relative_file(is_page_path(req.path) ? "/" : req.path);
  if (!rel) return std::nullopt;
  std::optional<entry> found;
  if (cached_) {
    const auto it = cache_.find(*rel);
    if (it == cache_.end()) return std::nullopt;
    found = it->second;
  } else {
    found = read(*rel);
    if (!found) return std::nullopt;
  }
  response res;
  res.status = 200;
  res.content_type = std::string(found->content_type);
  res.body = std::move(found->body);
  res.headers.emplace_back("Cache-Control", "no-cache");
  return res;
}

bool static_files::is_page_path(std::string_view path) {
  constexpr std::string_view show = "/show/";
  if (path.substr(0, show.size()) != show) return false;
  const std::string_view id = path.substr(show.size());
  return !id.empty() && id.size() <= 64 && id.find('/') == std::string_view::npos &&
         id.front() != '.';
}

router::route_handler static_files::as_fallback() const {
  return [this](request&& req, const router::params&, responder respond) {
    if (auto res = serve(req)) {
      respond(std::move(*res));
    } else {
      respond(json_error(404, "not_found", "no such resource: " + req.path));
    }
  };
}

}  // namespace recs::net
