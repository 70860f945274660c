#pragma once

#include <functional>
#include <string>
#include <vector>

#include "config/settings.hpp"
#include "core/result.hpp"

namespace recs::config {

/// How a setting's value is written; decides its parsing, its check and how --help shows it.
enum class kind {
  text,     ///< any string, unless `expects` names a check (a URL, a country code, ...)
  integer,  ///< a whole number in [min, max]
  number,   ///< a decimal number in [min, max]
  boolean,  ///< 1/true/yes/on or 0/false/no/off/empty; as a flag it takes no value
  list,     ///< comma-separated; items trimmed and lower-cased; empty items dropped
  choice,   ///< one of `choices`, any case, stored lower-case
};

/// The parsing half of a row, built by the helpers in options.cpp (integer(), text(), ...) so
/// that the kind, the range and the member it sets cannot disagree.
struct value_spec {
  kind type = kind::text;
  double min = 0;                    ///< integer, number: the smallest value allowed
  double max = 0;                    ///< integer, number: the largest value allowed
  std::vector<std::string> choices;  ///< choice: the values allowed
  std::string expects;               ///< what a valid value is, for errors ("" for plain text)
  bool secret = false;  ///< a password, token or webhook URL: never shown, never repeated
  /// Default used when DEV_MODE is on and the variable is not set at all ("" = none).
  std::string dev_default;
  /// Parses `value` and stores it in its member; false (member unchanged) when it is invalid.
  std::function<bool(settings&, const std::string& value)> store;

  /// store(), or an errc::invalid_argument error naming `name` and saying what it expects (and
  /// repeating the value unless it is a secret).
  status apply(settings& s, const std::string& name, const std::string& value) const;
};

/// The parts of --help the rows are grouped under, in this order.
enum class section { service, accounts, storage, sync, family, operations };

/// One row of the option table: everything about one setting, written once.
struct option {
  section part;
  const char* env;            ///< environment variable; nullptr: a flag only
  const char* flag;           ///< "--port N" (flag and value name); nullptr: environment only
  const char* default_value;  ///< as a user would write it; parsed into the struct's default
  value_spec value;
  const char* help;  ///< one line, shown by --help

  /// The name errors use: the environment variable, else the flag.
  std::string name() const;
  /// The flag without its value name ("--port"); "" when there is no flag.
  std::string flag_name() const;
};

/// The option table: every setting of recs-server, in --help order.
const std::vector<option>& options();

/// The title and the note (may be "") --help prints above a section's rows.
const char* section_title(section s);
const char* section_note(section s);

}  // namespace recs::config
