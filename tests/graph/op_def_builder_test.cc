#include <gtest/gtest.h>

#include "graph/op_def_util.h"
#include "graph/op_registry.h"
#include "testing/status_matchers.h"
#include "tfpersist/base/logging.h"

namespace tfpersist {
namespace {

using ::testing::HasSubstr;
using ::tfpersist::testing::StatusIs;

class OpDefBuilderTest : public ::testing::Test {
 protected:
  const tensorflow::OpDef& Build(OpDefBuilder b) {
    Status s = b.Finalize(&registry_);
    TFP_CHECK(s.ok()) << s;
    const std::vector<std::string> ops = registry_.ListOps();
    return **registry_.LookUpOpDef(ops.back());
  }
  Status Fail(OpDefBuilder b) { return b.Finalize(&registry_); }
  OpRegistry registry_;
};

TEST_F(OpDefBuilderTest, InputsOutputsAndTypeAttrs) {
  const auto& def = Build(OpDefBuilder("Op")
                              .Input("x: T")
                              .Input("values: N * T")
                              .Input("ref: Ref(T)")
                              .Input("fixed: int32")
                              .Output("output: list")
                              .Attr("T: {float, double} = DT_FLOAT")
                              .Attr("N: int")
                              .Attr("list: list(type)"));
  ASSERT_EQ(def.input_arg_size(), 4);
  EXPECT_EQ(def.input_arg(0).type_attr(), "T");
  EXPECT_EQ(def.input_arg(1).number_attr(), "N");
  EXPECT_EQ(def.input_arg(1).type_attr(), "T");
  EXPECT_TRUE(def.input_arg(2).is_ref());
  EXPECT_EQ(def.input_arg(3).type(), tensorflow::DT_INT32);
  EXPECT_EQ(def.attr(0).allowed_values().list().type_size(), 2);
  EXPECT_EQ(def.attr(0).default_value().type(), tensorflow::DT_FLOAT);
  // An int attr used as a length gets TF's default minimum 1.
  EXPECT_TRUE(def.attr(1).has_minimum());
  EXPECT_EQ(def.attr(1).minimum(), 1);
}

TEST_F(OpDefBuilderTest, TypeListOutputGetsMinimumOne) {
  const auto& def = Build(
      OpDefBuilder("Op").Output("out: dtypes").Attr("dtypes: list(type)"));
  EXPECT_EQ(def.output_arg(0).type_list_attr(), "dtypes");
  EXPECT_EQ(def.attr(0).minimum(), 1);
}

TEST_F(OpDefBuilderTest, DefaultsOfEveryAttrType) {
  const auto& def = Build(OpDefBuilder("Op")
                              .Attr("s: string = 'NHWC'")
                              .Attr("i: int = -1")
                              .Attr("f: float = 0.0001")
                              .Attr("b: bool = true")
                              .Attr("t: type = DT_INT64")
                              .Attr("shape: shape = { unknown_rank: true }")
                              .Attr("dims: list(int) = [1, 1, 1, 1]")
                              .Attr("pads: list(int) = []")
                              .Attr("names: list(string) = ['a', \"b\"]")
                              .Attr("types: list(type) >= 1 = [DT_FLOAT]")
                              .Attr("v: tensor")
                              .Attr("fn: func"));
  EXPECT_EQ(def.attr(0).default_value().s(), "NHWC");
  EXPECT_EQ(def.attr(1).default_value().i(), -1);
  EXPECT_FLOAT_EQ(def.attr(2).default_value().f(), 0.0001f);
  EXPECT_TRUE(def.attr(3).default_value().b());
  EXPECT_EQ(def.attr(4).default_value().type(), tensorflow::DT_INT64);
  EXPECT_TRUE(def.attr(5).default_value().shape().unknown_rank());
  EXPECT_EQ(def.attr(6).default_value().list().i_size(), 4);
  EXPECT_TRUE(def.attr(7).default_value().has_list());
  EXPECT_EQ(def.attr(7).default_value().list().i_size(), 0);
  EXPECT_EQ(def.attr(8).default_value().list().s(1), "b");
  EXPECT_EQ(def.attr(9).minimum(), 1);
  EXPECT_EQ(def.attr(9).type(), "list(type)");
  EXPECT_EQ(def.attr(10).type(), "tensor");
  EXPECT_EQ(def.attr(11).type(), "func");
}

TEST_F(OpDefBuilderTest, AllowedStringsAndMinimums) {
  const auto& def = Build(OpDefBuilder("Op")
                              .Attr("padding: {'SAME', 'VALID'}")
                              .Attr("N: int >= 2")
                              .Attr("strides: list(int) >= 4"));
  EXPECT_EQ(def.attr(0).type(), "string");
  ASSERT_EQ(def.attr(0).allowed_values().list().s_size(), 2);
  EXPECT_EQ(def.attr(0).allowed_values().list().s(1), "VALID");
  EXPECT_EQ(def.attr(1).minimum(), 2);
  EXPECT_EQ(def.attr(2).minimum(), 4);
}

TEST_F(OpDefBuilderTest, TypeSetShorthands) {
  const auto& def = Build(OpDefBuilder("Op")
                              .Attr("a: numbertype")
                              .Attr("b: realnumbertype")
                              .Attr("c: quantizedtype")
                              .Attr("d: {realnumbertype, bool}"));
  EXPECT_EQ(def.attr(0).allowed_values().list().type_size(),
            static_cast<int>(NumberTypes().size()));
  EXPECT_EQ(def.attr(1).allowed_values().list().type(0), tensorflow::DT_FLOAT);
  EXPECT_EQ(def.attr(2).allowed_values().list().type(0), tensorflow::DT_QINT8);
  EXPECT_EQ(def.attr(3).allowed_values().list().type_size(),
            static_cast<int>(RealNumberTypes().size()) + 1);
}

TEST_F(OpDefBuilderTest, ResourceArgMakesOpStateful) {
  EXPECT_TRUE(Build(OpDefBuilder("Op").Input("r: resource")).is_stateful());
}

TEST_F(OpDefBuilderTest, ParseErrorsNameSpecAndOp) {
  EXPECT_THAT(Fail(OpDefBuilder("Op").Attr("T type")),
              StatusIs(StatusCode::kInvalidArgument,
                       "Trouble parsing '<name>:' from Attr(\"T type\") for "
                       "Op Op"));
  EXPECT_THAT(Fail(OpDefBuilder("Op").Attr("T: {float, bogus}")),
              StatusIs(StatusCode::kInvalidArgument,
                       HasSubstr("Unrecognized type string 'bogus'")));
  EXPECT_THAT(Fail(OpDefBuilder("Op").Attr("T: list(int")),
              StatusIs(StatusCode::kInvalidArgument,
                       HasSubstr("Expected ) to close 'list('")));
  EXPECT_THAT(Fail(OpDefBuilder("Op").Attr("N: int >= x")),
              StatusIs(StatusCode::kInvalidArgument,
                       HasSubstr("Could not parse integer lower limit")));
  EXPECT_THAT(Fail(OpDefBuilder("Op").Attr("b: bool = maybe")),
              StatusIs(StatusCode::kInvalidArgument,
                       HasSubstr("Could not parse default value 'maybe'")));
  EXPECT_THAT(Fail(OpDefBuilder("Op").Attr("x: int extra")),
              StatusIs(StatusCode::kInvalidArgument,
                       HasSubstr("Extra 'extra' unparsed at the end")));
  EXPECT_THAT(Fail(OpDefBuilder("Op").Attr("x: blob")),
              StatusIs(StatusCode::kInvalidArgument,
                       HasSubstr("Trouble parsing type string at 'blob'")));
  EXPECT_THAT(Fail(OpDefBuilder("Op").Input("x: U")),
              StatusIs(StatusCode::kInvalidArgument,
                       "Reference to unknown attr 'U' from Input(\"x: U\") "
                       "for Op Op"));
  EXPECT_THAT(Fail(OpDefBuilder("Op").Input("x: Ref(T").Attr("T: type")),
              StatusIs(StatusCode::kInvalidArgument,
                       HasSubstr("Did not find closing ')' for 'Ref('")));
  EXPECT_THAT(Fail(OpDefBuilder("Op").Output("X: float")),
              StatusIs(StatusCode::kInvalidArgument,
                       HasSubstr("Trouble parsing 'name:' from Output")));
  EXPECT_THAT(Fail(OpDefBuilder("Op").Input("x: n").Attr("n: int")),
              StatusIs(StatusCode::kInvalidArgument,
                       HasSubstr("Reference to attr 'n' with type int that "
                                 "isn't type or list(type)")));
}

TEST_F(OpDefBuilderTest, ValidationErrors) {
  EXPECT_THAT(Fail(OpDefBuilder("lowercase")),
              StatusIs(StatusCode::kInvalidArgument,
                       HasSubstr("Invalid name: lowercase")));
  EXPECT_THAT(
      Fail(OpDefBuilder("Op").Attr("T: type").Attr("T: int")),
      StatusIs(StatusCode::kInvalidArgument, HasSubstr("Duplicate name: T")));
  EXPECT_THAT(
      Fail(OpDefBuilder("Op").Attr("T: {float, int32} = DT_BOOL")),
      StatusIs(StatusCode::kInvalidArgument,
               HasSubstr("Value for attr 'T' of bool is not in the list of "
                         "allowed values: float, int32")));
  EXPECT_THAT(Fail(OpDefBuilder("Op").Attr("N: int >= 2 = 1")),
              StatusIs(StatusCode::kInvalidArgument,
                       HasSubstr("Value for attr 'N' of 1 must be at least "
                                 "minimum 2")));
  EXPECT_THAT(Fail(OpDefBuilder("Op").Attr("p: {'SAME'} = 'FULL'")),
              StatusIs(StatusCode::kInvalidArgument,
                       HasSubstr("of \"FULL\" is not in the list of allowed "
                                 "values: [\"SAME\"]")));
}

TEST(AttrValueTest, HasTypeAndSummaries) {
  tensorflow::AttrValue v;
  v.set_i(3);
  TFP_EXPECT_OK(AttrValueHasType(v, "int"));
  EXPECT_THAT(AttrValueHasType(v, "float"),
              StatusIs(StatusCode::kInvalidArgument,
                       "AttrValue had value with type 'int' when 'float' "
                       "expected"));
  tensorflow::AttrValue empty_list;
  empty_list.mutable_list();
  TFP_EXPECT_OK(AttrValueHasType(empty_list, "list(shape)"));
  EXPECT_EQ(SummarizeAttrValue(v), "3");
  tensorflow::AttrValue t;
  t.set_type(tensorflow::DT_FLOAT);
  EXPECT_EQ(SummarizeAttrValue(t), "DT_FLOAT");
  tensorflow::AttrValue ref;
  ref.set_type(tensorflow::DT_FLOAT_REF);
  EXPECT_THAT(AttrValueHasType(ref, "type"),
              StatusIs(StatusCode::kInvalidArgument,
                       HasSubstr("must not have reference type")));
}

}  // namespace
}  // namespace tfpersist
