// The command table and the help texts built from it.
#include "cli/commands.hpp"

#include <array>

#include <algorithm>
#include <sstream>

namespace recs::cli {

namespace {

/// " JOB", " FILE", or " [FILE]" when it may be left out.
std::string positional_words(const command_spec& c) {
  std::string out;
  for (std::size_t i = 0; i < c.positionals.size(); ++i) {
    const bool optional = c.last_optional && i + 1 == c.positionals.size();
    out += optional ? " [" + c.positionals[i] + "]" : " " + c.positionals[i];
  }
  return out;
}

option_spec flag(std::string name, std::string help) {
  option_spec o;
  o.name = std::move(name);
  o.help = std::move(help);
  return o;
}

option_spec value(std::string name, std::string value_name, std::string help,
                  bool required = false) {
  option_spec o;
  o.name = std::move(name);
  o.value_name = std::move(value_name);
  o.help = std::move(help);
  o.required = required;
  return o;
}

option_spec choice(std::string name, std::vector<std::string> choices, std::string help,
                   bool required = false) {
  option_spec o = value(std::move(name), "", std::move(help), required);
  for (const auto& c : choices) o.value_name += (o.value_name.empty() ? "" : "|") + c;
  o.choices = std::move(choices);
  return o;
}

option_spec number(std::string name, std::string value_name, long long min, long long max,
                   std::string help) {
  option_spec o = value(std::move(name), std::move(value_name), std::move(help));
  o.number = true;
  o.min = min;
  o.max = max;
  return o;
}

constexpr long long max_seed = 9223372036854775807LL;

std::vector<command_spec> make_commands() {
  std::vector<command_spec> cs;
  {
    command_spec c;
    c.name = "recommend";
    c.summary = "a profile's slate (or a Family Mix) as a table";
    c.description =
        "Prints the recommendations of GET /recommendations: rank, title, year, fit (the\n"
        "calibrated score in [0,1]) and where to watch it in Australia (* = on your household's\n"
        "services). Several profiles in --for, or --intent family_mix, give a Family Mix (its\n"
        "strong picks are marked); without --for a Family Mix is for the whole household.\n"
        "--explain adds each item's rationale and score components, and the Family Mix\n"
        "metadata. The same profile, intent, data and seed give the same slate.";
    c.options = {
        value("--for", "NAME", "profile name or id; several comma-separated for a Family Mix"),
        choice("--intent",
               {"default", "quick", "binge", "new", "comfort", "surprise", "family_mix"},
               "what kind of evening (default: default)"),
        number("--seed", "N", 0, max_seed, "tie-break seed: the same seed, the same slate"),
        number("--limit", "N", 1, 100, "how many items (1-100, default 20)"),
        flag("--only-my-services", "only shows on the household's services"),
        flag("--explain", "add rationales, score components and Family Mix metadata"),
    };
    c.examples = {"recsctl recommend --for ross --seed 99",
                  "recsctl recommend --for ross --intent quick --only-my-services --limit 5",
                  "recsctl recommend --for ross,son --intent family_mix --explain",
                  "recsctl recommend --for ross --json | jq -r '.[].id'"};
    cs.push_back(c);
  }
  {
    command_spec c;
    c.name = "rate";
    c.summary = "rate a show for a profile: bad, good or loved";
    c.description =
        "Stores a rating with POST /ratings (bad = not for me, good, loved); the profile's\n"
        "slates re-rank at once, also in open browsers. --for takes a profile name (looked up\n"
        "in GET /me/profiles) or id.";
    c.options = {value("--for", "NAME", "profile name or id", true),
                 value("--show", "ID", "the show's id, e.g. tt5288312", true),
                 choice("--verdict", {"bad", "good", "loved"}, "the rating", true),
                 number("--score", "N", 0, 10, "an optional 0-10 score kept with the rating")};
    c.examples = {"recsctl rate --for ross --show tt5288312 --verdict loved",
                  "recsctl rate --for son --show tt0903747 --verdict bad --score 2"};
    cs.push_back(c);
  }
  {
    command_spec c;
    c.name = "import serializd";
    c.positionals = {"FILE"};
    c.last_optional = true;
    c.summary = "import a Serializd diary (a file, or the service's account) into a profile";
    c.description =
        "With FILE: uploads the diary JSON (as the Serializd API returns it) with\n"
        "POST /imports/serializd and prints the report, as `recsctl import imdb` does.\n"
        "Without FILE (admin): starts the Serializd import (POST\n"
        "/admin/jobs/serializd_import?profile=NAME) of the service's SERIALIZD_TOKEN account into\n"
        "the profile, then follows the job with a progress bar until it finishes and prints its\n"
        "report. Ctrl-C stops following, not the job. Exit 1 when the service refuses (409:\n"
        "USE_REAL_SERIALIZD is off, or a run is under way) or the run fails.";
    c.options = {value("--for", "NAME", "profile name or id", true),
                 flag("--dry-run", "with FILE: print the report, write nothing"),
                 flag("--no-wait", "without FILE: start the job and return at once")};
    c.examples = {"recsctl import serializd diary.json --for son",
                  "recsctl import serializd --for ross"};
    cs.push_back(c);
  }
  for (const auto& [format, what, example] : std::vector<std::array<std::string, 3>>{
           {"imdb", "an IMDb ratings or watchlist export (CSV)", "ratings.csv"},
           {"trakt", "one JSON file of a Trakt data export (ratings, watched, watchlist, history)",
            "watched-shows.json"},
           {"netflix", "Netflix viewing activity (CSV: Title,Date or ViewingActivity.csv)",
            "NetflixViewingHistory.csv"}}) {
    command_spec c;
    c.name = "import " + format;
    c.positionals = {"FILE"};
    c.summary = "import " + what + " into a profile";
    c.description =
        "Uploads FILE with POST /imports/" + format +
        "?profile=NAME: its shows are matched to the\n"
        "catalog and written to the profile all or nothing (ratings, seen marks, watchlist), then\n"
        "the report is printed: matched, added, already there, unmatched with the closest shows,\n"
        "ambiguous. Importing the same file again writes nothing. Exit 1 when the service\n"
        "refuses the file (the message names the line) or FILE cannot be read.";
    c.options = {value("--for", "NAME", "profile name or id", true),
                 flag("--dry-run", "print the report, write nothing")};
    if (format == "netflix")
      c.options.push_back(value("--netflix-profile", "NAME",
                                "whose rows of a ViewingActivity.csv holding several profiles"));
    c.examples = {"recsctl import " + format + " " + example + " --for ross",
                  "recsctl import " + format + " " + example + " --for ross --dry-run"};
    cs.push_back(c);
  }
  {
    command_spec c;
    c.name = "sync jobs";
    c.summary = "the sync jobs: state, progress, last run (admin)";
    c.description =
        "Lists GET /admin/jobs: one job per upstream source (justwatch, tvmaze,\n"
        "serializd) with its state, progress of the current run and the last run.";
    c.examples = {"recsctl sync jobs", "recsctl sync jobs --json | jq '.jobs[].state'"};
    cs.push_back(c);
  }
  {
    command_spec c;
    c.name = "sync run";
    c.positionals = {"JOB"};
    c.summary = "start a sync job, or show its plan with --dry-run (admin)";
    c.description =
        "Starts JOB (daily_refresh, metadata_refresh, index_walk) with POST /admin/jobs/JOB.\n"
        "--dry-run prints the daily refresh's plan (which titles, why) without calling any\n"
        "upstream. --wait follows the run with a progress bar until it finishes (Ctrl-C stops\n"
        "following, not the job). A serializd_import needs a profile: use `recsctl import\n"
        "serializd`.";
    c.options = {flag("--dry-run", "print the plan; call no upstream (daily_refresh only)"),
                 flag("--wait", "follow the run until it finishes")};
    c.examples = {"recsctl sync run daily_refresh --dry-run",
                  "recsctl sync run daily_refresh --wait"};
    cs.push_back(c);
  }
  {
    command_spec c;
    c.name = "sync pause";
    c.positionals = {"SOURCE"};
    c.summary = "pause a source's sync (admin)";
    c.description =
        "Pauses SOURCE (justwatch, tvmaze, serializd): no run starts, and a running\n"
        "one stops after the title being checked until `sync resume`.";
    c.examples = {"recsctl sync pause justwatch"};
    cs.push_back(c);
  }
  {
    command_spec c;
    c.name = "sync resume";
    c.positionals = {"SOURCE"};
    c.summary = "resume a paused source's sync (admin)";
    c.description = "Resumes SOURCE (justwatch, tvmaze, serializd) after `sync pause`.";
    c.examples = {"recsctl sync resume justwatch"};
    cs.push_back(c);
  }
  {
    command_spec c;
    c.name = "sync freshness";
    c.summary = "how fresh offers and imports are (admin)";
    c.description =
        "Prints GET /admin/freshness: the newest offers check, the last Serializd\n"
        "import, how many shows are verified, stale or never checked, and the next\n"
        "daily refresh.";
    c.examples = {"recsctl sync freshness"};
    cs.push_back(c);
  }
  {
    command_spec c;
    c.name = "admin status";
    c.summary = "the service's actors, catalog size and cache (admin)";
    c.description =
        "Prints GET /admin/status: each actor's state, the catalog and profile\n"
        "counts and which slate cache is in use (redis or local).";
    c.examples = {"recsctl admin status"};
    cs.push_back(c);
  }
  {
    command_spec c;
    c.name = "admin actors";
    c.summary = "the actors with mailbox depth and messages processed (admin)";
    c.description =
        "Prints GET /admin/actors: name, state, instances, mailbox depth and messages\n"
        "processed of every actor of the running service.";
    c.examples = {"recsctl admin actors", "recsctl admin actors --json | jq '.actors[].mailbox'"};
    cs.push_back(c);
  }
  {
    command_spec c;
    c.name = "admin alerts";
    c.summary = "recent alerts received from Alertmanager (admin)";
    c.description =
        "Prints GET /admin/alerts: the alerts the service received on\n"
        "POST /alerts/alertmanager, firing and resolved, newest first.";
    c.options = {flag("--firing", "only the alerts still firing")};
    c.examples = {"recsctl admin alerts", "recsctl admin alerts --firing"};
    cs.push_back(c);
  }
  {
    command_spec c;
    c.name = "admin resize-pool";
    c.positionals = {"N"};
    c.numeric_positional = true;
    c.summary = "set the number of scorer workers (admin)";
    c.description =
        "Resizes the scoring pool to N scorers (POST /admin/scoring/resize); the\n"
        "service accepts 1-64.";
    c.examples = {"recsctl admin resize-pool 4"};
    cs.push_back(c);
  }
  {
    command_spec c;
    c.name = "admin flush-cache";
    c.summary = "drop every cached slate (admin)";
    c.description =
        "Flushes the slate caches (POST /admin/cache/flush); the next requests\n"
        "compute fresh slates.";
    c.examples = {"recsctl admin flush-cache"};
    cs.push_back(c);
  }
  {
    command_spec c;
    c.name = "admin retrain";
    c.summary = "retrain the collaborative model now (admin)";
    c.description =
        "Starts a retrain of the collaborative model in the background\n"
        "(POST /admin/model/retrain, 202); open slates re-rank when it is done.";
    c.examples = {"recsctl admin retrain"};
    cs.push_back(c);
  }
  {
    command_spec c;
    c.name = "admin commands";
    c.summary = "the log of admin commands, newest first (admin)";
    c.description =
        "Prints GET /admin/commands: when, who, which command, its detail and the\n"
        "HTTP status it got.";
    c.examples = {"recsctl admin commands"};
    cs.push_back(c);
  }
  {
    command_spec c;
    c.name = "preflight";
    c.summary = "the spec's sanity checks against a running service";
    c.description =
        "Runs the product spec's quick checks and prints PASS/FAIL with a reason for each:\n"
        "  healthz answers ok; the same seed gives the same slate twice; rating the top show BAD\n"
        "  changes the top for the same seed (the rating is deleted again afterwards, so nothing\n"
        "  is left behind); /metrics has recs_request_latency_ms; /admin/freshness is readable\n"
        "  (SKIP when the token is not an admin's).\n"
        "--family runs the Family Mix contract instead: the default answer is an array whose\n"
        "  items all have a boolean family_strong; explain=true gives {items, family} with\n"
        "  strong_locked_ids, strong_min_fit, strong_rule and the no_strong_pick warning exactly\n"
        "  when no item is strong; explain does not change the order for the same seed.\n"
        "Exit 1 when any check fails. `make preflight` and `make preflight-family` run these.";
    c.options = {flag("--family", "check the Family Mix contract instead"),
                 value("--for", "NAME",
                       "the profile (default ross), or with --family the members (default: the "
                       "whole household)"),
                 number("--seed", "N", 0, max_seed, "the seed (default 99, with --family 123)")};
    c.examples = {"recsctl preflight", "recsctl preflight --family",
                  "RECS_URL=http://staging:8080 RECS_TOKEN=devtoken:demo@local.test recsctl "
                  "preflight --json"};
    cs.push_back(c);
  }
  {
    command_spec c;
    c.name = "setup";
    c.summary = "the first run: the household, its owner and profiles, and an API token";
    c.description =
        "Sets up a service that has no account yet (POST /auth/setup), with the owner's password\n"
        "read from standard input (one line; at least 10 characters), then makes an API token\n"
        "for scripts (POST /me/tokens) and prints it: it is shown this once. Profiles are\n"
        "NAME[:CAP][:kid], comma-separated (CAP one of G, PG, M, MA15+, R18+; a kid profile\n"
        "starts at PG). Services are provider ids (GET /providers). Refused once the service\n"
        "has an account: then sign in on the web page and make tokens in its settings.";
    c.options = {
        value("--household", "NAME", "the household's name", true),
        value("--email", "EMAIL", "the owner's email (signs in with it)", true),
        value("--profiles", "LIST", "NAME[:CAP][:kid],... (default: one named after the email)"),
        value("--services", "IDS", "provider ids, comma-separated"),
        value("--token-name", "NAME", "the API token's name (default recsctl)"),
        choice("--token-scope", {"read", "write", "admin"},
               "the token's scope (default write; admin only for ADMIN_EMAILS)"),
    };
    c.examples = {
        "printf '%s\\n' \"$PASSWORD\" | recsctl setup --household Home --email me@example.org "
        "--profiles 'Ross,Wife,Son:M:kid' --services netflix,stan",
        "export RECS_TOKEN=$(recsctl setup --household Home --email me@example.org --json "
        "< password.txt | jq -r .token)"};
    cs.push_back(c);
  }
  {
    command_spec c;
    c.name = "help";
    c.summary = "help on a command: recsctl help sync run";
    c.description = "Prints the help of a command (the same as `recsctl <command> --help`).";
    c.examples = {"recsctl help recommend", "recsctl help sync"};
    cs.push_back(c);
  }
  return cs;
}

std::vector<option_spec> make_globals() {
  option_spec timeout = number("--timeout-ms", "MS", 1, 3600000,
                               "connect and answer timeout per request (default 10000)");
  return {value("--url", "URL", "the service (default: $RECS_URL, else http://localhost:8080)"),
          value("--token", "TOKEN",
                "sent as Authorization: Bearer TOKEN (default: $RECS_TOKEN, else none)"),
          flag("--json", "print the service's JSON answers as they are (for scripts)"), timeout,
          flag("--help", "help on recsctl or on a command (also -h)")};
}

std::string option_line(const option_spec& o) {
  std::string left = "  " + o.name + (o.value_name.empty() ? "" : " " + o.value_name);
  if (left.size() < 28)
    left.resize(28, ' ');
  else
    left += "  ";
  return left + o.help + (o.required ? " (required)" : "") + "\n";
}

std::string command_line(const command_spec& c) {
  std::string left = "  " + c.name + positional_words(c);
  if (left.size() < 28)
    left.resize(28, ' ');
  else
    left += "  ";
  return left + c.summary + "\n";
}

}  // namespace

const std::vector<command_spec>& commands() {
  static const std::vector<command_spec> table = make_commands();
  return table;
}

const std::vector<option_spec>& global_options_spec() {
  static const std::vector<option_spec> table = make_globals();
  return table;
}

const command_spec* find_command(std::string_view name) {
  for (const auto& c : commands())
    if (c.name == name) return &c;
  return nullptr;
}

bool is_command_group(std::string_view word) {
  int n = 0;
  for (const auto& c : commands())
    if (c.name.size() > word.size() && c.name.compare(0, word.size(), word) == 0 &&
        c.name[word.size()] == ' ')
      ++n;
  return n > 0;
}

std::string usage_line(const command_spec& c) {
  std::string s = "usage: recsctl " + c.name + positional_words(c);
  for (const auto& o : c.options)
    if (o.required) s += " " + o.name + " " + o.value_name;
  bool optional = std::any_of(c.options.begin(), c.options.end(),
                              [](const option_spec& o) { return !o.required; });
  s += optional ? " [options]" : "";
  return s;
}

std::string global_help() {
  std::ostringstream s;
  s << "recsctl: the command-line client of the recs TV recommender service.\n\n"
       "usage: recsctl [global options] <command> [options]\n\n"
       "Commands:\n";
  for (const auto& c : commands()) s << command_line(c);
  s << "\nGlobal options (before or after the command):\n";
  for (const auto& o : global_options_spec()) s << option_line(o);
  s << "\nEnvironment:\n"
       "  RECS_URL                    the service, e.g. http://localhost:8080\n"
       "  RECS_TOKEN                  the bearer token; in dev mode devtoken:<email>, e.g.\n"
       "                              devtoken:demo@local.test\n"
       "\nExit codes: 0 ok; 1 the service said no (its message is printed), could not be\n"
       "reached, or a check failed; 2 usage error.\n"
       "\n`recsctl <command> --help` (or `recsctl help <command>`) explains a command.\n";
  return s.str();
}

std::string command_help(const command_spec& c) {
  std::ostringstream s;
  if (c.name == "help") {
    s << "usage: recsctl help [COMMAND]\n\n" << c.description << "\n";
  } else {
    s << usage_line(c) << "\n\n" << c.description << "\n";
  }
  if (!c.options.empty()) {
    s << "\nOptions:\n";
    for (const auto& o : c.options) s << option_line(o);
  }
  s << "\nGlobal options: --url URL, --token TOKEN, --json, --timeout-ms MS (recsctl --help).\n";
  if (!c.examples.empty()) {
    s << "\nExamples:\n";
    for (const auto& e : c.examples) s << "  $ " << e << "\n";
  }
  return s.str();
}

std::string group_help(std::string_view group) {
  std::ostringstream s;
  s << "usage: recsctl " << group << " <command> [options]\n\nCommands:\n";
  for (const auto& c : commands())
    if (c.name.size() > group.size() && c.name.compare(0, group.size(), group) == 0 &&
        c.name[group.size()] == ' ')
      s << command_line(c);
  s << "\n`recsctl " << group << " <command> --help` explains one.\n";
  return s.str();
}

}  // namespace recs::cli
