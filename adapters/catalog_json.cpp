#include "adapters/catalog_json.hpp"

#include <algorithm>
#include <fstream>
#include <memory>
#include <unordered_set>

#include <rapidjson/document.h>
#include <rapidjson/error/en.h>

#include "adapters/csv_reader.hpp"

namespace recs::adapters {

namespace {

using json_value = rapidjson::Value;

// Per-line field readers. Each returns false and sets `why` when the field has the wrong type.
class line_reader {
 public:
  explicit line_reader(const json_value& obj) : obj_(obj) {}

  bool str(const char* key, std::string& out, bool required = false) {
    const auto it = obj_.FindMember(key);
    if (it == obj_.MemberEnd() || it->value.IsNull()) return !required || fail(key, "is required");
    if (!it->value.IsString()) return fail(key, "must be a string");
    out.assign(it->value.GetString(), it->value.GetStringLength());
    if (required && out.empty()) return fail(key, "must not be empty");
    return true;
  }

  bool integer(const char* key, int& out) {
    const auto it = obj_.FindMember(key);
    if (it == obj_.MemberEnd() || it->value.IsNull()) return true;
    if (!it->value.IsInt()) return fail(key, "must be an integer");
    out = it->value.GetInt();
    return true;
  }

  bool int64(const char* key, std::int64_t& out) {
    const auto it = obj_.FindMember(key);
    if (it == obj_.MemberEnd() || it->value.IsNull()) return true;
    if (!it->value.IsInt64()) return fail(key, "must be an integer");
    out = it->value.GetInt64();
    return true;
  }

  bool number(const char* key, double& out) {
    const auto it = obj_.FindMember(key);
    if (it == obj_.MemberEnd() || it->value.IsNull()) return true;
    if (!it->value.IsNumber()) return fail(key, "must be a number");
    out = it->value.GetDouble();
    return true;
  }

  bool strings(const char* key, std::vector<std::string>& out) {
    const auto it = obj_.FindMember(key);
    if (it == obj_.MemberEnd() || it->value.IsNull()) return true;
    if (!it->value.IsArray()) return fail(key, "must be an array of strings");
    out.clear();
    out.reserve(it->value.Size());
    for (const auto& v : it->value.GetArray()) {
      if (!v.IsString()) return fail(key, "must be an array of strings");
      out.emplace_back(v.GetString(), v.GetStringLength());
    }
    return true;
  }

  const std::string& why() const { return why_; }

 private:
  bool fail(const char* key, const char* what) {
    why_ = std::string("field \"") + key + "\" " + what;
    return false;
  }

