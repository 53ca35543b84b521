// `tfpersist inspect_checkpoint`: flags, single tensors and errors.
#include <algorithm>

#include "cli/run_command.h"
#include "testing/fixtures.h"
#include "testing/status_matchers.h"
#include "tfpersist/io/checkpoint_reader.h"

namespace tfpersist {
namespace {

using ::testing::HasSubstr;
using ::testing::StartsWith;
using ::tfpersist::testing::CommandResult;

CommandResult Inspect(const std::vector<std::string>& flags) {
  std::vector<std::string> argv = {TFP_CLI_BINARY, "inspect_checkpoint"};
  argv.insert(argv.end(), flags.begin(), flags.end());
  return testing::RunCommand(argv);
}

int Lines(const std::string& s) {
  return static_cast<int>(std::count(s.begin(), s.end(), '\n'));
}

// Errors are one line on stderr, nothing on stdout, and exit code 1.
void ExpectRuntimeError(const CommandResult& r, const std::string& text) {
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.out, "");
  EXPECT_THAT(r.err, StartsWith("inspect_checkpoint: "));
  EXPECT_THAT(r.err, HasSubstr(text));
  EXPECT_EQ(Lines(r.err), 1) << r.err;
}

void ExpectUsageError(const CommandResult& r, const std::string& text) {
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.out, "");
  EXPECT_THAT(r.err, HasSubstr(text));
  EXPECT_THAT(r.err, HasSubstr("--help"));
  EXPECT_EQ(Lines(r.err), 1) << r.err;
}

class InspectCheckpointFlagsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (testing::SharedDir().empty()) GTEST_SKIP() << "no ../shared";
    dir_ = testing::FixtureDir("ckpt-v2-tf2onnx-regression");
    prefix_ = dir_ + "/model";
  }
  std::string dir_, prefix_;
};

TEST_F(InspectCheckpointFlagsTest, OneTensorIsItsAllTensorsBlock) {
  CommandResult all = Inspect({"--file_name=" + prefix_, "--all_tensors"});
  ASSERT_EQ(all.exit_code, 0) << all.err;
  TFP_ASSERT_OK_AND_ASSIGN(auto reader,
                           CheckpointReader::Open(Env::Default(), prefix_));
  for (const std::string& name : reader->TensorNames()) {
    // "--tensor_name X" (space-separated value) works like "=".
    CommandResult one =
        Inspect({"--file_name", prefix_, "--tensor_name", name});
    ASSERT_EQ(one.exit_code, 0) << one.err;
    EXPECT_THAT(one.out, StartsWith("tensor_name:  " + name + "\n"));
    EXPECT_NE(all.out.find(one.out), std::string::npos) << one.out;
  }
}

TEST_F(InspectCheckpointFlagsTest, BoolFlagForms) {
  CommandResult names =
      Inspect({"--file_name=" + prefix_, "--all_tensor_names"});
  ASSERT_EQ(names.exit_code, 0);
  EXPECT_EQ(Inspect({"--file_name=" + prefix_, "--all_tensor_names=True"}).out,
            names.out);
  EXPECT_EQ(Inspect({"--file_name=" + prefix_, "--all_tensor_names=1"}).out,
            names.out);
  CommandResult off =
      Inspect({"--file_name=" + prefix_, "--all_tensor_names=false"});
  EXPECT_EQ(off.exit_code, 0);
  EXPECT_NE(off.out, names.out);
  ExpectUsageError(
      Inspect({"--file_name=" + prefix_, "--all_tensor_names=maybe"}),
      "true or false");
}

TEST_F(InspectCheckpointFlagsTest, DirectoryAndPrefixPrintTheSame) {
  CommandResult by_prefix = Inspect({"--file_name=" + prefix_});
  CommandResult by_dir = Inspect({"--file_name=" + dir_});
  EXPECT_EQ(by_prefix.exit_code, 0);
  EXPECT_EQ(by_dir.exit_code, 0);
  EXPECT_EQ(by_dir.out, by_prefix.out);
}

TEST_F(InspectCheckpointFlagsTest, UnknownTensorSaysTheKeyIsMissing) {
  ExpectRuntimeError(Inspect({"--file_name=" + prefix_, "--tensor_name=nope"}),
                     "NOT_FOUND: Key nope not found in checkpoint " + prefix_);
}

TEST_F(InspectCheckpointFlagsTest, MissingAndCorruptCheckpoints) {
  ExpectRuntimeError(Inspect({"--file_name=" + prefix_ + "-42"}), "NOT_FOUND");
  // TF's hint when a V2 file is given instead of its prefix.
  ExpectRuntimeError(Inspect({"--file_name=" + prefix_ + ".index"}),
                     "--file_name=" + prefix_ + ")");
  const std::string tmp = testing::NewTempDir("corrupt");
  ASSERT_TRUE(WriteStringToFile(Env::Default(), tmp + "/m.index", "junk").ok());
  ExpectRuntimeError(Inspect({"--file_name=" + tmp + "/m"}), "DATA_LOSS");
}

TEST_F(InspectCheckpointFlagsTest, UsageErrors) {
  ExpectUsageError(Inspect({}), "--file_name is required");
  ExpectUsageError(Inspect({"--file_name=" + prefix_, "--bogus=1"}),
                   "unknown flag --bogus");
  ExpectUsageError(Inspect({"--file_name=" + prefix_, "extra"}),
                   "unexpected argument 'extra'");
  ExpectUsageError(Inspect({"--tensor_name"}), "--tensor_name needs a value");
  CommandResult help = Inspect({"--help"});
  EXPECT_EQ(help.exit_code, 0);
  EXPECT_THAT(help.out, StartsWith("usage: tfpersist inspect_checkpoint"));
  for (const char* flag : {"--file_name", "--tensor_name", "--all_tensors",
                           "--all_tensor_names"}) {
    EXPECT_THAT(help.out, HasSubstr(flag));
  }
}

}  // namespace
}  // namespace tfpersist
