#define BOOST_TEST_MODULE net_static_files
#include <stdlib.h>

#include <boost/test/unit_test.hpp>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "net/static_files.hpp"

namespace fs = std::filesystem;
namespace net = recs::net;

namespace {

void write_file(const fs::path& p, const std::string& text) {
  fs::create_directories(p.parent_path());
  std::ofstream(p, std::ios::binary) << text;
}

// A scratch tree: <base>/web is the root, <base>/secret.txt lies outside it.
struct web_tree {
  fs::path base;
  fs::path root;

  web_tree() {
    std::string tmpl = (fs::temp_directory_path() / "recs_static_XXXXXX").string();
    BOOST_TEST_REQUIRE(::mkdtemp(tmpl.data()) != nullptr);
    base = tmpl;
    root = base / "web";
    write_file(root / "index.html", "<h1>home</h1>");
    write_file(root / "app.js", "console.log(1);");
    write_file(root / "style.css", "body{}");
    write_file(root / "data.json", "{}");
    write_file(root / "logo.svg", "<svg/>");
    write_file(root / "icon.png", std::string("\x89PNG\r\n\x1a\n\0\0", 10));
    write_file(root / "favicon.ico", "ico");
    write_file(root / "notes.txt", "notes");
    write_file(root / "blob.bin", "bin");
    write_file(root / "sub" / "index.html", "<h1>sub</h1>");
    write_file(root / "sub" / "Page.HTML", "<p>page</p>");
    write_file(root / ".secret", "hidden");
    write_file(root / ".hidden" / "x.txt", "hidden dir");
    write_file(base / "secret.txt", "TOP SECRET");
    fs::create_symlink(base / "secret.txt", root / "link.txt");
  }
  ~web_tree() {
    std::error_code ec;
    fs::remove_all(base, ec);
  }
};

net::request get(std::string path, std::string method = "GET") {
  net::request r;
  r.method = std::move(method);
  r.target = path;
  r.path = std::move(path);
  return r;
}

// Both modes must behave alike; every check runs against each.
template <class Check>
void for_both_modes(const web_tree& tree, Check check) {
  for (const bool cache : {true, false}) {
    BOOST_TEST_CONTEXT("cache=" << cache) {
      auto files = net::static_files::open(tree.root.string(), cache);
      BOOST_TEST_REQUIRE(files.ok());
      check(*files);
    }
  }
}

}  // namespace

BOOST_AUTO_TEST_CASE(serves_files_with_content_types) {
  web_tree tree;
  for_both_modes(tree, [](const net::static_files& files) {
    const auto root = files.serve(get("/"));
    BOOST_TEST_REQUIRE(root.has_value());
    BOOST_TEST(root->status == 200u);
    BOOST_TEST(root->body == "<h1>home</h1>");
    BOOST_TEST(root->content_type == "text/html; charset=utf-8");
    BOOST_TEST(files.serve(get("/app.js"))->content_type == "text/javascript; charset=utf-8");
    BOOST_TEST(files.serve(get("/style.css"))->content_type == "text/css; charset=utf-8");
    BOOST_TEST(files.serve(get("/data.json"))->content_type == "application/json");
    BOOST_TEST(files.serve(get("/logo.svg"))->content_type == "image/svg+xml");
    BOOST_TEST(files.serve(get("/favicon.ico"))->content_type == "image/x-icon");
    BOOST_TEST(files.serve(get("/notes.txt"))->content_type == "text/plain; charset=utf-8");
    BOOST_TEST(files.serve(get("/blob.bin"))->content_type == "application/octet-stream");
    const auto png = files.serve(get("/icon.png"));
    BOOST_TEST(png->content_type == "image/png");
    BOOST_TEST(png->body.size() == 10u);  // binary content, NULs included
    BOOST_TEST(files.serve(get("/sub/"))->body == "<h1>sub</h1>");
    BOOST_TEST(files.serve(get("/sub/Page.HTML"))->content_type == "text/html; charset=utf-8");
    BOOST_TEST(files.serve(get("/index.html", "HEAD")).has_value());
  });
}

