#include "core/csv.h"

#include <algorithm>

namespace verity {
namespace {

Status CsvError(std::string_view source, size_t line, const std::string& what) {
  return InvalidArgument(std::string(source) + ": line " + std::to_string(line) + ": " + what);
}

}  // namespace

StatusOr<std::vector<CsvRow>> ParseCsv(std::string_view text, std::string_view source) {
  std::vector<CsvRow> rows;
  CsvRow row{1, {}};
  std::string field;
  size_t line = 1;
  bool in_quotes = false, quoted = false, at_row_start = true;
  auto end_field = [&] {
    row.fields.push_back(std::move(field));
    field.clear();
    quoted = false;
  };
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (in_quotes) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        field += '"';
        ++i;
      } else if (c == '"') {
        in_quotes = false;
      } else {
        if (c == '\n') ++line;
        field += c;
      }
      continue;
    }
    if (at_row_start && c == '#') {  // comment line
      while (i < text.size() && text[i] != '\n') ++i;
      ++line;
      row.line = line;
      continue;
    }
    at_row_start = false;
    if (c == '"') {
      if (!field.empty() || quoted) return CsvError(source, line, "unexpected '\"' inside a field");
      in_quotes = quoted = true;
    } else if (c == ',') {
      end_field();
    } else if (c == '\n' || c == '\r') {
      if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
      end_field();
      if (!(row.fields.size() == 1 && row.fields[0].empty() && !quoted))
        rows.push_back(std::move(row));
      ++line;
      row = CsvRow{line, {}};
      at_row_start = true;
    } else {
      if (quoted) return CsvError(source, line, "text after a closing quote");
      field += c;
    }
  }
  if (in_quotes) return CsvError(source, row.line, "unterminated quoted field");
  if (!at_row_start) {
    end_field();
    rows.push_back(std::move(row));
  }
  return rows;
}

StatusOr<CsvTable> CsvTable::Parse(std::string_view text, std::string_view source) {
  VERITY_ASSIGN_OR_RETURN(auto rows, ParseCsv(text, source));
  if (rows.empty())
    return InvalidArgument(std::string(source) + ": empty file (expected a header row)");
  CsvTable t;
  t.header_ = std::move(rows.front().fields);
  for (size_t i = 0; i < t.header_.size(); ++i) {
    if (std::count(t.header_.begin(), t.header_.end(), t.header_[i]) > 1) {
      return CsvError(source, rows.front().line, "duplicate column '" + t.header_[i] + "'");
    }
  }
  for (size_t r = 1; r < rows.size(); ++r) {
    if (rows[r].fields.size() != t.header_.size()) {
      return CsvError(source, rows[r].line,
                      "expected " + std::to_string(t.header_.size()) + " fields, found " +
                          std::to_string(rows[r].fields.size()));
    }
    t.rows_.push_back(std::move(rows[r]));
  }
  return t;
}

int CsvTable::Column(std::string_view name) const {
  auto it = std::find(header_.begin(), header_.end(), name);
  return it == header_.end() ? -1 : static_cast<int>(it - header_.begin());
}

const std::string& CsvTable::Get(const CsvRow& row, std::string_view name) const {
  static const std::string kEmpty;
  const int c = Column(name);
  return c < 0 ? kEmpty : row.fields[static_cast<size_t>(c)];
}

}  // namespace verity
