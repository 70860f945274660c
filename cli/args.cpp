// recsctl's command line: words, options and their checks against the command table.
#include "cli/args.hpp"

#include <charconv>

#include "cli/commands.hpp"

namespace recs::cli {

namespace {

error usage(std::string message) {
  return error{errc::invalid_argument, std::move(message)};
}

/// The spec of option `name` among the globals and every command's options (an option name
/// takes a value in every command or in none), or nullptr.
const option_spec* any_option(const std::string& name) {
  for (const auto& o : global_options_spec())
    if (o.name == name) return &o;
  for (const auto& c : commands())
    for (const auto& o : c.options)
      if (o.name == name) return &o;
  return nullptr;
}

const option_spec* command_option(const command_spec& c, const std::string& name) {
  for (const auto& o : c.options)
    if (o.name == name) return &o;
  return nullptr;
}

bool is_global(const std::string& name) {
  for (const auto& o : global_options_spec())
    if (o.name == name) return true;
  return false;
}

/// Checks a value against its spec's choices or range.
status check_value(const option_spec& o, const std::string& v) {
  if (o.number) {
    auto n = parse_number(v);
    if (!n || *n < o.min || *n > o.max) {
      return usage(o.name + " wants a whole number from " + std::to_string(o.min) + " to " +
                   std::to_string(o.max) + ", not '" + v + "'");
    }
  } else if (!o.choices.empty()) {
    for (const auto& c : o.choices)
      if (c == v) return ok_status();
    return usage(o.name + " wants one of " + o.value_name + ", not '" + v + "'");
  } else if (v.empty()) {
    return usage(o.name + " wants a non-empty " + o.value_name);
  }
  return ok_status();
}

std::string joined(const std::vector<std::string>& words, std::size_t n) {
  std::string s;
  for (std::size_t i = 0; i < n && i < words.size(); ++i) s += (i ? " " : "") + words[i];
  return s;
}

/// The longest command name that the first words spell, and how many words it took.
const command_spec* match_command(const std::vector<std::string>& words, std::size_t& used) {
  for (std::size_t n = std::min<std::size_t>(words.size(), 3); n > 0; --n) {
    if (const auto* c = find_command(joined(words, n))) {
      used = n;
      return c;
    }
  }
  return nullptr;
}

status apply_global(global_options& g, const std::string& name, const std::string& v) {
  if (name == "--url") {
    if (v.rfind("http://", 0) != 0 && v.rfind("https://", 0) != 0)
      return usage("--url wants an http:// or https:// URL, not '" + v + "'");
    g.url = v;
  } else if (name == "--token") {
    g.token = v;
  } else if (name == "--timeout-ms") {
    g.timeout_ms = static_cast<int>(*parse_number(v));
  } else if (name == "--json") {
    g.json = true;
  }
  return ok_status();
}

}  // namespace

std::string invocation::get(const std::string& name, const std::string& fallback) const {
  auto it = options.find(name);
  return it == options.end() ? fallback : it->second;
}

std::optional<long long> parse_number(const std::string& text) {
  if (text.empty()) return std::nullopt;
  long long n = 0;
  const char* end = text.data() + text.size();
  auto [p, ec] = std::from_chars(text.data(), end, n);
  if (ec != std::errc{} || p != end) return std::nullopt;
  return n;
}

result<invocation> parse_args(const std::vector<std::string>& args, const environment& env) {
  invocation inv;
  if (env.url && !env.url->empty()) inv.globals.url = *env.url;
  if (env.token && !env.token->empty()) inv.globals.token = *env.token;

  std::vector<std::string> words;
  std::vector<std::pair<std::string, std::string>> given;  // options in order
  bool only_words = false;
  std::string unknown;  // the first unknown option, reported once the command is known
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (only_words || a.size() < 2 || a[0] != '-') {
      words.push_back(a);
      continue;
    }
    if (a == "--") {
      only_words = true;
      continue;
    }
    if (a == "-h" || a == "--help") {
      inv.help = true;
      continue;
    }
    std::string name = a;
    std::optional<std::string> v;
    if (auto eq = a.find('='); eq != std::string::npos) {
      name = a.substr(0, eq);
      v = a.substr(eq + 1);
    }
    const option_spec* o = any_option(name);
    if (o == nullptr) {
      if (unknown.empty()) unknown = name;
      continue;
    }
    if (o->value_name.empty()) {
      if (v) return usage(name + " takes no value");
      given.emplace_back(name, "");
      continue;
    }
    if (!v) {
      if (i + 1 >= args.size())
        return usage(name + " needs a value: " + name + " " + o->value_name);
      v = args[++i];
    }
    given.emplace_back(name, *v);
  }

