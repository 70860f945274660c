#include "storage/pg_conninfo.hpp"

#include <libpq-fe.h>

#include <cstring>

namespace recs::storage {

namespace {

// libpq conninfo quoting: single quotes around the value, backslash before ' and \.
std::string quoted(const std::string& v) {
  std::string out = "'";
  for (char c : v) {
    if (c == '\'' || c == '\\') out.push_back('\\');
    out.push_back(c);
  }
  out.push_back('\'');
  return out;
}

void append(std::string& out, const char* key, const std::string& value) {
  if (value.empty()) return;
  if (!out.empty()) out.push_back(' ');
  out += key;
  out.push_back('=');
  out += quoted(value);
}

}  // namespace

std::string postgres_conninfo(const postgres_target& t) {
  if (!t.database_url.empty()) return t.database_url;
  if (t.host.empty() && t.db.empty()) return {};
  std::string out;
  append(out, "host", t.host);
  append(out, "port", std::to_string(t.port));
  append(out, "dbname", t.db);
  append(out, "user", t.user);
  append(out, "password", t.password);
  return out;
}

std::string redacted_conninfo(const std::string& conninfo) {
  char* msg = nullptr;
  PQconninfoOption* opts = PQconninfoParse(conninfo.c_str(), &msg);
  PQfreemem(msg);
  if (opts == nullptr) return "(unparseable)";
  std::string out;
  for (const char* key : {"host", "hostaddr", "port", "dbname", "user"}) {
    for (const PQconninfoOption* o = opts; o->keyword != nullptr; ++o) {
      if (o->val != nullptr && *o->val != '\0' && std::strcmp(o->keyword, key) == 0) {
        append(out, key, o->val);
      }
    }
  }
  PQconninfoFree(opts);
  return out.empty() ? "(libpq defaults)" : out;
}

}  // namespace recs::storage
