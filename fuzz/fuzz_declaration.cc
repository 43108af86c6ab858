// Fuzzes the declaration reader (JSON), which also reads the declarations
// carried by data exchange notifications, and writes back what parses.
// The item limit is lowered so that the fuzzer reaches it, and the groups
// just under it, at once rather than after expanding 100,000 items.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "forces/declaration_io.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  verity::forces::DeclarationOptions options;
  options.base_dir = "/nonexistent";
  options.max_items = 256;
  auto d = verity::forces::ParseDeclarationText(text, "fuzz", options);
  if (d.ok()) (void)verity::forces::DeclarationToJson(*d).dump();
  return 0;
}
