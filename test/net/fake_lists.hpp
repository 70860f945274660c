#pragma once

// The fake lists port of the REST handler tests (fake_ports.hpp includes it).

#include <string>
#include <vector>

#include "net/rest_api.hpp"

namespace recs::test {

/// Records every call as one line ("add_watch 1 0 tt0098904"); answers what it was given.
struct fake_lists final : net::lists_port {
  std::vector<std::string> calls;
  std::vector<watch_entry> listed;                  ///< what watchlists() answers
  net::webhook_state hook{std::nullopt, "public"};  ///< what webhook() answers

  void put_feedback(std::int64_t p, show_feedback f, net::callback<show_feedback> cb) override {
    calls.push_back("put_feedback " + std::to_string(p) + " " + f.show_id + " " +
                    std::string(to_string(f.kind)));
    cb(std::move(f));
  }
  void delete_feedback(std::int64_t p, std::string show, feedback_kind k,
                       net::callback<unit> cb) override {
    calls.push_back("delete_feedback " + std::to_string(p) + " " + show + " " +
                    std::string(to_string(k)));
    cb(unit{});
  }
  void feedback_of(std::int64_t p, net::callback<std::vector<show_feedback>> cb) override {
    calls.push_back("feedback_of " + std::to_string(p));
    cb(std::vector<show_feedback>{});
  }
  void add_watch(std::int64_t h, watch_entry w, net::callback<watch_entry> cb) override {
    calls.push_back("add_watch " + std::to_string(h) + " " + std::to_string(w.profile_id) + " " +
                    w.show_id);
    cb(std::move(w));
  }
  void remove_watch(std::int64_t h, std::int64_t p, std::string show,
                    net::callback<unit> cb) override {
    calls.push_back("remove_watch " + std::to_string(h) + " " + std::to_string(p) + " " + show);
    cb(unit{});
  }
  void watchlists(std::int64_t h, net::callback<std::vector<watch_entry>> cb) override {
    calls.push_back("watchlists " + std::to_string(h));
    cb(listed);
  }
  void inbox(std::int64_t h, std::size_t limit, net::callback<net::inbox_view> cb) override {
    calls.push_back("inbox " + std::to_string(h) + " " + std::to_string(limit));
    net::inbox_view v;
    inbox_item i;
    i.id = 5;
    i.household_id = h;
    i.show_id = "tt2802850";
    i.event = "arrived";
    i.detail = "stan";
    i.text = "Fargo is now on Stan";
    v.items.push_back(i);
    v.unread = 1;
    cb(std::move(v));
  }
  void mark_read(std::int64_t h, std::vector<std::int64_t> ids,
                 net::callback<std::int64_t> cb) override {
    calls.push_back("mark_read " + std::to_string(h) + " " + std::to_string(ids.size()));
    cb(static_cast<std::int64_t>(ids.size()));
  }
  void webhook(std::int64_t h, net::callback<net::webhook_state> cb) override {
    calls.push_back("webhook " + std::to_string(h));
    cb(hook);
  }
  void set_webhook(std::int64_t h, std::string kind, std::string url,
                   net::callback<net::webhook_state> cb) override {
    calls.push_back("set_webhook " + std::to_string(h) + " " + kind + " " +
                    std::to_string(url.size()));
    hook.webhook = net::webhook_view{kind, "https://example.org/...abcd", 1};
    cb(hook);
  }
  void delete_webhook(std::int64_t h, net::callback<unit> cb) override {
    calls.push_back("delete_webhook " + std::to_string(h));
    cb(unit{});
  }
  void test_webhook(std::int64_t h, net::callback<net::webhook_test> cb) override {
    calls.push_back("test_webhook " + std::to_string(h));
    cb(net::webhook_test{false, "discord webhook: HTTP 404"});
  }
  void onboarding(std::int64_t p, std::size_t count,
                  net::callback<std::vector<std::string>> cb) override {
    calls.push_back("onboarding " + std::to_string(p) + " " + std::to_string(count));
    cb(std::vector<std::string>{"tt2802850", "tt0000000-gone"});
  }
  void import_file(net::import_request r, net::callback<import_report> cb) override {
    calls.push_back("import " + std::to_string(r.profile_id) + " " + r.format + " " +
                    std::to_string(r.file.size()) + (r.dry_run ? " dry" : "") +
                    (r.netflix_profile.empty() ? "" : " as " + r.netflix_profile));
    import_report out;
    out.shows = 1;
    cb(std::move(out));
  }
};

}  // namespace recs::test
