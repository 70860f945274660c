// recs-move: copies households (profiles, ratings, tags, notes, Family Mix watches and their
// fits) from a SQLite file to the configured PostgreSQL database. The data goes through the
// store interface (household_copy.hpp); only the final switch, which makes a fully written copy
// appear under its owner's email (and drops the one it replaces) in one transaction, is SQL of
// its own.

#include <unistd.h>

#include <ctime>
#include <filesystem>
#include <iostream>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "app/household_copy.hpp"
#include "config/settings.hpp"
#include "storage/pg_connection.hpp"
#include "storage/pg_conninfo.hpp"
#include "storage/pg_store.hpp"
#include "storage/sqlite_store.hpp"

namespace {

using namespace recs;
namespace fs = std::filesystem;

constexpr std::string_view kUsage =
    "usage: recs-move (--email EMAIL | --all) [--from FILE] [--replace]\n"
    "\n"
    "Copies households from the SQLite file of the embedded default to the PostgreSQL database\n"
    "recs-server is configured with: each household with its profiles, ratings, tags, notes and\n"
    "Family Mix watches (the fairness ledger), keeping their timestamps. The target's schema is\n"
    "created or migrated first. Shows and providers the household refers to that the target's\n"
    "catalog lacks are copied from the source's catalog. A household is written under a\n"
    "temporary owner email and appears under its own (replacing the old one with --replace) in\n"
    "one transaction, after its copy was read back and counted: a failed move leaves no part of\n"
    "a household behind (catalog rows it added stay). The source is only read (its schema is\n"
    "migrated if older). Stop the servers on the source and, with --replace, on the target.\n"
    "\n"
    "  --email EMAIL  the household whose owner is EMAIL (case-insensitive)\n"
    "  --all          every household of the source\n"
    "  --from FILE    the source SQLite file [default: $DATA_DIR/recs.sqlite, DATA_DIR ./var]\n"
    "  --replace      replace a household of the same owner email in the target, with all its\n"
    "                 data; without it such a household is an error and nothing is written\n"
    "  --help         this text\n"
    "\n"
    "Target, as for recs-server: DATABASE_URL (a libpq URL or conninfo), or, without it,\n"
    "POSTGRES_HOST and/or POSTGRES_DB with POSTGRES_USER, POSTGRES_PASSWORD, POSTGRES_PORT.\n"
    "Exit status: 0 when everything was moved, 1 on an error, 2 on a usage error.\n";

// The switch, run on a connection of its own once the copy is complete. Deleting a household
// cascades to its services, profiles, their ratings, tags and notes, and its watches.
constexpr std::string_view kDeleteHousehold = "DELETE FROM households WHERE id = $1";
constexpr std::string_view kSetOwnerEmail = "UPDATE households SET owner_email = $1 WHERE id = $2";
constexpr std::string_view kInsertAccount =
    "INSERT INTO accounts (household_id, email, password_hash, role, created_at) "
    "VALUES ($1, $2, $3, $4, $5)";

struct options {
  std::string email;
  bool all = false;
  std::string from;
  bool replace = false;
};

/// One household to move: its data from the source and the target's household it replaces.
struct planned_move {
  app::household_bundle bundle;
  std::optional<std::int64_t> replaces;
};

int usage_error(const std::string& message) {
  std::cerr << "recs-move: " << message << "\n\n" << kUsage;
  return 2;
}

/// The households of the source to move, with what they replace in the target. Refuses (nothing
/// written) when a household's owner email is taken in the target and `replace` is off.
result<std::vector<planned_move>> plan(storage::store& src, storage::household_store& dst,
                                       const options& opt, const std::string& from) {
  std::vector<household> homes;
  if (opt.all) {
    auto all = src.households();
    if (!all) return all.err();
    homes = std::move(*all);
  } else {
    auto h = src.household_by_email(opt.email);
    if (!h) {
      if (h.err().code == errc::not_found) {
        return error{errc::not_found, "no household belongs to " + opt.email + " in " + from};
      }
      return h.err();
    }
    homes.push_back(std::move(*h));
  }
  std::vector<planned_move> out;
  std::vector<std::string> taken;
  for (const household& h : homes) {
    planned_move m;
    auto existing = dst.household_by_email(h.owner_email);
    if (existing) {
      m.replaces = existing->id;
      taken.push_back(h.owner_email);
    } else if (existing.err().code != errc::not_found) {
      return existing.err();
    }
    auto bundle = app::read_household(src, h);
    if (!bundle) return bundle.err();
    m.bundle = std::move(*bundle);
    out.push_back(std::move(m));
  }
  if (!taken.empty() && !opt.replace) {
    std::string list;
    for (const auto& e : taken) list += (list.empty() ? "" : ", ") + e;
    return error{errc::invalid_argument,
                 "the target already has a household of " + list +
                     "; nothing was written (--replace replaces it with the source's)"};
  }
  return out;
}

/// Deletes household `id` of the target (a copy that failed half-way); says so when it cannot.
void discard(storage::pg_connection& admin, std::int64_t id) {
  if (auto st = admin.run(kDeleteHousehold, id); !st) {
    std::cerr << "recs-move: could not remove the incomplete copy (household " << id
              << "): " << st.err().message << "\n";
  }
}

/// In one transaction: deletes the household `m` replaces, if any, and gives household `id` the
/// owner email of `m`.
status switch_owner(storage::pg_connection& admin, const planned_move& m, std::int64_t id) {
  const std::string& email = m.bundle.home.owner_email;
  auto tx = storage::pg_transaction::begin(admin);
  if (!tx) return tx.err();
  if (m.replaces) {
    if (auto st = admin.run(kDeleteHousehold, *m.replaces); !st) return st;
  }
  if (auto st = admin.run(kSetOwnerEmail, email, id); !st) {
    return error{st.err().code,
                 "giving the copy the email " + email + " (taken meanwhile?): " + st.err().message};
  }
  // The accounts last: their emails are unique, and the household replaced held them.
  for (const auto& a : m.bundle.accounts) {
    if (auto st = admin.run(kInsertAccount, id, a.email, a.password_hash,
                            std::string(storage::to_string(a.role)), a.created_at);
        !st) {
      return error{st.err().code, "copying the account " + a.email + ": " + st.err().message};
    }
  }
  return tx->commit();
}

/// Copies one household into the target: writes it under a temporary owner email, reads it back
/// and counts it, then, in one transaction, drops the household it replaces and gives the copy
/// its owner's email. On an error the copy is deleted again and the target is as it was.
result<app::bundle_counts> move_one(storage::store& dst, storage::pg_connection& admin,
                                    const planned_move& m, const std::string& token) {
  const household& h = m.bundle.home;
  const std::string temporary = "(moving " + token + ") " + h.owner_email;
  auto made = dst.create_household(h.name, temporary, h.services);
  if (!made) return made.err();
  const std::int64_t id = made->id;
  auto fail = [&](const error& e) -> result<app::bundle_counts> {
    discard(admin, id);
    return e;
  };
  auto written = app::write_members(dst, m.bundle, id);
  if (!written) return fail(written.err());
  auto copy = dst.household_by_id(id);
  if (!copy) return fail(copy.err());
  auto back = app::read_household(dst, *copy);
  if (!back) return fail(back.err());
  if (!(app::count(*back) == *written) || back->home.services != h.services) {
    return fail(error{errc::internal, "the copy of " + h.owner_email + " reads back as " +
                                          app::describe(app::count(*back)) + ", not " +
                                          app::describe(*written)});
  }
  // The transaction has ended (committed or rolled back) before fail() deletes the copy.
  if (auto st = switch_owner(admin, m, id); !st) return fail(st.err());
  return written;
}

int run(const options& opt) {
  bool help = false;
  auto settings = config::load_settings(config::process_env(), {}, help);
  if (!settings) {
    std::cerr << "recs-move: " << settings.err().message << "\n";
    return 1;
  }
  const config::settings& s = *settings;
  const std::string pg =
      storage::postgres_conninfo({s.database_url, s.postgres_user, s.postgres_password,
                                  s.postgres_db, s.postgres_host, s.postgres_port});
  if (pg.empty()) {
    std::cerr << "recs-move: no PostgreSQL target: set DATABASE_URL, or POSTGRES_HOST / "
                 "POSTGRES_DB (as for recs-server)\n";
    return 1;
  }
  const std::string from = opt.from.empty() ? s.sqlite_path() : opt.from;
  std::error_code ec;
  if (!fs::is_regular_file(from, ec)) {
    // open_sqlite would create an empty database: a typo must not look like an empty source.
    std::cerr << "recs-move: no SQLite file at " << from << "\n";
    return 1;
  }
  const std::string target = "postgresql " + storage::redacted_conninfo(pg);
  std::cout << "source: sqlite " << from << "\ntarget: " << target << std::endl;

  auto fail = [](const std::string& what, const error& e) {
    std::cerr << "recs-move: " << what << ": " << e.message << "\n";
    return 1;
  };
  auto src = storage::open_sqlite(from);
  if (!src) return fail("opening " + from, src.err());
  if (auto v = (*src)->migrate(); !v) return fail("reading " + from, v.err());
  auto dst = storage::open_postgres(pg);
  if (!dst) return fail("opening " + target, dst.err());
  if (auto v = (*dst)->migrate(); !v) return fail("migrating " + target, v.err());
  auto admin = storage::pg_connection::open(pg);
  if (!admin) return fail("opening " + target, admin.err());

  auto moves = plan(**src, **dst, opt, from);
  if (!moves) return fail("nothing moved", moves.err());
  if (moves->empty()) {
    std::cout << "nothing to move: " << from << " holds no household" << std::endl;
    return 0;
  }

  std::vector<std::string> shows;
  std::vector<std::string> providers;
  for (const auto& m : *moves) {
    const auto ids = app::shows_of(m.bundle);
    shows.insert(shows.end(), ids.begin(), ids.end());
    const auto& services = m.bundle.home.services;
    providers.insert(providers.end(), services.begin(), services.end());
  }
  auto gap = app::copy_missing_catalog(**src, **dst, shows, providers);
  if (!gap) return fail("nothing moved", gap.err());
  std::cout << "catalog: " << app::describe(*gap) << std::endl;

  const std::string token =
      std::to_string(static_cast<long long>(std::time(nullptr))) + "-" + std::to_string(getpid());
  std::size_t done = 0;
  for (const auto& m : *moves) {
    auto counts = move_one(**dst, *admin, m, token);
    if (!counts) {
      if (done > 0) std::cerr << "recs-move: " << done << " households were moved before this\n";
      return fail("moving " + m.bundle.home.owner_email + " (not moved)", counts.err());
    }
    ++done;
    std::cout << "moved " << m.bundle.home.owner_email << (m.replaces ? " (replaced)" : "") << ": "
              << app::describe(*counts) << std::endl;
  }
  std::cout << "done: " << done << (done == 1 ? " household" : " households") << " moved"
            << std::endl;
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  options opt;
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (arg == "--help" || arg == "-h") {
      std::cout << kUsage;
      return 0;
    }
    if (arg == "--all") {
      opt.all = true;
    } else if (arg == "--replace") {
      opt.replace = true;
    } else if (arg == "--email" || arg == "--from") {
      if (i + 1 >= argc) return usage_error(std::string(arg) + " needs a value");
      (arg == "--email" ? opt.email : opt.from) = argv[++i];
    } else {
      return usage_error("unexpected argument: " + std::string(arg));
    }
  }
  if (opt.all == !opt.email.empty()) return usage_error("give either --email EMAIL or --all");
  return run(opt);
}
