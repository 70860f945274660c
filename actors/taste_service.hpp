#pragma once

#include "actors/service_core.hpp"
#include "net/taste_port.hpp"

namespace recs::actors {

/// The taste port: a profile's ratings, tags and notes go through its profile actor (which
/// persists them and drops its cached slates); a household's services through the store, then
/// the directory and every member's actor. Each change that succeeds is emitted on the feed.
class taste_service final : public net::taste_port {
 public:
  explicit taste_service(const service_core& core) : core_(core) {}

  void put_rating(rating r, net::callback<rating> cb) override;
  void delete_rating(std::int64_t profile_id, std::string show_id, net::callback<unit> cb) override;
  void ratings(std::int64_t profile_id, net::callback<std::vector<rating>> cb) override;
  void put_tag(std::int64_t profile_id, tag_pref t, net::callback<tag_pref> cb) override;
  void delete_tag(std::int64_t profile_id, std::string tag, net::callback<unit> cb) override;
  void tags(std::int64_t profile_id, net::callback<std::vector<tag_pref>> cb) override;
  void put_note(std::int64_t profile_id, note n, net::callback<note> cb) override;
  void notes(std::int64_t profile_id, net::callback<std::vector<note>> cb) override;
  void set_services(std::int64_t household_id, std::vector<std::string> services,
                    net::callback<household> cb) override;

 private:
  /// Completes `cb` with `pick` of the profile's current state.
  template <class T, class Pick>
  void read_state(std::int64_t profile_id, net::callback<T> cb, Pick pick);
  /// Asks the profile actor to drop something (`xs...`), then completes `cb` with unit.
  template <class... Ts>
  void remove(std::int64_t profile_id, net::change_event::kind what, net::callback<unit> cb,
              Ts... xs);

  const service_core& core_;
};

}  // namespace recs::actors
