#define BOOST_TEST_MODULE cli_args
#include "cli/args.hpp"

#include <boost/test/unit_test.hpp>

#include "cli/commands.hpp"

using recs::errc;
using recs::cli::environment;
using recs::cli::parse_args;

namespace {

recs::result<recs::cli::invocation> parse(std::vector<std::string> args, environment env = {}) {
  return parse_args(args, env);
}

std::string usage_message(std::vector<std::string> args) {
  auto r = parse(std::move(args));
  BOOST_REQUIRE(!r.ok());
  BOOST_TEST((r.err().code == errc::invalid_argument));
  return r.err().message;
}

}  // namespace

BOOST_AUTO_TEST_CASE(defaults_come_from_the_environment_then_the_built_ins) {
  auto r = parse({"sync", "jobs"});
  BOOST_REQUIRE(r.ok());
  BOOST_TEST(r->command == "sync jobs");
  BOOST_TEST(r->globals.url == "http://localhost:8080");
  BOOST_TEST(r->globals.token == "");
  BOOST_TEST(!r->globals.json);
  BOOST_TEST(r->globals.timeout_ms == 10000);

  auto e = parse({"sync", "jobs"}, environment{"http://svc:9000", "devtoken:a@b"});
  BOOST_REQUIRE(e.ok());
  BOOST_TEST(e->globals.url == "http://svc:9000");
  BOOST_TEST(e->globals.token == "devtoken:a@b");

  auto o = parse(
      {"--url", "https://x.test", "sync", "jobs", "--token=t2", "--json", "--timeout-ms", "250"},
      environment{"http://svc:9000", "devtoken:a@b"});
  BOOST_REQUIRE(o.ok());
  BOOST_TEST(o->globals.url == "https://x.test");
  BOOST_TEST(o->globals.token == "t2");
  BOOST_TEST(o->globals.json);
  BOOST_TEST(o->globals.timeout_ms == 250);
}

BOOST_AUTO_TEST_CASE(empty_environment_values_count_as_unset) {
  auto r = parse({"admin", "status"}, environment{std::string(), std::string()});
  BOOST_REQUIRE(r.ok());
  BOOST_TEST(r->globals.url == "http://localhost:8080");
}

BOOST_AUTO_TEST_CASE(command_options_and_positionals) {
  auto r = parse({"recommend", "--for", "ross", "--seed=99", "--limit", "5", "--explain",
                  "--only-my-services"});
  BOOST_REQUIRE(r.ok());
  BOOST_TEST(r->command == "recommend");
  BOOST_TEST(r->get("--for") == "ross");
  BOOST_TEST(r->get("--seed") == "99");
  BOOST_TEST(r->get("--limit") == "5");
  BOOST_TEST(r->has("--explain"));
  BOOST_TEST(r->has("--only-my-services"));
  BOOST_TEST(!r->has("--intent"));
  BOOST_TEST(r->get("--intent", "default") == "default");

  auto s = parse({"sync", "run", "daily_refresh", "--dry-run"});
  BOOST_REQUIRE(s.ok());
  BOOST_TEST(s->command == "sync run");
  BOOST_REQUIRE(s->positionals.size() == 1u);
  BOOST_TEST(s->positionals[0] == "daily_refresh");

  auto p = parse({"admin", "resize-pool", "4"});
  BOOST_REQUIRE(p.ok());
  BOOST_TEST(p->command == "admin resize-pool");
  BOOST_TEST(p->positionals[0] == "4");
}

BOOST_AUTO_TEST_CASE(help_in_every_form) {
  auto g = parse({"--help"});
  BOOST_REQUIRE(g.ok());
  BOOST_TEST(g->help);
  BOOST_TEST(g->command == "");
  auto bare = parse({"help"});
  BOOST_REQUIRE(bare.ok());
  BOOST_TEST(bare->help);
  BOOST_TEST(bare->command == "");
  auto c = parse({"rate", "-h"});  // help wins over the missing required options
  BOOST_REQUIRE(c.ok());
  BOOST_TEST(c->help);
  BOOST_TEST(c->command == "rate");
  auto h = parse({"help", "sync", "run"});
  BOOST_REQUIRE(h.ok());
  BOOST_TEST(h->help);
  BOOST_TEST(h->command == "sync run");
  auto group = parse({"admin", "--help"});
  BOOST_REQUIRE(group.ok());
  BOOST_TEST(group->command == "admin");
}

