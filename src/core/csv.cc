#include "core/csv.h"

#include <algorithm>
#include <unordered_set>

#include "core/text.h"

namespace verity {
namespace {

Status CsvError(std::string_view source, size_t line, const std::string& what) {
  return InvalidArgument(std::string(source) + ": line " + std::to_string(line) + ": " + what);
}

}  // namespace

namespace {

// One pass over the text; a row is kept when its line ends.
class CsvParser {
 public:
  CsvParser(std::string_view text, std::string_view source, size_t max_rows)
      : text_(text), source_(source), max_rows_(max_rows) {}

  StatusOr<std::vector<CsvRow>> Run() {
    for (i_ = 0; i_ < text_.size(); ++i_) {
      if (in_quotes_) {
        Quoted(text_[i_]);
      } else if (at_row_start_ && text_[i_] == '#') {
        SkipComment();
      } else {
        VERITY_RETURN_IF_ERROR(Unquoted(text_[i_]));
      }
    }
    if (in_quotes_) return CsvError(source_, row_.line, "unterminated quoted field");
    if (!at_row_start_) {
      EndField();
      VERITY_RETURN_IF_ERROR(EndRow());
    }
    return std::move(rows_);
  }

 private:
  void Quoted(char c) {
    if (c == '"' && Next() == '"') {
      field_ += '"';
      ++i_;
    } else if (c == '"') {
      in_quotes_ = false;
    } else {
      if (c == '\n') ++line_;
      field_ += c;
    }
  }

  void SkipComment() {
    while (i_ < text_.size() && text_[i_] != '\n') ++i_;
    ++line_;
    row_.line = line_;
  }

  Status Unquoted(char c) {
    at_row_start_ = false;
    if (c == '"') {
      if (!field_.empty() || quoted_)
        return CsvError(source_, line_, "unexpected '\"' inside a field");
      in_quotes_ = quoted_ = true;
    } else if (c == ',') {
      EndField();
    } else if (c == '\n' || c == '\r') {
      if (c == '\r' && Next() == '\n') ++i_;
      EndField();
      if (!(row_.fields.size() == 1 && row_.fields[0].empty() && !quoted_))
        VERITY_RETURN_IF_ERROR(EndRow());
      ++line_;
      row_ = CsvRow{line_, {}};
      at_row_start_ = true;
    } else {
      if (quoted_) return CsvError(source_, line_, "text after a closing quote");
      field_ += c;
    }
    return Status::Ok();
  }

  char Next() const { return i_ + 1 < text_.size() ? text_[i_ + 1] : '\0'; }

  void EndField() {
    row_.fields.push_back(std::move(field_));
    field_.clear();
    quoted_ = false;
  }

  Status EndRow() {
    if (rows_.size() == max_rows_) {
      return CsvError(source_, row_.line,
                      "more than the limit of " + std::to_string(max_rows_) + " rows");
    }
    rows_.push_back(std::move(row_));
    return Status::Ok();
  }

  std::string_view text_, source_;
  size_t max_rows_;
  size_t i_ = 0, line_ = 1;
  std::vector<CsvRow> rows_;
  CsvRow row_{1, {}};
  std::string field_;
  bool in_quotes_ = false, quoted_ = false, at_row_start_ = true;
};

}  // namespace

StatusOr<std::vector<CsvRow>> ParseCsv(std::string_view text, std::string_view source,
                                       size_t max_rows) {
  VERITY_RETURN_IF_ERROR(CheckUtf8Text(text, source));
  return CsvParser(text, source, max_rows).Run();
}

StatusOr<CsvTable> CsvTable::Parse(std::string_view text, std::string_view source,
                                   size_t max_rows) {
  VERITY_ASSIGN_OR_RETURN(auto rows, ParseCsv(text, source, max_rows));
  if (rows.empty())
    return InvalidArgument(std::string(source) + ": empty file (expected a header row)");
  CsvTable t;
  t.header_ = std::move(rows.front().fields);
  std::unordered_set<std::string_view> seen;  // not std::count: a wide header costs O(n)
  for (size_t i = 0; i < t.header_.size(); ++i) {
    if (!seen.insert(t.header_[i]).second) {
      return CsvError(source, rows.front().line, "duplicate column " + Quote(t.header_[i]));
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
