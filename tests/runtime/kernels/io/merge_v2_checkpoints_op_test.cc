// MergeV2Checkpoints: shards written by SaveV2 become one bundle.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "testing/fixtures.h"
#include "testing/kernel_test_harness.h"
#include "testing/status_matchers.h"
#include "tfpersist/base/path.h"
#include "tfpersist/io/tensor_bundle.h"

namespace tfpersist {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using testing::KernelTester;
using testing::StatusIs;
using testing::TensorEq;

Status SaveShard(const std::string& prefix, const std::string& key, float v) {
  return KernelTester("SaveV2")
      .ScalarInput<tstring>(prefix)
      .Input(Tensor::FromVector<tstring>({key}))
      .Input(Tensor::FromVector<tstring>({""}))
      .InputList({Tensor::Scalar<float>(v)})
      .Run()
      .status();
}

TEST(MergeV2CheckpointsOpTest, MergesShardsAndRemovesTheTempDir) {
  std::string dir = testing::NewTempDir("merge");
  std::string prefix = JoinPath(dir, "model.ckpt");
  std::string tmp = prefix + "_temp_0123/part";
  std::string p0 = tmp + "-00000-of-00002", p1 = tmp + "-00001-of-00002";
  TFP_ASSERT_OK(SaveShard(p0, "a", 1));
  TFP_ASSERT_OK(SaveShard(p1, "b", 2));
  TFP_ASSERT_OK(KernelTester("MergeV2Checkpoints")
                    .Input(Tensor::FromVector<tstring>({p0, p1}))
                    .ScalarInput<tstring>(prefix)
                    .Run()
                    .status());
  TFP_ASSERT_OK_AND_ASSIGN(auto reader,
                           BundleReader::Open(Env::Default(), prefix));
  EXPECT_THAT(reader->Keys(), ElementsAre("a", "b"));
  EXPECT_EQ(reader->num_shards(), 2);
  TFP_ASSERT_OK_AND_ASSIGN(Tensor b, reader->Lookup("b"));
  EXPECT_THAT(b, TensorEq(Tensor::Scalar<float>(2)));
  EXPECT_FALSE(Env::Default()->IsDirectory(prefix + "_temp_0123"));
}

TEST(MergeV2CheckpointsOpTest, RejectsANonScalarDestination) {
  EXPECT_THAT(KernelTester("MergeV2Checkpoints")
                  .Input(Tensor::FromVector<tstring>({"a"}))
                  .Input(Tensor::FromVector<tstring>({"b", "c"}))
                  .Run()
                  .status(),
              StatusIs(StatusCode::kInvalidArgument,
                       HasSubstr("destination_prefix should be a scalar")));
}

TEST(MergeV2CheckpointsOpTest, MissingInputIsNotFound) {
  std::string dir = testing::NewTempDir("merge");
  EXPECT_THAT(KernelTester("MergeV2Checkpoints")
                  .Input(Tensor::FromVector<tstring>({JoinPath(dir, "none")}))
                  .ScalarInput<tstring>(JoinPath(dir, "out"))
                  .Run()
                  .status(),
              StatusIs(StatusCode::kNotFound, HasSubstr("none")));
}

}  // namespace
}  // namespace tfpersist
