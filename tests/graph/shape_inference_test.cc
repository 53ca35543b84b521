#include "graph/shape_inference.h"

#include <gtest/gtest.h>

#include "graph/common_shape_fns.h"
#include "graph/node_def_util.h"
#include "graph/op_registry.h"
#include "graph_test_util.h"
#include "testing/status_matchers.h"
#include "tfpersist/base/logging.h"

namespace tfpersist {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::tfpersist::testing::NodeFromText;
using ::tfpersist::testing::StatusIs;

using Shapes = std::vector<PartialTensorShape>;
const PartialTensorShape kUnknown;

// Runs op's registered shape fn on a NodeDef with the op's defaults.
StatusOr<Shapes> Infer(const std::string& node_text, Shapes inputs,
                       std::vector<const Tensor*> values = {},
                       int version = 1000000) {
  tensorflow::NodeDef node = NodeFromText(node_text);
  TFP_ASSIGN_OR_RETURN(const OpRegistration* reg,
                       OpRegistry::Global()->LookUp(node.op()));
  AddDefaultsToNodeDef(reg->op_def, &node);
  return InferOutputShapes(*reg, node, std::move(inputs), std::move(values),
                           version);
}

const PartialTensorShape& First(const StatusOr<Shapes>& s) {
  TFP_CHECK(s.ok()) << s.status();
  return s->at(0);
}

TEST(ShapeInferenceTest, ConstPlaceholderIdentityVariable) {
  EXPECT_EQ(First(Infer(R"pb(name: "c"
                             op: "Const"
                             attr {
                               key: "dtype"
                               value { type: DT_FLOAT }
                             }
                             attr {
                               key: "value"
                               value {
                                 tensor {
                                   dtype: DT_FLOAT
                                   tensor_shape {
                                     dim { size: 2 }
                                     dim { size: 3 }
                                   }
                                 }
                               }
                             })pb",
                        {})),
            PartialTensorShape({2, 3}));
  const std::string ph = R"pb(name: "p"
                              op: "Placeholder"
                              attr {
                                key: "dtype"
                                value { type: DT_FLOAT }
                              }
                              attr {
                                key: "shape"
                                value { shape {} }
                              })pb";
  EXPECT_EQ(First(Infer(ph, {})), PartialTensorShape({}));
  // Before GraphDef version 22 an empty shape meant "unknown".
  EXPECT_EQ(First(Infer(ph, {}, {}, 21)), kUnknown);
  EXPECT_EQ(First(Infer(R"pb(name: "i"
                             op: "Identity"
                             attr {
                               key: "T"
                               value { type: DT_FLOAT }
                             })pb",
                        {PartialTensorShape({-1, 4})})),
            PartialTensorShape({-1, 4}));
  EXPECT_EQ(First(Infer(R"pb(name: "v"
                             op: "VariableV2"
                             attr {
                               key: "dtype"
                               value { type: DT_FLOAT }
                             }
                             attr {
                               key: "shape"
                               value { shape { dim { size: 5 } } }
                             })pb",
                        {})),
            PartialTensorShape({5}));
}

TEST(ShapeInferenceTest, AssignValidatesShapes) {
  const std::string assign = R"pb(name: "a"
                                  op: "Assign"
                                  attr {
                                    key: "T"
                                    value { type: DT_FLOAT }
                                  })pb";
  EXPECT_EQ(First(Infer(assign, {PartialTensorShape({-1, 3}),
                                 PartialTensorShape({2, -1})})),
            PartialTensorShape({2, 3}));
  EXPECT_THAT(Infer(assign, {PartialTensorShape({2}), PartialTensorShape({3})}),
              StatusIs(StatusCode::kInvalidArgument,
                       HasSubstr("Node 'a' (op Assign): Dimension 0 in both "
                                 "shapes must be equal, but are 2 and 3")));
  const std::string no_validate = R"pb(name: "a"
                                       op: "Assign"
                                       attr {
                                         key: "T"
                                         value { type: DT_FLOAT }
                                       }
                                       attr {
                                         key: "validate_shape"
                                         value { b: false }
                                       })pb";
  EXPECT_EQ(First(Infer(no_validate,
                        {PartialTensorShape({2}), PartialTensorShape({3})})),
            PartialTensorShape({3}));
}

