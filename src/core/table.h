// Plain-text and CSV tables for command-line output.
#ifndef VERITY_CORE_TABLE_H_
#define VERITY_CORE_TABLE_H_

#include <string>
#include <vector>

namespace verity {

class TextTable {
 public:
  explicit TextTable(std::vector<std::string> header) : header_(std::move(header)) {}
  // REQUIRES: row.size() == header size.
  void AddRow(std::vector<std::string> row) { rows_.push_back(std::move(row)); }
  size_t size() const { return rows_.size(); }

  // Columns padded to their widest cell; cells that look numeric are
  // right-aligned. Each line ends with '\n'.
  std::string ToText() const;
  // RFC 4180 CSV with a header row.
  std::string ToCsv() const;

 private:
  std::vector<std::string> header_;
  std::vector<std::vector<std::string>> rows_;
};

// Quotes a CSV field if needed.
std::string CsvField(const std::string& s);

}  // namespace verity

#endif  // VERITY_CORE_TABLE_H_
