// A small RFC 4180 CSV reader: comma-separated fields, optional double
// quotes (with "" as an escaped quote), quoted fields may span lines, CRLF
// or LF line ends. Lines starting with '#' (outside quotes) are comments.
#ifndef VERITY_CORE_CSV_H_
#define VERITY_CORE_CSV_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace verity {

struct CsvRow {
  size_t line;  // 1-based line where the row starts
  std::vector<std::string> fields;
};

// Parses `text`, which must be UTF-8 (CheckUtf8Text). InvalidArgument
// "<source>: line N: ..." on an unterminated quote, a quote in the middle
// of an unquoted field, or more than `max_rows` rows (counted as they are
// read, so a huge file costs no more than the limit).
StatusOr<std::vector<CsvRow>> ParseCsv(std::string_view text, std::string_view source,
                                       size_t max_rows = SIZE_MAX);

// A CSV with a header row: rows as maps from column name to value.
class CsvTable {
 public:
  // InvalidArgument if the header is missing, has duplicate names, or a row
  // has a different number of fields than the header; `max_rows` counts
  // the header row too (as ParseCsv).
  static StatusOr<CsvTable> Parse(std::string_view text, std::string_view source,
                                  size_t max_rows = SIZE_MAX);

  const std::vector<std::string>& header() const { return header_; }
  const std::vector<CsvRow>& rows() const { return rows_; }
  // Column index of `name`, or -1.
  int Column(std::string_view name) const;
  // The value in `row` for column `name` ("" if the column is absent).
  const std::string& Get(const CsvRow& row, std::string_view name) const;

 private:
  std::vector<std::string> header_;
  std::vector<CsvRow> rows_;
};

}  // namespace verity

#endif  // VERITY_CORE_CSV_H_
