// Fuzzes the offline proof checker with arbitrary proof documents.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "core/json.h"
#include "ledger/proofs.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  auto j = verity::ParseJson(text, "fuzz");
  if (j.ok()) (void)verity::ledger::CheckProof(*j, nullptr);
  return 0;
}
