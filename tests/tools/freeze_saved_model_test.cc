// FreezeSavedModel on the TF2 SavedModel fixtures: the frozen graph has no
// function call, functional control flow or resource op left, its inputs
// and outputs are named after the signature keys, and it computes what the
// SavedModel's serving_default computes. The Keras Dense model also loads
// and matches in OpenCV's dnn (cv2.dnn.readNetFromTensorflow).
#include "tfpersist/tools/freeze_saved_model.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "../cli/run_command.h"
#include "testing/fixtures.h"
#include "testing/status_matchers.h"
#include "tfpersist/base/path.h"
#include "tfpersist/core/npy.h"
#include "tfpersist/tools/freeze_graph.h"
#include "tfpersist/tools/graph_io.h"
#include "tfpersist/train/saved_model.h"

namespace tfpersist {
namespace {

using ::testing::HasSubstr;
using ::tfpersist::testing::StatusIs;

struct Case {
  std::string name;
  std::string dir;  // under fixtures/tf
  std::map<std::string, Tensor> inputs;
};

Tensor Filled(const TensorShape& shape, float start, float step) {
  Tensor t(DT_FLOAT, shape);
  for (int64_t i = 0; i < t.NumElements(); ++i) {
    t.data<float>()[i] = start + step * static_cast<float>(i % 11);
  }
  return t;
}

std::vector<Case> Cases() {
  return {
      {"HalfPlusTwo",
       "savedmodel-tf2-half-plus-two/00000123",
       // The signature declares x as [1]; the frozen Placeholder keeps it.
       {{"x", Tensor::FromVector<float>({5})}}},
      {"KerasDense",
       "savedmodel-tf2-keras-dense",
       {{"input_1", Filled(TensorShape({10, 5}), -1, 0.25f)}}},
      {"KerasMultiIo",
       "savedmodel-tf2-keras-multi-io",
       {{"my_input_1", Filled(TensorShape({4, 5}), -1, 0.3f)},
        {"my_input_2", Filled(TensorShape({4, 5}), 1, -0.2f)}}},
  };
}

class FreezeSavedModelTest : public ::testing::TestWithParam<Case> {};

TEST_P(FreezeSavedModelTest, FlatGraphComputesTheSignature) {
  TFP_REQUIRE_SHARED();
  const std::string dir = testing::FixtureDir(GetParam().dir);
  FreezeSavedModelOptions o;
  o.saved_model_dir = dir;
  TFP_ASSERT_OK_AND_ASSIGN(tensorflow::GraphDef frozen, FreezeSavedModel(o));
  EXPECT_EQ(frozen.library().function_size(), 0);
  for (const auto& n : frozen.node()) {
    EXPECT_THAT(n.op(), ::testing::Not(::testing::AnyOf(
                            "PartitionedCall", "StatefulPartitionedCall", "If",
                            "While", "VarHandleOp", "ReadVariableOp",
                            "AssignVariableOp", "IdentityN")))
        << n.name();
  }
  TFP_ASSERT_OK_AND_ASSIGN(auto bundle, LoadSavedModel(dir, {"serve"}));
  TFP_ASSERT_OK_AND_ASSIGN(
      auto expected,
      bundle->RunSignature("serving_default", GetParam().inputs));
  TFP_ASSERT_OK_AND_ASSIGN(auto session, Session::Create(frozen));
  std::vector<std::pair<std::string, Tensor>> feeds(GetParam().inputs.begin(),
                                                    GetParam().inputs.end());
  std::vector<std::string> fetches;
  for (const auto& [key, unused] : expected) fetches.push_back(key + ":0");
  std::vector<Tensor> got;
  TFP_ASSERT_OK(session->Run(feeds, fetches, {}, &got));
  int i = 0;
  for (const auto& [key, want] : expected) {
    EXPECT_TRUE(got[i++].IsSameAs(want)) << key;
  }
}

INSTANTIATE_TEST_SUITE_P(Fixtures, FreezeSavedModelTest,
                         ::testing::ValuesIn(Cases()),
                         [](const auto& info) { return info.param.name; });

TEST(FreezeSavedModelErrorsTest, UnknownSignatureIsNotFound) {
  TFP_REQUIRE_SHARED();
  FreezeSavedModelOptions o;
  o.saved_model_dir = testing::FixtureDir("savedmodel-tf2-keras-dense");
  o.signature_def = "serving";
  EXPECT_THAT(FreezeSavedModel(o).status(),
              StatusIs(StatusCode::kNotFound, HasSubstr("serving_default")));
}

// freeze_graph --input_saved_model_dir (no --output_node_names) writes the
// frozen Keras model; OpenCV's TensorFlow importer runs it on ones [10,5]
// and matches the SavedModel's own output.
TEST(FreezeSavedModelErrorsTest, KerasDenseRunsInOpenCv) {
  TFP_REQUIRE_SHARED();
  if (std::system("/usr/bin/python3 -c 'import cv2, numpy' >/dev/null 2>&1")) {
    GTEST_SKIP() << "/usr/bin/python3 lacks cv2";
  }
  const std::string dir = testing::FixtureDir("savedmodel-tf2-keras-dense");
  const std::string out = testing::NewTempDir("cv2");
  FreezeGraphOptions o;
  o.input_saved_model_dir = dir;
  o.output_graph = JoinPath(out, "frozen.pb");
  TFP_ASSERT_OK(FreezeGraph(o).status());
  const Tensor x = Tensor::FromVector<float>(std::vector<float>(50, 1.f),
                                             TensorShape({10, 5}));
  TFP_ASSERT_OK_AND_ASSIGN(auto bundle, LoadSavedModel(dir, {"serve"}));
  TFP_ASSERT_OK_AND_ASSIGN(
      auto y, bundle->RunSignature("serving_default", {{"input_1", x}}));
  TFP_ASSERT_OK(
      WriteNpy(Env::Default(), JoinPath(out, "y.npy"), y.begin()->second));
  const std::string script =
      "import cv2, numpy as np, sys\n"
      "net = cv2.dnn.readNetFromTensorflow(sys.argv[1] + '/frozen.pb')\n"
      "net.setInput(np.ones((10, 5), np.float32))\n"
      "got = net.forward()\n"
      "want = np.load(sys.argv[1] + '/y.npy')\n"
      "print(got.shape, want.shape)\n"
      "sys.exit(0 if np.allclose(got.reshape(want.shape), want, atol=1e-5) "
      "else 1)\n";
  TFP_ASSERT_OK(
      WriteStringToFile(Env::Default(), JoinPath(out, "cv.py"), script));
  auto r =
      testing::RunCommand({"/usr/bin/python3", JoinPath(out, "cv.py"), out});
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
}

}  // namespace
}  // namespace tfpersist
