// SaveV2: what it writes is read back by the BundleReader (the file format
// itself is tested in tests/io/bundle against TF-written bundles).
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

Tensor Strings(std::vector<std::string> v) {
  return Tensor::FromVector<tstring>(v);
}

TEST(SaveV2OpTest, WritesABundleTheReaderReads) {
  std::string prefix = JoinPath(testing::NewTempDir("save_v2"), "model.ckpt");
  Tensor w = Tensor::FromVector<float>({1, 2, 3, 4}, TensorShape({2, 2}));
  Tensor step = Tensor::Scalar<int64_t>(7);
  Tensor s = Strings({"x", "yy"});
  TFP_ASSERT_OK(KernelTester("SaveV2")
                    .ScalarInput<tstring>(prefix)
                    .Input(Strings({"w", "global_step", "s"}))
                    .Input(Strings({"", "", ""}))
                    .InputList({w, step, s})
                    .Run()
                    .status());
  TFP_ASSERT_OK_AND_ASSIGN(auto reader,
                           BundleReader::Open(Env::Default(), prefix));
  EXPECT_THAT(reader->Keys(), ElementsAre("global_step", "s", "w"));
  TFP_ASSERT_OK_AND_ASSIGN(Tensor w2, reader->Lookup("w"));
  EXPECT_THAT(w2, TensorEq(w));
  TFP_ASSERT_OK_AND_ASSIGN(Tensor step2, reader->Lookup("global_step"));
  EXPECT_THAT(step2, TensorEq(step));
  TFP_ASSERT_OK_AND_ASSIGN(Tensor s2, reader->Lookup("s"));
  EXPECT_THAT(s2, TensorEq(s));
  TFP_EXPECT_OK(Env::Default()->FileExists(DataFilename(prefix, 0, 1)));
}

TEST(SaveV2OpTest, WritesPartitionedSlices) {
  std::string prefix = JoinPath(testing::NewTempDir("save_v2"), "part");
  Tensor top = Tensor::FromVector<float>({1, 2, 3, 4}, TensorShape({2, 2}));
  Tensor bottom = Tensor::FromVector<float>({5, 6, 7, 8}, TensorShape({2, 2}));
  TFP_ASSERT_OK(KernelTester("SaveV2")
                    .ScalarInput<tstring>(prefix)
                    .Input(Strings({"emb", "emb"}))
                    .Input(Strings({"4 2 0,2:-", "4 2 2,2:-"}))
                    .InputList({top, bottom})
                    .Run()
                    .status());
  TFP_ASSERT_OK_AND_ASSIGN(auto reader,
                           BundleReader::Open(Env::Default(), prefix));
  TFP_ASSERT_OK_AND_ASSIGN(Tensor full, reader->Lookup("emb"));
  EXPECT_THAT(full, TensorEq(Tensor::FromVector<float>({1, 2, 3, 4, 5, 6, 7, 8},
                                                       TensorShape({4, 2}))));
}

TEST(SaveV2OpTest, RejectsASliceOfTheWrongShape) {
  std::string prefix = JoinPath(testing::NewTempDir("save_v2"), "bad");
  EXPECT_THAT(KernelTester("SaveV2")
                  .ScalarInput<tstring>(prefix)
                  .Input(Strings({"emb"}))
                  .Input(Strings({"4 2 0,3:-"}))
                  .InputList({Tensor::FromVector<float>({1, 2, 3, 4},
                                                        TensorShape({2, 2}))})
                  .Run()
                  .status(),
              StatusIs(StatusCode::kInvalidArgument,
                       HasSubstr("does not match the shape of the tensor")));
  EXPECT_THAT(Env::Default()->FileExists(MetaFilename(prefix)),
              StatusIs(StatusCode::kNotFound, ::testing::_));
}

TEST(SaveV2OpTest, RejectsMismatchedNameCount) {
  std::string prefix = JoinPath(testing::NewTempDir("save_v2"), "bad");
  EXPECT_THAT(
      KernelTester("SaveV2")
          .ScalarInput<tstring>(prefix)
          .Input(Strings({"a"}))
          .Input(Strings({""}))
          .InputList({Tensor::Scalar<float>(1), Tensor::Scalar<float>(2)})
          .Run()
          .status(),
      StatusIs(StatusCode::kInvalidArgument,
               HasSubstr("Got 1 tensor names but 2 tensors")));
}

TEST(SaveV2OpTest, RejectsDuplicateKeys) {
  std::string prefix = JoinPath(testing::NewTempDir("save_v2"), "dup");
  EXPECT_THAT(
      KernelTester("SaveV2")
          .ScalarInput<tstring>(prefix)
          .Input(Strings({"a", "a"}))
          .Input(Strings({"", ""}))
          .InputList({Tensor::Scalar<float>(1), Tensor::Scalar<float>(2)})
          .Run()
          .status(),
      StatusIs(StatusCode::kInvalidArgument, HasSubstr("a")));
}

}  // namespace
}  // namespace tfpersist
