#pragma once

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <cmath>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace recs::net {

namespace internal {

/// Length of the valid UTF-8 sequence starting at s[i], or 0 when it is malformed.
inline std::size_t utf8_sequence_length(std::string_view s, std::size_t i) noexcept {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
  const unsigned char c = byte(i);
  if (c < 0x80) return 1;
  std::size_t n = 0;
  std::uint32_t cp = 0;
  if ((c & 0xE0) == 0xC0) {
    n = 2;
    cp = c & 0x1F;
  } else if ((c & 0xF0) == 0xE0) {
    n = 3;
    cp = c & 0x0F;
  } else if ((c & 0xF8) == 0xF0) {
    n = 4;
    cp = c & 0x07;
  } else {
    return 0;
  }
  if (i + n > s.size()) return 0;
  for (std::size_t k = 1; k < n; ++k) {
    if ((byte(i + k) & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (byte(i + k) & 0x3F);
  }
  // Reject overlong forms, UTF-16 surrogates and code points past U+10FFFF.
  static constexpr std::uint32_t min_cp[] = {0, 0, 0x80, 0x800, 0x10000};
  if (cp < min_cp[n] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
  return n;
}

}  // namespace internal

/// Returns `s` with every malformed UTF-8 byte replaced by U+FFFD, so that the JSON we emit is
/// always valid whatever bytes a client or an upstream sent.
inline std::string sanitize_utf8(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) {
    const std::size_t n = internal::utf8_sequence_length(s, i);
    if (n == 0) {
      out += "\xEF\xBF\xBD";
      ++i;
    } else {
      out.append(s.data() + i, n);
      i += n;
    }
  }
  return out;
}

/// The one JSON writer of net/: a thin layer over rapidjson::Writer<StringBuffer> with string_view
/// keys and values (UTF-8 sanitised: a malformed byte becomes U+FFFD), non-finite doubles written
/// as null, and the text as a std::string. Every response body is written through it, never by
/// concatenating JSON text. Calls chain: `w.begin_object().key("id").value(7).end_object();`.
/// Misnesting is a bug caught by RapidJSON's assertions in debug builds.
class json_writer {
 public:
  using raw_writer = rapidjson::Writer<rapidjson::StringBuffer>;

  json_writer() : writer_(buffer_) {}
  json_writer(const json_writer&) = delete;
  json_writer& operator=(const json_writer&) = delete;

  json_writer& begin_object() { return done(writer_.StartObject()); }
  json_writer& end_object() { return done(writer_.EndObject()); }
  json_writer& begin_array() { return done(writer_.StartArray()); }
  json_writer& end_array() { return done(writer_.EndArray()); }

  json_writer& key(std::string_view k) {
    if (is_valid_utf8(k)) return done(writer_.Key(data(k), size(k)));
    const std::string clean = sanitize_utf8(k);
    return done(writer_.Key(clean.data(), size(clean)));
  }

  json_writer& value(std::string_view v) {
    if (is_valid_utf8(v)) return done(writer_.String(data(v), size(v)));
    const std::string clean = sanitize_utf8(v);
    return done(writer_.String(clean.data(), size(clean)));
  }
  json_writer& value(const char* v) { return value(std::string_view(v)); }
  json_writer& value(const std::string& v) { return value(std::string_view(v)); }
  json_writer& value(bool v) { return done(writer_.Bool(v)); }
  json_writer& value(int v) { return done(writer_.Int(v)); }
  json_writer& value(unsigned v) { return done(writer_.Uint(v)); }
  json_writer& value(long v) { return done(writer_.Int64(v)); }
  json_writer& value(unsigned long v) { return done(writer_.Uint64(v)); }
  json_writer& value(long long v) { return done(writer_.Int64(v)); }
  json_writer& value(unsigned long long v) { return done(writer_.Uint64(v)); }
  json_writer& value(double v) {
    if (!std::isfinite(v)) return null();
    return done(writer_.Double(v));
  }
  json_writer& null() { return done(writer_.Null()); }
  /// The value, or null when there is none.
  template <class T>
  json_writer& value(const std::optional<T>& v) {
    return v ? value(*v) : null();
  }

  /// A string, or null when it is empty.
  json_writer& string_or_null(std::string_view v) { return v.empty() ? null() : value(v); }

  /// `v` rounded half away from zero to `places` decimals, as std::lround(v * 10^places) /
  /// 10^places would, but never "-0.0" and without overflow; null when not finite.
  json_writer& rounded(double v, int places) {
    double scale = 1;
    for (int i = 0; i < places; ++i) scale *= 10;
    const double scaled = v * scale;
    if (!std::isfinite(scaled)) return value(v);  // null, or too large for decimals to matter
    double r = std::round(scaled) / scale;
    if (r == 0) r = 0;  // -0.0 -> 0.0
    return value(r);
  }

  /// An array of the elements of `xs` (anything `value` takes), e.g. a std::vector<std::string>.
  template <class Range>
  json_writer& array(const Range& xs) {
    begin_array();
    for (const auto& x : xs) value(x);
    return end_array();
  }

  /// An array with what `each(*this, x)` writes for every element `x` of `xs`.
  template <class Range, class Each>
  json_writer& array_of(const Range& xs, Each each) {
    begin_array();
    for (const auto& x : xs) each(*this, x);
    return end_array();
  }

  /// Shorthand for `key(k).value(v)`.
  template <class T>
  json_writer& member(std::string_view k, const T& v) {
    return key(k).value(v);
  }
  /// Shorthand for `key(k).rounded(v, places)`.
  json_writer& member_rounded(std::string_view k, double v, int places) {
    return key(k).rounded(v, places);
  }

  /// False once any write was rejected (e.g. a key outside an object).
  bool ok() const noexcept { return ok_; }
  /// The text written so far.
  std::string str() const { return std::string(buffer_.GetString(), buffer_.GetSize()); }
  std::string_view view() const noexcept { return {buffer_.GetString(), buffer_.GetSize()}; }

 private:
  static bool is_valid_utf8(std::string_view s) noexcept {
    for (std::size_t i = 0; i < s.size();) {
      const std::size_t n = internal::utf8_sequence_length(s, i);
      if (n == 0) return false;
      i += n;
    }
    return true;
  }
  /// Never null (RapidJSON asserts on a null pointer, even for an empty string).
  static const char* data(std::string_view s) noexcept { return s.empty() ? "" : s.data(); }
  static rapidjson::SizeType size(std::string_view s) noexcept {
    return static_cast<rapidjson::SizeType>(s.size());
  }
  json_writer& done(bool accepted) {
    ok_ = ok_ && accepted;
    return *this;
  }

  rapidjson::StringBuffer buffer_;
  raw_writer writer_;
  bool ok_ = true;
};

}  // namespace recs::net
