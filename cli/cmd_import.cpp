// import imdb|trakt|netflix|serializd FILE: uploads an export file (POST /imports/{format}).
#include <fstream>
#include <iterator>
#include <sstream>

#include "cli/command_context.hpp"
#include "cli/json_util.hpp"
#include "cli/views.hpp"

namespace recs::cli::internal {

int cmd_import_file(context& c, const std::string& format) {
  const std::string path = c.inv.positionals.front();
  std::ifstream in(path, std::ios::binary);
  if (!in) return complain(c, "cannot read " + path, exit_refused);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  if (!in && !in.eof()) return complain(c, "cannot read " + path, exit_refused);
  std::string target = "/imports/" + format + "?profile=" + url_encode(c.inv.get("--for"));
  if (c.inv.has("--dry-run")) target += "&dry_run=true";
  if (c.inv.has("--netflix-profile"))
    target += "&netflix_profile=" + url_encode(c.inv.get("--netflix-profile"));
  api_answer a;
  rapidjson::Document report;
  if (int rc = call(c, "POST", target, bytes.str(), a, report); rc != exit_ok) return rc;
  c.term.out << (c.json() ? a.body + "\n" : render_import_report(report));
  return exit_ok;
}

}  // namespace recs::cli::internal
