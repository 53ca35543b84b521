// GraphDefs written by TF1 programs that carry a tf.train.Saver's ops
// (graph-rust-regression-saver, graph-java-training-sample): their own save
// op (save/control_dependency, filename fed to save/Const) writes a
// checkpoint of the variables' current values, and their own restore op
// (save/restore_all) brings those values back after the variables changed.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "graph/graph_def_io.h"
#include "graph/node_def_util.h"
#include "testing/fixtures.h"
#include "testing/kernel_test_harness.h"
#include "testing/status_matchers.h"
#include "tfpersist/base/path.h"
#include "tfpersist/io/tensor_bundle.h"
#include "tfpersist/train/saver.h"

namespace tfpersist {
namespace {

using testing::TensorEq;

struct SaverGraphCase {
  const char* fixture;
  const char* file;
  const char* weight;  // variables
  const char* bias;
};

// Nodes "set/<var>" = Assign(var, Placeholder "set/<var>/value") for each
// float variable, to change variables from the test.
tensorflow::GraphDef Setters(const std::vector<std::string>& vars) {
  tensorflow::GraphDef setters;
  for (const std::string& var : vars) {
    tensorflow::NodeDef* value = setters.add_node();
    value->set_name(StrCat("set/", var, "/value"));
    value->set_op("Placeholder");
    (*value->mutable_attr())["dtype"] = MakeAttr(DT_FLOAT);
    tensorflow::NodeDef* assign = setters.add_node();
    assign->set_name(StrCat("set/", var));
    assign->set_op("Assign");
    assign->add_input(var);
    assign->add_input(value->name());
    (*assign->mutable_attr())["T"] = MakeAttr(DT_FLOAT);
    (*assign->mutable_attr())["validate_shape"] = MakeAttr(false);
  }
  return setters;
}

class SaverGraphFixtureTest : public ::testing::TestWithParam<SaverGraphCase> {
};

TEST_P(SaverGraphFixtureTest, OwnSaveAndRestoreOpsRoundTrip) {
  TFP_REQUIRE_SHARED();
  const SaverGraphCase& c = GetParam();
  tensorflow::GraphDef graph;
  TFP_ASSERT_OK(ReadGraphDef(Env::Default(),
                             JoinPath(testing::FixtureDir(c.fixture), c.file),
                             &graph));
  TFP_ASSERT_OK_AND_ASSIGN(auto session, Session::Create(graph));
  TFP_ASSERT_OK(session->Run({}, {}, {"init"}, nullptr));
  TFP_ASSERT_OK(session->Extend(Setters({c.weight, c.bias})));
  auto set = [&](float w, float b) {
    ASSERT_THAT(
        session->Run(
            {{StrCat("set/", c.weight, "/value:0"), Tensor::Scalar<float>(w)},
             {StrCat("set/", c.bias, "/value:0"), Tensor::Scalar<float>(b)}},
            {}, {StrCat("set/", c.weight), StrCat("set/", c.bias)}, nullptr),
        testing::IsOk());
  };
  auto fetch = [&]() {
    std::vector<Tensor> out;
    EXPECT_THAT(session->Run({}, {StrCat(c.weight, ":0"), StrCat(c.bias, ":0")},
                             {}, &out),
                testing::IsOk());
    return out;
  };
  set(0.25f, -1.5f);
  const std::vector<Tensor> saved = fetch();
  EXPECT_THAT(saved[0], TensorEq(Tensor::Scalar<float>(0.25f)));
  tensorflow::SaverDef def;
  def.set_filename_tensor_name("save/Const:0");
  def.set_save_tensor_name("save/control_dependency:0");
  def.set_restore_op_name("save/restore_all");
  TFP_ASSERT_OK_AND_ASSIGN(auto saver,
                           Saver::FromSaverDef(def, nullptr, nullptr));
  const std::string prefix =
      JoinPath(testing::NewTempDir("saver_graph"), "model");
  TFP_ASSERT_OK_AND_ASSIGN(std::string path,
                           saver->Save(session.get(), prefix));
  EXPECT_EQ(path, prefix);
  TFP_ASSERT_OK_AND_ASSIGN(auto reader,
                           BundleReader::Open(Env::Default(), prefix));
  TFP_ASSERT_OK_AND_ASSIGN(Tensor stored, reader->Lookup(c.weight));
  EXPECT_THAT(stored, TensorEq(saved[0]));
  set(7.0f, 8.0f);
  ASSERT_FALSE(fetch()[0].IsSameAs(saved[0]));
  TFP_ASSERT_OK(saver->Restore(session.get(), prefix));
  const std::vector<Tensor> restored = fetch();
  EXPECT_THAT(restored[0], TensorEq(saved[0]));
  EXPECT_THAT(restored[1], TensorEq(saved[1]));
}

INSTANTIATE_TEST_SUITE_P(
    Fixtures, SaverGraphFixtureTest,
    ::testing::Values(
        SaverGraphCase{"graph-rust-regression-saver", "model.pb", "w", "b"},
        SaverGraphCase{"graph-java-training-sample", "graph.pb", "W", "b"}));

}  // namespace
}  // namespace tfpersist
