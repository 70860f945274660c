// recs-import: builds the bundled catalog (data/catalog.jsonl, providers.json, ATTRIBUTION.md)
// from the public data files. All mapping is in recs::adapters; this file only does file I/O.

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>
#include <string_view>
#include <vector>

#include "adapters/attribution.hpp"
#include "adapters/au_providers.hpp"
#include "adapters/catalog_import.hpp"
#include "adapters/catalog_json.hpp"
#include "adapters/csv_reader.hpp"

namespace {

namespace fs = std::filesystem;
namespace ad = recs::adapters;

constexpr std::string_view kUsage =
    "usage: recs-import --source DIR --out DIR\n"
    "\n"
    "Builds the bundled TV catalog from the public data files.\n"
    "  --source DIR  the data directory (e.g. ../shared/data) holding justwatch-us-2023/,\n"
    "                justwatch-us-2022/, streaming-catalogs-kaggle-2021/, tvmaze-top-shows/\n"
    "                and optionally tv-shows-on-streaming-platforms/\n"
    "  --out DIR     where to write catalog.jsonl, providers.json and ATTRIBUTION.md\n"
    "  --help        this text\n"
    "Exit status: 0 on success, 1 when an input is missing or malformed or an output cannot be\n"
    "written, 2 on a usage error.\n";

struct options {
  std::string source;
  std::string out;
};

int usage_error(const std::string& message) {
  std::cerr << "recs-import: " << message << "\n\n" << kUsage;
  return 2;
}

bool write_file(const fs::path& path, const std::string& content) {
  const fs::path tmp = path.string() + ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out) return false;
    out.write(content.data(), static_cast<std::streamsize>(content.size()));
    if (!out) return false;
  }
  std::error_code ec;
  fs::rename(tmp, path, ec);
  return !ec;
}

int run(const options& opt) {
  std::error_code ec;
  if (!fs::is_directory(opt.source, ec)) {
    std::cerr << "recs-import: source directory not found: " << opt.source << "\n";
    return 1;
  }
  std::vector<ad::loaded_source> sources;
  std::vector<std::string> missing;
  for (const auto& spec : ad::catalog_sources()) {
    const fs::path path = fs::path(opt.source) / spec.relative_path;
    if (!fs::exists(path, ec)) {
      if (spec.required) {
        missing.push_back(path.string());
      } else {
        std::cout << "note: optional source missing, skipped: " << path.string() << "\n";
      }
      continue;
    }
    auto table = ad::read_csv_file(path.string());
    if (!table) {
      std::cerr << "recs-import: " << table.err().message << "\n";
      return 1;
    }
    sources.push_back({spec, std::move(*table)});
  }
  if (!missing.empty()) {
    std::cerr << "recs-import: required source file(s) missing:\n";
    for (const auto& m : missing) std::cerr << "  " << m << "\n";
    return 1;
  }

  auto built = ad::build_catalog(sources);
  if (!built) {
    std::cerr << "recs-import: " << built.err().message << "\n";
    return 1;
  }

  fs::create_directories(opt.out, ec);
  if (ec) {
    std::cerr << "recs-import: cannot create " << opt.out << ": " << ec.message() << "\n";
    return 1;
  }
  const fs::path out_dir(opt.out);
  const std::pair<fs::path, std::string> outputs[] = {
      {out_dir / "catalog.jsonl", ad::to_jsonl(built->entries)},
      {out_dir / "providers.json", ad::providers_to_json(ad::au_providers())},
      {out_dir / "ATTRIBUTION.md", ad::attribution_markdown(built->stats)},
  };
  for (const auto& [path, content] : outputs) {
    if (!write_file(path, content)) {
      std::cerr << "recs-import: cannot write " << path.string() << "\n";
      return 1;
    }
  }
  std::cout << ad::format_stats(built->stats);
  for (const auto& [path, content] : outputs) {
    std::cout << "wrote " << path.string() << " (" << content.size() << " bytes)\n";
  }
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
    if (arg == "--source" || arg == "--out") {
      if (i + 1 >= argc) return usage_error(std::string(arg) + " needs a directory");
      (arg == "--source" ? opt.source : opt.out) = argv[++i];
      continue;
    }
    return usage_error("unexpected argument: " + std::string(arg));
  }
  if (opt.source.empty()) return usage_error("--source DIR is required");
  if (opt.out.empty()) return usage_error("--out DIR is required");
  return run(opt);
}
