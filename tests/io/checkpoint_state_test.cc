#include "io/checkpoint_state.h"

#include <cmath>
#include <cstdio>
#include <cstring>
#include <limits>
#include <random>

#include "base/fault_injection_env.h"
#include "testing/fixtures.h"
#include "testing/status_matchers.h"
#include "tfpersist/base/path.h"
#include "tfpersist/io/checkpoint_state.h"

namespace tfpersist {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::tfpersist::testing::FixtureDir;
using ::tfpersist::testing::StatusIs;
namespace internal = ::tfpersist::checkpoint_state_internal;

// Fixture folders that hold a TF-written `checkpoint` state file.
std::vector<std::string> StateFixtures() {
  std::vector<std::string> out;
  for (const std::string& name : testing::FixtureNames()) {
    if (Env::Default()->FileExists(FixtureDir(name) + "/checkpoint").ok()) {
      out.push_back(name);
    }
  }
  return out;
}

TEST(CheckpointStateTextTest, TfWrittenStateFilesRoundTripByteForByte) {
  TFP_REQUIRE_SHARED();
  std::vector<std::string> names = StateFixtures();
  ASSERT_GE(names.size(), 8u);
  for (const std::string& name : names) {
    SCOPED_TRACE(name);
    TFP_ASSERT_OK_AND_ASSIGN(
        std::string text,
        ReadFileToString(Env::Default(), FixtureDir(name) + "/checkpoint"));
    TFP_ASSERT_OK_AND_ASSIGN(CheckpointState state,
                             internal::CheckpointStateFromText(text));
    EXPECT_FALSE(state.model_checkpoint_path.empty());
    ASSERT_FALSE(state.all_model_checkpoint_paths.empty());
    EXPECT_EQ(state.all_model_checkpoint_paths.back(),
              state.model_checkpoint_path);
    EXPECT_EQ(internal::CheckpointStateToText(state), text);
  }
}

// The CheckpointManager example of spec checkpoint-state.md §2.
constexpr char kSpecManagerText[] =
    "model_checkpoint_path: \"ckpt-3\"\n"
    "all_model_checkpoint_paths: \"ckpt-1\"\n"
    "all_model_checkpoint_paths: \"ckpt-2\"\n"
    "all_model_checkpoint_paths: \"ckpt-3\"\n"
    "all_model_checkpoint_timestamps: 1584042357.6544583\n"
    "all_model_checkpoint_timestamps: 1584042359.0012453\n"
    "all_model_checkpoint_timestamps: 1584042360.2710981\n"
    "last_preserved_timestamp: 1584042343.2869527\n";

TEST(CheckpointStateTextTest, SpecManagerExampleRoundTrips) {
  TFP_ASSERT_OK_AND_ASSIGN(CheckpointState state,
                           internal::CheckpointStateFromText(kSpecManagerText));
  EXPECT_THAT(state.all_model_checkpoint_paths,
              ElementsAre("ckpt-1", "ckpt-2", "ckpt-3"));
  ASSERT_EQ(state.all_model_checkpoint_timestamps.size(), 3u);
  EXPECT_EQ(internal::CheckpointStateToText(state), kSpecManagerText);
}

TEST(CheckpointStateTextTest, AcceptsAnyValidTextFormat) {
  TFP_ASSERT_OK_AND_ASSIGN(
      CheckpointState state,
      internal::CheckpointStateFromText(
          "# comment\nall_model_checkpoint_paths: 'a'\n"
          "last_preserved_timestamp: 5 model_checkpoint_path: \"b\\\"c\""));
  EXPECT_EQ(state.model_checkpoint_path, "b\"c");
  EXPECT_THAT(state.all_model_checkpoint_paths, ElementsAre("a"));
  EXPECT_EQ(state.last_preserved_timestamp, 5.0);
  // Written back in field order with TF's quoting.
  EXPECT_EQ(internal::CheckpointStateToText(state),
            "model_checkpoint_path: \"b\\\"c\"\n"
            "all_model_checkpoint_paths: \"a\"\n"
            "last_preserved_timestamp: " +
                internal::PythonFloatRepr(5.0) + "\n");
}

TEST(CheckpointStateTextTest, RejectsMalformedText) {
  EXPECT_THAT(internal::CheckpointStateFromText("model_checkpoint_path: "),
              StatusIs(StatusCode::kInvalidArgument, HasSubstr("1:")));
  EXPECT_THAT(
      internal::CheckpointStateFromText("no_such_field: \"x\"\n"),
      StatusIs(StatusCode::kInvalidArgument, HasSubstr("no_such_field")));
  EXPECT_THAT(internal::CheckpointStateFromText("model_checkpoint_path: \"x\n"),
              StatusIs(StatusCode::kInvalidArgument, HasSubstr("1:")));
}

TEST(CheckpointStateTextTest, EscapedStringsParseBackToTheSameBytes) {
  std::string all_bytes;
  for (int c = 1; c < 256; ++c) all_bytes.push_back(static_cast<char>(c));
  CheckpointState state;
  state.model_checkpoint_path = all_bytes;
  state.all_model_checkpoint_paths = {"dir/\xc3\xa9t\xc3\xa9", all_bytes};
  std::string text = internal::CheckpointStateToText(state);
  // Only printable ASCII in the file, one line per value.
  for (char c : text) {
    EXPECT_TRUE((c >= 0x20 && c < 0x7F) || c == '\n') << static_cast<int>(c);
  }
  EXPECT_EQ(std::count(text.begin(), text.end(), '\n'), 3);
  TFP_ASSERT_OK_AND_ASSIGN(CheckpointState back,
                           internal::CheckpointStateFromText(text));
  EXPECT_EQ(back, state);
}

// Runs the system Python (the writer of real state files) and returns its
// stdout, or nullopt when no python3 is installed.
std::optional<std::string> RunPython(const std::string& program) {
  std::string cmd = "python3 -c '" + program + "' 2>/dev/null";
  FILE* pipe = ::popen(cmd.c_str(), "r");
  if (pipe == nullptr) return std::nullopt;
  std::string out;
  char buf[4096];
  size_t n;
  while ((n = std::fread(buf, 1, sizeof(buf), pipe)) > 0) out.append(buf, n);
  if (::pclose(pipe) != 0) return std::nullopt;
  return out;
}

std::vector<double> InterestingDoubles() {
  std::vector<double> v = {0.0,
                           -0.0,
                           1.0,
                           -2.5,
                           0.1,
                           1e-4,
                           1e-5,
                           1.5e-5,
                           123456789.0,
                           1e15,
                           1e16,
                           1.234e16,
                           1e22,
                           1e100,
                           5e-324,
                           std::numeric_limits<double>::max(),
                           1584042357.6544583,
                           1584042343.0,
                           1.0 / 3,
                           std::numeric_limits<double>::infinity(),
                           -std::numeric_limits<double>::infinity()};
  std::mt19937_64 rng(7);
  for (int i = 0; i < 200; ++i) {
    uint64_t bits = rng();
    double d;
    std::memcpy(&d, &bits, sizeof(d));
    if (std::isfinite(d)) v.push_back(d);
    v.push_back(std::ldexp(static_cast<double>(rng() % 100000), i % 90 - 60));
  }
  return v;
}

TEST(CheckpointStateTextTest, FloatsPrintLikePythonRepr) {
  std::vector<double> values = InterestingDoubles();
  std::string program = "import struct\nfor h in [";
  for (double d : values) {
    uint64_t bits;
    std::memcpy(&bits, &d, sizeof(bits));
    program += StrCat("0x", std::hex, bits, ",");
  }
  program += "]: print(repr(struct.unpack(\"<d\", struct.pack(\"<Q\", h))[0]))";
  std::optional<std::string> python = RunPython(program);
  if (!python.has_value()) GTEST_SKIP() << "python3 is not installed";
  std::vector<std::string> lines = StrSplit(*python, '\n', true);
  ASSERT_EQ(lines.size(), values.size());
  for (size_t i = 0; i < values.size(); ++i) {
    EXPECT_EQ(internal::PythonFloatRepr(values[i]), lines[i]) << i;
  }
}

TEST(CheckpointStateTextTest, FloatsRoundTripThroughTheParser) {
  for (double d : InterestingDoubles()) {
    CheckpointState state;
    state.model_checkpoint_path = "m";
    state.all_model_checkpoint_timestamps = {d};
    TFP_ASSERT_OK_AND_ASSIGN(CheckpointState back,
                             internal::CheckpointStateFromText(
                                 internal::CheckpointStateToText(state)));
    ASSERT_EQ(back.all_model_checkpoint_timestamps.size(), 1u);
    EXPECT_EQ(back.all_model_checkpoint_timestamps[0], d);
  }
}

TEST(CheckpointStatePathTest, NormalizeAndRelativeFollowPosixPath) {
  EXPECT_EQ(internal::NormalizePath(""), ".");
  EXPECT_EQ(internal::NormalizePath("a//b/./c/../d/"), "a/b/d");
  EXPECT_EQ(internal::NormalizePath("/../a/.."), "/");
  EXPECT_EQ(internal::NormalizePath("../a/../../b"), "../../b");
  EXPECT_EQ(internal::RelativePath("out/model.ckpt", "out", "/cwd"),
            "model.ckpt");
  EXPECT_EQ(internal::RelativePath("/x/y/m", "/x/z", "/cwd"), "../y/m");
  EXPECT_EQ(internal::RelativePath("/cwd/out/m", "out", "/cwd"), "m");
  EXPECT_EQ(internal::RelativePath("out", "out", "/cwd"), ".");
}

class CheckpointStateFileTest : public ::testing::Test {
 protected:
  std::unique_ptr<Env> mem_ = NewMemEnv();
  Env* env_ = mem_.get();
};

TEST_F(CheckpointStateFileTest, FixturesJoinRelativePathsOntoTheDir) {
  TFP_REQUIRE_SHARED();
  std::string dir = FixtureDir("ckpt-v2-mnist-fc-feed");
  TFP_ASSERT_OK_AND_ASSIGN(CheckpointState state,
                           GetCheckpointState(Env::Default(), dir));
  EXPECT_EQ(state.model_checkpoint_path, dir + "/model.ckpt-1999");
  EXPECT_THAT(state.all_model_checkpoint_paths,
              ElementsAre(dir + "/model.ckpt-999", dir + "/model.ckpt-1999"));
  // The dangling entry of that fixture names no files.
  EXPECT_FALSE(CheckpointExists(Env::Default(), dir + "/model.ckpt-999"));
  EXPECT_TRUE(CheckpointExists(Env::Default(), dir + "/model.ckpt-1999"));
  TFP_ASSERT_OK_AND_ASSIGN(std::string latest,
                           LatestCheckpoint(Env::Default(), dir));
  EXPECT_EQ(latest, dir + "/model.ckpt-1999");
}

TEST_F(CheckpointStateFileTest, ForeignAbsolutePathsFallBackToTheDir) {
  TFP_REQUIRE_SHARED();
  struct Case {
    const char* fixture;
    const char* basename;
  };
  for (const Case& c : {Case{"ckpt-v2-mnist-mlp-ema", "model.ckpt-29001"},
                        Case{"ckpt-v1-bad-half-plus-two", "export"},
                        Case{"ckpt-v1-nxt-adam", "model.ckpt"},
                        Case{"ckpt-v2-sharded-tf2", "model.ckpt"}}) {
    SCOPED_TRACE(c.fixture);
    std::string dir = FixtureDir(c.fixture);
    TFP_ASSERT_OK_AND_ASSIGN(CheckpointState state,
                             GetCheckpointState(Env::Default(), dir));
    EXPECT_EQ(Basename(state.model_checkpoint_path), c.basename);
    TFP_ASSERT_OK_AND_ASSIGN(std::string latest,
                             LatestCheckpoint(Env::Default(), dir));
    EXPECT_EQ(latest, JoinPath(dir, c.basename));
  }
  TFP_ASSERT_OK_AND_ASSIGN(
      CheckpointState ema,
      GetCheckpointState(Env::Default(), FixtureDir("ckpt-v2-mnist-mlp-ema")));
  EXPECT_TRUE(IsAbsolutePath(ema.model_checkpoint_path));
  EXPECT_NE(Dirname(ema.model_checkpoint_path),
            FixtureDir("ckpt-v2-mnist-mlp-ema"));
}

TEST_F(CheckpointStateFileTest, MissingCorruptAndDanglingStates) {
  TFP_ASSERT_OK(env_->RecursivelyCreateDir("/d"));
  EXPECT_THAT(GetCheckpointState(env_, "/d"),
              StatusIs(StatusCode::kNotFound, HasSubstr("/d/checkpoint")));
  EXPECT_THAT(LatestCheckpoint(env_, "/d"),
              StatusIs(StatusCode::kNotFound, HasSubstr("/d/checkpoint")));
  TFP_ASSERT_OK(WriteStringToFile(env_, "/d/checkpoint", "garbage {"));
  EXPECT_THAT(LatestCheckpoint(env_, "/d"),
              StatusIs(StatusCode::kDataLoss, HasSubstr("/d/checkpoint")));
  TFP_ASSERT_OK(WriteStringToFile(env_, "/d/checkpoint",
                                  "all_model_checkpoint_paths: \"m\"\n"));
  EXPECT_THAT(GetCheckpointState(env_, "/d"),
              StatusIs(StatusCode::kDataLoss,
                       HasSubstr("model_checkpoint_path is empty")));
  TFP_ASSERT_OK(WriteStringToFile(env_, "/d/checkpoint",
                                  "model_checkpoint_path: \"m\"\n"));
  EXPECT_THAT(LatestCheckpoint(env_, "/d"),
              StatusIs(StatusCode::kNotFound, HasSubstr("/d/m")));
  TFP_ASSERT_OK(WriteStringToFile(env_, "/d/m", "v1 file"));
  TFP_ASSERT_OK_AND_ASSIGN(std::string v1_latest, LatestCheckpoint(env_, "/d"));
  EXPECT_EQ(v1_latest, "/d/m");
  TFP_ASSERT_OK(env_->DeleteFile("/d/m"));
  TFP_ASSERT_OK(WriteStringToFile(env_, "/d/m.index", "v2 index"));
  TFP_ASSERT_OK_AND_ASSIGN(std::string latest, LatestCheckpoint(env_, "/d"));
  EXPECT_EQ(latest, "/d/m");
}

TEST_F(CheckpointStateFileTest, CheckpointExistsGlobsV1Shards) {
  TFP_ASSERT_OK(WriteStringToFile(env_, "/d/m-00000-of-00002", "x"));
  EXPECT_TRUE(CheckpointExists(env_, "/d/m-?\?\?\?\?-of-00002"));
  EXPECT_FALSE(CheckpointExists(env_, "/d/m-?\?\?\?\?-of-00003"));
  EXPECT_FALSE(CheckpointExists(env_, "/d/m"));
}

TEST_F(CheckpointStateFileTest, WritesAbsolutePathsAsGiven) {
  TFP_ASSERT_OK(UpdateCheckpointStateFile(env_, "/d", "/d/model.ckpt-2000",
                                          {"/d/model.ckpt-1000"}));
  TFP_ASSERT_OK_AND_ASSIGN(std::string text,
                           ReadFileToString(env_, "/d/checkpoint"));
  EXPECT_EQ(text,
            "model_checkpoint_path: \"/d/model.ckpt-2000\"\n"
            "all_model_checkpoint_paths: \"/d/model.ckpt-1000\"\n"
            "all_model_checkpoint_paths: \"/d/model.ckpt-2000\"\n");
  TFP_ASSERT_OK_AND_ASSIGN(auto children, env_->GetChildren("/d"));
  EXPECT_THAT(children, ElementsAre("checkpoint"));  // No temp file left.
}

TEST_F(CheckpointStateFileTest, RelativeSaveDirWritesRelativePaths) {
  // saver.save(sess, "out/model.ckpt", global_step=...) in TF's words.
  TFP_ASSERT_OK(UpdateCheckpointStateFile(
      env_, "out", "out/model.ckpt-2000",
      {"out/model.ckpt-1000", "out/model.ckpt-2000"}));
  TFP_ASSERT_OK_AND_ASSIGN(std::string text,
                           ReadFileToString(env_, "out/checkpoint"));
  // Same text as the spec's first example of checkpoint-state.md §2.
  EXPECT_EQ(text,
            "model_checkpoint_path: \"model.ckpt-2000\"\n"
            "all_model_checkpoint_paths: \"model.ckpt-1000\"\n"
            "all_model_checkpoint_paths: \"model.ckpt-2000\"\n");
  TFP_ASSERT_OK_AND_ASSIGN(CheckpointState state,
                           GetCheckpointState(env_, "out"));
  EXPECT_EQ(state.model_checkpoint_path, "out/model.ckpt-2000");
}

TEST_F(CheckpointStateFileTest, ManagerStyleRelativePathsAndTimestamps) {
  TFP_ASSERT_OK_AND_ASSIGN(CheckpointState spec,
                           internal::CheckpointStateFromText(kSpecManagerText));
  UpdateCheckpointStateOptions options;
  options.save_relative_paths = true;
  options.all_model_checkpoint_timestamps =
      spec.all_model_checkpoint_timestamps;
  options.last_preserved_timestamp = spec.last_preserved_timestamp;
  TFP_ASSERT_OK(UpdateCheckpointStateFile(
      env_, "/run", "/run/ckpt-3", {"/run/ckpt-1", "/run/ckpt-2"}, options));
  TFP_ASSERT_OK_AND_ASSIGN(std::string text,
                           ReadFileToString(env_, "/run/checkpoint"));
  EXPECT_EQ(text, kSpecManagerText);
}

TEST_F(CheckpointStateFileTest, RejectsBadArguments) {
  UpdateCheckpointStateOptions bad_name;
  bad_name.latest_filename = "sub/checkpoint";
  EXPECT_THAT(UpdateCheckpointStateFile(env_, "/d", "/d/m", {}, bad_name),
              StatusIs(StatusCode::kInvalidArgument, HasSubstr("separator")));
  UpdateCheckpointStateOptions bad_times;
  bad_times.all_model_checkpoint_timestamps = {1.0};
  EXPECT_THAT(
      UpdateCheckpointStateFile(env_, "/d", "/d/m", {"/d/a"}, bad_times),
      StatusIs(StatusCode::kInvalidArgument, HasSubstr("2 paths and 1")));
  EXPECT_THAT(UpdateCheckpointStateFile(env_, "/d", "/d/checkpoint", {}),
              StatusIs(StatusCode::kInvalidArgument, HasSubstr("conflicts")));
  EXPECT_THAT(env_->FileExists("/d/checkpoint"),
              StatusIs(StatusCode::kNotFound, HasSubstr("/d/checkpoint")));
}

TEST_F(CheckpointStateFileTest, FailedWriteKeepsTheOldState) {
  TFP_ASSERT_OK(UpdateCheckpointStateFile(env_, "/d", "/d/m-1", {}));
  FaultInjectionEnv faulty(env_);
  faulty.SetFailRename(true);
  EXPECT_THAT(UpdateCheckpointStateFile(&faulty, "/d", "/d/m-2", {"/d/m-1"}),
              StatusIs(StatusCode::kUnavailable, HasSubstr("injected")));
  faulty.SetFailRename(false);
  faulty.SetWriteBudget(10);
  EXPECT_THAT(UpdateCheckpointStateFile(&faulty, "/d", "/d/m-2", {"/d/m-1"}),
              StatusIs(StatusCode::kResourceExhausted, HasSubstr("disk full")));
  TFP_ASSERT_OK_AND_ASSIGN(CheckpointState state,
                           GetCheckpointState(env_, "/d"));
  EXPECT_EQ(state.model_checkpoint_path, "/d/m-1");
  TFP_ASSERT_OK_AND_ASSIGN(auto children, env_->GetChildren("/d"));
  EXPECT_THAT(children, ElementsAre("checkpoint"));
}

}  // namespace
}  // namespace tfpersist
