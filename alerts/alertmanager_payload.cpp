// Alertmanager webhook notifications: JSON -> webhook_payload, checked field by field.
#include "alerts/alertmanager_payload.hpp"

#include <rapidjson/document.h>
#include <rapidjson/error/en.h>

#include "alerts/rfc3339.hpp"
#include "alerts/utf8.hpp"

namespace recs::alerts {

namespace {

using json = rapidjson::Value;

/// `s` in quotes for an error message, cut to 40 bytes: messages never echo a whole input.
std::string quoted(std::string_view s) {
  return "\"" + truncate_utf8(s, 40) + "\"";
}

/// Reads the members of one JSON object. The first failure is kept in `why` as "<path> <what>";
/// every read after it returns false, so reads chain with &&.
class reader {
 public:
  reader(const json& v, std::string path, const payload_limits& limits, std::string& why)
      : v_(v), path_(std::move(path)), limits_(limits), why_(why) {
    if (!v.IsObject()) fail_at(path_.empty() ? "body" : path_, "must be an object");
  }

  std::string at(std::string_view key) const {
    return path_.empty() ? std::string(key) : path_ + "." + std::string(key);
  }

  bool fail_at(const std::string& where, const std::string& what) {
    if (why_.empty()) why_ = where + " " + what;
    return false;
  }

  /// The member `key`, or nullptr when it is missing or null (a failure when `required`).
  const json* member(const char* key, bool required) {
    if (!why_.empty()) return nullptr;
    const auto it = v_.FindMember(key);
    if (it == v_.MemberEnd() || it->value.IsNull()) {
      if (required) fail_at(at(key), "is required");
      return nullptr;
    }
    return &it->value;
  }

  bool str(const char* key, std::string& out, bool required, std::size_t max_bytes) {
    const json* m = member(key, required);
    if (m == nullptr) return why_.empty();
    if (!m->IsString()) return fail_at(at(key), "must be a string");
    if (m->GetStringLength() > max_bytes)
      return fail_at(at(key), "is longer than " + std::to_string(max_bytes) + " bytes");
    out.assign(m->GetString(), m->GetStringLength());
    if (required && out.empty()) return fail_at(at(key), "must not be empty");
    return true;
  }

  bool status(const char* key, alert_status& out) {
    std::string s;
    if (!str(key, s, true, limits_.max_string_bytes)) return false;
    if (s == "firing") {
      out = alert_status::firing;
    } else if (s == "resolved") {
      out = alert_status::resolved;
    } else {
      return fail_at(at(key), "must be \"firing\" or \"resolved\" (got " + quoted(s) + ")");
    }
    return true;
  }

  /// An RFC 3339 time; `out_s` is left alone when the member is absent and not required.
  bool time(const char* key, std::string& out, std::optional<std::int64_t>& out_s, bool required) {
    if (!str(key, out, required, limits_.max_string_bytes)) return false;
    if (out.empty()) return true;
    out_s = parse_rfc3339(out);
    if (!out_s) return fail_at(at(key), "is not an RFC 3339 time (" + quoted(out) + ")");
    return true;
  }

  /// An object of strings (labels, annotations), each value at most `max_value` bytes.
  bool pairs(const char* key, kv_map& out, bool required, std::size_t max_value) {
    const json* m = member(key, required);
    if (m == nullptr) return why_.empty();
    if (!m->IsObject()) return fail_at(at(key), "must be an object of strings");
    if (m->MemberCount() > limits_.max_pairs)
      return fail_at(at(key), "has more than " + std::to_string(limits_.max_pairs) + " entries");
    for (const auto& kv : m->GetObject()) {
      const std::string name(kv.name.GetString(), kv.name.GetStringLength());
      if (name.empty()) return fail_at(at(key), "has an empty name");
      if (name.size() > limits_.max_name_bytes)
        return fail_at(
            at(key), "has a name longer than " + std::to_string(limits_.max_name_bytes) + " bytes");
      if (!kv.value.IsString()) return fail_at(at(key) + "." + name, "must be a string");
      if (kv.value.GetStringLength() > max_value)
        return fail_at(at(key) + "." + name,
                       "is longer than " + std::to_string(max_value) + " bytes");
      out.emplace(name, std::string(kv.value.GetString(), kv.value.GetStringLength()));
    }
    return true;
  }

  bool count(const char* key, std::int64_t& out) {
    const json* m = member(key, false);
    if (m == nullptr) return why_.empty();
    if (!m->IsInt64() || m->GetInt64() < 0)
      return fail_at(at(key), "must be a non-negative integer");
    out = m->GetInt64();
    return true;
  }