TEST(ShapeInferenceTest, BroadcastAndMatMul) {
  PartialTensorShape out;
  TFP_ASSERT_OK(BroadcastShapes(PartialTensorShape({-1, 1, 3}),
                                PartialTensorShape({4, 1}), &out));
  EXPECT_EQ(out, PartialTensorShape({-1, 4, 3}));
  TFP_ASSERT_OK(BroadcastShapes(PartialTensorShape({-1}),
                                PartialTensorShape({-1}), &out));
  EXPECT_EQ(out, PartialTensorShape({-1}));
  TFP_ASSERT_OK(BroadcastShapes(kUnknown, PartialTensorShape({2}), &out));
  EXPECT_EQ(out, kUnknown);
  EXPECT_THAT(BroadcastShapes(PartialTensorShape({2, 3}),
                              PartialTensorShape({4}), &out),
              StatusIs(StatusCode::kInvalidArgument,
                       "Incompatible shapes: [2,3] vs. [4]"));
  OpRegistry r;
  TFP_ASSERT_OK(OpDefBuilder("TestMatMul")
                    .Input("a: float")
                    .Input("b: float")
                    .Output("c: float")
                    .Attr("transpose_a: bool = false")
                    .Attr("transpose_b: bool = false")
                    .SetShapeFn(MatMulShape)
                    .Finalize(&r));
  tensorflow::NodeDef node = NodeFromText(R"pb(name: "m"
                                               op: "TestMatMul"
                                               attr {
                                                 key: "transpose_b"
                                                 value { b: true }
                                               })pb");
  const OpRegistration* reg = *r.LookUp("TestMatMul");
  auto mm = InferOutputShapes(
      *reg, node,
      {PartialTensorShape({-1, 784}), PartialTensorShape({10, 784})});
  EXPECT_EQ(First(mm), PartialTensorShape({-1, 10}));
  EXPECT_THAT(
      InferOutputShapes(
          *reg, node, {PartialTensorShape({2, 3}), PartialTensorShape({4, 5})}),
      StatusIs(StatusCode::kInvalidArgument,
               HasSubstr("Matrix size-incompatible: In[0]: [2,3], "
                         "In[1]: [4,5]")));
}

TEST(ShapeInferenceTest, ReshapeInfersMinusOne) {
  const std::string reshape = R"pb(name: "r"
                                   op: "Reshape"
                                   attr {
                                     key: "T"
                                     value { type: DT_FLOAT }
                                   })pb";
  Tensor shape = Tensor::FromVector<int32_t>({-1, 6});
  EXPECT_EQ(First(Infer(reshape,
                        {PartialTensorShape({4, 3}), PartialTensorShape({2})},
                        {nullptr, &shape})),
            PartialTensorShape({2, 6}));
  EXPECT_EQ(First(Infer(reshape,
                        {PartialTensorShape({-1, 3}), PartialTensorShape({2})},
                        {nullptr, &shape})),
            PartialTensorShape({-1, 6}));
  // Unknown shape value: rank from the shape input's length.
  EXPECT_EQ(First(Infer(reshape,
                        {PartialTensorShape({4, 3}), PartialTensorShape({3})})),
            PartialTensorShape({-1, -1, -1}));
  Tensor bad = Tensor::FromVector<int32_t>({5, -1});
  EXPECT_THAT(
      Infer(reshape, {PartialTensorShape({4, 3}), PartialTensorShape({2})},
            {nullptr, &bad}),
      StatusIs(StatusCode::kInvalidArgument,
               HasSubstr("Cannot reshape a tensor with 12 elements")));
}

