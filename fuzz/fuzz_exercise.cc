// Fuzzes the exercise script reader: TOML, the [declaration] table through
// the declaration reader, every deviation's keys, and the checks against
// New START (dates, quotas, the planner's sites, each deviation against the
// declared force). A script that passes is not played (that writes a
// ledger); the run's own tests play the shipped ones.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "exercise/script.h"
#include "treaty/treaty.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const verity::treaty::Treaty* treaty =
      new verity::treaty::Treaty(verity::treaty::LoadTreaty("new-start").value());
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  auto s = verity::exercise::ParseScript(text, "fuzz.toml");
  if (!s.ok()) return 0;
  (void)verity::exercise::CheckScript(&*s, *treaty);
  return 0;
}
