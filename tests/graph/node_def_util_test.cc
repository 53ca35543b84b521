#include "graph/node_def_util.h"

#include <gtest/gtest.h>

#include "graph/op_registry.h"
#include "graph_test_util.h"
#include "testing/status_matchers.h"

namespace tfpersist {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::tfpersist::testing::NodeFromText;
using ::tfpersist::testing::StatusIs;

const tensorflow::OpDef& Def(std::string_view op) {
  return **OpRegistry::Global()->LookUpOpDef(op);
}

tensorflow::NodeDef VariableNode() {
  return NodeFromText(R"pb(
    name: "v1"
    op: "VariableV2"
    attr {
      key: "dtype"
      value { type: DT_FLOAT }
    }
    attr {
      key: "shape"
      value {
        shape {
          dim { size: 2 }
          dim { size: -1 }
        }
      }
    }
    attr {
      key: "container"
      value { s: "" }
    }
    attr {
      key: "shared_name"
      value { s: "" }
    }
    attr {
      key: "ints"
      value { list { i: [ 1, 2 ] } }
    }
    attr {
      key: "strs"
      value { list { s: [ "a", "b" ] } }
    }
    attr {
      key: "types"
      value { list { type: [ DT_INT32, DT_STRING ] } }
    }
    attr {
      key: "empty"
      value { list {} }
    }
  )pb");
}

TEST(NodeDefUtilTest, TypedGetters) {
  const tensorflow::NodeDef node = VariableNode();
  TFP_ASSERT_OK_AND_ASSIGN(DataType dtype, GetTypeAttr(node, "dtype"));
  EXPECT_EQ(dtype, DT_FLOAT);
  TFP_ASSERT_OK_AND_ASSIGN(PartialTensorShape shape,
                           GetShapeAttr(node, "shape"));
  EXPECT_EQ(shape, PartialTensorShape({2, -1}));
  TFP_ASSERT_OK_AND_ASSIGN(std::string c, GetStringAttr(node, "container"));
  EXPECT_EQ(c, "");
  TFP_ASSERT_OK_AND_ASSIGN(auto ints, GetIntListAttr(node, "ints"));
  EXPECT_THAT(ints, ElementsAre(1, 2));
  TFP_ASSERT_OK_AND_ASSIGN(auto strs, GetStringListAttr(node, "strs"));
  EXPECT_THAT(strs, ElementsAre("a", "b"));
  TFP_ASSERT_OK_AND_ASSIGN(auto types, GetTypeListAttr(node, "types"));
  EXPECT_THAT(types, ElementsAre(DT_INT32, DT_STRING));
  TFP_ASSERT_OK_AND_ASSIGN(auto empty, GetIntListAttr(node, "empty"));
  EXPECT_TRUE(empty.empty());
  EXPECT_TRUE(HasAttr(node, "shape"));
  EXPECT_FALSE(HasAttr(node, "T"));
}

TEST(NodeDefUtilTest, GetterErrorsNameNodeAndAttr) {
  const tensorflow::NodeDef node = VariableNode();
  EXPECT_THAT(GetTypeAttr(node, "T"),
              StatusIs(StatusCode::kNotFound,
                       "No attr named 'T' in NodeDef 'v1' (op VariableV2)"));
  EXPECT_THAT(GetShapeAttr(node, "dtype"),
              StatusIs(StatusCode::kInvalidArgument,
                       "NodeDef 'v1' (op VariableV2): attr 'dtype' has type "
                       "'type', expected 'shape'"));
  EXPECT_THAT(GetIntAttr(node, "ints"),
              StatusIs(StatusCode::kInvalidArgument,
                       HasSubstr("has type 'list(int)', expected 'int'")));
}

TEST(NodeDefUtilTest, TensorAttrRoundTripsPythonEncoding) {
  tensorflow::NodeDef node;
  (*node.mutable_attr())["value"] =
      MakeAttr(Tensor::FromVector<float>({1.5f, 2.5f}));
  EXPECT_FALSE(node.attr().at("value").tensor().tensor_content().empty());
  TFP_ASSERT_OK_AND_ASSIGN(Tensor t, GetTensorAttr(node, "value"));
  EXPECT_TRUE(t.IsSameAs(Tensor::FromVector<float>({1.5f, 2.5f})));
  // A 1-element tensor uses the typed field, as make_tensor_proto does.
  EXPECT_EQ(
      MakeAttr(Tensor::FromVector<float>({1.0f})).tensor().float_val_size(), 1);
}

TEST(NodeDefUtilTest, AddDefaultsAndValidate) {
  tensorflow::NodeDef node = NodeFromText(R"pb(
    name: "a"
    op: "Assign"
    input: "v"
    input: "x"
    attr {
      key: "T"
      value { type: DT_FLOAT }
    }
  )pb");
  AddDefaultsToNodeDef(Def("Assign"), &node);
  EXPECT_TRUE(node.attr().at("use_locking").b());
  EXPECT_TRUE(node.attr().at("validate_shape").b());
  TFP_EXPECT_OK(ValidateNodeDef(node, Def("Assign")));
  std::vector<DataType> in, out;
  TFP_ASSERT_OK(InOutTypesForNode(node, Def("Assign"), &in, &out));
  EXPECT_THAT(in, ElementsAre(DT_FLOAT_REF, DT_FLOAT));
  EXPECT_THAT(out, ElementsAre(DT_FLOAT_REF));
}

TEST(NodeDefUtilTest, ValidateErrors) {
  tensorflow::NodeDef node = NodeFromText(R"pb(
    name: "n"
    op: "Identity"
    input: "x"
    input: "y"
    attr {
      key: "T"
      value { type: DT_FLOAT }
    }
  )pb");
  EXPECT_THAT(ValidateNodeDef(node, Def("Identity")),
              StatusIs(StatusCode::kInvalidArgument,
                       HasSubstr("NodeDef expected inputs 'float' do not "
                                 "match 2 inputs specified")));
  node.mutable_input()->RemoveLast();
  (*node.mutable_attr())["bogus"] = MakeAttr(int64_t{1});
  EXPECT_THAT(ValidateNodeDef(node, Def("Identity")),
              StatusIs(StatusCode::kInvalidArgument,
                       HasSubstr("NodeDef mentions attr 'bogus' not in "
                                 "Op<name=Identity")));
  node.mutable_attr()->erase("bogus");
  node.mutable_attr()->erase("T");
  EXPECT_THAT(ValidateNodeDef(node, Def("Identity")),
              StatusIs(StatusCode::kInvalidArgument,
                       HasSubstr("NodeDef missing attr 'T'")));
  tensorflow::NodeDef shape = NodeFromText(R"pb(
    name: "s"
    op: "Shape"
    input: "x"
    attr {
      key: "T"
      value { type: DT_FLOAT }
    }
    attr {
      key: "out_type"
      value { type: DT_FLOAT }
    }
  )pb");
  EXPECT_THAT(ValidateNodeDef(shape, Def("Shape")),
              StatusIs(StatusCode::kInvalidArgument,
                       HasSubstr("Value for attr 'out_type' of float is not "
                                 "in the list of allowed values: int32, "
                                 "int64")));
  tensorflow::NodeDef order =
      NodeFromText(R"pb(
        name: "o" op: "NoOp" input: "^a" input: "b"
      )pb");
  EXPECT_THAT(ValidateNodeDef(order, Def("NoOp")),
              StatusIs(StatusCode::kInvalidArgument,
                       HasSubstr("Non-control input after control input")));
}

TEST(NodeDefUtilTest, ListArgsAndOutputRanges) {
  tensorflow::NodeDef node = NodeFromText(R"pb(
    name: "r"
    op: "RestoreV2"
    input: "p"
    input: "n"
    input: "s"
    attr {
      key: "dtypes"
      value { list { type: [ DT_FLOAT, DT_INT64 ] } }
    }
  )pb");
  std::vector<DataType> in, out;
  TFP_ASSERT_OK(InOutTypesForNode(node, Def("RestoreV2"), &in, &out));
  EXPECT_THAT(in, ElementsAre(DT_STRING, DT_STRING, DT_STRING));
  EXPECT_THAT(out, ElementsAre(DT_FLOAT, DT_INT64));
  int start = -1, end = -1;
  TFP_ASSERT_OK(
      OutputRangeForArg(node, Def("RestoreV2"), "tensors", &start, &end));
  EXPECT_EQ(start, 0);
  EXPECT_EQ(end, 2);
  EXPECT_THAT(OutputRangeForArg(node, Def("RestoreV2"), "nope", &start, &end),
              StatusIs(StatusCode::kInvalidArgument,
                       HasSubstr("Output arg 'nope' not found")));
  EXPECT_EQ(FormatNodeForError(node), "Node 'r' (op RestoreV2)");
}

}  // namespace
}  // namespace tfpersist
