// recsctl setup: the first run from a script (POST /auth/setup, then POST /me/tokens with the
// session it opened).
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <sstream>

#include "cli/command_context.hpp"
#include "cli/json_util.hpp"

namespace recs::cli::internal {

namespace {

using writer = rapidjson::Writer<rapidjson::StringBuffer>;

void put(writer& w, const char* key, const std::string& value) {
  w.Key(key);
  w.String(value.c_str(), static_cast<rapidjson::SizeType>(value.size()));
}

std::vector<std::string> split(const std::string& text, char sep) {
  std::vector<std::string> out;
  std::string part;
  std::istringstream in(text);
  while (std::getline(in, part, sep))
    if (!part.empty()) out.push_back(part);
  return out;
}

/// "NAME[:CAP][:kid]" into the profile object; an error message for a bad one.
std::optional<std::string> put_profile(writer& w, const std::string& spec) {
  auto parts = split(spec, ':');
  if (parts.empty()) return "an empty profile in --profiles";
  w.StartObject();
  put(w, "name", parts[0]);
  bool kid = false;
  for (std::size_t i = 1; i < parts.size(); ++i) {
    if (parts[i] == "kid") {
      kid = true;
    } else {
      put(w, "maturity_cap", parts[i]);
    }
  }
  w.Key("kid");
  w.Bool(kid);
  w.EndObject();
  return std::nullopt;
}

/// The session id in a Set-Cookie answer ("recs_session=<id>; Path=/; ..."), or "".
std::string session_of(const api_answer& a) {
  for (const auto& [name, value] : a.headers) {
    if (name != "set-cookie" || value.rfind("recs_session=", 0) != 0) continue;
    const auto start = std::string("recs_session=").size();
    return value.substr(start, value.find(';') - start);
  }
  return "";
}

}  // namespace

int cmd_setup(context& c) {
  const auto& inv = c.inv;
  auto password = c.term.read_line();
  if (!password || password->empty())
    return complain(c, "setup reads the owner's password from standard input (one line)",
                    exit_usage);
  const std::string email = inv.get("--email");
  rapidjson::StringBuffer buf;
  writer w(buf);
  w.StartObject();
  put(w, "household", inv.get("--household"));
  put(w, "email", email);
  put(w, "password", *password);
  w.Key("profiles");
  w.StartArray();
  auto profiles = split(inv.get("--profiles", email.substr(0, email.find('@'))), ',');
  for (const auto& p : profiles)
    if (auto bad = put_profile(w, p)) return complain(c, *bad, exit_usage);
  w.EndArray();
  if (inv.has("--services")) {
    w.Key("services");
    w.StartArray();
    for (const auto& s : split(inv.get("--services"), ','))
      w.String(s.c_str(), static_cast<rapidjson::SizeType>(s.size()));
    w.EndArray();
  }
  w.EndObject();

  // No bearer token (RECS_TOKEN) on these calls: it would be taken before the session cookie.
  const api_client api = c.api.without_token();
  auto setup = api.call("POST", "/auth/setup", buf.GetString());
  if (!setup) return complain(c, setup.err().message, exit_refused);
  const api_answer& answer = *setup;
  if (!answer.ok()) {
    if (c.json()) c.term.out << answer.body << "\n";
    return complain(c, "POST /auth/setup: " + describe_error(answer), exit_refused);
  }
  auto parsed = parse_json(answer.body);
  if (!parsed) return complain(c, parsed.err().message, exit_refused);
  const rapidjson::Document& doc = *parsed;
  const std::string session = session_of(answer);
  const std::string csrf = str_of(doc, "csrf");
  if (session.empty() || csrf.empty())
    return complain(c, "the service set up the household but opened no session", exit_refused);

  rapidjson::StringBuffer tbuf;
  writer t(tbuf);
  t.StartObject();
  put(t, "name", inv.get("--token-name", "recsctl"));
  put(t, "scope", inv.get("--token-scope", "write"));
  t.EndObject();
  auto made = api.call("POST", "/me/tokens", tbuf.GetString(),
                       {{"Cookie", "recs_session=" + session}, {"X-CSRF-Token", csrf}});
  if (!made) return complain(c, made.err().message, exit_refused);
  if (!made->ok())
    return complain(c,
                    "the household is set up, but making a token failed: " + describe_error(*made) +
                        " (sign in on the web page to make one)",
                    exit_refused);
  auto token = parse_json(made->body);
  if (!token) return complain(c, token.err().message, exit_refused);
  // The session was only for making the token.
  (void)api.call("POST", "/auth/logout", {},
                 {{"Cookie", "recs_session=" + session}, {"X-CSRF-Token", csrf}});
  if (c.json()) {
    c.term.out << made->body << "\n";
  } else {
    const auto* home = member(doc, "household");
    c.term.out << "set up " << (home ? str_of(*home, "name") : "the household") << " for " << email
               << " with " << profiles.size() << " profile" << (profiles.size() == 1 ? "" : "s")
               << "\n"
               << "API token (" << str_of(*token, "scope")
               << ", shown once): " << str_of(*token, "token") << "\n";
  }
  return exit_ok;
}

}  // namespace recs::cli::internal
