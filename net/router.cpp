#include "net/router.hpp"

#include <algorithm>
#include <cctype>
#include <optional>

namespace recs::net {

namespace {

std::string to_upper(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

// Splits "/a/b/" into {"a", "b"}: the leading slash and one trailing slash are ignored.
std::vector<std::string_view> split_path(std::string_view path) {
  std::vector<std::string_view> out;
  if (!path.empty() && path.front() == '/') path.remove_prefix(1);
  if (!path.empty() && path.back() == '/') path.remove_suffix(1);
  if (path.empty()) return out;
  for (;;) {
    const std::size_t slash = path.find('/');
    out.push_back(path.substr(0, slash));
    if (slash == std::string_view::npos) break;
    path.remove_prefix(slash + 1);
  }
  return out;
}

// Decodes each raw segment of the target's path; nullopt on a malformed escape.
std::optional<std::vector<std::string>> decoded_segments(const request& req) {
  // Raw target first, so that an encoded '/' stays inside its segment; the decoded path is the
  // fallback for requests built by hand without a target.
  std::string_view raw = req.target.empty() ? std::string_view(req.path) : req.target;
  raw = raw.substr(0, raw.find('?'));
  std::vector<std::string> out;
  for (const std::string_view part : split_path(raw)) {
    auto decoded = url_decode(part, false);
    if (!decoded) return std::nullopt;
    out.push_back(std::move(*decoded));
  }
  return out;
}

}  // namespace

std::vector<router::segment> router::parse_pattern(std::string_view pattern) {
  std::vector<segment> out;
  for (const std::string_view part : split_path(pattern)) {
    if (part.size() >= 2 && part.front() == '{' && part.back() == '}') {
      out.push_back({std::string(part.substr(1, part.size() - 2)), true});
    } else {
      out.push_back({std::string(part), false});
    }
  }
  return out;
}

void router::add(std::string method, std::string pattern, route_handler handler) {
  std::string label = to_upper(method) + " " + pattern;
  routes_.push_back(
      {to_upper(method), parse_pattern(pattern), std::move(handler), std::move(label)});
  // Only patterns of equal length can match the same path; among those, literal segments win
  // over parameters at the first position where two patterns differ.
  std::stable_sort(routes_.begin(), routes_.end(), [](const route& a, const route& b) {
    if (a.segments.size() != b.segments.size()) return a.segments.size() < b.segments.size();
    for (std::size_t i = 0; i < a.segments.size(); ++i) {
      if (a.segments[i].is_param != b.segments[i].is_param) return !a.segments[i].is_param;
    }
    return false;
  });
}

void router::set_fallback(route_handler handler) {
  fallback_ = std::move(handler);
}

void router::set_observer(observer o) {
  observer_ = std::move(o);
}

responder router::observed(const std::string& label, responder respond) const {
  if (!observer_) return respond;
  return [label, obs = observer_, t0 = std::chrono::steady_clock::now(),
          respond = std::move(respond)](response res) {
    const unsigned status = res.status;
    respond(std::move(res));
    obs(label, status,
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
  };
}

bool router::match(const route& r, const std::vector<std::string>& path, params* out) {
  if (r.segments.size() != path.size()) return false;
  for (std::size_t i = 0; i < path.size(); ++i) {
    const segment& s = r.segments[i];
    if (s.is_param ? path[i].empty() : s.text != path[i]) return false;
  }
  if (out != nullptr) {
    out->clear();
    for (std::size_t i = 0; i < path.size(); ++i) {
      if (r.segments[i].is_param) out->emplace_back(r.segments[i].text, path[i]);
    }
  }
  return true;
}

void router::dispatch(request&& req, responder respond) const {
  static const std::string other = "other";
  const auto path = decoded_segments(req);
  if (!path) {
    observed(other, std::move(respond))(
        json_error(400, "bad_request", "malformed percent-encoding in path"));
    return;
  }
  const std::string method = to_upper(req.method);

  const route* chosen = nullptr;
  const route* get_for_head = nullptr;
  std::vector<std::string> allowed;
  for (const route& r : routes_) {
    if (!match(r, *path, nullptr)) continue;
    if (std::find(allowed.begin(), allowed.end(), r.method) == allowed.end()) {
      allowed.push_back(r.method);
    }
    if (chosen == nullptr && r.method == method) chosen = &r;
    if (get_for_head == nullptr && method == "HEAD" && r.method == "GET") get_for_head = &r;
  }
  // An explicit HEAD route wins; otherwise HEAD is answered by the GET route.
  if (chosen == nullptr) chosen = get_for_head;

  if (chosen != nullptr) {
    params p;
    match(*chosen, *path, &p);
    const auto t0 = std::chrono::steady_clock::now();
    try {
      chosen->handle(std::move(req), p, observed(chosen->label, std::move(respond)));
    } catch (...) {
      // The caller answers 500 (http_server); the observer counts it here.
      if (observer_)
        observer_(chosen->label, 500,
                  std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0)
                      .count());
      throw;
    }
    return;
  }
  if (!allowed.empty()) {
    if (std::find(allowed.begin(), allowed.end(), "GET") != allowed.end() &&
        std::find(allowed.begin(), allowed.end(), "HEAD") == allowed.end()) {
      allowed.push_back("HEAD");
    }
    std::string allow;
    for (const auto& m : allowed) allow += (allow.empty() ? "" : ", ") + m;
    response res = json_error(405, "method_not_allowed",
                              "method " + method + " is not allowed on " + req.path);
    res.headers.emplace_back("Allow", std::move(allow));
    observed(other, std::move(respond))(std::move(res));
    return;
  }
  if (fallback_) {
    static const std::string fallback = "static";
    fallback_(std::move(req), params{}, observed(fallback, std::move(respond)));
    return;
  }
  observed(other,
           std::move(respond))(json_error(404, "not_found", "no such resource: " + req.path));
}

handler router::as_handler() const {
  return [this](request&& req, responder respond) { dispatch(std::move(req), std::move(respond)); };
}

}  // namespace recs::net
