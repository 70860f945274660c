#pragma once

#include "actors/accounts_core.hpp"
#include "net/account_port.hpp"

namespace recs::actors {

/// The account port (net/account_port.hpp) over the account desk: first run, sign-up, sign-in
/// with the throttle, sessions, API tokens, invites accepted.
class account_service final : public net::account_port {
 public:
  explicit account_service(const accounts_core& a) : a_(a) {}

  void is_set_up(net::callback<bool> cb) override;
  void setup(net::setup_request req, std::string client,
             net::callback<net::new_session> cb) override;
  void signup(std::string household, std::string email, std::string password, std::string client,
              net::callback<net::new_session> cb) override;
  void login(std::string email, std::string password, std::string client,
             net::callback<net::new_session> cb) override;
  void logout(net::account_ref who, net::callback<unit> cb) override;
  void logout_all(net::account_ref who, net::callback<unit> cb) override;
  void tokens(std::int64_t account_id, net::callback<std::vector<net::token_info>> cb) override;
  void create_token(net::account_ref who, std::string name, net::scope s,
                    net::callback<net::new_token> cb) override;
  void revoke_token(net::account_ref who, std::int64_t token_id, net::callback<unit> cb) override;
  void select_profile(net::account_ref who, std::int64_t profile_id,
                      net::callback<unit> cb) override;
  void accept_invite(std::string code, std::string email, std::string password, std::string client,
                     net::callback<net::new_session> cb) override;

 private:
  /// Hashes `password` (after the policy), then creates the household on the desk and signs its
  /// owner in.
  void create_and_sign_in(storage::new_household h, bool first_run, std::string password,
                          net::callback<net::new_session> cb);

  const accounts_core& a_;
};

/// What the identity port's resolve does (actors/directory_service.hpp): the cache, else the
/// store on the desk (a session's expiry checked and its last_seen_at written now and then).
void resolve_credential(const accounts_core& a, net::credential c,
                        net::callback<net::account_ref> cb);

/// An account's role as net names it.
net::member_role role_of(storage::account_role r) noexcept;

/// The account behind a credential, as net sees it.
net::account_ref account_ref_of(const storage::account& a, net::credential_kind via);

}  // namespace recs::actors
