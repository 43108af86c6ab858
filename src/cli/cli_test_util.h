// Test helper: runs the CLI in-process and captures its output.
#ifndef VERITY_CLI_CLI_TEST_UTIL_H_
#define VERITY_CLI_CLI_TEST_UTIL_H_

#include <sstream>
#include <string>
#include <vector>

#include "cli/command.h"

namespace verity::cli {

struct Result {
  int code;
  std::string out, err;
};

// Runs `verity args...` and returns its exit code, stdout and stderr.
inline Result Verity(std::vector<std::string> args) {
  args.insert(args.begin(), "verity");
  std::vector<const char*> argv;
  for (const auto& a : args) argv.push_back(a.c_str());
  std::ostringstream out, err;
  const int code = RunCli(static_cast<int>(argv.size()), argv.data(), {out, err});
  return {code, out.str(), err.str()};
}

}  // namespace verity::cli

#endif  // VERITY_CLI_CLI_TEST_UTIL_H_
