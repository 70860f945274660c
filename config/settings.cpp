#include "config/settings.hpp"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <set>
#include <sstream>

#include "config/options.hpp"
#include "core/ascii.hpp"

extern char** environ;  // NOLINT: POSIX

namespace recs::config {

namespace {

const option* find_flag(const std::string& name) {
  for (const auto& o : options())
    if (o.flag != nullptr && o.flag_name() == name) return &o;
  return nullptr;
}

/// The "ENV, --flag VALUE" column of a row in --help.
std::string names(const option& o) {
  if (o.env == nullptr) return o.flag;
  if (o.flag == nullptr) return o.env;
  return std::string(o.env) + ", " + o.flag;
}

/// What --help says about a row's value: whether it is secret, its default (never a secret's),
/// its dev-mode default, its range or choices.
std::string details(const option& o) {
  const value_spec& v = o.value;
  const std::string def = o.default_value;
  std::string out = v.secret ? "secret; default: " : "default: ";
  if (v.secret) {
    out += def.empty() ? "unset" : "set";
  } else if (def.empty()) {
    out += v.type == kind::list ? "none" : "unset";
  } else {
    out += def;
  }
  if (!v.dev_default.empty()) out += "; in dev mode: " + v.dev_default;
  if (v.type == kind::integer)
    out += "; " + std::to_string(static_cast<long>(v.min)) + ".." +
           std::to_string(static_cast<long>(v.max));
  if (v.type == kind::number) {
    std::ostringstream range;
    range << "; " << v.min << ".." << v.max;
    out += range.str();
  }
  if (v.type == kind::choice) {
    out += "; ";
    for (std::size_t i = 0; i < v.choices.size(); ++i) out += (i ? "|" : "") + v.choices[i];
  }
  return out;
}

constexpr std::size_t help_width = 100;
constexpr std::size_t names_width = 32;  // then two spaces, then the description

std::vector<std::string> words(const std::string& text) {
  std::istringstream in(text);
  std::vector<std::string> out;
  for (std::string w; in >> w;) out.push_back(w);
  return out;
}

/// Appends `words` wrapped to help_width, the first line continuing `out`'s last line (already
/// at column `column`), the next ones indented by `indent`. A word is never broken.
void wrap(std::string& out, const std::vector<std::string>& words, std::size_t column,
          std::size_t indent) {
  for (std::size_t i = 0; i < words.size(); ++i) {
    if (i > 0 && column + 1 + words[i].size() > help_width) {
      out += "\n" + std::string(indent, ' ');
      column = indent;
    } else if (i > 0) {
      out += ' ';
      ++column;
    }
    out += words[i];
    column += words[i].size();
  }
  out += '\n';
}

/// One entry: its names, then its help words and `details` (kept on one line), wrapped.
void add_entry(std::string& out, const std::string& name, const std::string& help,
               const std::string& details = "") {
  constexpr std::size_t indent = 2 + names_width + 2;
  out += "  " + name;
  if (name.size() > names_width) {
    out += "\n" + std::string(indent, ' ');
  } else {
    out += std::string(names_width + 2 - name.size(), ' ');
  }
  std::vector<std::string> all = words(help);
  if (!details.empty()) all.push_back("[" + details + "]");
  wrap(out, all, indent, indent);
}

}  // namespace

settings::settings() {
  for (const auto& o : options()) {
    if (auto st = o.value.apply(*this, o.name(), o.default_value); !st) {
      // A bug in the option table (test/config catches it): never start on a half default.
      std::fprintf(stderr, "recs: invalid default in the option table: %s\n",
                   st.err().message.c_str());
      std::abort();
    }
  }
}

env_map process_env() {
  env_map out;
  for (char** e = environ; e != nullptr && *e != nullptr; ++e) {
    std::string kv(*e);
    auto eq = kv.find('=');
    if (eq != std::string::npos) out.emplace(kv.substr(0, eq), kv.substr(eq + 1));
  }
  return out;
}

result<settings> load_settings(const env_map& env, const std::vector<std::string>& args,
                               bool& help) {
  settings s;
  help = false;
  std::set<const option*> given;
  for (const auto& o : options()) {
    if (o.env == nullptr) continue;
    auto it = env.find(o.env);
    if (it == env.end()) continue;
    if (auto st = o.value.apply(s, o.env, it->second); !st) return st.err();
    given.insert(&o);
  }
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (a == "--help" || a == "-h") {
      help = true;
      continue;
    }
    const auto eq = a.find('=');
    const std::string name = a.substr(0, eq);
    const option* o = find_flag(name);
    if (o == nullptr) return error{errc::invalid_argument, "unknown flag " + name};
    std::string value;
    if (eq != std::string::npos) {
      value = a.substr(eq + 1);
    } else if (o->value.type == kind::boolean) {
      value = "true";  // a switch: --dev
    } else if (i + 1 < args.size()) {
      value = args[++i];
    } else {
      return error{errc::invalid_argument, name + " needs a value"};
    }
    if (auto st = o->value.apply(s, name, value); !st) return st.err();
    given.insert(o);
  }
  if (s.dev_mode)
    for (const auto& o : options())
      if (!o.value.dev_default.empty() && given.count(&o) == 0)
        if (auto st = o.value.apply(s, o.name(), o.value.dev_default); !st) return st.err();
  if (s.use_real_serializd && s.serializd_token.empty())
    return error{errc::invalid_argument, "USE_REAL_SERIALIZD=true needs SERIALIZD_TOKEN"};
  return s;
}

std::string help_text() {
  std::string out =
      "recs-server: a household TV show recommender (REST + web UI).\n"
      "\n"
      "Usage: recs-server [flags]\n"
      "\n";
  const char* intro =
      "Every setting is an environment variable; those with a flag may also be given on the "
      "command line as --flag VALUE or --flag=VALUE (flags win; a switch such as --dev needs "
      "no value). A bad value stops the server with a message naming it. Secrets are never "
      "shown.";
  wrap(out, words(intro), 0, 0);
  out += "\n";
  add_entry(out, "-h, --help", "this text");
  for (section part : {section::service, section::accounts, section::storage, section::sync,
                       section::family, section::operations}) {
    out += std::string("\n") + section_title(part) + ":\n";
    if (const std::string note = section_note(part); !note.empty()) {
      out += "  ";
      wrap(out, words(note), 2, 2);
    }
    for (const auto& o : options())
      if (o.part == part) add_entry(out, names(o), o.help, details(o));
  }
  return out;
}

}  // namespace recs::config
