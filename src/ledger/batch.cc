#include "ledger/batch.h"

namespace verity::ledger {
namespace {

bool IsBlank(std::string_view s) {
  return s.find_first_not_of(" \t\r\n") == std::string_view::npos;
}

size_t CountNonBlankLines(std::string_view text) {
  size_t n = 0, start = 0;
  while (start <= text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    if (!IsBlank(text.substr(start, end - start))) ++n;
    start = end + 1;
  }
  return n;
}

StatusOr<std::vector<BatchItem>> ParseLines(std::string_view text, const std::string& source) {
  std::vector<BatchItem> out;
  size_t start = 0, line = 0;
  while (start <= text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    ++line;
    const std::string_view s = text.substr(start, end - start);
    start = end + 1;
    if (IsBlank(s)) continue;
    const std::string where = source + ": line " + std::to_string(line);
    auto j = ParseJson(s, where);
    if (!j.ok()) {
      // Report "<source>: line N: invalid JSON ..." (the column is within the line).
      std::string msg = j.status().message();
      if (auto p = msg.find(": line 1, column "); p != std::string::npos) {
        msg = where + ", column " + msg.substr(p + 17);
      }
      return InvalidArgument(msg);
    }
    out.push_back({std::move(*j), where});
  }
  return out;
}

std::vector<BatchItem> FromDocument(Json doc, const std::string& source) {
  if (!doc.is_array()) return {{std::move(doc), source}};
  std::vector<BatchItem> out;
  for (size_t i = 0; i < doc.size(); ++i) {
    out.push_back({doc.at(i), source + ": [" + std::to_string(i) + "]"});
  }
  return out;
}

}  // namespace

StatusOr<std::vector<BatchItem>> ParseBatchText(std::string_view text, const std::string& source) {
  if (CountNonBlankLines(text) > 1) {
    // Several lines: a pretty-printed document or JSON Lines. A document
    // parses as a whole; otherwise read it line by line.
    auto whole = ParseJson(text, source);
    if (!whole.ok()) return ParseLines(text, source);
    return FromDocument(std::move(*whole), source);
  }
  VERITY_ASSIGN_OR_RETURN(Json j, ParseJson(text, source));
  return FromDocument(std::move(j), source);
}

}  // namespace verity::ledger
