// The `tfpersist` dispatcher: help, unknown commands, exit codes.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "cli/run_command.h"

namespace tfpersist {
namespace {

using ::testing::HasSubstr;
using ::testing::StartsWith;

// The commands of cli/commands.def, with their summaries.
const std::vector<std::pair<std::string, std::string>>& Commands() {
  static const auto* commands =
      new std::vector<std::pair<std::string, std::string>>{
#define TFP_CLI_COMMAND(name, summary) {#name, summary},
#include "../../cli/commands.def"
#undef TFP_CLI_COMMAND
      };
  return *commands;
}

testing::CommandResult Tool(const std::vector<std::string>& args) {
  std::vector<std::string> argv = {TFP_CLI_BINARY};
  argv.insert(argv.end(), args.begin(), args.end());
  return testing::RunCommand(argv);
}

TEST(TfpersistToolTest, HelpListsEveryCommand) {
  ASSERT_FALSE(Commands().empty());
  for (const char* help : {"--help", "-h", "help"}) {
    testing::CommandResult r = Tool({help});
    EXPECT_EQ(r.exit_code, 0) << help;
    EXPECT_EQ(r.err, "");
    EXPECT_THAT(r.out, StartsWith("usage: tfpersist <command>"));
    for (const auto& [name, summary] : Commands()) {
      EXPECT_THAT(r.out, HasSubstr("  " + name + "  "));
      EXPECT_THAT(r.out, HasSubstr(summary));
    }
  }
}

TEST(TfpersistToolTest, EveryCommandHasHelp) {
  for (const auto& [name, summary] : Commands()) {
    testing::CommandResult r = Tool({name, "--help"});
    EXPECT_EQ(r.exit_code, 0) << name << ": " << r.err;
    EXPECT_THAT(r.out, StartsWith("usage: tfpersist " + name));
    EXPECT_THAT(r.out, HasSubstr("--help"));
  }
}

TEST(TfpersistToolTest, UsageErrorsExitWithTwo) {
  testing::CommandResult none = Tool({});
  EXPECT_EQ(none.exit_code, 2);
  EXPECT_EQ(none.out, "");
  EXPECT_THAT(none.err, StartsWith("usage: tfpersist <command>"));

  testing::CommandResult unknown = Tool({"frobnicate", "--x=1"});
  EXPECT_EQ(unknown.exit_code, 2);
  EXPECT_EQ(unknown.out, "");
  EXPECT_THAT(unknown.err, HasSubstr("unknown command 'frobnicate'"));
  EXPECT_EQ(std::count(unknown.err.begin(), unknown.err.end(), '\n'), 1);
}

}  // namespace
}  // namespace tfpersist
