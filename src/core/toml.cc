#include "core/toml.h"

#include <algorithm>
#include <sstream>

#include "core/limits.h"
#include "core/text.h"

namespace verity {
namespace {

// Skips the string that starts at text[i] (a quote), returning the offset
// just past it (text.size() if unterminated: the parser reports that).
size_t SkipTomlString(std::string_view text, size_t i) {
  const char q = text[i];
  const bool multi = text.substr(i, 3) == std::string_view(q == '"' ? "\"\"\"" : "'''");
  const std::string_view close = multi ? text.substr(i, 3) : text.substr(i, 1);
  size_t j = i + close.size();
  while (j < text.size()) {
    if (q == '"' && text[j] == '\\') {
      j += 2;
    } else if (text.substr(j, close.size()) == close) {
      j += close.size();
      // A multi-line string may end in up to two more quotes ("""a"""").
      while (multi && j < text.size() && text[j] == q) ++j;
      return j;
    } else if (!multi && text[j] == '\n') {
      return j;
    } else {
      ++j;
    }
  }
  return j;
}

// OK if no line holds more than `max_dots` '.' outside strings and comments.
Status CheckDotsPerLine(std::string_view text, std::string_view source, int max_dots) {
  int dots = 0;
  for (size_t i = 0; i < text.size();) {
    const char c = text[i];
    if (c == '"' || c == '\'') {
      i = SkipTomlString(text, i);
    } else if (c == '#') {
      while (i < text.size() && text[i] != '\n') ++i;
    } else {
      if (c == '\n') dots = 0;
      if (c == '.' && ++dots > max_dots) {
        const auto [line, col] = LineColumn(text, i);
        return InvalidArgument(std::string(source) + ": line " + std::to_string(line) +
                               ", column " + std::to_string(col) + ": more than " +
                               std::to_string(max_dots) +
                               " '.' on one line outside strings (the limit on dotted keys)");
      }
      ++i;
    }
  }
  return Status::Ok();
}

}  // namespace

StatusOr<toml::table> ParseToml(std::string_view text, std::string_view source) {
  VERITY_RETURN_IF_ERROR(CheckUtf8Text(text, source));
  VERITY_RETURN_IF_ERROR(CheckDotsPerLine(text, source, limits::kMaxTomlDotsPerLine));
  try {
    return toml::parse(text, source);
  } catch (const toml::parse_error& e) {
    const auto& b = e.source().begin;
    return InvalidArgument(std::string(source) + ": line " + std::to_string(b.line) + ", column " +
                           std::to_string(b.column) +
                           ": invalid TOML: " + std::string(e.description()));
  }
}

TomlReader::TomlReader(const toml::table& table, std::string path)
    : table_(table), path_(std::move(path)) {}

std::string TomlReader::PathOf(std::string_view key) const {
  return path_.empty() ? std::string(key) : path_ + "." + std::string(key);
}

Status TomlReader::Expected(std::string_view key, std::string_view what) const {
  return InvalidArgument(PathOf(key) + ": expected " + std::string(what));
}

StatusOr<const toml::node*> TomlReader::Node(std::string_view key) const {
  const toml::node* n = table_.get(key);
  if (n == nullptr) return InvalidArgument(PathOf(key) + ": missing (required)");
  return n;
}

StatusOr<std::string> TomlReader::String(std::string_view key) const {
  VERITY_ASSIGN_OR_RETURN(const toml::node* n, Node(key));
  if (!n->is_string()) return Expected(key, "a string");
  return std::string(n->as_string()->get());
}

StatusOr<std::string> TomlReader::OptString(std::string_view key, std::string fallback) const {
  return Has(key) ? String(key) : StatusOr<std::string>(std::move(fallback));
}

StatusOr<int64_t> TomlReader::Int(std::string_view key, int64_t min, int64_t max) const {
  VERITY_ASSIGN_OR_RETURN(const toml::node* n, Node(key));
  if (!n->is_integer()) return Expected(key, "an integer");
  const int64_t v = n->as_integer()->get();
  if (v < min || v > max) {
    return InvalidArgument(PathOf(key) + ": " + std::to_string(v) + " is out of range (expected " +
                           std::to_string(min) + ".." + std::to_string(max) + ")");
  }
  return v;
}

StatusOr<int64_t> TomlReader::OptInt(std::string_view key, int64_t min, int64_t max,
                                     int64_t fallback) const {
  return Has(key) ? Int(key, min, max) : StatusOr<int64_t>(fallback);
}

StatusOr<double> TomlReader::Double(std::string_view key, double min, double max) const {
  VERITY_ASSIGN_OR_RETURN(const toml::node* n, Node(key));
  double v = 0;
  if (n->is_floating_point()) {
    v = n->as_floating_point()->get();
  } else if (n->is_integer()) {
    v = static_cast<double>(n->as_integer()->get());
  } else {
    return Expected(key, "a number");
  }
  if (!(v >= min && v <= max)) {
    std::ostringstream os;
    os << PathOf(key) << ": " << v << " is out of range (expected " << min << ".." << max << ")";
    return InvalidArgument(os.str());
  }
  return v;
}

StatusOr<double> TomlReader::OptDouble(std::string_view key, double min, double max,
                                       double fallback) const {
  return Has(key) ? Double(key, min, max) : StatusOr<double>(fallback);
}

StatusOr<bool> TomlReader::OptBool(std::string_view key, bool fallback) const {
  if (!Has(key)) return fallback;
  const toml::node* n = table_.get(key);
  if (!n->is_boolean()) return Expected(key, "true or false");
  return n->as_boolean()->get();
}

StatusOr<Date> TomlReader::DateValue(std::string_view key) const {
  VERITY_ASSIGN_OR_RETURN(const toml::node* n, Node(key));
  if (n->is_date()) {
    const toml::date d = n->as_date()->get();
    auto parsed = Date::Parse(std::to_string(d.year) + "-" + (d.month < 10 ? "0" : "") +
                              std::to_string(d.month) + "-" + (d.day < 10 ? "0" : "") +
                              std::to_string(d.day));
    if (!parsed.ok()) return parsed.status().WithContext(PathOf(key));
    return *parsed;
  }
  if (!n->is_string()) return Expected(key, "a date (YYYY-MM-DD)");
  auto parsed = Date::Parse(n->as_string()->get());
  if (!parsed.ok()) return parsed.status().WithContext(PathOf(key));
  return *parsed;
}

StatusOr<const toml::table*> TomlReader::Table(std::string_view key) const {
  VERITY_ASSIGN_OR_RETURN(const toml::node* n, Node(key));
  if (!n->is_table()) return Expected(key, "a table");
  return n->as_table();
}

StatusOr<std::vector<const toml::table*>> TomlReader::Tables(std::string_view key) const {
  std::vector<const toml::table*> out;
  if (!Has(key)) return out;
  const toml::node* n = table_.get(key);
  if (!n->is_array()) return Expected(key, "an array of tables ([[" + std::string(key) + "]])");
  const toml::array& arr = *n->as_array();
  for (size_t i = 0; i < arr.size(); ++i) {
    if (!arr[i].is_table()) {
      return InvalidArgument(PathOf(key) + "[" + std::to_string(i) + "]: expected a table");
    }
    out.push_back(arr[i].as_table());
  }
  return out;
}

StatusOr<std::vector<std::string>> TomlReader::Strings(std::string_view key) const {
  std::vector<std::string> out;
  if (!Has(key)) return out;
  const toml::node* n = table_.get(key);
  if (!n->is_array()) return Expected(key, "an array of strings");
  const toml::array& arr = *n->as_array();
  for (size_t i = 0; i < arr.size(); ++i) {
    if (!arr[i].is_string()) {
      return InvalidArgument(PathOf(key) + "[" + std::to_string(i) + "]: expected a string");
    }
    out.emplace_back(arr[i].as_string()->get());
  }
  return out;
}

Status TomlReader::RejectUnknown(std::initializer_list<std::string_view> known) const {
  for (const auto& [k, v] : table_) {
    if (std::find(known.begin(), known.end(), k.str()) == known.end()) {
      std::string list;
      for (auto n : known) list += (list.empty() ? "" : ", ") + std::string(n);
      return InvalidArgument(PathOf(k.str()) + ": unknown key (expected one of: " + list + ")");
    }
  }
  return Status::Ok();
}

}  // namespace verity
