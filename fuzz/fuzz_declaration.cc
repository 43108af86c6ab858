// Fuzzes the declaration reader (JSON), which also reads the declarations
// carried by data exchange notifications, and writes back what parses.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "forces/declaration_io.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  auto d = verity::forces::ParseDeclarationText(text, "fuzz", "/nonexistent");
  if (d.ok()) (void)verity::forces::DeclarationToJson(*d).dump();
  return 0;
}
