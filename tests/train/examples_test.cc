// The train examples (examples/train/) run and show what they claim.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "testing/fixtures.h"
#include "testing/kernel_test_harness.h"
#include "testing/status_matchers.h"
#include "train_demo.h"

namespace tfpersist {
namespace {

using ::testing::Contains;
using testing::TensorEq;

Tensor Floats(std::vector<float> v) { return Tensor::FromVector<float>(v); }

TEST(TrainExamplesTest, SaveRestore) {
  TFP_ASSERT_OK_AND_ASSIGN(auto r,
                           examples::RunSaveRestore(testing::NewTempDir("ex")));
  for (const char* f : {"checkpoint", "model.ckpt.index", "model.ckpt.meta",
                        "model.ckpt.data-00000-of-00001"}) {
    EXPECT_THAT(r.files, Contains(f));
  }
  ASSERT_EQ(r.listed.size(), 2u);
  EXPECT_EQ(r.listed[0].first, "v1");
  EXPECT_THAT(r.rebuilt_add, TensorEq(Floats({3})));
  EXPECT_THAT(r.imported_add, TensorEq(Floats({3})));
  EXPECT_THAT(r.only_v1_add, TensorEq(Floats({1 + 20})));
  EXPECT_THAT(r.renamed_v1, TensorEq(Floats({1})));
  EXPECT_THAT(r.renamed_v2, TensorEq(Floats({2})));
}

TEST(TrainExamplesTest, EmaRestoreLoadsTheShadowValue) {
  TFP_ASSERT_OK_AND_ASSIGN(auto r,
                           examples::RunEmaRestore(testing::NewTempDir("ex")));
  EXPECT_NE(r.trained_w, r.shadow_w);
  EXPECT_EQ(r.restored_w, r.shadow_w);
  EXPECT_NEAR(r.trained_w, 3.0f, 0.2f);  // y = 3x was learned
}

TEST(TrainExamplesTest, SavedModelServes) {
  TFP_ASSERT_OK_AND_ASSIGN(auto r,
                           examples::RunSavedModel(testing::NewTempDir("ex")));
  Tensor want(DT_FLOAT, r.x.shape());
  for (int i = 0; i < 3; ++i)
    want.flat<float>()[i] = 0.5f * r.x.flat<float>()[i] + 2.0f;
  EXPECT_THAT(r.y, TensorEq(want));
}

}  // namespace
}  // namespace tfpersist
