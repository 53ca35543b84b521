// VariableShape and ResourceGather on a resource variable, through a
// Session (expected values hand-computed).
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "testing/function_testlib.h"
#include "testing/kernel_test_harness.h"
#include "testing/status_matchers.h"
#include "tfpersist/runtime/session.h"

namespace tfpersist {
namespace {

using ::testing::HasSubstr;
using ::tfpersist::testing::StatusIs;
using ::tfpersist::testing::TensorEq;

constexpr char kGraph[] =
    "node { name: 'v' op: 'VarHandleOp' attr { key: 'dtype' value { type: "
    "DT_FLOAT } } attr { key: 'shape' value { shape { unknown_rank: true } } "
    "} attr { key: 'shared_name' value { s: 'v' } } }"
    "node { name: 'value' op: 'Placeholder' attr { key: 'dtype' value { "
    "type: DT_FLOAT } } }"
    "node { name: 'assign' op: 'AssignVariableOp' input: 'v' input: 'value' "
    "attr { key: 'dtype' value { type: DT_FLOAT } } }"
    "node { name: 'idx' op: 'Placeholder' attr { key: 'dtype' value { type: "
    "DT_INT64 } } }"
    "node { name: 'gather' op: 'ResourceGather' input: 'v' input: 'idx' attr "
    "{ key: 'dtype' value { type: DT_FLOAT } } attr { key: 'Tindices' value "
    "{ type: DT_INT64 } } }"
    "node { name: 'shape' op: 'VariableShape' input: 'v' }";

TEST(ResourceGatherTest, GathersRowsAndReportsTheShape) {
  TFP_ASSERT_OK_AND_ASSIGN(auto s,
                           Session::Create(testing::ParseGraph(kGraph)));
  TFP_ASSERT_OK(s->Run(
      {{"value",
        Tensor::FromVector<float>({1, 2, 3, 4, 5, 6}, TensorShape({3, 2}))}},
      {}, {"assign"}, nullptr));
  std::vector<Tensor> out;
  TFP_ASSERT_OK(s->Run({{"idx", Tensor::FromVector<int64_t>({2, 0, 2})}},
                       {"gather:0", "shape:0"}, {}, &out));
  EXPECT_THAT(out[0], TensorEq(Tensor::FromVector<float>({5, 6, 1, 2, 5, 6},
                                                         TensorShape({3, 2}))));
  EXPECT_THAT(out[1], TensorEq(Tensor::FromVector<int32_t>({3, 2})));
  EXPECT_THAT(s->Run({{"idx", Tensor::FromVector<int64_t>({3})}}, {"gather:0"},
                     {}, &out),
              StatusIs(StatusCode::kInvalidArgument,
                       HasSubstr("indices[0] = 3 is not in [0, 3)")));
}

}  // namespace
}  // namespace tfpersist
