// TOML helpers over toml++: parsing with a clear error and reading typed
// keys with their key path ("limits[1].max") in every error.
#ifndef VERITY_CORE_TOML_H_
#define VERITY_CORE_TOML_H_

#include <toml++/toml.h>

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.h"
#include "core/status.h"

namespace verity {

// Parses `text`. Every error is InvalidArgument "<source>: line L, column C:
// <what>": text that is not UTF-8, a line with more than
// limits::kMaxTomlDotsPerLine '.' outside strings and comments (which
// bounds how deep dotted keys and table headers nest: toml++ limits nested
// values to 256 but walks the finished tree recursively, and a key of
// 300,000 segments overflows the stack), or invalid TOML. With the bound, no
// value nests deeper than 3 * 256 levels.
StatusOr<toml::table> ParseToml(std::string_view text, std::string_view source);

// Reads the keys of one TOML table; every error is InvalidArgument naming
// the key path and what was expected.
class TomlReader {
 public:
  // `table` must outlive the reader; `path` is the table's own key path
  // ("" for the root).
  TomlReader(const toml::table& table, std::string path);

  const std::string& path() const { return path_; }
  std::string PathOf(std::string_view key) const;
  bool Has(std::string_view key) const { return table_.contains(key); }

  StatusOr<std::string> String(std::string_view key) const;
  StatusOr<std::string> OptString(std::string_view key, std::string fallback) const;
  StatusOr<int64_t> Int(std::string_view key, int64_t min, int64_t max) const;
  StatusOr<int64_t> OptInt(std::string_view key, int64_t min, int64_t max, int64_t fallback) const;
  StatusOr<double> Double(std::string_view key, double min, double max) const;
  StatusOr<double> OptDouble(std::string_view key, double min, double max, double fallback) const;
  StatusOr<bool> OptBool(std::string_view key, bool fallback) const;
  // A TOML date (2011-02-05) or a string "2011-02-05".
  StatusOr<Date> DateValue(std::string_view key) const;
  StatusOr<const toml::table*> Table(std::string_view key) const;
  // An array of tables ([[key]]); empty if absent.
  StatusOr<std::vector<const toml::table*>> Tables(std::string_view key) const;
  // An array of strings; empty if absent.
  StatusOr<std::vector<std::string>> Strings(std::string_view key) const;

  // InvalidArgument naming the first key not in `known`.
  Status RejectUnknown(std::initializer_list<std::string_view> known) const;

 private:
  StatusOr<const toml::node*> Node(std::string_view key) const;
  Status Expected(std::string_view key, std::string_view what) const;
  const toml::table& table_;
  std::string path_;
};

}  // namespace verity

#endif  // VERITY_CORE_TOML_H_
