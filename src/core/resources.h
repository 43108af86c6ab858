// Files shipped inside the binary (treaty definitions, declarations, the
// public aggregate series, scenarios), so `verity demo` and named treaties
// work from any directory. The build embeds everything under data/.
#ifndef VERITY_CORE_RESOURCES_H_
#define VERITY_CORE_RESOURCES_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace verity {

// The contents of data/<path>, e.g. EmbeddedFile("treaties/new-start.toml").
std::optional<std::string_view> EmbeddedFile(std::string_view path);

// Every embedded path that starts with `prefix`, sorted.
std::vector<std::string> EmbeddedFiles(std::string_view prefix);

}  // namespace verity

#endif  // VERITY_CORE_RESOURCES_H_
