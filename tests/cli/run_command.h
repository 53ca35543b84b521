// Runs a program for CLI tests and captures its output.
#ifndef TFPERSIST_TESTS_CLI_RUN_COMMAND_H_
#define TFPERSIST_TESTS_CLI_RUN_COMMAND_H_

#include <sys/wait.h>

#include <cstdlib>
#include <string>
#include <vector>

#include "testing/fixtures.h"
#include "tfpersist/base/env.h"

namespace tfpersist::testing {

struct CommandResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

// Single-quotes s for /bin/sh.
inline std::string ShellQuote(const std::string& s) {
  std::string out = "'";
  for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

// Runs argv (argv[0] is the program) through /bin/sh with stdout and
// stderr captured in files of a fresh temporary directory.
inline CommandResult RunCommand(const std::vector<std::string>& argv) {
  const std::string dir = NewTempDir("run");
  std::string cmd;
  for (const std::string& a : argv) cmd += ShellQuote(a) + " ";
  cmd += "> " + dir + "/out 2> " + dir + "/err";
  CommandResult r;
  const int status = std::system(cmd.c_str());
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  r.out = ReadFileToString(Env::Default(), dir + "/out").value();
  r.err = ReadFileToString(Env::Default(), dir + "/err").value();
  return r;
}

// A python3 that can import numpy, or "" if there is none.
inline std::string PythonWithNumpy() {
  for (const char* python : {"python3", "/usr/bin/python3"}) {
    const std::string cmd =
        std::string(python) + " -c 'import numpy' >/dev/null 2>&1";
    if (std::system(cmd.c_str()) == 0) return python;
  }
  return "";
}

}  // namespace tfpersist::testing

#endif  // TFPERSIST_TESTS_CLI_RUN_COMMAND_H_
