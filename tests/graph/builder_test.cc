#include "tfpersist/graph/builder.h"

#include <google/protobuf/util/message_differencer.h>
#include <gtest/gtest.h>

#include "graph/node_def_util.h"
#include "graph_test_util.h"
#include "testing/status_matchers.h"
#include "tfpersist/graph/ops.h"

namespace tfpersist {
namespace {

using ::google::protobuf::util::MessageDifferencer;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::tfpersist::testing::StatusIs;

std::vector<std::string> ControlNames(const Node* n) {
  std::vector<std::string> names;
  for (const Node* c : n->control_inputs()) names.push_back(c->name());
  return names;
}

TEST(GraphBuilderTest, DefaultNamesAndScopes) {
  Graph graph;
  GraphBuilder b(&graph);
  Output c = Constant(b, Tensor::Scalar<float>(1));
  Output c2 = Constant(b, Tensor::Scalar<float>(2));
  EXPECT_EQ(c.name(), "Const:0");
  EXPECT_EQ(c2.name(), "Const_1:0");
  {
    auto net = b.NameScope("Net");
    EXPECT_EQ(b.name_scope(), "Net/");
    EXPECT_EQ(Add(b, c, c2).name(), "Net/add:0");
    EXPECT_EQ(Add(b, c, c2).name(), "Net/add_1:0");
    EXPECT_EQ(Sub(b, c, c2).name(), "Net/sub:0");
    EXPECT_EQ(Mul(b, c, c2).name(), "Net/mul:0");
    EXPECT_EQ(RealDiv(b, c, c2).name(), "Net/truediv:0");
  }
  EXPECT_EQ(b.name_scope(), "");
  {
    auto again = b.NameScope("Net");
    EXPECT_EQ(Identity(b, c).name(), "Net_1/Identity:0");
  }
  TFP_EXPECT_OK(b.status());
  EXPECT_EQ(graph.FindNode("Net/add")->op(), "AddV2");
}

TEST(GraphBuilderTest, InfersTypeAttrsFromInputs) {
  Graph graph;
  GraphBuilder b(&graph);
  Output a = Constant(b, Tensor::FromVector<int64_t>({1, 2}));
  Output s = Stack(b, {a, a, a}, 1);
  TFP_ASSERT_OK(b.status());
  const tensorflow::NodeDef& def = s.node->def();
  EXPECT_EQ(def.attr().at("N").i(), 3);
  EXPECT_EQ(def.attr().at("T").type(), tensorflow::DT_INT64);
  EXPECT_EQ(def.attr().at("axis").i(), 1);
  EXPECT_EQ(b.GetShape(s), PartialTensorShape({2, 3}));
  EXPECT_EQ(s.name(), "stack:0");
}

TEST(GraphBuilderTest, ControlDependenciesFollowPython) {
  Graph graph;
  GraphBuilder b(&graph);
  Node* first = NoOp(b, "first");
  Output x = Constant(b, Tensor::Scalar<float>(1), "x");
  Node* id = nullptr;
  Node* inner = nullptr;
  {
    auto deps = b.ControlDependencies({first, x.node});
    // x is a data input: no control edge on it, only on `first`.
    id = Identity(b, x, "id").node;
    // Fed by an op made inside the block: dominated, no control inputs.
    inner = Identity(b, Output{id, 0}, "inner").node;
    {
      auto none = b.ClearControlDependencies();
      EXPECT_TRUE(NoOp(b, "free")->control_inputs().empty());
    }
  }
  EXPECT_THAT(ControlNames(id), ElementsAre("first"));
  EXPECT_TRUE(inner->control_inputs().empty());
  EXPECT_TRUE(NoOp(b, "after")->control_inputs().empty());
  Node* g = Group(b, {id, first}, "group");
  EXPECT_EQ(g->name(), "group");
  EXPECT_THAT(g->def().input(), ElementsAre("^id", "^first"));
  // ToGraphDef sorts control inputs by name, as TF does.
  EXPECT_THAT(graph.ToGraphDef().node(g->id()).input(),
              ElementsAre("^first", "^id"));
}

TEST(GraphBuilderTest, DeviceAndColocation) {
  Graph graph;
  GraphBuilder b(&graph);
  Output c;
  {
    auto cpu = b.Device("/device:CPU:0");
    c = Constant(b, Tensor::Scalar<float>(1), "c");
  }
  EXPECT_EQ(c.node->device(), "/device:CPU:0");
  Output other = Constant(b, Tensor::Scalar<float>(2), "other");
  EXPECT_EQ(other.node->device(), "");
  Output id;
  {
    auto colocate = b.ColocateWith(c.node);
    id = Identity(b, other, "id");
  }
  EXPECT_EQ(id.node->device(), "/device:CPU:0");
  TFP_ASSERT_OK_AND_ASSIGN(auto cls,
                           GetStringListAttr(id.node->def(), "_class"));
  EXPECT_THAT(cls, ElementsAre("loc:@c"));
  // Colocating with a colocated op joins its group.
  Output id2;
  {
    auto colocate = b.ColocateWith(id.node);
    id2 = Identity(b, other, "id2");
  }
  TFP_ASSERT_OK_AND_ASSIGN(auto cls2,
                           GetStringListAttr(id2.node->def(), "_class"));
  EXPECT_THAT(cls2, ElementsAre("loc:@c"));
}

TEST(GraphBuilderTest, ErrorsAreStickyAndNamed) {
  Graph graph;
  GraphBuilder b(&graph);
  EXPECT_EQ(AddOp(b, "NoSuchOp", "x", {}).node, nullptr);
  EXPECT_THAT(b.status(),
              StatusIs(StatusCode::kNotFound,
                       "building NoSuchOp 'x': Op type not registered "
                       "'NoSuchOp'"));
  EXPECT_EQ(Constant(b, Tensor::Scalar<float>(1)).node, nullptr);
  EXPECT_EQ(graph.num_nodes(), 0);

  Graph g2;
  GraphBuilder b2(&g2);
  Output c = Constant(b2, Tensor::Scalar<float>(1));
  AddOp(b2, "Identity", "id", {c, c});
  EXPECT_THAT(b2.status(), StatusIs(StatusCode::kInvalidArgument,
                                    "building Identity 'id': expected 1 "
                                    "input args, got 2"));
  Graph g3;
  GraphBuilder b3(&g3);
  Identity(b3, Output{});
  EXPECT_THAT(b3.status(), StatusIs(StatusCode::kInvalidArgument,
                                    HasSubstr("is a null Output")));
  Graph g4;
  GraphBuilder b4(&g4);
  auto bad = b4.NameScope("bad name");
  EXPECT_THAT(b4.status(), StatusIs(StatusCode::kInvalidArgument,
                                    HasSubstr("not a valid scope name")));
}

TEST(GraphBuilderTest, ReshapeShapeInferenceUsesConstants) {
  Graph graph;
  GraphBuilder b(&graph);
  Output x = Placeholder(b, DT_FLOAT, PartialTensorShape({-1, 28, 28}), "x");
  Output r = Reshape(b, x, Constant(b, Tensor::FromVector<int32_t>({-1, 784})));
  EXPECT_EQ(b.GetShape(r), PartialTensorShape({-1, 784}));
  Output y = Constant(b, Tensor::Zeros(DT_FLOAT, TensorShape({6})));
  Reshape(b, y, Constant(b, Tensor::FromVector<int32_t>({4, -1})));
  EXPECT_THAT(b.status(), StatusIs(StatusCode::kInvalidArgument,
                                   HasSubstr("Cannot reshape a tensor with 6 "
                                             "elements to shape [4,?]")));
}

// The V2 Saver subgraph of a TF 1.11 .meta, rebuilt with AddOp the way the
// train layer does: colocation of ref inputs (save/Assign with W) and an
// explicit colocate_with (save/control_dependency) come out as TF wrote.
TEST(GraphBuilderTest, RebuildsTfSaverNodes) {
  TFP_REQUIRE_SHARED();
  tensorflow::MetaGraphDef mg;
  ASSERT_TRUE(mg.ParseFromString(testing::ReadBytes(
      testing::FixtureDir("ckpt-v2-tf2onnx-regression") + "/model.meta")));
  std::map<std::string, tensorflow::NodeDef> tf_nodes;
  for (tensorflow::NodeDef n : mg.graph_def().node()) {
    n.mutable_attr()->erase("_output_shapes");
    tf_nodes[n.name()] = n;
  }
  Graph graph;
  GraphBuilder b(&graph);
  RefVariable w = Variable(b, Tensor::Scalar<float>(0), "W");
  RefVariable bias = Variable(b, Tensor::Scalar<float>(0), "b");
  std::vector<std::string> saver_nodes;
  {
    auto save = b.NameScope("save");
    Output filename =
        Constant(b, Tensor::Scalar<std::string>("model"), "Const");
    auto names = [&](std::string_view name) {
      return Constant(b, Tensor::FromVector<std::string>({"W", "b"}), name);
    };
    auto slices = [&](std::string_view name) {
      return Constant(b, Tensor::FromVector<std::string>({"", ""}), name);
    };
    Node* save_op = b.AddNode("SaveV2", "SaveV2",
                              {filename, names("SaveV2/tensor_names"),
                               slices("SaveV2/shape_and_slices"),
                               std::vector<Output>{w.variable, bias.variable}},
                              {});
    {
      auto colocate = b.ColocateWith(filename.node);
      auto deps = b.ControlDependencies({save_op});
      Identity(b, filename, "control_dependency");
    }
    Node* restore = nullptr;
    {
      auto cpu = b.Device("/device:CPU:0");
      restore = b.AddNode(
          "RestoreV2", "RestoreV2",
          {filename, names("RestoreV2/tensor_names"),
           slices("RestoreV2/shape_and_slices")},
          {{"dtypes", MakeAttr(std::vector<DataType>{DT_FLOAT, DT_FLOAT})}});
    }
    Node* a0 = Assign(b, w.variable, Output{restore, 0}).node;
    Node* a1 = Assign(b, bias.variable, Output{restore, 1}).node;
    Group(b, {a0, a1}, "restore_all");
  }
  TFP_ASSERT_OK(b.status());
  int compared = 0;
  const tensorflow::GraphDef built = graph.ToGraphDef();
  for (const tensorflow::NodeDef& ours : built.node()) {
    if (!ours.name().starts_with("save/")) continue;
    ASSERT_TRUE(tf_nodes.contains(ours.name())) << ours.name();
    EXPECT_TRUE(MessageDifferencer::Equals(ours, tf_nodes.at(ours.name())))
        << ours.ShortDebugString() << "\nvs\n"
        << tf_nodes.at(ours.name()).ShortDebugString();
    ++compared;
  }
  EXPECT_EQ(compared, 11);
}

}  // namespace
}  // namespace tfpersist