  const json_value& obj_;
  std::string why_;
};

bool read_offer(const json_value& v, offer& o, std::string& why) {
  if (!v.IsObject()) {
    why = "each offer must be an object";
    return false;
  }
  line_reader r(v);
  std::string type = "flatrate";
  std::string status = "inferred";
  if (!r.str("provider", o.provider, true) || !r.str("monetization", type) ||
      !r.str("status", status) || !r.str("basis", o.basis) ||
      !r.int64("last_checked_ts", o.last_checked_ts) || !r.str("url", o.url) ||
      !r.str("available_to", o.available_to)) {
    why = "offer " + r.why();
    return false;
  }
  const auto m = parse_monetization(type);
  if (!m) {
    why = "offer monetization \"" + type + "\" is unknown";
    return false;
  }
  o.type = *m;
  if (status != "inferred" && status != "verified") {
    why = "offer status must be \"inferred\" or \"verified\"";
    return false;
  }
  o.inferred = status == "inferred";
  return true;
}

bool read_entry(const json_value& v, catalog_entry& e, std::string& why) {
  if (!v.IsObject()) {
    why = "not a JSON object";
    return false;
  }
  line_reader r(v);
  show& s = e.item;
  std::string classification;
  const bool ok = r.str("id", s.id, true) && r.str("title", s.title, true) &&
                  r.integer("year", s.year) && r.strings("genres", s.genres) &&
                  r.str("premise", s.premise) && r.integer("seasons", s.seasons) &&
                  r.integer("runtime", s.runtime) && r.strings("countries", s.countries) &&
                  r.str("network", s.network) && r.number("imdb_score", s.imdb_score) &&
                  r.number("imdb_votes", s.imdb_votes) && r.number("tmdb_score", s.tmdb_score) &&
                  r.number("tmdb_popularity", s.tmdb_popularity) &&
                  r.str("classification", classification) && r.strings("sources", e.sources);
  if (!ok) {
    why = r.why();
    return false;
  }
  if (!classification.empty()) {
    const auto m = parse_maturity(classification);
    if (!m) {
      why = "classification \"" + classification + "\" is unknown";
      return false;
    }
    s.rating = *m;
  }
  const auto offers = v.FindMember("offers");
  if (offers != v.MemberEnd() && !offers->value.IsNull()) {
    if (!offers->value.IsArray()) {
      why = "field \"offers\" must be an array";
      return false;
    }
    s.offers.resize(offers->value.Size());
    for (rapidjson::SizeType i = 0; i < offers->value.Size(); ++i) {
      if (!read_offer(offers->value[i], s.offers[i], why)) return false;
    }
  }
  return true;
}

bool is_blank(std::string_view line) {
  for (char c : line) {
    if (c != ' ' && c != '\t' && c != '\r') return false;
  }
  return true;
}

std::size_t count_lines(std::string_view text) {
  return static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n')) + 1;
}

// Calls fn(line) for each '\n'-separated line (the last may lack '\n'); stops when fn is false.
template <class Fn>
bool for_each_line(std::string_view text, Fn&& fn) {
  while (!text.empty()) {
    const std::size_t nl = text.find('\n');
    const std::string_view line = text.substr(0, nl);
    text.remove_prefix(nl == std::string_view::npos ? text.size() : nl + 1);
    if (!fn(line)) return false;
  }
  return true;
}

// Parses catalog lines one at a time, numbering them and rejecting repeated ids. One line's
// DOM lives in a fixed buffer that is recycled per line, so parsing does not churn the heap.
class line_parser {
 public:
  line_parser()
      : pool_buffer_(new char[kPoolBytes]), pool_(pool_buffer_.get(), kPoolBytes), doc_(&pool_) {}

  // Parses the next physical line into `e`; `got` tells whether it held an entry (blank lines
  // do not). False on error, see err().
  bool next(std::string_view line, catalog_entry& e, bool& got) {
    ++line_no_;
    got = false;
    if (is_blank(line)) return true;
    pool_.Clear();
    doc_.Parse(line.data(), line.size());
    if (doc_.HasParseError()) {
      return fail(std::string("invalid JSON (") +
                  rapidjson::GetParseError_En(doc_.GetParseError()) + " at column " +
                  std::to_string(doc_.GetErrorOffset() + 1) + ")");
    }
    std::string why;
    if (!read_entry(doc_, e, why)) return fail(why);
    if (!ids_.insert(e.item.id).second) return fail("duplicate id " + e.item.id);
    got = true;
    return true;
  }

  bool failed() const { return failed_; }
  const error& err() const { return err_; }

 private:
  static constexpr std::size_t kPoolBytes = 64 * 1024;

  bool fail(const std::string& what) {
    failed_ = true;
    err_ = error{errc::invalid_argument, "line " + std::to_string(line_no_) + ": " + what};
    return false;
  }

