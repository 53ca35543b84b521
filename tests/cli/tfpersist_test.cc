// The `tfpersist` dispatcher: help, unknown commands, exit codes.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "cli/run_command.h"
#include "tfpersist/version.h"

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

TEST(TfpersistToolTest, VersionPrintsTheHeaderVersion) {
  testing::CommandResult r = Tool({"--version"});
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_THAT(r.out, StartsWith(std::string("tfpersist ") +
                                TFPERSIST_VERSION_STRING + " "));
}

TEST(TfpersistToolTest, MisspelledNamesGetSuggestions) {
  testing::CommandResult cmd = Tool({"inspect_chekpoint"});
  EXPECT_EQ(cmd.exit_code, 2);
  EXPECT_THAT(cmd.err, HasSubstr("unknown command 'inspect_chekpoint'. "
                                 "Closest commands: 'inspect_checkpoint'"));
  testing::CommandResult flag =
      Tool({"inspect_checkpoint", "--file_nam=model.ckpt"});
  EXPECT_EQ(flag.exit_code, 2);
  EXPECT_THAT(flag.err, HasSubstr("unknown flag --file_nam. Closest flags: "
                                  "'--file_name'"));
  EXPECT_EQ(std::count(flag.err.begin(), flag.err.end(), '\n'), 1);
}

TEST(TfpersistToolTest, IntegerFlagsAreRangeChecked) {
  testing::CommandResult r = Tool({"run", "model.pb", "--threads=-3"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err,
              HasSubstr("flag --threads must be in [0, 1024], not -3"));
}

TEST(TfpersistToolTest, RunHelpListsRepeatedFlags) {
  testing::CommandResult r = Tool({"run", "--help"});
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_THAT(r.out, HasSubstr("  --input=<string> ..."));
  EXPECT_THAT(r.out, HasSubstr("  --output=<string> ..."));
}

}  // namespace
}  // namespace tfpersist
