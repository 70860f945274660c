#include "actors/household_push.hpp"

#include <caf/send.hpp>
#include <caf/typed_event_based_actor.hpp>

#include <iostream>
#include <utility>

#include "actors/metered.hpp"

namespace recs::actors {

namespace {

struct push_counters {
  metrics::counter* sent = nullptr;
  metrics::counter* failed = nullptr;
};

struct push_state {
  std::shared_ptr<httpc::fetcher> fetch;
  std::shared_ptr<relay_gate> gate;
  std::shared_ptr<metrics::registry> registry;  // owns the counters
  push_counters counts;
  std::function<void(const std::string&)> log;
  static inline const char* name = "household_push";
};

using self_ptr = metered_pointer<household_push_actor, push_state>;

void push(self_ptr self, const push_job_ptr& job) {
  auto& st = self->state;
  status outcome = ok_status();
  if (st.gate->cancelled->load()) {
    outcome = error{errc::unavailable, "not sent: the service is stopping"};
  } else {
    auto res = st.fetch->fetch(push_request(job->kind, job->url, job->message),
                               /*expect_json=*/false);
    if (!res) outcome = res.err();
  }
  if (outcome) {
    ++st.gate->sent;
    st.counts.sent->inc();
  } else {
    ++st.gate->failed;
    st.counts.failed->inc();
    st.log("household " + std::to_string(job->household_id) + ": push to its " +
           std::string(to_string(job->kind)) + " webhook failed: " + outcome.err().message);
  }
  st.gate->release();
  if (job->done) job->done(std::move(outcome));
}

household_push_actor::behavior_type push_impl(self_ptr self, std::shared_ptr<httpc::fetcher> fetch,
                                              std::shared_ptr<relay_gate> gate,
                                              std::shared_ptr<metrics::registry> registry,
                                              push_counters counts,
                                              std::function<void(const std::string&)> log) {
  auto& st = self->state;
  st.fetch = std::move(fetch);
  st.gate = std::move(gate);
  st.registry = std::move(registry);
  st.counts = counts;
  st.log = std::move(log);
  return {[=](push_atom, const push_job_ptr& job) { push(self, job); }};
}

}  // namespace

result<push_job_ptr> make_push_job(household_webhook hook, alerts::chat_message m) {
  const auto kind = parse_push_kind(hook.kind);
  if (!kind) return error{errc::internal, "the stored webhook has an unknown kind"};
  auto job = std::make_shared<push_job>();
  job->household_id = hook.household_id;
  job->kind = *kind;
  job->url = std::move(hook.url);
  job->message = std::move(m);
  return job;
}

void household_pusher::send(push_job_ptr job) const {
  if (!actor || !job) return;
  if (!gate->try_acquire()) {
    ++gate->dropped;
    if (dropped != nullptr) dropped->inc();
    const std::string why = std::to_string(gate->max_pending()) + " pushes are waiting already";
    if (opts.log)
      opts.log("household " + std::to_string(job->household_id) + ": push dropped: " + why);
    if (job->done) job->done(error{errc::unavailable, "not sent: " + why});
    return;
  }
  caf::anon_send(actor, push_atom::value, std::move(job));
}

void household_pusher::cancel() const {
  if (gate && gate->cancelled) gate->cancelled->store(true);
}

result<household_pusher> spawn_household_push(caf::actor_system& sys, push_options opts,
                                              std::shared_ptr<metrics::registry> registry) {
  if (!registry) registry = std::make_shared<metrics::registry>();
  auto family = registry->add_counter(
      "recs_household_push_total",
      "Households' watchlist alerts pushed to their own webhooks, by outcome (sent, failed after "
      "retries, dropped while too many waited).",
      {"outcome"});
  if (!family) return family.err();
  push_counters counts{&(*family)->with({"sent"}), &(*family)->with({"failed"})};
  if (!opts.log) opts.log = [](const std::string& line) { std::cerr << line << std::endl; };
  opts.http.public_only = opts.reach != push_reach::lan;
  household_pusher p;
  p.gate = std::make_shared<relay_gate>(opts.max_pending);
  p.dropped = &(*family)->with({"dropped"});
  // Made here so that the gate holds its cancel flag before the actor runs.
  auto fetch = std::make_shared<httpc::fetcher>("household webhook", opts.http, opts.retry,
                                                std::nullopt, opts.sleep);
  p.gate->cancelled = fetch->cancel_flag();
  p.actor = sys.spawn<caf::detached>(push_impl, std::move(fetch), p.gate, std::move(registry),
                                     counts, opts.log);
  p.opts = std::move(opts);
  return p;
}

}  // namespace recs::actors