  std::unique_ptr<char[]> pool_buffer_;
  rapidjson::MemoryPoolAllocator<> pool_;
  rapidjson::Document doc_;
  std::unordered_set<std::string> ids_;
  std::size_t line_no_ = 0;
  bool failed_ = false;
  error err_;
};

}  // namespace

result<std::vector<catalog_entry>> parse_catalog_entries(std::string_view text) {
  std::vector<catalog_entry> out;
  out.reserve(count_lines(text));
  line_parser parser;
  catalog_entry e;
  bool got = false;
  for_each_line(text, [&](std::string_view line) {
    e = catalog_entry{};
    if (!parser.next(line, e, got)) return false;
    if (got) out.push_back(std::move(e));
    return true;
  });
  if (parser.failed()) return parser.err();
  return out;
}

result<std::vector<show>> parse_catalog_jsonl(std::string_view text) {
  std::vector<show> out;
  out.reserve(count_lines(text));
  line_parser parser;
  catalog_entry e;
  bool got = false;
  for_each_line(text, [&](std::string_view line) {
    e.item = show{};
    if (!parser.next(line, e, got)) return false;
    if (got) out.push_back(std::move(e.item));
    return true;
  });
  if (parser.failed()) return parser.err();
  return out;
}

result<std::vector<show>> load_catalog_file(const std::string& path) {
  // Streamed in blocks: the whole file is never held in memory at once.
  std::ifstream in(path, std::ios::binary);
  if (!in) return error{errc::not_found, "cannot open " + path};
  std::vector<show> out;
  line_parser parser;
  catalog_entry e;
  bool got = false;
  auto on_line = [&](std::string_view line) {
    e.item = show{};
    if (!parser.next(line, e, got)) return false;
    if (got) out.push_back(std::move(e.item));
    return true;
  };
  static constexpr std::size_t kBlock = 1 << 20;
  std::string buf;
  std::string block(kBlock, '\0');
  bool ok = true;
  while (ok && in) {
    in.read(block.data(), static_cast<std::streamsize>(kBlock));
    const auto n = static_cast<std::size_t>(in.gcount());
    if (n == 0) break;
    buf.append(block.data(), n);
    const std::size_t last_nl = buf.rfind('\n');
    if (last_nl == std::string::npos) continue;
    ok = for_each_line(std::string_view(buf).substr(0, last_nl + 1), on_line);
    buf.erase(0, last_nl + 1);
  }
  if (ok && in.bad()) return error{errc::internal, "cannot read " + path};
  if (ok && !buf.empty()) ok = for_each_line(buf, on_line);
  if (!ok) return error{parser.err().code, path + ": " + parser.err().message};
  return out;
}

result<std::vector<provider>> parse_providers_json(std::string_view text) {
  rapidjson::Document doc;
  doc.Parse(text.data(), text.size());
  if (doc.HasParseError()) {
    return error{errc::invalid_argument, std::string("providers: invalid JSON (") +
                                             rapidjson::GetParseError_En(doc.GetParseError()) +
                                             " at offset " + std::to_string(doc.GetErrorOffset()) +
                                             ")"};
  }
  if (!doc.IsArray()) return error{errc::invalid_argument, "providers: not a JSON array"};
  std::vector<provider> out;
  for (rapidjson::SizeType i = 0; i < doc.Size(); ++i) {
    const json_value& v = doc[i];
    provider p;
    const auto fta = v.IsObject() ? v.FindMember("free_to_air") : v.MemberEnd();
    line_reader r(v);
    if (!v.IsObject() || !r.str("id", p.id, true) || !r.str("name", p.name, true) ||
        (fta != v.MemberEnd() && !fta->value.IsBool())) {
      return error{errc::invalid_argument, "providers: entry " + std::to_string(i + 1) +
                                               " needs string id and name, bool free_to_air"};
    }
    p.free_to_air = fta != v.MemberEnd() && fta->value.GetBool();
    out.push_back(std::move(p));
  }
  return out;
}

result<std::vector<provider>> load_providers_file(const std::string& path) {
  auto text = read_text_file(path);
  if (!text) return text.err();
  auto providers = parse_providers_json(*text);
  if (!providers) return error{providers.err().code, path + ": " + providers.err().message};
  return providers;
}

}  // namespace recs::adapters
