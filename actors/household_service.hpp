#pragma once

#include "actors/accounts_core.hpp"
#include "net/household_port.hpp"

namespace recs::actors {

/// The household port (net/household_port.hpp) over the account desk: members, invites,
/// profiles (the directory follows every change at once), export and deletion.
class household_service final : public net::household_port {
 public:
  explicit household_service(const accounts_core& a) : a_(a) {}

  void members(std::int64_t household_id, net::callback<std::vector<net::member_info>> cb) override;
  void invite(net::account_ref by, std::string email, net::member_role role,
              net::callback<net::new_invite> cb) override;
  void invites(std::int64_t household_id, net::callback<std::vector<net::invite_info>> cb) override;
  void cancel_invite(std::int64_t household_id, std::int64_t invite_id,
                     net::callback<unit> cb) override;
  void remove_member(std::int64_t household_id, std::int64_t account_id,
                     net::callback<unit> cb) override;
  void create_profile(std::int64_t household_id, net::profile_spec spec,
                      net::callback<profile> cb) override;
  void update_profile(std::int64_t profile_id, net::profile_patch patch,
                      net::callback<profile> cb) override;
  void delete_profile(std::int64_t profile_id, net::callback<unit> cb) override;
  void check_pin(std::int64_t profile_id, std::string pin, std::string client,
                 net::callback<bool> cb) override;
  void export_household(std::int64_t household_id,
                        net::callback<net::household_export> cb) override;
  void delete_household(std::int64_t household_id, net::callback<unit> cb) override;
  void create_household(std::string name, std::string owner_email,
                        net::callback<net::new_invite> cb) override;

 private:
  /// Applies `patch` (its PIN already hashed into `pin_hash`) on the desk.
  void apply_patch(std::int64_t profile_id, net::profile_patch patch,
                   std::optional<std::string> pin_hash, net::callback<profile> cb);

  const accounts_core& a_;
};

}  // namespace recs::actors
