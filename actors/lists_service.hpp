#pragma once

#include "actors/accounts_core.hpp"
#include "actors/service_core.hpp"
#include "net/lists_port.hpp"

namespace recs::actors {

/// The lists port: a profile's feedback, own watchlist and imports go through its profile actor
/// (which persists them and drops its cached slates); the household's watchlist and the listing
/// of every list straight to the store. Each change that succeeds is emitted on the feed.
class lists_service final : public net::lists_port {
 public:
  lists_service(const service_core& core, const accounts_core& accounts)
      : core_(core), accounts_(accounts) {}

  void put_feedback(std::int64_t profile_id, show_feedback f,
                    net::callback<show_feedback> cb) override;
  void delete_feedback(std::int64_t profile_id, std::string show_id, feedback_kind kind,
                       net::callback<unit> cb) override;
  void feedback_of(std::int64_t profile_id, net::callback<std::vector<show_feedback>> cb) override;
  void add_watch(std::int64_t household_id, watch_entry w, net::callback<watch_entry> cb) override;
  void remove_watch(std::int64_t household_id, std::int64_t profile_id, std::string show_id,
                    net::callback<unit> cb) override;
  void watchlists(std::int64_t household_id, net::callback<std::vector<watch_entry>> cb) override;
  /// On a detached actor of its own (import_job.hpp); a change event (rating) when it wrote.
  void import_file(net::import_request req, net::callback<import_report> cb) override;
  void onboarding(std::int64_t profile_id, std::size_t count,
                  net::callback<std::vector<std::string>> cb) override;
  /// The inbox is read and marked on the account desk (accounts_core::at_desk).
  void inbox(std::int64_t household_id, std::size_t limit,
             net::callback<net::inbox_view> cb) override;
  void mark_read(std::int64_t household_id, std::vector<std::int64_t> ids,
                 net::callback<std::int64_t> cb) override;
  /// The webhook is read and written on the account desk; the test push goes through the
  /// household push actor (accounts_core::pusher) and answers from there.
  void webhook(std::int64_t household_id, net::callback<net::webhook_state> cb) override;
  void set_webhook(std::int64_t household_id, std::string kind, std::string url,
                   net::callback<net::webhook_state> cb) override;
  void delete_webhook(std::int64_t household_id, net::callback<unit> cb) override;
  void test_webhook(std::int64_t household_id, net::callback<net::webhook_test> cb) override;

 private:
  const service_core& core_;
  const accounts_core& accounts_;
};

}  // namespace recs::actors
