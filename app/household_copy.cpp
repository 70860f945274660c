#include "app/household_copy.hpp"

#include <algorithm>
#include <map>
#include <set>

namespace recs::app {

namespace {

std::string plural(std::size_t n, const char* one, const char* many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

}  // namespace

std::string describe(const bundle_counts& c) {
  return plural(c.profiles, "profile", "profiles") + ", " + plural(c.ratings, "rating", "ratings") +
         ", " + plural(c.tags, "tag", "tags") + ", " + plural(c.notes, "note", "notes") + ", " +
         plural(c.feedback, "feedback mark", "feedback marks") + ", " +
         plural(c.listed, "watchlist entry", "watchlist entries") + ", " +
         plural(c.watches, "family watch", "family watches") + " (" +
         plural(c.fits, "fit", "fits") + ")";
}

std::string describe(const catalog_gap& g) {
  std::string out = "added " + plural(g.shows_added, "show", "shows") + " and " +
                    plural(g.providers_added, "provider", "providers") + " the target lacked";
  if (!g.unknown_shows.empty()) {
    out += "; " + plural(g.unknown_shows.size(), "show id is", "show ids are") +
           " in neither catalog (copied as they are), e.g. " + g.unknown_shows.front();
  }
  return out;
}

bundle_counts count(const household_bundle& b) {
  bundle_counts c;
  c.profiles = b.members.size();
  c.ratings = b.ratings.size();
  c.tags = b.tags.size();
  c.notes = b.notes.size();
  c.feedback = b.feedback.size();
  c.listed = b.watchlist.size();
  c.watches = b.watches.size();
  for (const auto& w : b.watches) c.fits += w.fits.size();
  return c;
}

result<household_bundle> read_household(storage::store& db, const household& h) {
  const std::string what = "reading household " + h.owner_email;
  household_bundle b;
  b.home = h;
  auto members = db.profiles(h.id);
  if (!members) return in_context(what, members.err());
  b.members = std::move(*members);
  for (const profile& p : b.members) {
    auto ratings = db.ratings(p.id);
    if (!ratings) return in_context(what, ratings.err());
    b.ratings.insert(b.ratings.end(), ratings->begin(), ratings->end());
    auto tags = db.tags(p.id);
    if (!tags) return in_context(what, tags.err());
    for (auto& t : *tags) b.tags.emplace_back(p.id, std::move(t));
    auto notes = db.notes(p.id);
    if (!notes) return in_context(what, notes.err());
    for (auto& n : *notes) b.notes.emplace_back(p.id, std::move(n));
    auto marks = db.feedback_of(p.id);
    if (!marks) return in_context(what, marks.err());
    for (auto& f : *marks) b.feedback.emplace_back(p.id, std::move(f));
  }
  auto listed = db.household_watchlists(h.id);
  if (!listed) return in_context(what, listed.err());
  b.watchlist = std::move(*listed);
  auto watches = db.family_watches(h.id);
  if (!watches) return in_context(what, watches.err());
  b.watches = std::move(*watches);
  auto accounts = db.accounts_of(h.id);
  if (!accounts) return in_context(what, accounts.err());
  b.accounts = std::move(*accounts);
  for (const profile& p : b.members) {
    if (!p.has_pin) continue;
    auto pin = db.profile_pin_hash(p.id);
    if (!pin) return in_context(what, pin.err());
    b.pins.emplace_back(p.id, std::move(*pin));
  }
  auto hook = db.household_webhook_of(h.id);
  if (hook) {
    b.webhook = std::move(*hook);
  } else if (hook.err().code != errc::not_found) {
    return in_context(what, hook.err());
  }
  return b;
}

std::vector<std::string> shows_of(const household_bundle& b) {
  std::set<std::string> ids;
  for (const auto& r : b.ratings) ids.insert(r.show_id);
  for (const auto& [profile_id, n] : b.notes) ids.insert(n.show_id);
  for (const auto& [profile_id, f] : b.feedback) ids.insert(f.show_id);
  for (const auto& w : b.watchlist) ids.insert(w.show_id);
  for (const auto& w : b.watches) ids.insert(w.show_id);
  return {ids.begin(), ids.end()};
}

result<catalog_gap> copy_missing_catalog(storage::store& from, storage::store& to,
                                         const std::vector<std::string>& show_ids,
                                         const std::vector<std::string>& provider_ids) {
  catalog_gap gap;
  auto have_shows = to.shows();
  if (!have_shows) return in_context("reading the target catalog", have_shows.err());
  std::set<std::string> in_target;
  for (const show& s : *have_shows) in_target.insert(s.id);
  std::set<std::string> wanted;
  for (const auto& id : show_ids) {
    if (in_target.count(id) == 0) wanted.insert(id);
  }
  std::vector<show> add;
  std::set<std::string> providers(provider_ids.begin(), provider_ids.end());
  if (!wanted.empty()) {
    auto source_shows = from.shows();
    if (!source_shows) return in_context("reading the source catalog", source_shows.err());
    for (show& s : *source_shows) {
      if (wanted.erase(s.id) == 0) continue;
      for (const offer& o : s.offers) providers.insert(o.provider);
      add.push_back(std::move(s));
    }
    gap.unknown_shows.assign(wanted.begin(), wanted.end());
  }

  auto have_providers = to.providers();
  if (!have_providers) return in_context("reading the target providers", have_providers.err());
  for (const provider& p : *have_providers) providers.erase(p.id);
  if (!providers.empty()) {
    auto source_providers = from.providers();
    if (!source_providers)
      return in_context("reading the source providers", source_providers.err());
    std::vector<provider> add_providers;
    for (const provider& p : *source_providers) {
      if (providers.count(p.id) != 0) add_providers.push_back(p);
    }
    if (!add_providers.empty()) {
      if (auto st = to.upsert_providers(add_providers); !st) {
        return in_context("adding providers to the target", st.err());
      }
    }
    gap.providers_added = add_providers.size();
  }
  if (!add.empty()) {
    if (auto st = to.upsert_shows(add); !st)
      return in_context("adding shows to the target", st.err());
  }
  gap.shows_added = add.size();
  return gap;
}

result<bundle_counts> write_members(storage::store& to, const household_bundle& b,
                                    std::int64_t household_id) {
  const std::string what = "writing household " + b.home.owner_email;
  std::map<std::int64_t, std::int64_t> new_id;  // source profile id -> target profile id
  for (const profile& p : b.members) {
    auto made = to.create_profile(household_id, p.name, p.maturity_cap);
    if (!made) return in_context(what + ": profile " + p.name, made.err());
    new_id[p.id] = made->id;
    if (p.kid) {
      if (auto st = to.set_profile_kid(made->id, true); !st) return in_context(what, st.err());
    }
  }
  for (const auto& [source_id, pin] : b.pins) {
    if (auto st = to.set_profile_pin(new_id[source_id], pin); !st)
      return in_context(what, st.err());
  }
  auto remap = [&](std::int64_t id) -> result<std::int64_t> {
    const auto it = new_id.find(id);
    if (it == new_id.end()) {
      return error{errc::internal,
                   what + ": profile " + std::to_string(id) + " is not a member of the household"};
    }
    return it->second;
  };
  for (rating r : b.ratings) {
    auto id = remap(r.profile_id);
    if (!id) return id.err();
    r.profile_id = *id;
    if (auto st = to.put_rating(r); !st) return in_context(what, st.err());
  }
  for (const auto& [profile_id, t] : b.tags) {
    auto id = remap(profile_id);
    if (!id) return id.err();
    if (auto st = to.put_tag(*id, t); !st) return in_context(what, st.err());
  }
  for (const auto& [profile_id, n] : b.notes) {
    auto id = remap(profile_id);
    if (!id) return id.err();
    if (auto st = to.put_note(*id, n); !st) return in_context(what, st.err());
  }
  for (const auto& [profile_id, f] : b.feedback) {
    auto id = remap(profile_id);
    if (!id) return id.err();
    if (auto st = to.put_feedback(*id, f); !st) return in_context(what, st.err());
  }
  for (watch_entry w : b.watchlist) {
    if (w.profile_id != 0) {
      auto id = remap(w.profile_id);
      if (!id) return id.err();
      w.profile_id = *id;
    } else if (w.added_by != 0) {
      // Who added it to the household's list: kept when that profile is copied too.
      const auto it = new_id.find(w.added_by);
      w.added_by = it == new_id.end() ? 0 : it->second;
    }
    if (auto st = to.put_watch(household_id, w); !st) return in_context(what, st.err());
  }
  for (family_watch w : b.watches) {
    w.household_id = household_id;
    for (auto& fit : w.fits) {
      auto id = remap(fit.first);
      if (!id) return id.err();
      fit.first = *id;
    }
    if (auto st = to.add_family_watch(w); !st) return in_context(what, st.err());
  }
  if (b.webhook) {
    household_webhook hook = *b.webhook;
    hook.household_id = household_id;
    if (auto st = to.put_household_webhook(hook); !st) return in_context(what, st.err());
  }
  return count(b);
}

}  // namespace recs::app
