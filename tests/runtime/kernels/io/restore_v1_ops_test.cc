// Restore / RestoreSlice on V1 checkpoints written by TensorFlow.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "testing/fixtures.h"
#include "testing/kernel_test_harness.h"
#include "testing/status_matchers.h"
#include "tfpersist/base/path.h"
#include "train/testing/expected_tensors.h"

namespace tfpersist {
namespace {

using ::testing::HasSubstr;
using testing::KernelTester;
using testing::StatusIs;
using testing::TensorEq;

// Every tensor of every V1 fixture restores through Restore with TF's bytes.
TEST(RestoreOpTest, RestoresEveryTensorOfTheV1Fixtures) {
  TFP_REQUIRE_SHARED();
  int checked = 0;
  for (const std::string& name : testing::FixtureNames()) {
    std::string dir = testing::FixtureDir(name);
    auto expected = testing::LoadExpectedTensors(dir);
    if (!expected.ok()) continue;
    for (const auto& [file, ckpt] : *expected) {
      if (ckpt.format != "v1") continue;
      for (const auto& t : ckpt.tensors) {
        TFP_ASSERT_OK_AND_ASSIGN(DataType dt, DataTypeFromString(t.dtype));
        TFP_ASSERT_OK_AND_ASSIGN(Tensor value,
                                 KernelTester("Restore")
                                     .ScalarInput<tstring>(JoinPath(dir, file))
                                     .ScalarInput<tstring>(t.name)
                                     .Attr("dt", dt)
                                     .RunOutput());
        EXPECT_EQ(testing::TensorSha256(value), t.sha256)
            << name << " " << t.name;
        ++checked;
      }
    }
  }
  EXPECT_GT(checked, 20);
}

TEST(RestoreSliceOpTest, RestoresARegion) {
  TFP_REQUIRE_SHARED();
  std::string file =
      JoinPath(testing::FixtureDir("ckpt-v1-nxt-adam"), "model.ckpt");
  TFP_ASSERT_OK_AND_ASSIGN(Tensor full, KernelTester("Restore")
                                            .ScalarInput<tstring>(file)
                                            .ScalarInput<tstring>("mweight")
                                            .Attr("dt", DT_FLOAT)
                                            .RunOutput());
  ASSERT_EQ(full.shape(), TensorShape({4, 10}));
  TFP_ASSERT_OK_AND_ASSIGN(Tensor part,
                           KernelTester("RestoreSlice")
                               .ScalarInput<tstring>(file)
                               .ScalarInput<tstring>("mweight")
                               .ScalarInput<tstring>("4 10 1,2:3,1")
                               .Attr("dt", DT_FLOAT)
                               .RunOutput());
  std::vector<float> want = {full.flat<float>()[13], full.flat<float>()[23]};
  EXPECT_THAT(part,
              TensorEq(Tensor::FromVector<float>(want, TensorShape({2, 1}))));
}

TEST(RestoreOpTest, ErrorsNameTheTensorAndFiles) {
  TFP_REQUIRE_SHARED();
  std::string file =
      JoinPath(testing::FixtureDir("ckpt-v1-nxt-adam"), "model.ckpt");
  EXPECT_THAT(KernelTester("Restore")
                  .ScalarInput<tstring>(file)
                  .ScalarInput<tstring>("nope")
                  .Attr("dt", DT_FLOAT)
                  .Run()
                  .status(),
              StatusIs(StatusCode::kNotFound, HasSubstr("Key nope not found")));
  EXPECT_THAT(KernelTester("Restore")
                  .ScalarInput<tstring>(file)
                  .ScalarInput<tstring>("mweight")
                  .Attr("dt", DT_INT32)
                  .Run()
                  .status(),
              StatusIs(StatusCode::kInvalidArgument,
                       HasSubstr("Expected to restore a tensor of type int32, "
                                 "got a tensor of type float")));
  EXPECT_THAT(KernelTester("Restore")
                  .ScalarInput<tstring>(file + "-missing")
                  .ScalarInput<tstring>("mweight")
                  .Attr("dt", DT_FLOAT)
                  .Run()
                  .status(),
              StatusIs(StatusCode::kNotFound, HasSubstr("-missing")));
  EXPECT_THAT(
      KernelTester("Restore")
          .Input(Tensor::FromVector<tstring>({file, file}))
          .ScalarInput<tstring>("mweight")
          .Attr("dt", DT_FLOAT)
          .Run()
          .status(),
      StatusIs(StatusCode::kInvalidArgument,
               HasSubstr("Input 0 (file_pattern) must be a string scalar")));
}

}  // namespace
}  // namespace tfpersist
