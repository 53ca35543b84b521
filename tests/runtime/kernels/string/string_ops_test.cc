#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <chrono>
#include <string>

#include "testing/kernel_test_harness.h"
#include "testing/status_matchers.h"

namespace tfpersist {
namespace {

using ::testing::AllOf;
using ::testing::HasSubstr;
using ::tfpersist::testing::HoldsTensor;
using ::tfpersist::testing::KernelTester;
using ::tfpersist::testing::StatusIs;

Tensor V(std::vector<std::string> v) { return Tensor::FromVector(v); }
Tensor S(std::string v) { return Tensor::Scalar<std::string>(std::move(v)); }

TEST(StringJoinTest, BroadcastsScalars) {
  EXPECT_THAT(KernelTester("StringJoin")
                  .InputList({S("ckpt"), V({"a", "b"})})
                  .Attr("separator", "_")
                  .RunOutput(),
              HoldsTensor(V({"ckpt_a", "ckpt_b"})));
  EXPECT_THAT(
      KernelTester("StringJoin").InputList({S("x"), S("y")}).RunOutput(),
      HoldsTensor(S("xy")));
  EXPECT_THAT(
      KernelTester("StringJoin").InputList({V({"a"}), V({"a", "b"})}).Run(),
      StatusIs(StatusCode::kInvalidArgument,
               HasSubstr("Input shapes do not match: [1] vs. [2]")));
}

TEST(StaticRegexFullMatchTest, SaverS3Pattern) {
  EXPECT_THAT(KernelTester("StaticRegexFullMatch")
                  .Input(V({"s3://bucket/x", "/tmp/s3://", "s3:/x"}))
                  .Attr("pattern", "^s3://.*")
                  .RunOutput(),
              HoldsTensor(Tensor::FromVector<bool>({true, false, false})));
  EXPECT_THAT(
      KernelTester("StaticRegexFullMatch")
          .Input(S("a"))
          .Attr("pattern", "(")
          .Run(),
      StatusIs(StatusCode::kInvalidArgument, HasSubstr("Invalid pattern: (")));
}

// Defect: std::regex recursed once per character (SIGSEGV on ~30,000) and
// backtracked exponentially on (a|a)*b. RE2 is linear; both finish at once.
TEST(StaticRegexFullMatchTest, LongInputAndBacktrackingPatternAreLinear) {
  const auto start = std::chrono::steady_clock::now();
  const std::string long_path = "s3://" + std::string(30000, 'x');
  EXPECT_THAT(KernelTester("StaticRegexFullMatch")
                  .Input(V({long_path, std::string(30000, 'x')}))
                  .Attr("pattern", "^s3://.*")
                  .RunOutput(),
              HoldsTensor(Tensor::FromVector<bool>({true, false})));
  EXPECT_THAT(KernelTester("StaticRegexFullMatch")
                  .Input(V({std::string(30, 'a'), std::string(30, 'a') + "b"}))
                  .Attr("pattern", "(a|a)*b")
                  .RunOutput(),
              HoldsTensor(Tensor::FromVector<bool>({false, true})));
  // Generous even under sanitizers; the backtracking engine took minutes.
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(10));
}

TEST(StaticRegexFullMatchTest, InvalidPatternNamesTheNode) {
  EXPECT_THAT(
      KernelTester("StaticRegexFullMatch")
          .Name("is_s3")
          .Input(S("a"))
          .Attr("pattern", "a(b")
          .Run(),
      StatusIs(StatusCode::kInvalidArgument,
               AllOf(HasSubstr("Invalid pattern: a(b, error: "),
                     HasSubstr("missing )"), HasSubstr("{{node is_s3}}"))));
}

// RE2 syntax as TF: '.' does not match a newline, \d and (?i) work.
TEST(StaticRegexFullMatchTest, Re2Syntax) {
  EXPECT_THAT(KernelTester("StaticRegexFullMatch")
                  .Input(V({"s3://a\nb", "AB12", "ab1x"}))
                  .Attr("pattern", "(?i)^(s3://.*|ab\\d+)$")
                  .RunOutput(),
              HoldsTensor(Tensor::FromVector<bool>({false, true, false})));
}

TEST(ShardedFilenameTest, SaverNames) {
  EXPECT_THAT(KernelTester("ShardedFilename")
                  .Input(S("model.ckpt_temp/part"))
                  .ScalarInput<int32_t>(0)
                  .ScalarInput<int32_t>(1)
                  .RunOutput(),
              HoldsTensor(S("model.ckpt_temp/part-00000-of-00001")));
  EXPECT_THAT(KernelTester("ShardedFilespec")
                  .Input(S("model"))
                  .ScalarInput<int32_t>(12)
                  .RunOutput(),
              HoldsTensor(S("model-????"
                            "?-of-00012")));
  EXPECT_THAT(KernelTester("ShardedFilename")
                  .Input(V({"a", "b"}))
                  .ScalarInput<int32_t>(0)
                  .ScalarInput<int32_t>(1)
                  .Run(),
              StatusIs(StatusCode::kInvalidArgument,
                       HasSubstr("(basename) must be a scalar")));
}

}  // namespace
}  // namespace tfpersist
