// Helpers for the tests of the tools' CLI subcommands: run the `tfpersist`
// binary (TFP_CLI_BINARY) and /usr/bin/python3 scripts.
#ifndef TFPERSIST_TESTS_TOOLS_CLI_CLI_TEST_UTIL_H_
#define TFPERSIST_TESTS_TOOLS_CLI_CLI_TEST_UTIL_H_

#include <cstdlib>
#include <string>
#include <vector>

#include "cli/run_command.h"

namespace tfpersist::testing {

inline CommandResult Tfpersist(std::vector<std::string> args) {
  args.insert(args.begin(), TFP_CLI_BINARY);
  return RunCommand(args);
}

// Debian's python3 with python3-opencv, if cv2 imports there.
inline bool HaveSystemOpenCv() {
  return std::system(
             "/usr/bin/python3 -c 'import cv2, numpy' >/dev/null 2>&1") == 0;
}

inline std::string ToolsTestFile(const std::string& name) {
  return std::string(TFP_TOOLS_TEST_DIR) + "/" + name;
}

// Counts lines of `text`.
inline int LineCount(const std::string& text) {
  int n = 0;
  for (char c : text) n += c == '\n';
  return n;
}

}  // namespace tfpersist::testing

#endif  // TFPERSIST_TESTS_TOOLS_CLI_CLI_TEST_UTIL_H_
