// End-to-end check of the math/nn kernels on the frozen bench models
// (../shared/bench-models/README.md): run NAME.pb on NAME_input.npy through
// a Session and compare with OpenCV's outputs, Softmax within 1e-5 and
// logits within 1e-4 (the README's suggested bounds).
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "graph/graph_def_io.h"
#include "testing/fixtures.h"
#include "testing/kernel_test_harness.h"
#include "testing/status_matchers.h"
#include "tfpersist/core/npy.h"
#include "tfpersist/runtime/session.h"

namespace tfpersist {
namespace {

using testing::TensorNear;

struct Model {
  std::string name, logits;
};

void CheckModel(const Model& m) {
  SCOPED_TRACE(m.name);
  const std::string dir = testing::SharedDir() + "/bench-models/";
  Env* env = Env::Default();
  tensorflow::GraphDef graph;
  TFP_ASSERT_OK(ReadGraphDef(env, dir + m.name + ".pb", &graph));
  TFP_ASSERT_OK_AND_ASSIGN(Tensor input,
                           ReadNpy(env, dir + m.name + "_input.npy"));
  TFP_ASSERT_OK_AND_ASSIGN(Tensor want_out,
                           ReadNpy(env, dir + m.name + "_output_opencv.npy"));
  TFP_ASSERT_OK_AND_ASSIGN(Tensor want_logits,
                           ReadNpy(env, dir + m.name + "_logits_opencv.npy"));
  TFP_ASSERT_OK_AND_ASSIGN(std::unique_ptr<Session> session,
                           Session::Create(graph));
  std::vector<Tensor> out;
  TFP_ASSERT_OK(
      session->Run({{"input", input}}, {"output", m.logits}, {}, &out));
  ASSERT_EQ(out.size(), 2u);
  EXPECT_THAT(out[0], TensorNear(want_out, 1e-5));
  EXPECT_THAT(out[1], TensorNear(want_logits, 1e-4));
}

TEST(BenchModelsTest, MlpMatchesOpenCv) {
  TFP_REQUIRE_SHARED();
  CheckModel({"mlp", "logits/BiasAdd"});
}

TEST(BenchModelsTest, CnnMatchesOpenCv) {
  TFP_REQUIRE_SHARED();
  CheckModel({"cnn", "logits/BiasAdd"});
}

TEST(BenchModelsTest, MobilenetMatchesOpenCv) {
  TFP_REQUIRE_SHARED();
  CheckModel({"mobilenet", "MobilenetV1/Logits/fc/BiasAdd"});
}

}  // namespace
}  // namespace tfpersist
