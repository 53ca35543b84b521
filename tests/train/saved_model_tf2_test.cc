// TF2 SavedModels (tf.saved_model.save / Keras model.save) load through
// LoadSavedModel and run their serving_default signature. Expected Keras
// outputs are computed here with naive loops from the weights the
// checkpoint itself holds (read with CheckpointReader), using the layer
// graph of the model's Keras config (SavedObjectGraph metadata).
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>

#include "testing/fixtures.h"
#include "testing/kernel_test_harness.h"
#include "testing/status_matchers.h"
#include "tfpersist/base/path.h"
#include "tfpersist/io/checkpoint_reader.h"
#include "tfpersist/train/saved_model.h"

namespace tfpersist {
namespace {

using ::testing::HasSubstr;
using ::tfpersist::testing::StatusIs;
using ::tfpersist::testing::TensorEq;

// y[b, j] = act(sum_i x[b, i] * K[i, j] + bias[j]).
std::vector<float> Dense(const std::vector<float>& x, int batch,
                         const Tensor& kernel, const Tensor& bias,
                         bool sigmoid) {
  const int in = kernel.dim_size(0), out = kernel.dim_size(1);
  std::vector<float> y(batch * out);
  for (int b = 0; b < batch; ++b) {
    for (int j = 0; j < out; ++j) {
      double acc = bias.data<float>()[j];
      for (int i = 0; i < in; ++i) {
        acc += double{x[b * in + i]} * kernel.data<float>()[i * out + j];
      }
      y[b * out + j] = sigmoid ? static_cast<float>(1 / (1 + std::exp(-acc)))
                               : static_cast<float>(std::max(acc, 0.0));
    }
  }
  return y;
}

// sigmoid(relu(x K_a + b_a) K_b + b_b) with layer_with_weights-a / -b.
std::vector<float> KerasTower(const CheckpointReader& reader,
                              const std::vector<float>& x, int batch, int a,
                              int b) {
  auto get = [&](int layer, const char* what) {
    auto t = reader.GetTensor(StrCat("layer_with_weights-", layer, "/", what,
                                     "/.ATTRIBUTES/VARIABLE_VALUE"));
    EXPECT_THAT(t.status(), ::tfpersist::testing::IsOk());
    return t.ok() ? *t : Tensor();
  };
  std::vector<float> h = Dense(x, batch, get(a, "kernel"), get(a, "bias"),
                               /*sigmoid=*/false);
  return Dense(h, batch, get(b, "kernel"), get(b, "bias"), /*sigmoid=*/true);
}

std::unique_ptr<CheckpointReader> OpenVariables(const std::string& dir) {
  auto r = CheckpointReader::Open(Env::Default(),
                                  JoinPath(dir, "variables", "variables"));
  EXPECT_THAT(r.status(), ::tfpersist::testing::IsOk());
  return r.ok() ? std::move(r).value() : nullptr;
}

void ExpectNear(const Tensor& got, const std::vector<float>& want,
                const TensorShape& shape) {
  ASSERT_EQ(got.dtype(), DT_FLOAT);
  ASSERT_EQ(got.shape(), shape);
  for (size_t i = 0; i < want.size(); ++i) {
    EXPECT_NEAR(got.data<float>()[i], want[i], 1e-6) << "element " << i;
  }
}

TEST(SavedModelTf2Test, HalfPlusTwoServingDefault) {
  TFP_REQUIRE_SHARED();
  const std::string dir =
      JoinPath(testing::FixtureDir("savedmodel-tf2-half-plus-two"), "00000123");
  TFP_ASSERT_OK_AND_ASSIGN(auto bundle, LoadSavedModel(dir, {"serve"}));
  TFP_ASSERT_OK_AND_ASSIGN(
      auto out,
      bundle->RunSignature("serving_default",
                           {{"x", Tensor::FromVector<float>({1, 2, 5})}}));
  // y = 0.5 * x + 2 (SOURCE.md: a = 0.5, b = 2).
  EXPECT_THAT(out.at("y"), TensorEq(Tensor::FromVector<float>({2.5, 3, 4.5})));
}

TEST(SavedModelTf2Test, KerasDenseMatchesItsWeights) {
  TFP_REQUIRE_SHARED();
  const std::string dir = testing::FixtureDir("savedmodel-tf2-keras-dense");
  TFP_ASSERT_OK_AND_ASSIGN(auto bundle, LoadSavedModel(dir, {"serve"}));
  std::vector<float> x(10 * 5);
  for (size_t i = 0; i < x.size(); ++i) x[i] = i % 3 == 0 ? 1.f : -0.5f;
  TFP_ASSERT_OK_AND_ASSIGN(
      auto out,
      bundle->RunSignature(
          "serving_default",
          {{"input_1", Tensor::FromVector<float>(x, TensorShape({10, 5}))}}));
  auto reader = OpenVariables(dir);
  ASSERT_NE(reader, nullptr);
  ASSERT_EQ(out.size(), 1u);
  ExpectNear(out.begin()->second, KerasTower(*reader, x, 10, 0, 1),
             TensorShape({10, 1}));
  // cppflow's example input: ones [10, 5].
  std::vector<float> ones(50, 1.f);
  TFP_ASSERT_OK_AND_ASSIGN(
      out,
      bundle->RunSignature("serving_default",
                           {{"input_1", Tensor::FromVector<float>(
                                            ones, TensorShape({10, 5}))}}));
  ExpectNear(out.begin()->second, KerasTower(*reader, ones, 10, 0, 1),
             TensorShape({10, 1}));
}

TEST(SavedModelTf2Test, KerasMultiInputOutputMatchesItsWeights) {
  TFP_REQUIRE_SHARED();
  const std::string dir = testing::FixtureDir("savedmodel-tf2-keras-multi-io");
  TFP_ASSERT_OK_AND_ASSIGN(auto bundle, LoadSavedModel(dir, {"serve"}));
  std::vector<float> x1(3 * 5), x2(3 * 5);
  for (size_t i = 0; i < x1.size(); ++i) {
    x1[i] = 0.25f * static_cast<float>(i % 7) - 0.5f;
    x2[i] = 1.0f - 0.125f * static_cast<float>(i % 5);
  }
  TFP_ASSERT_OK_AND_ASSIGN(
      auto out,
      bundle->RunSignature(
          "serving_default",
          {{"my_input_1", Tensor::FromVector<float>(x1, TensorShape({3, 5}))},
           {"my_input_2",
            Tensor::FromVector<float>(x2, TensorShape({3, 5}))}}));
  auto reader = OpenVariables(dir);
  ASSERT_NE(reader, nullptr);
  // Keras config: dense(my_input_1) -> my_outputs_1, dense_1(my_input_2) ->
  // my_outputs_2; weighted layers in order dense, dense_1, my_outputs_1,
  // my_outputs_2.
  ExpectNear(out.at("my_outputs_1"), KerasTower(*reader, x1, 3, 0, 2),
             TensorShape({3, 1}));
  ExpectNear(out.at("my_outputs_2"), KerasTower(*reader, x2, 3, 1, 3),
             TensorShape({3, 1}));
}

TEST(SavedModelTf2Test, UnknownSignatureInputIsInvalidArgument) {
  TFP_REQUIRE_SHARED();
  const std::string dir = testing::FixtureDir("savedmodel-tf2-keras-dense");
  TFP_ASSERT_OK_AND_ASSIGN(auto bundle, LoadSavedModel(dir, {"serve"}));
  EXPECT_THAT(bundle->RunSignature("serving_default",
                                   {{"input_2", Tensor::Scalar<float>(1)}}),
              StatusIs(StatusCode::kInvalidArgument, HasSubstr("input_2")));
}

}  // namespace
}  // namespace tfpersist
