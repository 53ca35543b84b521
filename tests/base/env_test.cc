// One contract, every Env: POSIX, in-memory, and fault-injecting.
#include "tfpersist/base/env.h"

#include "base/fault_injection_env.h"
#include "testing/fixtures.h"
#include "testing/status_matchers.h"
#include "tfpersist/base/path.h"

namespace tfpersist {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::tfpersist::testing::StatusIs;

class EnvContractTest : public ::testing::TestWithParam<bool> {
 protected:
  void SetUp() override {
    if (GetParam()) {
      mem_ = NewMemEnv();
      env_ = mem_.get();
      dir_ = "/mem/dir";
    } else {
      env_ = Env::Default();
      dir_ = testing::NewTempDir("env");
    }
  }
  std::unique_ptr<Env> mem_;
  Env* env_;
  std::string dir_;
};

TEST_P(EnvContractTest, WriteReadRenameDelete) {
  std::string a = JoinPath(dir_, "sub/a.txt");
  TFP_ASSERT_OK(env_->RecursivelyCreateDir(JoinPath(dir_, "sub")));
  TFP_ASSERT_OK(WriteStringToFile(env_, a, "hello world"));
  TFP_ASSERT_OK_AND_ASSIGN(std::string data, ReadFileToString(env_, a));
  EXPECT_EQ(data, "hello world");
  TFP_ASSERT_OK_AND_ASSIGN(uint64_t size, env_->GetFileSize(a));
  EXPECT_EQ(size, 11u);

  TFP_ASSERT_OK_AND_ASSIGN(auto file, env_->NewRandomAccessFile(a));
  char scratch[32];
  std::string_view result;
  TFP_EXPECT_OK(file->Read(6, 5, &result, scratch));
  EXPECT_EQ(result, "world");
  EXPECT_THAT(file->Read(6, 10, &result, scratch),
              StatusIs(StatusCode::kOutOfRange, HasSubstr("end of file")));
  EXPECT_EQ(result, "world");

  std::string b = JoinPath(dir_, "sub/b.txt");
  TFP_ASSERT_OK(env_->RenameFile(a, b));
  EXPECT_THAT(env_->FileExists(a), StatusIs(StatusCode::kNotFound, HasSubstr(a)));
  TFP_EXPECT_OK(env_->FileExists(b));
  TFP_ASSERT_OK_AND_ASSIGN(auto children, env_->GetChildren(JoinPath(dir_, "sub")));
  EXPECT_THAT(children, ElementsAre("b.txt"));
  EXPECT_TRUE(env_->IsDirectory(JoinPath(dir_, "sub")));
  TFP_ASSERT_OK(env_->DeleteFile(b));
  EXPECT_THAT(env_->DeleteFile(b), StatusIs(StatusCode::kNotFound, HasSubstr(b)));
}

TEST_P(EnvContractTest, MatchingPathsAndAtomicWrite) {
  TFP_ASSERT_OK(env_->RecursivelyCreateDir(dir_));
  for (const char* n : {"m.data-00001-of-00002", "m.data-00000-of-00002", "m.index"}) {
    TFP_ASSERT_OK(WriteStringToFile(env_, JoinPath(dir_, n), n));
  }
  TFP_ASSERT_OK_AND_ASSIGN(auto paths,
                           env_->GetMatchingPaths(JoinPath(dir_, "m.data-*")));
  EXPECT_THAT(paths, ElementsAre(JoinPath(dir_, "m.data-00000-of-00002"),
                                 JoinPath(dir_, "m.data-00001-of-00002")));
  std::string state = JoinPath(dir_, "checkpoint");
  TFP_ASSERT_OK(WriteStringToFileAtomic(env_, state, "v1"));
  TFP_ASSERT_OK(WriteStringToFileAtomic(env_, state, "v2"));
  TFP_ASSERT_OK_AND_ASSIGN(std::string data, ReadFileToString(env_, state));
  EXPECT_EQ(data, "v2");
  TFP_ASSERT_OK_AND_ASSIGN(auto children, env_->GetChildren(dir_));
  EXPECT_EQ(children.size(), 4u) << "no temporary file may be left behind";
}

TEST_P(EnvContractTest, MissingFileIsNotFound) {
  EXPECT_THAT(ReadFileToString(env_, JoinPath(dir_, "nope")),
              StatusIs(StatusCode::kNotFound, HasSubstr("nope")));
}

INSTANTIATE_TEST_SUITE_P(AllEnvs, EnvContractTest, ::testing::Bool(),
                         [](const auto& info) {
                           return info.param ? "Mem" : "Posix";
                         });

TEST(FaultInjectionEnvTest, DiskFullAndFailedRenameKeepOldFile) {
  std::unique_ptr<Env> mem = NewMemEnv();
  FaultInjectionEnv env(mem.get());
  TFP_ASSERT_OK(WriteStringToFileAtomic(&env, "/d/f", "old"));
  env.SetWriteBudget(2);
  EXPECT_THAT(WriteStringToFileAtomic(&env, "/d/f", "new!"),
              StatusIs(StatusCode::kResourceExhausted, HasSubstr("disk full")));
  env.SetWriteBudget(-1);
  env.SetFailRename(true);
  EXPECT_THAT(WriteStringToFileAtomic(&env, "/d/f", "new!"),
              StatusIs(StatusCode::kUnavailable, HasSubstr("rename")));
  TFP_ASSERT_OK_AND_ASSIGN(std::string data, ReadFileToString(&env, "/d/f"));
  EXPECT_EQ(data, "old");
  TFP_ASSERT_OK_AND_ASSIGN(auto children, env.GetChildren("/d"));
  EXPECT_THAT(children, ElementsAre("f"));
}

TEST(PathTest, JoinDirnameBasename) {
  EXPECT_EQ(JoinPath("a", "b", "c"), "a/b/c");
  EXPECT_EQ(JoinPath("a/", "/b"), "a/b");
  EXPECT_EQ(JoinPath("", "b"), "b");
  EXPECT_EQ(Dirname("/x/y/model.ckpt"), "/x/y");
  EXPECT_EQ(Dirname("model.ckpt"), "");
  EXPECT_EQ(Basename("/x/y/model.ckpt"), "model.ckpt");
  EXPECT_TRUE(IsAbsolutePath("/x"));
  EXPECT_FALSE(IsAbsolutePath("x"));
}

}  // namespace
}  // namespace tfpersist
