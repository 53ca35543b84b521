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
#include "tfpersist/train/fingerprint.h"
#include "tfpersist/train/saved_model.h"
#include "tfpersist/train/saved_object_graph.h"

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

// The SavedObjectGraph lists variables by object path and the signature's
// concrete function with its captures and input signature.
TEST(SavedModelTf2Test, SavedObjectGraphIsReadable) {
  TFP_REQUIRE_SHARED();
  const std::string dir = testing::FixtureDir("savedmodel-tf2-keras-dense");
  TFP_ASSERT_OK_AND_ASSIGN(auto bundle, LoadSavedModel(dir, {"serve"}));
  const auto& graph = bundle->meta_graph_def.object_graph_def();
  TFP_ASSERT_OK_AND_ASSIGN(auto objects, ListSavedObjects(graph));
  bool found_kernel = false;
  for (const auto& o : objects) {
    if (o.path != "layer_with_weights-0/kernel") continue;
    found_kernel = true;
    EXPECT_EQ(o.kind, "variable");
    EXPECT_EQ(o.variable_name, "dense/kernel");
    EXPECT_EQ(o.dtype, DT_FLOAT);
    EXPECT_EQ(o.shape, PartialTensorShape({5, 5}));
  }
  EXPECT_TRUE(found_kernel);
  TFP_ASSERT_OK_AND_ASSIGN(auto functions, ListConcreteFunctions(graph));
  const ConcreteFunctionSummary* wrapper = nullptr;
  for (const auto& f : functions) {
    if (f.name == "__inference_signature_wrapper_232") wrapper = &f;
  }
  ASSERT_NE(wrapper, nullptr);
  EXPECT_EQ(wrapper->input_signature,
            "((), {'input_1': TensorSpec(shape=(None, 5), dtype=tf.float32, "
            "name='input_1')})");
  EXPECT_EQ(wrapper->output_signature,
            "{'dense_1': TensorSpec(shape=(None, 1), dtype=tf.float32, "
            "name='dense_1')}");
  EXPECT_EQ(wrapper->captured_paths.size(), 4u);
}

// fingerprint.pb: TF 2.14's file reads; our computed checksum, signature,
// object-graph and checkpoint hashes equal TF's; written and read back.
TEST(SavedModelTf2Test, FingerprintMatchesTf) {
  TFP_REQUIRE_SHARED();
  const std::string dir =
      JoinPath(testing::FixtureDir("savedmodel-tf2-half-plus-two"), "00000123");
  Env* env = Env::Default();
  TFP_ASSERT_OK_AND_ASSIGN(auto tf, ReadSavedModelFingerprint(env, dir));
  EXPECT_EQ(tf.saved_model_checksum(), 3202314178945370836ULL);
  TFP_ASSERT_OK_AND_ASSIGN(auto ours, CreateSavedModelFingerprint(env, dir));
  EXPECT_EQ(ours.saved_model_checksum(), tf.saved_model_checksum());
  EXPECT_EQ(ours.signature_def_hash(), tf.signature_def_hash());
  EXPECT_EQ(ours.saved_object_graph_hash(), tf.saved_object_graph_hash());
  EXPECT_EQ(ours.checkpoint_hash(), tf.checkpoint_hash());
  EXPECT_EQ(ours.version().producer(), 1);
  // Written into a scratch copy of the model, it reads back.
  const std::string copy = testing::NewTempDir("fp");
  TFP_ASSERT_OK_AND_ASSIGN(std::string pb,
                           ReadFileToString(env, dir + "/saved_model.pb"));
  TFP_ASSERT_OK(WriteStringToFile(env, copy + "/saved_model.pb", pb));
  TFP_ASSERT_OK(WriteSavedModelFingerprint(env, copy));
  TFP_ASSERT_OK_AND_ASSIGN(auto back, ReadSavedModelFingerprint(env, copy));
  EXPECT_EQ(back.saved_model_checksum(), tf.saved_model_checksum());
  EXPECT_EQ(back.checkpoint_hash(), 0u);  // no variables/ in the copy
  EXPECT_THAT(ReadSavedModelFingerprint(env, JoinPath(copy, "none")).status(),
              StatusIs(StatusCode::kNotFound, HasSubstr("fingerprint.pb")));
}

}  // namespace
}  // namespace tfpersist
