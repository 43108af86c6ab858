// Test helpers: the shipped scripts' text, edited.
#ifndef VERITY_EXERCISE_TEST_UTIL_H_
#define VERITY_EXERCISE_TEST_UTIL_H_

#include <gtest/gtest.h>

#include <string>

#include "core/resources.h"

namespace verity::exercise::testing {

inline std::string Shipped(const std::string& name) {
  return std::string(*EmbeddedFile("exercises/" + name + ".toml"));
}

// `text` with the first `from` replaced by `to`.
inline std::string Replaced(std::string text, const std::string& from, const std::string& to) {
  const size_t at = text.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  return at == std::string::npos ? text : text.replace(at, from.size(), to);
}

}  // namespace verity::exercise::testing

#endif  // VERITY_EXERCISE_TEST_UTIL_H_