TEST(ShapeInferenceTest, PackConcatExpandSqueeze) {
  EXPECT_EQ(
      First(Infer(R"pb(name: "p"
                       op: "Pack"
                       attr {
                         key: "T"
                         value { type: DT_FLOAT }
                       }
                       attr {
                         key: "N"
                         value { i: 2 }
                       }
                       attr {
                         key: "axis"
                         value { i: -1 }
                       })pb",
                  {PartialTensorShape({2, -1}), PartialTensorShape({-1, 3})})),
      PartialTensorShape({2, 3, 2}));
  Tensor axis = Tensor::Scalar<int32_t>(1);
  EXPECT_EQ(First(Infer(R"pb(name: "c"
                             op: "ConcatV2"
                             attr {
                               key: "T"
                               value { type: DT_FLOAT }
                             }
                             attr {
                               key: "N"
                               value { i: 2 }
                             })pb",
                        {PartialTensorShape({2, 3}),
                         PartialTensorShape({-1, 4}), PartialTensorShape({})},
                        {nullptr, nullptr, &axis})),
            PartialTensorShape({2, 7}));
  Tensor dim = Tensor::Scalar<int32_t>(-1);
  EXPECT_EQ(First(Infer(R"pb(name: "e"
                             op: "ExpandDims"
                             attr {
                               key: "T"
                               value { type: DT_FLOAT }
                             })pb",
                        {PartialTensorShape({2, 3}), PartialTensorShape({})},
                        {nullptr, &dim})),
            PartialTensorShape({2, 3, 1}));
  const std::string squeeze = R"pb(name: "s"
                                   op: "Squeeze"
                                   attr {
                                     key: "T"
                                     value { type: DT_FLOAT }
                                   })pb";
  EXPECT_EQ(First(Infer(squeeze, {PartialTensorShape({1, 2, 1})})),
            PartialTensorShape({2}));
  EXPECT_THAT(Infer(R"pb(name: "s"
                         op: "Squeeze"
                         attr {
                           key: "T"
                           value { type: DT_FLOAT }
                         }
                         attr {
                           key: "squeeze_dims"
                           value { list { i: 1 } }
                         })pb",
                    {PartialTensorShape({1, 2, 1})}),
              StatusIs(StatusCode::kInvalidArgument,
                       HasSubstr("Can not squeeze dim[1], expected a dimension "
                                 "of 1, got 2")));
}

TEST(ShapeInferenceTest, TransposeShapeStridedSlice) {
  Tensor perm = Tensor::FromVector<int32_t>({1, 0, 2});
  EXPECT_EQ(
      First(Infer(R"pb(name: "t"
                       op: "Transpose"
                       attr {
                         key: "T"
                         value { type: DT_FLOAT }
                       })pb",
                  {PartialTensorShape({2, -1, 4}), PartialTensorShape({3})},
                  {nullptr, &perm})),
      PartialTensorShape({-1, 2, 4}));
  EXPECT_EQ(First(Infer(R"pb(name: "s"
                             op: "Shape"
                             attr {
                               key: "T"
                               value { type: DT_FLOAT }
                             })pb",
                        {PartialTensorShape({-1, 4})})),
            PartialTensorShape({2}));
  // x[0] of a [?, 32, 32, 3] shape vector: Shape -> StridedSlice (batch).
  Tensor begin = Tensor::FromVector<int32_t>({0});
  Tensor end = Tensor::FromVector<int32_t>({1});
  Tensor strides = Tensor::FromVector<int32_t>({1});
  const std::string ss = R"pb(name: "ss"
                              op: "StridedSlice"
                              attr {
                                key: "T"
                                value { type: DT_INT32 }
                              }
                              attr {
                                key: "Index"
                                value { type: DT_INT32 }
                              }
                              attr {
                                key: "shrink_axis_mask"
                                value { i: 1 }
                              })pb";
  Shapes in = {PartialTensorShape({4}), PartialTensorShape({1}),
               PartialTensorShape({1}), PartialTensorShape({1})};
  EXPECT_EQ(First(Infer(ss, in, {nullptr, &begin, &end, &strides})),
            PartialTensorShape({}));
  // x[1:, ::-1] on [5, 6].
  Tensor b2 = Tensor::FromVector<int32_t>({1, 0});
  Tensor e2 = Tensor::FromVector<int32_t>({0, 0});
  Tensor s2 = Tensor::FromVector<int32_t>({1, -1});
  const std::string ss2 = R"pb(name: "ss"
                               op: "StridedSlice"
                               attr {
                                 key: "T"
                                 value { type: DT_FLOAT }
                               }
                               attr {
                                 key: "Index"
                                 value { type: DT_INT32 }
                               }
                               attr {
                                 key: "begin_mask"
                                 value { i: 2 }
                               }
                               attr {
                                 key: "end_mask"
                                 value { i: 3 }
                               })pb";
  Shapes in2 = {PartialTensorShape({5, 6}), PartialTensorShape({2}),
                PartialTensorShape({2}), PartialTensorShape({2})};
  EXPECT_EQ(First(Infer(ss2, in2, {nullptr, &b2, &e2, &s2})),
            PartialTensorShape({4, 6}));
}

