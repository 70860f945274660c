#include "actors/household_service.hpp"

#include "accounts/secret.hpp"
#include "actors/account_service.hpp"

namespace recs::actors {

namespace {

net::invite_info info_of(const storage::invite& i) {
  return {i.id, i.email, role_of(i.role), i.created_at, i.expires_at};
}

net::member_info member_of(const storage::account& a) {
  return {a.id, a.email, role_of(a.role), a.created_at};
}

/// A new invite of `household_id` on the desk.
result<net::new_invite> make_invite(storage::store& db, const accounts_core& a,
                                    std::int64_t household_id, const std::string& email,
                                    storage::account_role role, std::int64_t by) {
  auto code = accounts::random_secret();
  if (!code) return code.err();
  storage::invite i;
  i.digest = accounts::secret_digest(*code);
  i.household_id = household_id;
  i.email = email;
  i.role = role;
  i.created_by = by;
  i.created_at = unix_now();
  i.expires_at = i.created_at + a.opts.invite_ttl.count();
  auto made = db.create_invite(i);
  if (!made) return made.err();
  net::new_invite out;
  out.info = info_of(*made);
  out.household_id = household_id;
  out.code = std::move(*code);
  return out;
}

}  // namespace

void household_service::members(std::int64_t household_id,
                                net::callback<std::vector<net::member_info>> cb) {
  a_.at_desk<std::vector<net::member_info>>(
      std::move(cb), [household_id](storage::store& db) -> result<std::vector<net::member_info>> {
        auto as = db.accounts_of(household_id);
        if (!as) return as.err();
        std::vector<net::member_info> out;
        for (const auto& a : *as) out.push_back(member_of(a));
        return out;
      });
}

void household_service::invite(net::account_ref by, std::string email, net::member_role role,
                               net::callback<net::new_invite> cb) {
  const accounts_core& a = a_;
  a_.at_desk<net::new_invite>(
      std::move(cb), [&a, by, email = std::move(email), role](storage::store& db) {
        return make_invite(db, a, by.household_id, email,
                           role == net::member_role::owner ? storage::account_role::owner
                                                           : storage::account_role::member,
                           by.account_id);
      });
}

void household_service::invites(std::int64_t household_id,
                                net::callback<std::vector<net::invite_info>> cb) {
  a_.at_desk<std::vector<net::invite_info>>(
      std::move(cb), [household_id](storage::store& db) -> result<std::vector<net::invite_info>> {
        auto is = db.open_invites(household_id, unix_now());
        if (!is) return is.err();
        std::vector<net::invite_info> out;
        for (const auto& i : *is) out.push_back(info_of(i));
        return out;
      });
}

void household_service::cancel_invite(std::int64_t household_id, std::int64_t invite_id,
                                      net::callback<unit> cb) {
  a_.at_desk<unit>(std::move(cb), [household_id, invite_id](storage::store& db) -> result<unit> {
    if (auto st = db.delete_invite(household_id, invite_id); !st) return st.err();
    return unit{};
  });
}

void household_service::remove_member(std::int64_t household_id, std::int64_t account_id,
                                      net::callback<unit> cb) {
  const accounts_core& a = a_;
  a_.at_desk<unit>(
      std::move(cb), [&a, household_id, account_id](storage::store& db) -> result<unit> {
        auto who = db.account_by_id(account_id);
        if (!who || who->household_id != household_id)
          return error{errc::not_found,
                       "no member " + std::to_string(account_id) + " in your household"};
        if (who->role == storage::account_role::owner)
          return error{errc::invalid_argument, "the owner cannot be removed"};
        if (auto st = db.delete_account(account_id); !st) return st.err();
        a.credentials_changed(household_id);
        return unit{};
      });
}

void household_service::create_profile(std::int64_t household_id, net::profile_spec spec,
                                       net::callback<profile> cb) {
  const accounts_core& a = a_;
  a_.at_desk<profile>(
      std::move(cb),
      [&a, household_id, spec = std::move(spec)](storage::store& db) -> result<profile> {
        auto made = db.create_profile(household_id, spec.name, spec.cap);
        if (!made) return made.err();
        if (spec.kid) {
          if (auto st = db.set_profile_kid(made->id, true); !st) return st.err();
        }
        auto p = db.profile_by_id(made->id);
        if (!p) return p.err();
        if (auto st = a.reload_household_here(db, household_id, true); !st) return st.err();
        return p;
      });
}

void household_service::apply_patch(std::int64_t profile_id, net::profile_patch patch,
                                    std::optional<std::string> pin_hash,
                                    net::callback<profile> cb) {
  const accounts_core& a = a_;
  a_.at_desk<profile>(std::move(cb),
                      [&a, profile_id, patch = std::move(patch),
                       pin_hash = std::move(pin_hash)](storage::store& db) -> result<profile> {
                        if (patch.name) {
                          if (auto st = db.rename_profile(profile_id, *patch.name); !st)
                            return st.err();
                        }
                        if (patch.cap) {
                          if (auto st = db.set_maturity_cap(profile_id, *patch.cap); !st)
                            return st.err();
                        }
                        if (patch.kid) {
                          if (auto st = db.set_profile_kid(profile_id, *patch.kid); !st)
                            return st.err();
                        }
                        if (pin_hash) {
                          if (auto st = db.set_profile_pin(profile_id, *pin_hash); !st)
                            return st.err();
                        }
                        auto p = db.profile_by_id(profile_id);
                        if (!p) return p.err();
                        if (auto st = a.reload_household_here(db, p->household_id, true); !st)
                          return st.err();
                        return p;
                      });
}

void household_service::update_profile(std::int64_t profile_id, net::profile_patch patch,
                                       net::callback<profile> cb) {
  if (!patch.pin || patch.pin->empty()) {
    std::optional<std::string> hash;
    if (patch.pin) hash = std::string();  // "" removes the PIN
    return apply_patch(profile_id, std::move(patch), std::move(hash), std::move(cb));
  }
  auto passwords = a_.passwords;
  if (!passwords) return cb(error{errc::unavailable, "accounts are not started"});
  const std::string pin = *patch.pin;
  a_.at_hasher<std::string>(
      [this, profile_id, patch = std::move(patch), cb](result<std::string> hash) mutable {
        if (!hash) return cb(hash.err());
        apply_patch(profile_id, std::move(patch), std::move(*hash), std::move(cb));
      },
      [passwords, pin] { return passwords->hash(pin); });
}

void household_service::delete_profile(std::int64_t profile_id, net::callback<unit> cb) {
  const accounts_core& a = a_;
  a_.at_desk<unit>(std::move(cb), [&a, profile_id](storage::store& db) -> result<unit> {
    auto p = db.profile_by_id(profile_id);
    if (!p) return p.err();
    if (auto st = db.delete_profile(profile_id); !st) return st.err();
    if (auto st = a.reload_household_here(db, p->household_id, true); !st) return st.err();
    return unit{};
  });
}

void household_service::check_pin(std::int64_t profile_id, std::string pin, std::string client,
                                  net::callback<bool> cb) {
  const std::string pk = accounts_core::pin_key(profile_id), ck = accounts_core::client_key(client);
  if (auto st = a_.throttled({pk, ck}); !st) return cb(st.err());
  auto passwords = a_.passwords;
  if (!passwords) return cb(error{errc::unavailable, "accounts are not started"});
  const accounts_core& a = a_;
  a_.at_desk<std::string>(
      [&a, passwords, pin = std::move(pin), pk, ck, cb](result<std::string> stored) {
        if (!stored) return cb(stored.err());
        if (stored->empty()) return cb(true);
        a.at_hasher<bool>(
            [&a, pk, ck, cb](result<bool> ok) {
              if (ok && *ok)
                a.succeeded({pk, ck});
              else
                a.failed({pk, ck});
              cb(std::move(ok));
            },
            [passwords, stored = *stored, pin]() -> result<bool> {
              return accounts::password_hasher::verify(stored, pin);
            });
      },
      [profile_id](storage::store& db) { return db.profile_pin_hash(profile_id); });
}

void household_service::export_household(std::int64_t household_id,
                                         net::callback<net::household_export> cb) {
  a_.at_desk<net::household_export>(
      std::move(cb), [household_id](storage::store& db) -> result<net::household_export> {
        net::household_export e;
        auto h = db.household_by_id(household_id);
        if (!h) return h.err();
        e.home = std::move(*h);
        auto as = db.accounts_of(household_id);
        if (!as) return as.err();
        for (const auto& a : *as) e.members.push_back(member_of(a));
        auto ps = db.profiles(household_id);
        if (!ps) return ps.err();
        for (const auto& p : *ps) {
          net::profile_export pe;
          pe.who = p;
          auto rs = db.ratings(p.id);
          if (!rs) return rs.err();
          pe.ratings = std::move(*rs);
          auto ts = db.tags(p.id);
          if (!ts) return ts.err();
          pe.tags = std::move(*ts);
          auto ns = db.notes(p.id);
          if (!ns) return ns.err();
          pe.notes = std::move(*ns);
          auto fs = db.feedback_of(p.id);
          if (!fs) return fs.err();
          pe.feedback = std::move(*fs);
          auto ws = db.profile_watchlist(p.id);
          if (!ws) return ws.err();
          pe.watchlist = std::move(*ws);
          e.profiles.push_back(std::move(pe));
        }
        auto ws = db.family_watches(household_id);
        if (!ws) return ws.err();
        e.watches = std::move(*ws);
        auto listed = db.household_watchlists(household_id);
        if (!listed) return listed.err();
        for (auto& w : *listed)
          if (w.profile_id == 0) e.watchlist.push_back(std::move(w));
        return e;
      });
}

void household_service::delete_household(std::int64_t household_id, net::callback<unit> cb) {
  const accounts_core& a = a_;
  a_.at_desk<unit>(std::move(cb), [&a, household_id](storage::store& db) -> result<unit> {
    if (auto st = db.delete_household(household_id); !st) return st.err();
    if (auto st = a.reload_household_here(db, household_id, true); !st) return st.err();
    return unit{};
  });
}

void household_service::create_household(std::string name, std::string owner_email,
                                         net::callback<net::new_invite> cb) {
  const accounts_core& a = a_;
  a_.at_desk<net::new_invite>(
      std::move(cb),
      [&a, name = std::move(name),
       email = std::move(owner_email)](storage::store& db) -> result<net::new_invite> {
        storage::new_household h;
        h.name = name;
        h.owner_email = email;  // no account yet: the invite's owner sets the password
        h.profiles.push_back({email.substr(0, email.find('@')), maturity::r18, false});
        auto home = db.create_household_with_owner(h, false);
        if (!home) return home.err();
        auto i = make_invite(db, a, home->id, email, storage::account_role::owner, 0);
        if (!i) return i.err();
        if (auto st = a.reload_household_here(db, home->id, true); !st) return st.err();
        return i;
      });
}

}  // namespace recs::actors