 private:
  const json& v_;
  std::string path_;
  const payload_limits& limits_;
  std::string& why_;
};

bool read_alert(const json& v, const std::string& path, const payload_limits& limits, alert& a,
                std::string& why) {
  reader r(v, path, limits, why);
  std::optional<std::int64_t> starts;
  const bool ok = r.status("status", a.status) &&
                  r.pairs("labels", a.labels, true, limits.max_label_value_bytes) &&
                  r.pairs("annotations", a.annotations, false, limits.max_annotation_value_bytes) &&
                  r.time("startsAt", a.starts_at, starts, true) &&
                  r.time("endsAt", a.ends_at, a.ends_at_s, false) &&
                  r.str("generatorURL", a.generator_url, false, limits.max_string_bytes) &&
                  r.str("fingerprint", a.fingerprint, true, limits.max_string_bytes);
  if (!ok) return false;
  a.starts_at_s = *starts;
  if (a.ends_at_s && *a.ends_at_s <= go_zero_time_s) a.ends_at_s.reset();
  return true;
}

std::string_view get(const kv_map& m, const char* key) {
  const auto it = m.find(key);
  return it == m.end() ? std::string_view() : std::string_view(it->second);
}

}  // namespace

std::string_view to_string(alert_status s) {
  return s == alert_status::firing ? "firing" : "resolved";
}

std::string_view alert::name() const {
  return get(labels, "alertname");
}

std::string_view alert::severity() const {
  return get(labels, "severity");
}

std::string_view alert::summary() const {
  const auto s = get(annotations, "summary");
  return s.empty() ? get(annotations, "description") : s;
}

std::size_t webhook_payload::firing_count() const {
  std::size_t n = 0;
  for (const auto& a : alerts) n += a.status == alert_status::firing ? 1 : 0;
  return n;
}

std::size_t webhook_payload::resolved_count() const {
  return alerts.size() - firing_count();
}

result<webhook_payload> parse_alertmanager_payload(std::string_view body,
                                                   const payload_limits& limits) {
  const auto invalid = [](std::string msg) {
    return error{errc::invalid_argument, "alertmanager payload: " + std::move(msg)};
  };
  if (body.size() > limits.max_body_bytes)
    return invalid("body is longer than " + std::to_string(limits.max_body_bytes) + " bytes");
  rapidjson::Document doc;
  doc.Parse<rapidjson::kParseValidateEncodingFlag>(body.data(), body.size());
  if (doc.HasParseError()) {
    return invalid(std::string("body is not JSON: ") +
                   rapidjson::GetParseError_En(doc.GetParseError()) + " at offset " +
                   std::to_string(doc.GetErrorOffset()));
  }

  webhook_payload p;
  std::string why;
  reader r(doc, "", limits, why);
  if (r.str("version", p.version, true, limits.max_string_bytes) && p.version != "4") {
    return invalid("version must be \"4\" (got " + quoted(p.version) + ")");
  }
  const bool header_ok =
      r.str("groupKey", p.group_key, true, limits.max_group_key_bytes) &&
      r.count("truncatedAlerts", p.truncated_alerts) && r.status("status", p.status) &&
      r.str("receiver", p.receiver, true, limits.max_string_bytes) &&
      r.pairs("groupLabels", p.group_labels, false, limits.max_label_value_bytes) &&
      r.pairs("commonLabels", p.common_labels, false, limits.max_label_value_bytes) &&
      r.pairs("commonAnnotations", p.common_annotations, false,
              limits.max_annotation_value_bytes) &&
      r.str("externalURL", p.external_url, false, limits.max_string_bytes);
  const json* alerts = header_ok ? r.member("alerts", true) : nullptr;
  if (alerts != nullptr) {
    if (!alerts->IsArray()) {
      r.fail_at("alerts", "must be an array");
    } else if (alerts->Size() > limits.max_alerts) {
      r.fail_at("alerts", "has more than " + std::to_string(limits.max_alerts) + " entries");
    } else {
      p.alerts.resize(alerts->Size());
      for (rapidjson::SizeType i = 0; i < alerts->Size(); ++i) {
        const std::string path = "alerts[" + std::to_string(i) + "]";
        if (!read_alert((*alerts)[i], path, limits, p.alerts[i], why)) break;
      }
    }
  }
  if (!why.empty()) return invalid(why);
  return p;
}

}  // namespace recs::alerts