BOOST_AUTO_TEST_CASE(usage_errors_name_the_problem) {
  BOOST_TEST(usage_message({}).find("no command") != std::string::npos);
  BOOST_TEST(usage_message({"frobnicate"}).find("unknown command 'frobnicate'") !=
             std::string::npos);
  BOOST_TEST(usage_message({"sync"}).find("'sync' needs a command") != std::string::npos);
  BOOST_TEST(usage_message({"sync", "explode"}).find("unknown command 'sync explode'") !=
             std::string::npos);
  BOOST_TEST(usage_message({"recommend", "--bogus"}).find("'recommend' has no option --bogus") !=
             std::string::npos);
  BOOST_TEST(usage_message({"--bogus", "x", "recommend"}).find("unknown option --bogus") !=
             std::string::npos);
  BOOST_TEST(usage_message({"sync", "jobs", "--for", "ross"}).find("has no option --for") !=
             std::string::npos);
  BOOST_TEST(usage_message({"recommend", "--for"}).find("--for needs a value") !=
             std::string::npos);
  BOOST_TEST(usage_message({"recommend", "--explain=yes"}).find("takes no value") !=
             std::string::npos);
  BOOST_TEST(usage_message({"recommend", "--for", "ross", "--limit", "0"})
                 .find("--limit wants a whole number from 1 to 100") != std::string::npos);
  BOOST_TEST(usage_message({"recommend", "--for", "ross", "--seed", "x1"}).find("--seed") !=
             std::string::npos);
  BOOST_TEST(usage_message({"recommend", "--intent", "sad"}).find("--intent wants one of") !=
             std::string::npos);
  BOOST_TEST(
      usage_message({"rate", "--for", "ross", "--show", "tt1"}).find("'rate' needs --verdict") !=
      std::string::npos);
  BOOST_TEST(usage_message({"rate", "--for", "ross", "--show", "tt1", "--verdict", "meh"})
                 .find("bad|good|loved") != std::string::npos);
  BOOST_TEST(usage_message({"sync", "run"}).find("'sync run' takes 1 argument") !=
             std::string::npos);
  BOOST_TEST(usage_message({"sync", "jobs", "extra"}).find("takes no arguments") !=
             std::string::npos);
  BOOST_TEST(usage_message({"admin", "resize-pool", "four"}).find("whole number") !=
             std::string::npos);
  BOOST_TEST(usage_message({"--url", "localhost:8080", "sync", "jobs"}).find("--url wants") !=
             std::string::npos);
  BOOST_TEST(usage_message({"--timeout-ms", "0", "sync", "jobs"}).find("--timeout-ms") !=
             std::string::npos);
  BOOST_TEST(usage_message({"rate", "--for", "", "--show", "tt1", "--verdict", "bad"})
                 .find("--for wants a non-empty") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(parse_number_takes_whole_decimal_numbers_only) {
  using recs::cli::parse_number;
  BOOST_TEST(*parse_number("42") == 42);
  BOOST_TEST(*parse_number("-3") == -3);
  BOOST_TEST(!parse_number(""));
  BOOST_TEST(!parse_number("4x"));
  BOOST_TEST(!parse_number("1.5"));
  BOOST_TEST(!parse_number("99999999999999999999"));
}

BOOST_AUTO_TEST_CASE(an_option_name_takes_a_value_everywhere_or_nowhere) {
  // The parser decides whether the next word is a value before it knows the command.
  using namespace recs::cli;
  std::vector<const option_spec*> all;
  for (const auto& o : global_options_spec()) all.push_back(&o);
  for (const auto& c : commands())
    for (const auto& o : c.options) all.push_back(&o);
  for (const auto* a : all)
    for (const auto* b : all)
      if (a->name == b->name) BOOST_TEST(a->value_name.empty() == b->value_name.empty(), a->name);
}

BOOST_AUTO_TEST_CASE(every_command_has_help_with_examples) {
  using namespace recs::cli;
  for (const auto& c : commands()) {
    BOOST_TEST(!c.summary.empty(), c.name);
    BOOST_TEST(!c.examples.empty(), c.name);
    const std::string h = command_help(c);
    BOOST_TEST(h.find("Examples:") != std::string::npos, c.name);
    BOOST_TEST(global_help().find("  " + c.name) != std::string::npos, c.name);
  }
  BOOST_TEST(usage_line(*find_command("rate")) ==
             "usage: recsctl rate --for NAME --show ID --verdict bad|good|loved [options]");
  BOOST_TEST(group_help("admin").find("admin resize-pool N") != std::string::npos);
  BOOST_TEST(group_help("admin").find("sync jobs") == std::string::npos);
  BOOST_TEST(is_command_group("sync"));
  BOOST_TEST(!is_command_group("recommend"));
  BOOST_TEST(!is_command_group("syn"));
}
