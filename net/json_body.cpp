// The request-body half of net/json_codec.hpp (the renderings are in json_codec.cpp).
#include "net/json_codec.hpp"

#include <algorithm>

#include "net/json_read.hpp"

// Request bodies: strict JSON (valid UTF-8, an object, no repeated key), every field of the right
// type and range, or an invalid_argument error with a message for the 400 answer.

namespace recs::net {

using internal::bad;
using internal::name_of;
using internal::need_profile_id;
using internal::need_profile_show;
using internal::need_string;
using internal::parse_object;

result<rating_body> parse_rating_body(const std::string& body) {
  auto d = parse_object(body);
  if (!d) return d.err();
  rating_body out;
  auto head = need_profile_show(*d);
  if (!head) return head.err();
  out.profile_id = head->profile_id;
  out.show_id = std::move(head->show_id);
  auto p = d->FindMember("primary");
  if (p == d->MemberEnd()) return bad("primary is required");
  if (!p->value.IsInt() || p->value.GetInt() < 0 || p->value.GetInt() > 2)
    return bad("primary must be 0 (bad), 1 (good) or 2 (loved)");
  out.primary = p->value.GetInt();
  auto s = d->FindMember("score");
  if (s != d->MemberEnd() && !s->value.IsNull()) {
    if (!s->value.IsInt() || s->value.GetInt() < 0 || s->value.GetInt() > 10)
      return bad("score must be an integer from 0 to 10, or null");
    out.score = s->value.GetInt();
  }
  return out;
}

result<tag_body> parse_tag_body(const std::string& body) {
  auto d = parse_object(body);
  if (!d) return d.err();
  tag_body out;
  auto pid = need_profile_id(*d);
  if (!pid) return pid.err();
  out.profile_id = *pid;
  auto tag = need_string(*d, "tag", 1, 64);
  if (!tag) return tag.err();
  out.tag = std::move(*tag);
  auto l = d->FindMember("liked");
  if (l != d->MemberEnd()) {
    if (!l->value.IsBool()) return bad("liked must be true or false");
    out.liked = l->value.GetBool();
  }
  return out;
}

result<note_body> parse_note_body(const std::string& body) {
  auto d = parse_object(body);
  if (!d) return d.err();
  note_body out;
  auto head = need_profile_show(*d);
  if (!head) return head.err();
  out.profile_id = head->profile_id;
  out.show_id = std::move(head->show_id);
  auto text = need_string(*d, "text", 0, 2000);
  if (!text) return text.err();
  out.text = std::move(*text);
  return out;
}

result<std::vector<std::string>> parse_services_body(const std::string& body) {
  auto d = parse_object(body);
  if (!d) return d.err();
  auto it = d->FindMember("services");
  if (it == d->MemberEnd() || !it->value.IsArray())
    return bad("services must be an array of provider ids");
  std::vector<std::string> out;
  for (const auto& v : it->value.GetArray()) {
    if (!v.IsString()) return bad("services must be an array of provider ids");
    out.emplace_back(v.GetString(), v.GetStringLength());
  }
  return out;
}

result<family_watched_body> parse_family_watched_body(const std::string& body) {
  auto d = parse_object(body);
  if (!d) return d.err();
  family_watched_body out;
  auto sid = need_string(*d, "show_id", 1, 64);
  if (!sid) return sid.err();
  out.show_id = std::move(*sid);
  auto it = d->FindMember("profile_ids");
  if (it == d->MemberEnd() || it->value.IsNull()) return out;
  if (!it->value.IsArray() || it->value.Empty())
    return bad("profile_ids must be a non-empty array of profile ids (or absent: everyone)");
  for (const auto& v : it->value.GetArray()) {
    if (!v.IsInt64()) return bad("profile_ids must be integers");
    if (std::find(out.profile_ids.begin(), out.profile_ids.end(), v.GetInt64()) !=
        out.profile_ids.end())
      return bad("profile_ids lists a profile twice");
    out.profile_ids.push_back(v.GetInt64());
  }
  return out;
}

result<int> parse_resize_body(const std::string& body) {
  auto d = parse_object(body);
  if (!d) return d.err();
  for (auto m = d->MemberBegin(); m != d->MemberEnd(); ++m)
    if (name_of(m->name) != "scorers")
      return bad("unknown field '" + name_of(m->name) + "' (expected scorers)");
  auto it = d->FindMember("scorers");
  if (it == d->MemberEnd()) return bad("scorers is required");
  if (!it->value.IsInt() || it->value.GetInt() < 1 || it->value.GetInt() > 64)
    return bad("scorers must be an integer from 1 to 64");
  return it->value.GetInt();
}

}  // namespace recs::net