BOOST_AUTO_TEST_CASE(a_shows_own_address_is_the_page) {
  web_tree tree;
  for_both_modes(tree, [](const net::static_files& files) {
    const auto page = files.serve(get("/show/tt2802850"));
    BOOST_TEST_REQUIRE(page.has_value());
    BOOST_TEST(page->body == "<h1>home</h1>");
    BOOST_TEST(page->content_type == "text/html; charset=utf-8");
    for (const char* not_a_page : {"/show/", "/show/a/b", "/show/..", "/show", "/shows/tt1"})
      BOOST_TEST(!files.serve(get(not_a_page)).has_value(), not_a_page);
    BOOST_TEST(!files.serve(get("/show/tt2802850", "POST")).has_value());
  });
}

BOOST_AUTO_TEST_CASE(missing_files_and_other_methods_are_not_found) {
  web_tree tree;
  for_both_modes(tree, [](const net::static_files& files) {
    BOOST_TEST(!files.serve(get("/nope.html")));
    BOOST_TEST(!files.serve(get("/sub")));  // a directory, not a file
    BOOST_TEST(!files.serve(get("/index.html", "POST")));
    BOOST_TEST(!files.serve(get("/index.html", "DELETE")));
  });
}

BOOST_AUTO_TEST_CASE(path_traversal_is_rejected) {
  web_tree tree;
  // What the server hands over after percent-decoding, e.g. "/%2e%2e/secret.txt".
  const std::string decoded_escape = *net::url_decode("/%2e%2e/secret.txt", false);
  for_both_modes(tree, [&](const net::static_files& files) {
    for (const std::string& path : std::vector<std::string>{
             "/../secret.txt", "/sub/../../secret.txt", "/sub/../index.html", "/./index.html",
             "//etc/passwd", "/etc/passwd", "/..", "/.secret", "/.hidden/x.txt", "/link.txt",
             "/sub\\..\\..\\secret.txt", std::string("/index.html\0.png", 16), "index.html", "",
             decoded_escape}) {
      BOOST_TEST_CONTEXT("path=" << path) {
        BOOST_TEST(!files.serve(get(path)).has_value());
      }
    }
  });
}

BOOST_AUTO_TEST_CASE(relative_file_maps_paths) {
  BOOST_TEST(*net::static_files::relative_file("/") == "index.html");
  BOOST_TEST(*net::static_files::relative_file("/a/b.js") == "a/b.js");
  BOOST_TEST(*net::static_files::relative_file("/a/") == "a/index.html");
  BOOST_TEST(!net::static_files::relative_file("/a//b.js"));
  BOOST_TEST(!net::static_files::relative_file("/a/../b.js"));
}

BOOST_AUTO_TEST_CASE(cache_holds_only_servable_files) {
  web_tree tree;
  auto files = net::static_files::open(tree.root.string(), true);
  BOOST_TEST_REQUIRE(files.ok());
  // 11 servable files: hidden ones and the link leading out of the root are left out.
  BOOST_TEST(files->cached_files() == 11u);
}

BOOST_AUTO_TEST_CASE(uncached_mode_sees_edits) {
  web_tree tree;
  auto files = net::static_files::open(tree.root.string(), false);
  BOOST_TEST_REQUIRE(files.ok());
  write_file(tree.root / "late.txt", "late");
  BOOST_TEST(files->serve(get("/late.txt"))->body == "late");
}

BOOST_AUTO_TEST_CASE(open_rejects_a_missing_root) {
  const auto files = net::static_files::open("/nonexistent/recs/web");
  BOOST_TEST_REQUIRE(!files.ok());
  BOOST_TEST((files.err().code == recs::errc::invalid_argument));
}

BOOST_AUTO_TEST_CASE(fallback_answers_404_json) {
  web_tree tree;
  auto files = net::static_files::open(tree.root.string());
  BOOST_TEST_REQUIRE(files.ok());
  const auto fallback = files->as_fallback();
  net::response out;
  fallback(get("/missing.js"), {}, [&](net::response res) { out = std::move(res); });
  BOOST_TEST(out.status == 404u);
  BOOST_TEST(out.body.find("not_found") != std::string::npos);
  fallback(get("/notes.txt"), {}, [&](net::response res) { out = std::move(res); });
  BOOST_TEST(out.status == 200u);
  BOOST_TEST(out.body == "notes");
}
