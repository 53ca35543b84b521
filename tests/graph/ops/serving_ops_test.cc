// OpDefs of the serving families (dataset, lookup, parsing, string): equal
// to what TF 1.7 wrote into the Estimator fixture's stripped_op_list where
// TF has not changed them since, and their shape functions.
#include <google/protobuf/util/message_differencer.h>
#include <gtest/gtest.h>

#include <set>

#include "graph/ops/ops_test_util.h"
#include "tensorflow/core/protobuf/meta_graph.pb.h"
#include "testing/fixtures.h"
#include "testing/status_matchers.h"
#include "tfpersist/base/env.h"

namespace tfpersist {
namespace {

using ::google::protobuf::util::MessageDifferencer;
using ::testing::HasSubstr;
using ::tfpersist::testing::AttrMap;
using ::tfpersist::testing::AttrOf;
using ::tfpersist::testing::InferShapes;
using ::tfpersist::testing::Shapes;
using ::tfpersist::testing::StatusIs;

TEST(ServingOpsTest, EqualTf17StrippedOpList) {
  TFP_REQUIRE_SHARED();
  auto bytes = ReadFileToString(
      Env::Default(), testing::FixtureDir("ckpt-v2-estimator-wide-deep") +
                          "/model.ckpt-3760.meta");
  TFP_ASSERT_OK(bytes.status());
  tensorflow::MetaGraphDef meta;
  ASSERT_TRUE(meta.ParseFromString(*bytes));
  // Unchanged since TF 1.7 (later versions only added ops around them).
  static const std::set<std::string> kSame = {
      "HashTableV2",       "InitializeTableV2",
      "LookupTableFindV2", "StringToHashBucketFast",
      "IteratorGetNext",   "IteratorV2",
      "Iterator",          "MakeIterator",
      "OneShotIterator",   "IteratorToStringHandle",
      "ParseExample"};
  int compared = 0;
  for (const auto& theirs : meta.meta_info_def().stripped_op_list().op()) {
    if (!kSame.contains(theirs.name())) continue;
    auto ours = OpRegistry::Global()->LookUpOpDef(theirs.name());
    TFP_ASSERT_OK(ours.status());
    std::string diff;
    MessageDifferencer d;
    d.ReportDifferencesToString(&diff);
    EXPECT_TRUE(d.Compare(**ours, theirs)) << theirs.name() << ": " << diff;
    ++compared;
  }
  EXPECT_GE(compared, 3);
}

tensorflow::AttrValue ShapeList(const Shapes& shapes) {
  tensorflow::AttrValue v;
  v.mutable_list();
  for (const auto& s : shapes)
    *v.mutable_list()->add_shape() = MakeAttr(s).shape();
  return v;
}

TEST(ServingOpsTest, IteratorGetNextHasItsOutputShapes) {
  AttrMap attrs = {
      {"output_types", MakeAttr(std::vector<DataType>{DT_FLOAT, DT_STRING})},
      {"output_shapes",
       ShapeList({PartialTensorShape({-1, 3}), PartialTensorShape({-1})})}};
  TFP_ASSERT_OK_AND_ASSIGN(Shapes out,
                           InferShapes("IteratorGetNext", attrs, {{}}));
  ASSERT_EQ(out.size(), 2u);
  EXPECT_EQ(out[0], PartialTensorShape({-1, 3}));
  EXPECT_EQ(out[1], PartialTensorShape({-1}));
}

TEST(ServingOpsTest, ParseExampleShapes) {
  AttrMap attrs = {{"Nsparse", MakeAttr(int64_t{1})},
                   {"Ndense", MakeAttr(int64_t{1})},
                   {"sparse_types", MakeAttr(std::vector<DataType>{DT_STRING})},
                   {"Tdense", MakeAttr(std::vector<DataType>{DT_FLOAT})},
                   {"dense_shapes", ShapeList({PartialTensorShape({2})})}};
  TFP_ASSERT_OK_AND_ASSIGN(
      Shapes out, InferShapes("ParseExample", attrs,
                              {PartialTensorShape({5}), PartialTensorShape({0}),
                               PartialTensorShape({}), PartialTensorShape({}),
                               PartialTensorShape({2})}));
  ASSERT_EQ(out.size(), 4u);
  EXPECT_EQ(out[0], PartialTensorShape({-1, 2}));
  EXPECT_EQ(out[2], PartialTensorShape({2}));
  EXPECT_EQ(out[3], PartialTensorShape({5, 2}));
  EXPECT_THAT(InferShapes("ParseExample", attrs,
                          {PartialTensorShape({}), PartialTensorShape({0}),
                           PartialTensorShape({}), PartialTensorShape({}),
                           PartialTensorShape({2})}),
              StatusIs(StatusCode::kInvalidArgument, HasSubstr("rank")));
}

TEST(ServingOpsTest, LookupShapes) {
  EXPECT_THAT(InferShapes("InitializeTableV2", {},
                          {PartialTensorShape({}), PartialTensorShape({3}),
                           PartialTensorShape({4})}),
              StatusIs(StatusCode::kInvalidArgument, HasSubstr("3")));
  TFP_EXPECT_OK(InferShapes("InitializeTableV2", {},
                            {PartialTensorShape({}), PartialTensorShape({3}),
                             PartialTensorShape({3})})
                    .status());
  EXPECT_EQ(
      AttrOf("InitializeTableFromTextFileV2", "delimiter").default_value().s(),
      "\t");
}

}  // namespace
}  // namespace tfpersist
