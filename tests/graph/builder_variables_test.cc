// TF1 tf.Variable / global_variables_initializer emulation, compared with
// the nodes TensorFlow writes (spec meta-graph.md §3 and real .meta files).
#include <google/protobuf/util/message_differencer.h>
#include <gtest/gtest.h>

#include "graph/graph_def_io.h"
#include "graph/node_def_util.h"
#include "graph_test_util.h"
#include "testing/status_matchers.h"
#include "tfpersist/graph/ops.h"
#include "tfpersist/graph/tf_version.h"

namespace tfpersist {
namespace {

using ::google::protobuf::util::MessageDifferencer;
using ::testing::HasSubstr;
using ::tfpersist::testing::GraphFromText;
using ::tfpersist::testing::StatusIs;

std::string Diff(const google::protobuf::Message& a,
                 const google::protobuf::Message& b, bool* equal) {
  std::string diff;
  MessageDifferencer d;
  d.ReportDifferencesToString(&diff);
  *equal = d.Compare(a, b);
  return diff;
}

// v1 = tf.Variable([1.0], name="v1"); v2 = tf.Variable([2.0], name="v2");
// add = v1 + v2; init = tf.global_variables_initializer()   (TF 1.15)
TEST(BuilderVariablesTest, TwoVariablesAddAndInitEqualTf) {
  Graph graph;
  GraphBuilder b(&graph);
  RefVariable v1 = Variable(b, Tensor::FromVector<float>({1.0f}), "v1");
  RefVariable v2 = Variable(b, Tensor::FromVector<float>({2.0f}), "v2");
  Output add = Add(b, v1.value(), v2.value());
  Node* init = GlobalVariablesInitializer(b);
  TFP_ASSERT_OK(b.status());
  ASSERT_NE(init, nullptr);
  EXPECT_EQ(add.name(), "add:0");

  // The nodes TF writes for this program (spec meta-graph.md §3; ignoring
  // _output_shapes): one block per variable, then add and init.
  std::string expected_text;
  for (const char* v : {"v1", "v2"}) {
    const std::string n = v;
    const std::string value = n == "v1" ? "1" : "2";
    expected_text +=
        "node { name: '" + n +
        "/initial_value' op: 'Const'"
        "  attr { key: 'dtype' value { type: DT_FLOAT } }"
        "  attr { key: 'value' value { tensor { dtype: DT_FLOAT"
        "    tensor_shape { dim { size: 1 } } float_val: " +
        value +
        " } } } }"
        "node { name: '" +
        n +
        "' op: 'VariableV2'"
        "  attr { key: 'container' value { s: '' } }"
        "  attr { key: 'dtype' value { type: DT_FLOAT } }"
        "  attr { key: 'shape' value { shape { dim { size: 1 } } } }"
        "  attr { key: 'shared_name' value { s: '' } } }"
        "node { name: '" +
        n +
        "/Assign' op: 'Assign'"
        "  input: '" +
        n + "' input: '" + n +
        "/initial_value'"
        "  attr { key: 'T' value { type: DT_FLOAT } }"
        "  attr { key: '_class' value { list { s: 'loc:@" +
        n +
        "' } } }"
        "  attr { key: 'use_locking' value { b: true } }"
        "  attr { key: 'validate_shape' value { b: true } } }"
        "node { name: '" +
        n + "/read' op: 'Identity' input: '" + n +
        "'"
        "  attr { key: 'T' value { type: DT_FLOAT } }"
        "  attr { key: '_class' value { list { s: 'loc:@" +
        n + "' } } } }";
  }
  expected_text +=
      "node { name: 'add' op: 'AddV2' input: 'v1/read' input: 'v2/read'"
      "  attr { key: 'T' value { type: DT_FLOAT } } }"
      "node { name: 'init' op: 'NoOp' input: '^v1/Assign' input: '^v2/Assign' }"
      "versions { producer: " +
      std::to_string(EmulatedTfVersion::kGraphDefProducer) + " }";
  const tensorflow::GraphDef expected = GraphFromText(expected_text);
  ASSERT_EQ(expected.node_size(), 10);
  const tensorflow::GraphDef built = graph.ToGraphDef();
  ASSERT_EQ(built.node_size(), expected.node_size());
  for (int i = 0; i < built.node_size(); ++i) {
    bool equal = false;
    const std::string diff = Diff(built.node(i), expected.node(i), &equal);
    EXPECT_TRUE(equal) << expected.node(i).name() << ": " << diff;
  }
  // Byte-level: the deterministic serializations agree (incl. Const values).
  EXPECT_EQ(SerializeDeterministic(built), SerializeDeterministic(expected));
}

TEST(BuilderVariablesTest, RefVariableRecordsVariableDefNames) {
  Graph graph;
  GraphBuilder b(&graph);
  RefVariable v = Variable(b, Tensor::Scalar<int32_t>(0), "global_step", false);
  TFP_ASSERT_OK(b.status());
  EXPECT_EQ(v.name(), "global_step");
  EXPECT_EQ(v.variable.name(), "global_step:0");
  EXPECT_EQ(v.variable.dtype(), DT_INT32_REF);
  EXPECT_EQ(v.initializer->name(), "global_step/Assign");
  EXPECT_EQ(v.snapshot.name(), "global_step/read:0");
  EXPECT_EQ(v.initial_value.name(), "global_step/initial_value:0");
  EXPECT_FALSE(v.trainable);
  EXPECT_EQ(GlobalVariables(b).size(), 1u);
  // A second variable with the same name is uniquified like Python's.
  RefVariable again = Variable(b, Tensor::Scalar<int32_t>(1), "global_step");
  EXPECT_EQ(again.name(), "global_step_1");
  EXPECT_EQ(again.initializer->name(), "global_step_1/Assign");
}

TEST(BuilderVariablesTest, VariableFromTensorKeepsItsName) {
  Graph graph;
  GraphBuilder b(&graph);
  Output zeros =
      Constant(b, Tensor::Zeros(DT_FLOAT, TensorShape({2, 3})), "zeros");
  RefVariable w = Variable(b, zeros, "w");
  TFP_ASSERT_OK(b.status());
  EXPECT_EQ(w.initial_value.name(), "zeros:0");
  EXPECT_EQ(graph.FindNode("w/initial_value"), nullptr);
  TFP_ASSERT_OK_AND_ASSIGN(PartialTensorShape shape,
                           GetShapeAttr(graph.FindNode("w")->def(), "shape"));
  EXPECT_EQ(shape, PartialTensorShape({2, 3}));
}

TEST(BuilderVariablesTest, VariablesIgnoreControlDependenciesAndInitHasNone) {
  Graph graph;
  GraphBuilder b(&graph);
  Node* gate = NoOp(b, "gate");
  {
    auto deps = b.ControlDependencies({gate});
    Variable(b, Tensor::Scalar<float>(1), "v");
  }
  TFP_ASSERT_OK(b.status());
  EXPECT_TRUE(graph.FindNode("v/Assign")->control_inputs().empty());
  Graph empty_graph;
  GraphBuilder e(&empty_graph);
  Node* init = GlobalVariablesInitializer(e);
  ASSERT_NE(init, nullptr);
  EXPECT_EQ(init->name(), "init");
  EXPECT_TRUE(init->control_inputs().empty());
}

TEST(BuilderVariablesTest, AssignShapeMismatchFailsAtBuildTime) {
  Graph graph;
  GraphBuilder b(&graph);
  RefVariable v = Variable(b, Tensor::FromVector<float>({1, 2}), "v");
  Assign(b, v.variable, Constant(b, Tensor::FromVector<float>({1, 2, 3})));
  EXPECT_THAT(b.status(),
              StatusIs(StatusCode::kInvalidArgument,
                       HasSubstr("Node 'Assign' (op Assign): Dimension 0 in "
                                 "both shapes must be equal, but are 2 and "
                                 "3")));
  // Sticky: later calls do nothing.
  EXPECT_EQ(Identity(b, v.value()).node, nullptr);
}

// The W/b variables, Mul/Add and init of a TF 1.11 .meta, rebuilt with the
// builder: every rebuilt node equals TF's (ignoring _output_shapes).
TEST(BuilderVariablesTest, RebuildsTfWrittenMetaGraphNodes) {
  TFP_REQUIRE_SHARED();
  tensorflow::MetaGraphDef mg;
  ASSERT_TRUE(mg.ParseFromString(testing::ReadBytes(
      testing::FixtureDir("ckpt-v2-tf2onnx-regression") + "/model.meta")));
  std::map<std::string, tensorflow::NodeDef> tf_nodes;
  for (tensorflow::NodeDef n : mg.graph_def().node()) {
    n.mutable_attr()->erase("_output_shapes");
    tf_nodes[n.name()] = n;
  }
  auto value_of = [&](const std::string& name) {
    return tf_nodes.at(name).attr().at("value").tensor().float_val(0);
  };
  Graph graph;
  GraphBuilder b(&graph);
  Output x = Placeholder(b, DT_FLOAT, PartialTensorShape(), "X");
  Placeholder(b, DT_FLOAT, PartialTensorShape(), "Y");
  RefVariable w =
      Variable(b, Tensor::Scalar<float>(value_of("W/initial_value")), "W");
  RefVariable bias =
      Variable(b, Tensor::Scalar<float>(value_of("b/initial_value")), "b");
  Output mul = Mul(b, x, w.value(), "Mul");
  AddOp(b, "Add", "Add", {mul, bias.value()});  // tf.add(...)
  GlobalVariablesInitializer(b);
  TFP_ASSERT_OK(b.status());
  const tensorflow::GraphDef built = graph.ToGraphDef();
  EXPECT_EQ(built.node_size(), 13);
  for (const tensorflow::NodeDef& ours : built.node()) {
    ASSERT_TRUE(tf_nodes.contains(ours.name())) << ours.name();
    bool equal = false;
    const std::string diff = Diff(ours, tf_nodes.at(ours.name()), &equal);
    EXPECT_TRUE(equal) << ours.name() << ": " << diff;
  }
}

}  // namespace
}  // namespace tfpersist