TEST(ShapeInferenceTest, FillTileGatherOneHotRange) {
  Tensor dims = Tensor::FromVector<int64_t>({2, 3});
  EXPECT_EQ(First(Infer(R"pb(name: "f"
                             op: "Fill"
                             attr {
                               key: "T"
                               value { type: DT_FLOAT }
                             }
                             attr {
                               key: "index_type"
                               value { type: DT_INT64 }
                             })pb",
                        {PartialTensorShape({2}), PartialTensorShape({})},
                        {&dims, nullptr})),
            PartialTensorShape({2, 3}));
  Tensor mult = Tensor::FromVector<int32_t>({2, 1});
  EXPECT_EQ(First(Infer(R"pb(name: "t"
                             op: "Tile"
                             attr {
                               key: "T"
                               value { type: DT_FLOAT }
                             })pb",
                        {PartialTensorShape({3, -1}), PartialTensorShape({2})},
                        {nullptr, &mult})),
            PartialTensorShape({6, -1}));
  Tensor axis = Tensor::Scalar<int32_t>(1);
  EXPECT_EQ(First(Infer(R"pb(name: "g"
                             op: "GatherV2"
                             attr {
                               key: "Tparams"
                               value { type: DT_FLOAT }
                             }
                             attr {
                               key: "Tindices"
                               value { type: DT_INT32 }
                             }
                             attr {
                               key: "Taxis"
                               value { type: DT_INT32 }
                             })pb",
                        {PartialTensorShape({2, 5, 3}), PartialTensorShape({7}),
                         PartialTensorShape({})},
                        {nullptr, nullptr, &axis})),
            PartialTensorShape({2, 7, 3}));
  Tensor depth = Tensor::Scalar<int32_t>(10);
  EXPECT_EQ(First(Infer(R"pb(name: "o"
                             op: "OneHot"
                             attr {
                               key: "T"
                               value { type: DT_FLOAT }
                             })pb",
                        {PartialTensorShape({-1}), PartialTensorShape({}),
                         PartialTensorShape({}), PartialTensorShape({})},
                        {nullptr, &depth, nullptr, nullptr})),
            PartialTensorShape({-1, 10}));
  Tensor start = Tensor::Scalar<int32_t>(0),
         limit = Tensor::Scalar<int32_t>(10),
         delta = Tensor::Scalar<int32_t>(3);
  EXPECT_EQ(First(Infer(R"pb(name: "r" op: "Range")pb",
                        {PartialTensorShape({}), PartialTensorShape({}),
                         PartialTensorShape({})},
                        {&start, &limit, &delta})),
            PartialTensorShape({4}));
}

TEST(ShapeInferenceTest, ContextHelpers) {
  PartialTensorShape out;
  TFP_ASSERT_OK(InferenceContext::WithRank(kUnknown, 2, &out));
  EXPECT_EQ(out, PartialTensorShape({-1, -1}));
  EXPECT_THAT(InferenceContext::WithRank(PartialTensorShape({1}), 2, &out),
              StatusIs(StatusCode::kInvalidArgument,
                       "Shape must be rank 2 but is rank 1"));
  EXPECT_THAT(InferenceContext::WithRankAtLeast(PartialTensorShape({1}), 2),
              StatusIs(StatusCode::kInvalidArgument,
                       "Shape must be at least rank 2 but is rank 1"));
  int64_t d;
  EXPECT_THAT(InferenceContext::MergeDim(2, 3, &d),
              StatusIs(StatusCode::kInvalidArgument,
                       "Dimensions must be equal, but are 2 and 3"));
}

}  // namespace
}  // namespace tfpersist
