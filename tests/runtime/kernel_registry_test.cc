#include "runtime/kernel_registry.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "graph/node_def_util.h"
#include "graph/op_registry.h"
#include "testing/status_matchers.h"

namespace tfpersist {
namespace {

using ::testing::HasSubstr;
using ::tfpersist::testing::StatusIs;

// Every kernel this layer promises, by family (the brief's list).
TEST(KernelRegistryTest, RegistersTheRuntimeFamilies) {
  const KernelRegistry* r = KernelRegistry::Global();
  for (const char* op : {"VariableV2",
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
                         "Const",
                         "Placeholder",
                         "PlaceholderWithDefault",
                         "Identity",
                         "IdentityN",
                         "NoOp",
                         "Snapshot",
                         "StopGradient",
                         "PreventGradient",
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
                         "GatherV2",
                         "Gather",
                         "Range",
                         "OneHot",
                         "Where",
                         "Switch",
                         "RefSwitch",
                         "Merge",
                         "ControlTrigger",
                         "StringJoin",
                         "StaticRegexFullMatch",
                         "ShardedFilename",
                         "ShardedFilespec"}) {
    EXPECT_TRUE(r->HasKernel(op)) << op;
  }
}

// Each registered kernel has an OpDef (a kernel for an unknown op would
// never run).
TEST(KernelRegistryTest, EveryKernelHasAnOpDef) {
  for (const std::string& op : KernelRegistry::Global()->ListOps()) {
    if (op == "PlaceholderV2" || op == "RefIdentity" || op == "RefMerge") {
      continue;  // legacy ops the op registry may not carry
    }
    EXPECT_THAT(OpRegistry::Global()->LookUpOpDef(op),
                ::tfpersist::testing::IsOk())
        << op;
  }
}

TEST(KernelRegistryTest, CreateKernelErrorsNameTheNode) {
  tensorflow::NodeDef node;
  node.set_name("Adam");
  node.set_op("ApplyAdam");
  tensorflow::OpDef op_def;
  op_def.set_name("ApplyAdam");
  EXPECT_THAT(KernelRegistry::Global()->CreateKernel(node, op_def, nullptr),
              StatusIs(StatusCode::kUnimplemented,
                       "No kernel registered for op 'ApplyAdam' (node "
                       "'Adam')"));
  tensorflow::NodeDef c;
  c.set_name("c");
  c.set_op("Const");
  (*c.mutable_attr())["dtype"] = MakeAttr(DT_FLOAT);
  TFP_ASSERT_OK_AND_ASSIGN(const tensorflow::OpDef* const_def,
                           OpRegistry::Global()->LookUpOpDef("Const"));
  EXPECT_THAT(KernelRegistry::Global()->CreateKernel(c, *const_def, nullptr),
              StatusIs(StatusCode::kNotFound, HasSubstr("[[{{node c}}]]")));
}

TEST(KernelRegistryTest, DuplicateRegistrationAborts) {
  KernelRegistry r;
  r.Register("X", [](OpKernelConstruction*) { return nullptr; });
  EXPECT_DEATH(r.Register("X", [](OpKernelConstruction*) { return nullptr; }),
               "registered twice");
}

}  // namespace
}  // namespace tfpersist
