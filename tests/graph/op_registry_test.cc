#include "graph/op_registry.h"

#include <google/protobuf/util/message_differencer.h>
#include <gtest/gtest.h>

#include "graph/op_def_util.h"
#include "graph/ops/ops.h"
#include "graph_test_util.h"
#include "testing/status_matchers.h"
#include "tfpersist/base/logging.h"

namespace tfpersist {
namespace {

using ::google::protobuf::util::MessageDifferencer;
using ::testing::HasSubstr;
using ::tfpersist::testing::StatusIs;

const tensorflow::OpDef& Def(std::string_view op) {
  auto def = OpRegistry::Global()->LookUpOpDef(op);
  TFP_CHECK(def.ok()) << def.status();
  return **def;
}

const tensorflow::OpDef::AttrDef& AttrOf(std::string_view op,
                                         std::string_view attr) {
  const tensorflow::OpDef::AttrDef* a = FindAttr(attr, Def(op));
  TFP_CHECK(a != nullptr) << op << "." << attr;
  return *a;
}

TEST(OpRegistryTest, EveryRegisteredOpDefIsWellFormed) {
  const std::vector<std::string> ops = OpRegistry::Global()->ListOps();
  ASSERT_GT(ops.size(), 60u);
  for (const std::string& op : ops) {
    TFP_EXPECT_OK(ValidateOpDef(Def(op))) << op;
    EXPECT_EQ(Def(op).name(), op);
  }
  EXPECT_TRUE(std::is_sorted(ops.begin(), ops.end()));
}

TEST(OpRegistryTest, GraphFamiliesRegisterTheirOps) {
  for (const char* op : {"Const",
                         "Placeholder",
                         "PlaceholderWithDefault",
                         "Identity",
                         "IdentityN",
                         "NoOp",
                         "Reshape",
                         "Shape",
                         "ShapeN",
                         "Size",
                         "Rank",
                         "Fill",
                         "ZerosLike",
                         "OnesLike",
                         "ExpandDims",
                         "Squeeze",
                         "Pack",
                         "Unpack",
                         "ConcatV2",
                         "Concat",
                         "Slice",
                         "StridedSlice",
                         "Transpose",
                         "Tile",
                         "Gather",
                         "GatherV2",
                         "Range",
                         "StopGradient",
                         "PreventGradient",
                         "Snapshot",
                         "Where",
                         "OneHot",
                         "VariableV2",
                         "Variable",
                         "Assign",
                         "AssignAdd",
                         "AssignSub",
                         "IsVariableInitialized",
                         "VarHandleOp",
                         "ReadVariableOp",
                         "AssignVariableOp",
                         "AssignAddVariableOp",
                         "AssignSubVariableOp",
                         "VarIsInitializedOp",
                         "DestroyResourceOp",
                         "Switch",
                         "RefSwitch",
                         "Merge",
                         "Enter",
                         "Exit",
                         "NextIteration",
                         "LoopCond",
                         "ControlTrigger",
                         "SaveV2",
                         "RestoreV2",
                         "MergeV2Checkpoints",
                         "ShardedFilename",
                         "ShardedFilespec",
                         "Save",
                         "SaveSlices",
                         "Restore",
                         "RestoreSlice",
                         "StringJoin",
                         "StaticRegexFullMatch",
                         "StatefulPartitionedCall",
                         "PartitionedCall",
                         "ApplyGradientDescent",
                         "ApplyAdam",
                         "ApplyAdagrad",
                         "ApplyFtrl",
                         "SparseApplyFtrl"}) {
    EXPECT_TRUE(OpRegistry::Global()->LookUp(op).ok()) << op;
  }
}

TEST(OpRegistryTest, UnknownOpIsNotFound) {
  EXPECT_THAT(
      OpRegistry::Global()->LookUp("NoSuchOp"),
      StatusIs(StatusCode::kNotFound, "Op type not registered 'NoSuchOp'"));
}

TEST(OpRegistryTest, DuplicateRegistrationFails) {
  OpRegistry r;
  TFP_ASSERT_OK(OpDefBuilder("Foo").Output("y: float").Finalize(&r));
  EXPECT_THAT(OpDefBuilder("Foo").Finalize(&r),
              StatusIs(StatusCode::kInvalidArgument,
                       HasSubstr("Op with name Foo is already registered")));
}

// OpDefs that TF 2.14 wrote into a SavedModel's stripped_op_list and that
// have not changed since must equal ours exactly.
TEST(OpRegistryTest, EqualsTf214StrippedOpList) {
  TFP_REQUIRE_SHARED();
  tensorflow::SavedModel sm;
  ASSERT_TRUE(sm.ParseFromString(
      testing::ReadBytes(testing::FixtureDir("savedmodel-tf2-half-plus-two") +
                         "/00000123/saved_model.pb")));
  const auto& list = sm.meta_graphs(0).meta_info_def().stripped_op_list();
  int compared = 0;
  for (const tensorflow::OpDef& theirs : list.op()) {
    static const std::set<std::string> kOurs = {"AssignVariableOp",
                                                "Const",
                                                "DisableCopyOnRead",
                                                "Identity",
                                                "MergeV2Checkpoints",
                                                "NoOp",
                                                "Pack",
                                                "Placeholder",
                                                "PlaceholderWithDefault",
                                                "ReadVariableOp",
                                                "Reshape",
                                                "RestoreV2",
                                                "SaveV2",
                                                "ShardedFilename",
                                                "StatefulPartitionedCall",
                                                "StaticRegexFullMatch",
                                                "StringJoin",
                                                "VarIsInitializedOp"};
    if (!kOurs.contains(theirs.name())) continue;
    std::string diff;
    MessageDifferencer d;
    d.ReportDifferencesToString(&diff);
    EXPECT_TRUE(d.Compare(Def(theirs.name()), theirs))
        << theirs.name() << ": " << diff;
    ++compared;
  }
  EXPECT_EQ(compared, 18);
}

// VarHandleOp gained debug_name after TF 2.14; otherwise identical.
TEST(OpRegistryTest, VarHandleOpIsTf214PlusDebugName) {
  TFP_REQUIRE_SHARED();
  tensorflow::SavedModel sm;
  ASSERT_TRUE(sm.ParseFromString(
      testing::ReadBytes(testing::FixtureDir("savedmodel-tf2-half-plus-two") +
                         "/00000123/saved_model.pb")));
  tensorflow::OpDef ours = Def("VarHandleOp");
  ASSERT_EQ(ours.attr(2).name(), "debug_name");
  ours.mutable_attr()->DeleteSubrange(2, 1);
  for (const auto& theirs :
       sm.meta_graphs(0).meta_info_def().stripped_op_list().op()) {
    if (theirs.name() == "VarHandleOp") {
      EXPECT_TRUE(MessageDifferencer::Equals(ours, theirs));
    }
  }
}

// Spot checks of ops-core.md's tables.
TEST(OpRegistryTest, MatchesOpsCoreSpec) {
  EXPECT_TRUE(Def("VariableV2").is_stateful());
  EXPECT_TRUE(Def("VariableV2").output_arg(0).is_ref());
  EXPECT_EQ(AttrOf("VariableV2", "container").default_value().s(), "");
  EXPECT_TRUE(Def("Assign").allows_uninitialized_input());
  EXPECT_TRUE(AttrOf("Assign", "validate_shape").default_value().b());
  EXPECT_TRUE(AttrOf("Assign", "use_locking").default_value().b());
  EXPECT_TRUE(
      AttrOf("Placeholder", "shape").default_value().shape().unknown_rank());
  EXPECT_FALSE(AttrOf("PlaceholderWithDefault", "shape").has_default_value());
  EXPECT_FALSE(
      AttrOf("AssignVariableOp", "validate_shape").default_value().b());
  EXPECT_EQ(AttrOf("RestoreV2", "dtypes").minimum(), 1);
  EXPECT_TRUE(
      AttrOf("MergeV2Checkpoints", "delete_old_dirs").default_value().b());
  EXPECT_FALSE(
      AttrOf("MergeV2Checkpoints", "allow_missing_files").default_value().b());
  EXPECT_EQ(AttrOf("StringJoin", "N").minimum(), 0);
  EXPECT_EQ(AttrOf("Pack", "N").minimum(), 1);
  EXPECT_EQ(AttrOf("Pack", "axis").default_value().i(), 0);
  EXPECT_EQ(AttrOf("ConcatV2", "N").minimum(), 2);
  EXPECT_EQ(AttrOf("ConcatV2", "Tidx").default_value().type(),
            tensorflow::DT_INT32);
  EXPECT_EQ(AttrOf("Squeeze", "squeeze_dims").default_value().list().i_size(),
            0);
  EXPECT_TRUE(AttrOf("Squeeze", "squeeze_dims").default_value().has_list());
  EXPECT_EQ(AttrOf("Shape", "out_type").default_value().type(),
            tensorflow::DT_INT32);
  EXPECT_EQ(AttrOf("Transpose", "Tperm").default_value().type(),
            tensorflow::DT_INT32);
  EXPECT_EQ(AttrOf("Reshape", "Tshape").allowed_values().list().type_size(), 2);
  for (const char* mask : {"begin_mask", "end_mask", "ellipsis_mask",
                           "new_axis_mask", "shrink_axis_mask"}) {
    EXPECT_EQ(AttrOf("StridedSlice", mask).default_value().i(), 0) << mask;
  }
  EXPECT_EQ(Def("StatefulPartitionedCall").attr_size(), 6);
  EXPECT_TRUE(Def("StatefulPartitionedCall").is_stateful());
  EXPECT_FALSE(Def("PartitionedCall").is_stateful());
  EXPECT_TRUE(Def("ReadVariableOp").is_stateful());  // resource input
}

// numbertype expands to TF's NumberTypes() list, in TF's order.
TEST(OpRegistryTest, NumberTypeShorthandIsExpanded) {
  const auto& allowed = AttrOf("AssignAdd", "T").allowed_values().list();
  ASSERT_EQ(allowed.type_size(), static_cast<int>(NumberTypes().size()));
  for (int i = 0; i < allowed.type_size(); ++i) {
    EXPECT_EQ(allowed.type(i), NumberTypes()[i]);
  }
  // {numbertype, bool}: the set then bool.
  const auto& where = AttrOf("Where", "T").allowed_values().list();
  EXPECT_EQ(where.type_size(), static_cast<int>(NumberTypes().size()) + 1);
  EXPECT_EQ(where.type(where.type_size() - 1), tensorflow::DT_BOOL);
}

// TF 1.7 wrote numbertype (for ApplyFtrl) in the same order, before qint16
// and quint16 joined the set.
TEST(OpRegistryTest, NumberTypeOrderMatchesTfWrittenOpList) {
  TFP_REQUIRE_SHARED();
  tensorflow::MetaGraphDef mg;
  ASSERT_TRUE(mg.ParseFromString(
      testing::ReadBytes(testing::FixtureDir("ckpt-v2-estimator-wide-deep") +
                         "/model.ckpt-3760.meta")));
  std::vector<int> theirs;
  for (const auto& op : mg.meta_info_def().stripped_op_list().op()) {
    if (op.name() != "ApplyFtrl") continue;
    for (int t : FindAttr("T", op)->allowed_values().list().type()) {
      theirs.push_back(t);
    }
  }
  std::vector<int> ours;
  for (int t : AttrOf("ApplyFtrl", "T").allowed_values().list().type()) {
    if (t != DT_QINT16 && t != DT_QUINT16) ours.push_back(t);
  }
  ASSERT_EQ(theirs.size(), 17u);
  EXPECT_EQ(ours, theirs);
}

}  // namespace
}  // namespace tfpersist
