#include "runtime/resource_mgr.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "testing/status_matchers.h"

namespace tfpersist {
namespace {

using ::testing::HasSubstr;
using ::tfpersist::testing::StatusIs;

struct Other : ResourceBase {
  std::string DebugString() const override { return "other"; }
};

std::function<StatusOr<std::shared_ptr<Var>>()> MakeVar(int* calls) {
  return [calls] {
    ++*calls;
    return StatusOr<std::shared_ptr<Var>>(std::make_shared<Var>(DT_FLOAT));
  };
}

TEST(ResourceMgrTest, LookupOrCreateCreatesOnce) {
  ResourceMgr rm;
  int calls = 0;
  TFP_ASSERT_OK_AND_ASSIGN(auto a,
                           rm.LookupOrCreate<Var>("c", "v", MakeVar(&calls)));
  TFP_ASSERT_OK_AND_ASSIGN(auto b,
                           rm.LookupOrCreate<Var>("c", "v", MakeVar(&calls)));
  EXPECT_EQ(a.get(), b.get());
  EXPECT_EQ(calls, 1);
  EXPECT_EQ(rm.size(), 1u);
}

TEST(ResourceMgrTest, ErrorsNameTheResource) {
  ResourceMgr rm;
  EXPECT_THAT(rm.Lookup<Var>("localhost", "v"),
              StatusIs(StatusCode::kNotFound,
                       HasSubstr("Resource localhost/v does not exist.")));
  TFP_ASSERT_OK(rm.Create("localhost", "o", std::make_shared<Other>()));
  EXPECT_THAT(rm.Create("localhost", "o", std::make_shared<Other>()),
              StatusIs(StatusCode::kAlreadyExists, HasSubstr("localhost/o")));
  EXPECT_THAT(rm.Lookup<Var>("localhost", "o"),
              StatusIs(StatusCode::kInvalidArgument,
                       HasSubstr("localhost/o has an unexpected type")));
  TFP_ASSERT_OK(rm.Delete("localhost", "o"));
  EXPECT_THAT(rm.Delete("localhost", "o"),
              StatusIs(StatusCode::kNotFound, HasSubstr("localhost/o")));
}

TEST(ResourceMgrTest, ClearKeepsResourcesHeldElsewhereAlive) {
  ResourceMgr rm;
  int calls = 0;
  TFP_ASSERT_OK_AND_ASSIGN(auto v,
                           rm.LookupOrCreate<Var>("", "v", MakeVar(&calls)));
  v->Set(Tensor::Scalar<float>(1));
  rm.Clear();
  EXPECT_EQ(rm.size(), 0u);
  EXPECT_TRUE(v->IsInitialized());
}

TEST(VarTest, SnapshotsAreNotChangedByLaterWrites) {
  Var v(DT_INT32, TensorShape({1}));
  Tensor t;
  EXPECT_FALSE(v.Snapshot(&t));
  {
    std::lock_guard<std::mutex> lock(v.mu());
    EXPECT_EQ(v.shape_locked(), TensorShape({1}));
  }
  v.Set(Tensor::FromVector<int32_t>({1}));
  ASSERT_TRUE(v.Snapshot(&t));
  v.Set(Tensor::FromVector<int32_t>({2, 3}));
  EXPECT_EQ(t.flat<int32_t>()[0], 1);
  EXPECT_EQ(v.DebugString(), "int32/[2]");
  v.Reset();
  EXPECT_FALSE(v.IsInitialized());
}

}  // namespace
}  // namespace tfpersist