  // `help <command>` is `<command> --help`.
  if (!words.empty() && words.front() == "help") {
    inv.help = true;
    words.erase(words.begin());
  }

  std::size_t used = 0;
  const command_spec* cmd = words.empty() ? nullptr : match_command(words, used);
  if (cmd == nullptr && !unknown.empty() && !inv.help)
    return usage("unknown option " + unknown + " (see recsctl --help)");
  if (cmd == nullptr && !words.empty()) {
    if (is_command_group(words.front()) && words.size() == 1) {
      if (inv.help) {
        inv.command = words.front();
        return inv;
      }
      return usage("'" + words.front() + "' needs a command: see recsctl " + words.front() +
                   " --help");
    }
    if (is_command_group(words.front())) {
      return usage("unknown command '" + joined(words, 2) + "' (see recsctl " + words.front() +
                   " --help)");
    }
    return usage("unknown command '" + words.front() + "' (see recsctl --help)");
  }
  if (cmd != nullptr) inv.command = cmd->name;
  if (inv.help) return inv;  // help wins over every other check
  if (!unknown.empty()) {
    if (cmd == nullptr || cmd->name == "help")
      return usage("unknown option " + unknown + " (see recsctl --help)");
    return usage("'" + cmd->name + "' has no option " + unknown + " (see recsctl " + cmd->name +
                 " --help)");
  }
  if (cmd == nullptr) return usage("no command given (see recsctl --help)");
  if (cmd->name == "help") {  // bare `recsctl help`
    inv.command.clear();
    inv.help = true;
    return inv;
  }

  for (const auto& [name, v] : given) {
    const option_spec* o = is_global(name) ? any_option(name) : command_option(*cmd, name);
    if (o == nullptr) {
      return usage("'" + cmd->name + "' has no option " + name + " (see recsctl " + cmd->name +
                   " --help)");
    }
    if (!o->value_name.empty()) {
      if (auto ok = check_value(*o, v); !ok) return ok.err();
    }
    if (is_global(name)) {
      if (auto ok = apply_global(inv.globals, name, v); !ok) return ok.err();
    } else {
      inv.options[name] = v;
    }
  }

  inv.positionals.assign(words.begin() + static_cast<std::ptrdiff_t>(used), words.end());
  const bool short_one = cmd->last_optional && !cmd->positionals.empty() &&
                         inv.positionals.size() + 1 == cmd->positionals.size();
  if (inv.positionals.size() != cmd->positionals.size() && !short_one) {
    std::string want = cmd->positionals.empty()
                           ? "no arguments"
                           : std::to_string(cmd->positionals.size()) +
                                 " argument(s): " + joined(cmd->positionals, 9);
    return usage("'" + cmd->name + "' takes " + want + "\n" + usage_line(*cmd));
  }
  if (cmd->numeric_positional) {
    for (const auto& p : inv.positionals)
      if (!parse_number(p))
        return usage("'" + cmd->name + "' wants a whole number, not '" + p + "'");
  }
  for (const auto& o : cmd->options) {
    if (o.required && !inv.has(o.name))
      return usage("'" + cmd->name + "' needs " + o.name + " " + o.value_name + "\n" +
                   usage_line(*cmd));
  }
  return inv;
}

}  // namespace recs::cli
