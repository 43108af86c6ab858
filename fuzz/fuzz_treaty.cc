// Fuzzes the treaty reader: TOML with its text and depth checks, the rule
// language's lexer and compiler, and the evaluation of every compiled
// category on a few fact rows (a rule that compiles must evaluate within
// its stack).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "treaty/treaty.h"

namespace {

// Fact rows from the bytes themselves, so the evaluator sees varied facts.
verity::treaty::FactRow RowFrom(std::string_view text, size_t salt) {
  verity::treaty::FactRow f{};
  for (size_t i = 0; i < f.size(); ++i) {
    const size_t at = (i * 31 + salt) % (text.empty() ? 1 : text.size());
    f[i] = text.empty() ? 0 : static_cast<int32_t>(static_cast<unsigned char>(text[at]) % 12) - 1;
  }
  return f;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  auto t = verity::treaty::ParseTreaty(text, "fuzz.toml", "fuzz");
  if (!t.ok()) return 0;
  uint64_t sink = 0;
  for (size_t salt = 0; salt < 4; ++salt) sink ^= t->CategoriesOf(RowFrom(text, salt));
  for (const auto& l : t->limits) sink += static_cast<uint64_t>(l.terms.size());
  return static_cast<int>(sink & 0);
}
