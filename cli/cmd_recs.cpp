// recommend, rate, import serializd.
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "cli/command_context.hpp"
#include "cli/json_util.hpp"
#include "cli/profiles.hpp"
#include "cli/views.hpp"

namespace recs::cli::internal {

int cmd_recommend(context& c) {
  const std::string who = c.inv.get("--for");
  const bool intent_given = c.inv.has("--intent");
  const std::string intent = c.inv.get("--intent", "default");
  if (who.empty() && intent != "family_mix") {
    return complain(c,
                    "recommend needs --for NAME (or --intent family_mix for the whole "
                    "household); see recsctl recommend --help",
                    exit_usage);
  }
  std::string q = "/recommendations?";
  std::string sep;
  auto add = [&](const std::string& k, const std::string& v) {
    q += sep + k + "=" + url_encode(v);
    sep = "&";
  };
  if (!who.empty()) add("for", who);
  // Several profiles in --for are a Family Mix already; another intent would be refused.
  if (intent_given || who.empty()) add("intent", intent);
  if (c.inv.has("--seed")) add("seed", c.inv.get("--seed"));
  if (c.inv.has("--limit")) add("limit", c.inv.get("--limit"));
  if (c.inv.has("--only-my-services")) add("only_my_services", "true");
  const bool explain = c.inv.has("--explain");
  if (explain) add("explain", "true");

  api_answer a;
  rapidjson::Document doc;
  if (int rc = call(c, "GET", q, {}, a, doc); rc != exit_ok) return rc;
  if (c.json()) {
    c.term.out << a.body << "\n";
  } else {
    c.term.out << render_slate(doc, explain);
  }
  return exit_ok;
}

int cmd_rate(context& c) {
  api_answer a;
  rapidjson::Document profiles;
  if (int rc = call(c, "GET", "/me/profiles", {}, a, profiles); rc != exit_ok) return rc;
  const std::string who = c.inv.get("--for");
  auto p = find_profile(profiles, who);
  if (!p) {
    return complain(c,
                    "no profile '" + who + "' in this household (" + profile_names(profiles) + ")",
                    exit_refused);
  }
  const std::string verdict = c.inv.get("--verdict");
  const int primary = verdict == "bad" ? 0 : verdict == "good" ? 1 : 2;
  const std::string show = c.inv.get("--show");
  rapidjson::StringBuffer sb;
  rapidjson::Writer<rapidjson::StringBuffer> w(sb);
  w.StartObject();
  w.Key("profile_id");
  w.Int64(p->id);
  w.Key("show_id");
  w.String(show.c_str(), static_cast<rapidjson::SizeType>(show.size()));
  w.Key("primary");
  w.Int(primary);
  if (c.inv.has("--score")) {
    w.Key("score");
    w.Int64(*parse_number(c.inv.get("--score")));
  }
  w.EndObject();

  rapidjson::Document rating;
  if (int rc = call(c, "POST", "/ratings", std::string(sb.GetString(), sb.GetSize()), a, rating);
      rc != exit_ok)
    return rc;
  if (c.json()) {
    c.term.out << a.body << "\n";
  } else {
    c.term.out << render_rating(rating, p->name);
  }
  return exit_ok;
}

int cmd_import_serializd(context& c) {
  api_answer a;
  rapidjson::Document job;
  const std::string path = "/admin/jobs/serializd_import?profile=" + url_encode(c.inv.get("--for"));
  if (int rc = call(c, "POST", path, {}, a, job); rc != exit_ok) return rc;
  if (c.inv.has("--no-wait")) {
    c.term.out << (c.json() ? a.body + "\n" : render_job_line(job));
    return exit_ok;
  }
  if (!c.json()) c.term.err << "started: " << render_job_line(job);
  return follow_job(c, job);
}

}  // namespace recs::cli::internal
