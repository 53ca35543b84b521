// OpDefs and shape functions of the array/math breadth families
// (array_split_ops.cc, array_pad_ops.cc, array_scatter_ops.cc,
// math_special_ops.cc, nn_topk_ops.cc): registered, equal to what TF wrote
// into the fixtures' stripped_op_lists (allowed types may only have grown
// since TF 1.x), TF's attr defaults, and shape functions with TF's errors.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <set>
#include <string>

#include "ops_test_util.h"
#include "tensorflow/core/protobuf/meta_graph.pb.h"
#include "testing/fixtures.h"
#include "testing/status_matchers.h"
#include "tfpersist/base/env.h"

namespace tfpersist {
namespace {

using testing::AttrOf;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using testing::InferShapes;
using testing::Shapes;
using testing::StatusIs;

const PartialTensorShape kUnknown;
using P = PartialTensorShape;

MATCHER_P(IsOkAndHolds, m, "is OK and holds a match") {
  if (!arg.ok()) {
    *result_listener << "status " << arg.status();
    return false;
  }
  return ::testing::ExplainMatchResult(m, *arg, result_listener);
}

TEST(BreadthOpsTest, EveryOpIsRegistered) {
  for (const char* op : {"Split",
                         "SplitV",
                         "Unique",
                         "UniqueV2",
                         "BroadcastTo",
                         "ReverseV2",
                         "Roll",
                         "Pad",
                         "PadV2",
                         "MirrorPad",
                         "SpaceToBatchND",
                         "BatchToSpaceND",
                         "DepthToSpace",
                         "SpaceToDepth",
                         "GatherNd",
                         "ScatterNd",
                         "TensorScatterUpdate",
                         "TensorScatterAdd",
                         "TensorScatterSub",
                         "SparseToDense",
                         "MatrixBandPart",
                         "MatrixDiagV3",
                         "MatrixDiagPartV3",
                         "MatrixSetDiagV3",
                         "Erf",
                         "Erfc",
                         "Rint",
                         "Sin",
                         "Cos",
                         "Tan",
                         "Atan",
                         "Sinh",
                         "Cosh",
                         "Asinh",
                         "Acosh",
                         "Atanh",
                         "Log1p",
                         "Expm1",
                         "IsNan",
                         "IsInf",
                         "IsFinite",
                         "Atan2",
                         "Xlogy",
                         "Xdivy",
                         "DivNoNan",
                         "ClipByValue",
                         "Any",
                         "All",
                         "Cumsum",
                         "Cumprod",
                         "Bincount",
                         "Einsum",
                         "Softsign",
                         "Selu",
                         "L2Loss",
                         "TopKV2",
                         "InTopKV2"}) {
    EXPECT_TRUE(OpRegistry::Global()->LookUp(op).ok()) << op;
  }
}

// TF 1.x wrote these OpDefs; ours must have the same arguments and attrs
// (names, types, defaults), allowing only types TF added since (L2Loss:
// TF since narrowed numbertype to the float types, as ours).
TEST(BreadthOpsTest, AgreesWithTf1StrippedOpLists) {
  TFP_REQUIRE_SHARED();
  const std::set<std::string> kOurs = {"Unique", "GatherNd", "SparseToDense",
                                       "All",    "L2Loss",   "InTopKV2"};
  std::set<std::string> seen;
  for (const char* meta : {"ckpt-v2-estimator-wide-deep/model.ckpt-3760.meta",
                           "ckpt-v2-mnist-mlp-ema/model.ckpt-29001.meta",
                           "ckpt-v2-mnist-fc-feed/model.ckpt-1999.meta"}) {
    tensorflow::MetaGraphDef mg;
    auto bytes = ReadFileToString(
        Env::Default(), testing::SharedDir() + "/fixtures/tf/" + meta);
    ASSERT_TRUE(bytes.ok() && mg.ParseFromString(*bytes)) << meta;
    for (const auto& theirs : mg.meta_info_def().stripped_op_list().op()) {
      if (!kOurs.contains(theirs.name())) continue;
      seen.insert(theirs.name());
      const tensorflow::OpDef& ours =
          *OpRegistry::Global()->LookUpOpDef(theirs.name()).value();
      ASSERT_EQ(ours.input_arg_size(), theirs.input_arg_size());
      ASSERT_EQ(ours.output_arg_size(), theirs.output_arg_size());
      for (int i = 0; i < ours.input_arg_size(); ++i) {
        EXPECT_EQ(ours.input_arg(i).DebugString(),
                  theirs.input_arg(i).DebugString());
      }
      for (int i = 0; i < ours.output_arg_size(); ++i) {
        EXPECT_EQ(ours.output_arg(i).DebugString(),
                  theirs.output_arg(i).DebugString());
      }
      ASSERT_EQ(ours.attr_size(), theirs.attr_size()) << theirs.name();
      for (int i = 0; i < ours.attr_size(); ++i) {
        const auto &a = ours.attr(i), &b = theirs.attr(i);
        EXPECT_EQ(a.name(), b.name());
        EXPECT_EQ(a.type(), b.type());
        EXPECT_EQ(a.default_value().DebugString(),
                  b.default_value().DebugString());
        // TF narrowed L2Loss from numbertype to float types after 1.x.
        if (theirs.name() == "L2Loss") continue;
        const auto& mine = a.allowed_values().list().type();
        for (int t : b.allowed_values().list().type()) {
          EXPECT_NE(std::find(mine.begin(), mine.end(), t), mine.end())
              << theirs.name() << "." << a.name() << " lacks type " << t;
        }
      }
    }
  }
  EXPECT_EQ(seen, kOurs);
}

TEST(BreadthOpsTest, AttrDefaultsAsTf) {
  EXPECT_EQ(AttrOf("SplitV", "Tlen").default_value().type(),
            tensorflow::DT_INT64);
  EXPECT_EQ(AttrOf("UniqueV2", "Taxis").default_value().type(),
            tensorflow::DT_INT64);
  EXPECT_EQ(AttrOf("MatrixBandPart", "Tindex").default_value().type(),
            tensorflow::DT_INT64);
  EXPECT_EQ(AttrOf("MatrixDiagV3", "align").default_value().s(), "RIGHT_LEFT");
  EXPECT_EQ(AttrOf("DepthToSpace", "data_format").default_value().s(), "NHWC");
  EXPECT_EQ(AttrOf("DepthToSpace", "block_size").minimum(), 2);
  EXPECT_FALSE(AttrOf("MirrorPad", "mode").has_default_value());
  EXPECT_TRUE(AttrOf("TopKV2", "sorted").default_value().b());
  EXPECT_EQ(AttrOf("TopKV2", "index_type").default_value().type(),
            tensorflow::DT_INT32);
  EXPECT_FALSE(AttrOf("Cumsum", "exclusive").default_value().b());
  EXPECT_EQ(AttrOf("Einsum", "N").minimum(), 1);
  EXPECT_TRUE(AttrOf("SparseToDense", "validate_indices").default_value().b());
}

Tensor I32(std::vector<int32_t> v) { return Tensor::FromVector(v); }
Tensor Pairs(std::vector<int32_t> v) {
  return Tensor::FromVector(
      v, TensorShape({static_cast<int64_t>(v.size() / 2), 2}));
}

TEST(BreadthOpsTest, SplitPadShapes) {
  Tensor axis = Tensor::Scalar<int32_t>(-1);
  testing::AttrMap three = {{"num_split", MakeAttr(int64_t{3})}};
  EXPECT_THAT(InferShapes("Split", three, {P({}), P({2, 6})}, {&axis, nullptr}),
              IsOkAndHolds(ElementsAre(P({2, 2}), P({2, 2}), P({2, 2}))));
  EXPECT_THAT(InferShapes("Split", three, {P({}), P({2, 7})}, {&axis, nullptr}),
              StatusIs(StatusCode::kInvalidArgument,
                       HasSubstr("Number of ways to split should evenly "
                                 "divide the split dimension")));
  Tensor sizes = I32({2, -1, 2});
  EXPECT_THAT(InferShapes("SplitV", three, {P({7, 3}), P({3}), P({})},
                          {nullptr, &sizes, &axis}),
              StatusIs(StatusCode::kInvalidArgument,
                       HasSubstr("can't split axis of size 3 into pieces of "
                                 "size [2,-1,2]")));
  Tensor axis0 = Tensor::Scalar<int32_t>(0);
  EXPECT_THAT(InferShapes("SplitV", three, {P({7, 3}), P({3}), P({})},
                          {nullptr, &sizes, &axis0}),
              IsOkAndHolds(ElementsAre(P({2, 3}), P({3, 3}), P({2, 3}))));
  Tensor pads = Pairs({1, 2, 0, 3});
  EXPECT_THAT(InferShapes("Pad", {}, {P({4, -1}), P({2, 2})}, {nullptr, &pads}),
              IsOkAndHolds(ElementsAre(P({7, -1}))));
  EXPECT_THAT(InferShapes("Pad", {}, {P({4}), P({2, 2})}, {nullptr, &pads}),
              StatusIs(StatusCode::kInvalidArgument, HasSubstr("rank")));
  Tensor neg = Pairs({-1, 0});
  EXPECT_THAT(InferShapes("MirrorPad", {{"mode", MakeAttr("REFLECT")}},
                          {P({4}), P({1, 2})}, {nullptr, &neg}),
              StatusIs(StatusCode::kInvalidArgument,
                       HasSubstr("Paddings must be non-negative")));
  Tensor shape = I32({3, 4, 5});
  EXPECT_THAT(
      InferShapes("BroadcastTo", {}, {P({4, 1}), P({3})}, {nullptr, &shape}),
      IsOkAndHolds(ElementsAre(P({3, 4, 5}))));
  EXPECT_THAT(
      InferShapes("BroadcastTo", {}, {P({3, 1}), P({3})}, {nullptr, &shape}),
      StatusIs(StatusCode::kInvalidArgument,
               HasSubstr("Cannot broadcast a tensor with shape")));
  Tensor dup = I32({0, -2});
  EXPECT_THAT(
      InferShapes("ReverseV2", {}, {P({2, 3}), P({2})}, {nullptr, &dup}),
      StatusIs(StatusCode::kInvalidArgument,
               HasSubstr("axis 0 specified more than once.")));
}

TEST(BreadthOpsTest, SpaceDepthShapes) {
  Tensor block = I32({2, 3});
  Tensor pads = Pairs({1, 1, 0, 0});
  EXPECT_THAT(
      InferShapes("SpaceToBatchND", {}, {P({2, 4, 6, 5}), P({2}), P({2, 2})},
                  {nullptr, &block, &pads}),
      IsOkAndHolds(ElementsAre(P({12, 3, 2, 5}))));
  EXPECT_THAT(
      InferShapes("BatchToSpaceND", {}, {P({12, 3, 2, 5}), P({2}), P({2, 2})},
                  {nullptr, &block, &pads}),
      IsOkAndHolds(ElementsAre(P({2, 4, 6, 5}))));
  testing::AttrMap bs2 = {{"block_size", MakeAttr(int64_t{2})}};
  EXPECT_THAT(InferShapes("DepthToSpace", bs2, {P({1, 3, -1, 8})}),
              IsOkAndHolds(ElementsAre(P({1, 6, -1, 2}))));
  EXPECT_THAT(InferShapes("SpaceToDepth", bs2, {P({1, 3, 4, 8})}),
              StatusIs(StatusCode::kInvalidArgument,
                       HasSubstr("Dimension size must be evenly divisible by "
                                 "2 but is 3")));
}

TEST(BreadthOpsTest, IndexingAndMatrixShapes) {
  EXPECT_THAT(InferShapes("GatherNd", {}, {P({5, 4, 3}), P({7, 2})}),
              IsOkAndHolds(ElementsAre(P({7, 3}))));
  EXPECT_THAT(InferShapes("GatherNd", {}, {P({5}), P({7, 2})}),
              StatusIs(StatusCode::kInvalidArgument,
                       HasSubstr("indices.shape[-1] must be <= params.rank")));
  Tensor shape = I32({4, 3});
  EXPECT_THAT(InferShapes("ScatterNd", {}, {P({2, 1}), P({2, 3}), P({2})},
                          {nullptr, nullptr, &shape}),
              IsOkAndHolds(ElementsAre(P({4, 3}))));
  EXPECT_THAT(InferShapes("ScatterNd", {}, {P({2, 1}), P({2, 4}), P({2})},
                          {nullptr, nullptr, &shape}),
              StatusIs(StatusCode::kInvalidArgument,
                       HasSubstr("updates has shape [2,4]")));
  Tensor k = I32({-1, 2});
  Tensor none = Tensor::Scalar<int32_t>(-1);
  EXPECT_THAT(InferShapes("MatrixDiagPartV3", {}, {P({2, 5, 4}), P({2}), P({})},
                          {nullptr, &k, nullptr}),
              IsOkAndHolds(ElementsAre(P({2, 4, 4}))));
  EXPECT_THAT(InferShapes("MatrixDiagV3", {},
                          {P({2, 4, 3}), P({2}), P({}), P({}), P({})},
                          {nullptr, &k, &none, &none, nullptr}),
              IsOkAndHolds(ElementsAre(P({2, 3, 3}))));
  Tensor kk = Tensor::Scalar<int32_t>(3);
  EXPECT_THAT(InferShapes("TopKV2", {}, {P({2, 5}), P({})}, {nullptr, &kk}),
              IsOkAndHolds(ElementsAre(P({2, 3}), P({2, 3}))));
  EXPECT_THAT(InferShapes("TopKV2", {}, {P({2, 2}), P({})}, {nullptr, &kk}),
              StatusIs(StatusCode::kInvalidArgument,
                       HasSubstr("input must have last dimension >= k = 3 but "
                                 "is 2")));
  EXPECT_THAT(InferShapes("InTopKV2", {}, {P({-1, 10}), P({8}), P({})}),
              IsOkAndHolds(ElementsAre(P({8}))));
  Tensor size = Tensor::Scalar<int32_t>(6);
  EXPECT_THAT(InferShapes("Bincount", {}, {P({9}), P({}), P({0})},
                          {nullptr, &size, nullptr}),
              IsOkAndHolds(ElementsAre(P({6}))));
}

TEST(BreadthOpsTest, EinsumShapes) {
  const auto einsum = [](const std::string& eq, Shapes in) {
    return InferShapes("Einsum",
                       {{"equation", MakeAttr(eq)},
                        {"N", MakeAttr(static_cast<int64_t>(in.size()))}},
                       in);
  };
  EXPECT_THAT(einsum("ij,jk->ik", {P({2, 3}), P({3, -1})}),
              IsOkAndHolds(ElementsAre(P({2, -1}))));
  EXPECT_THAT(einsum("...ij,...jk->...ik", {P({5, 1, 2, 3}), P({4, 3, 7})}),
              IsOkAndHolds(ElementsAre(P({5, 4, 2, 7}))));
  EXPECT_THAT(einsum("bij->", {kUnknown}), IsOkAndHolds(ElementsAre(kUnknown)));
  EXPECT_THAT(einsum("ij,jk->ik", {P({2, 3}), P({4, 5})}),
              StatusIs(StatusCode::kInvalidArgument,
                       HasSubstr("Expected dimension 3 for label 'j' but got "
                                 "dimension 4")));
  EXPECT_THAT(einsum("ij->k", {P({2, 3})}),
              StatusIs(StatusCode::kInvalidArgument,
                       HasSubstr("Output subscript contains a label not "
                                 "present")));
}

}  // namespace
}  // namespace tfpersist
