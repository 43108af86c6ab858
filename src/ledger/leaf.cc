#include "ledger/leaf.h"

#include "tlog/merkle.h"

namespace verity::ledger {

StatusOr<LeafFormat> ParseLeafFormat(std::string_view text) {
  if (text == "1") return LeafFormat::kEntry;
  if (text == "2") return LeafFormat::kRecord;
  return InvalidArgument("leaf format '" + std::string(text.substr(0, 20)) +
                         "' is not one this build reads (1 or 2)");
}

bool IsRecorded(std::string_view entry, LeafFormat f) {
  return f == LeafFormat::kRecord && entry.size() > kMaxInlineEntryBytes;
}

std::string LeafRecord(std::string_view entry) {
  std::string r(kLeafRecordBytes, '\0');
  r[0] = static_cast<char>(kLeafRecordTag);
  const uint64_t n = entry.size();
  for (int i = 0; i < 8; ++i) r[1 + i] = static_cast<char>((n >> (56 - 8 * i)) & 0xff);
  const Hash256 h = Sha256(entry);
  std::copy(h.begin(), h.end(), r.begin() + 9);
  return r;
}

std::string LeafData(std::string_view entry, LeafFormat f) {
  return IsRecorded(entry, f) ? LeafRecord(entry) : std::string(entry);
}

Hash256 LeafHashOf(std::string_view entry, LeafFormat f) {
  return IsRecorded(entry, f) ? tlog::LeafHash(LeafRecord(entry)) : tlog::LeafHash(entry);
}

bool IsLeafRecord(std::string_view item) {
  return item.size() == kLeafRecordBytes && static_cast<uint8_t>(item[0]) == kLeafRecordTag;
}

Status CheckRecord(std::string_view record, std::string_view entry) {
  if (LeafRecord(entry) != record) {
    return DataLoss("the entry (" + std::to_string(entry.size()) +
                    " bytes) is not the entry of its record (length and SHA-256 differ)");
  }
  return Status::Ok();
}

}  // namespace verity::ledger
