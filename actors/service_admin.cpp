// service: the admin control commands (docs/api.md, "Admin control").
#include <caf/event_based_actor.hpp>
#include <caf/send.hpp>

#include <iostream>

#include "actors/service.hpp"

namespace recs::actors {

void service::resize_scorers(int scorers, net::callback<int> cb) {
  run([pool = pool_, timeout = opts_.timeout, scorers, cb](caf::event_based_actor* self) {
    self->request(pool, timeout, resize_atom::value, scorers)
        .then([cb](int n) { cb(n); }, [cb](caf::error& e) { cb(from_caf(e)); });
  });
}

void service::flush_caches(net::callback<std::uint64_t> cb) {
  run([cache = cache_actor_, timeout = opts_.timeout, cb](caf::event_based_actor* self) {
    self->request(cache, timeout, flush_atom::value)
        .then([cb](std::uint64_t dropped) { cb(dropped); },
              [cb](caf::error& e) { cb(from_caf(e)); });
  });
}

void service::retrain(net::callback<unit> cb) {
  caf::anon_send(pool_, train_atom::value);
  cb(unit{});
}

void service::record_admin_command(net::admin_command c) {
  std::cout << "admin: " << c.admin << " " << c.command << (c.detail.empty() ? "" : " ") << c.detail
            << " -> " << c.status << std::endl;
  if (c.status < 400) stats_->admin_commands->with({c.command}).inc();
  commands_->add(std::move(c));
}

std::vector<net::admin_command> service::admin_commands() const {
  return commands_->recent();
}

}  // namespace recs::actors
