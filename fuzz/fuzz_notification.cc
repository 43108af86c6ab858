// Fuzzes the notification readers: batch splitting (JSON, array, JSON
// Lines), envelope and body schema checks in both modes, and the canonical
// encoding of whatever parses.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "ledger/batch.h"
#include "ledger/notification.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  auto batch = verity::ledger::ParseBatchText(text, "fuzz");
  if (!batch.ok()) return 0;
  for (const auto& item : *batch) {
    for (auto mode : {verity::ledger::Draft::kSigned, verity::ledger::Draft::kUnsigned}) {
      auto n = verity::ledger::ParseNotification(item.json, mode, item.where);
      if (n.ok()) {
        (void)n->SigningBytes();
        (void)n->EntryBytes();
      }
    }
  }
  return 0;
}
