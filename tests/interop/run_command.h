// Tests: runs a command line and returns its exit code and its output
// (standard output and error together).
#ifndef VERITY_TESTS_INTEROP_RUN_COMMAND_H_
#define VERITY_TESTS_INTEROP_RUN_COMMAND_H_

#include <gtest/gtest.h>
#include <sys/wait.h>

#include <cstdio>
#include <string>
#include <utility>

namespace verity::interop {

inline std::pair<int, std::string> RunCommand(const std::string& command) {
  FILE* p = popen((command + " 2>&1").c_str(), "r");
  EXPECT_NE(p, nullptr);
  if (p == nullptr) return {-1, ""};
  std::string out;
  char buf[4096];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
  const int rc = pclose(p);
  return {WIFEXITED(rc) ? WEXITSTATUS(rc) : -1, out};
}

}  // namespace verity::interop

#endif  // VERITY_TESTS_INTEROP_RUN_COMMAND_H_
