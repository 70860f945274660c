#pragma once

#include <cstdint>

#include "recsys/profile.hpp"

namespace recs::actors {

/// A 64-bit digest of everything in a profile's state that its slates depend on: the profile
/// (id, maturity cap), the household's services, the ratings (show, verdict, score), the tags
/// and the notes. Independent of the order the lists are in (memory and the store order them
/// differently) and of rating timestamps and sources. Two instances holding the same state get
/// the same fingerprint, so a slate cached by one is valid for the other. Pure.
std::uint64_t fingerprint(const profile_state& st);

}  // namespace recs::actors
