#include "net/slate_query.hpp"

#include "core/ascii.hpp"
#include "net/rest_helpers.hpp"
#include "recsys/intent.hpp"

namespace recs::net {

namespace {

constexpr std::string_view kIntents = "default, quick, binge, new, comfort, surprise or family_mix";

}  // namespace

std::string slate_query::key() const {
  std::string k = family ? "f|" : "p|";
  for (std::size_t i = 0; i < members.size(); ++i)
    k += (i == 0 ? "" : ",") + std::to_string(members[i]);
  k += "|";
  k += family ? std::string_view("family_mix") : to_string(req.mood);
  k += "|" + std::to_string(req.seed) + "|" + std::to_string(req.limit) + "|" +
       (req.only_my_services ? "1" : "0");
  return k;
}

result<slate_query> parse_slate_query(const slate_query_input& in, const caller& who) {
  using internal::parse_bool;
  using internal::parse_uint;
  slate_query q;
  q.household_id = who.home.id;
  auto seed = parse_uint(in.seed, "seed", 0, 0, UINT64_MAX);
  if (!seed) return seed.err();
  auto limit = parse_uint(in.limit, "limit", 20, 1, 100);
  if (!limit) return limit.err();
  auto explain = parse_bool(in.explain, "explain");
  if (!explain) return explain.err();
  auto mine = parse_bool(in.only_my_services, "only_my_services");
  if (!mine) return mine.err();
  q.req.seed = *seed;
  q.req.limit = *limit;
  q.req.explain = *explain;
  q.req.only_my_services = *mine;

  const std::string intent = in.intent.value_or("default");
  const std::string ref = in.for_profiles.value_or("");
  q.family = intent == "family_mix" || ref.find(',') != std::string::npos ||
             internal::names_household(ref);
  if (q.family) {
    if (intent != "family_mix" && intent != "default")
      return error{errc::invalid_argument,
                   "intent '" + intent + "' does not apply to a Family Mix"};
    auto members = internal::members_of(who, ref);
    if (!members) return members.err();
    for (const auto& p : *members) q.members.push_back(p.id);
    return q;
  }
  auto mood = parse_intent(intent);
  if (!mood)
    return error{errc::invalid_argument,
                 "intent '" + intent + "' is not supported; use " + std::string(kIntents)};
  q.req.mood = *mood;
  if (trim(ref).empty())
    return error{errc::invalid_argument, "for=<profile name or id> is required"};
  auto p = internal::profile_by_ref(who, std::string(trim(ref)));
  if (!p) return p.err();
  q.members = {p->id};
  return q;
}

}  // namespace recs::net
