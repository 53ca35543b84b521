// Hash table kernels run one at a time against a shared ResourceMgr, the
// way a graph's table, its initializer and its lookups share a session.
// Expected values are the (key -> value) pairs the tests put in, looked up
// by hand.
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "testing/kernel_test_harness.h"
#include "testing/status_matchers.h"

namespace tfpersist {
namespace {

using ::testing::HasSubstr;
using ::tfpersist::testing::HoldsTensor;
using ::tfpersist::testing::KernelRun;
using ::tfpersist::testing::KernelTester;
using ::tfpersist::testing::StatusIs;

class HashTableTest : public ::testing::Test {
 protected:
  // Runs HashTableV2 (or MutableHashTableV2) and returns its handle.
  ResourceHandle MakeTable(DataType key, DataType value,
                           const std::string& op = "HashTableV2",
                           const std::string& shared_name = "") {
    KernelTester t(op);
    t.WithResourceMgr(&rm_)
        .Attr("key_dtype", key)
        .Attr("value_dtype", value)
        .Attr("shared_name", shared_name);
    KernelRun run = t.RunValues();
    EXPECT_TRUE(run.status.ok()) << run.status;
    return *run.outputs[0].handle;
  }
  KernelTester On(const std::string& op, const ResourceHandle& h) {
    KernelTester t(op);
    t.WithResourceMgr(&rm_).ResourceInput(h);
    return t;
  }
  ResourceMgr rm_;
};

TEST_F(HashTableTest, InitializeFindSize) {
  ResourceHandle h = MakeTable(DT_STRING, DT_INT64);
  EXPECT_THAT(On("LookupTableFindV2", h)
                  .Input<std::string>({"a"})
                  .ScalarInput<int64_t>(-1)
                  .Run(),
              StatusIs(StatusCode::kFailedPrecondition,
                       HasSubstr("Table not initialized.")));
  TFP_ASSERT_OK(On("InitializeTableV2", h)
                    .Input<std::string>({"us", "fr", "de"})
                    .Input<int64_t>({0, 1, 2})
                    .Run()
                    .status());
  EXPECT_THAT(On("LookupTableFindV2", h)
                  .Input<std::string>({"fr", "xx", "us", "de", "", "fr"},
                                      TensorShape({2, 3}))
                  .ScalarInput<int64_t>(-1)
                  .RunOutput(),
              HoldsTensor(Tensor::FromVector<int64_t>({1, -1, 0, 2, -1, 1},
                                                      TensorShape({2, 3}))));
  EXPECT_THAT(On("LookupTableSizeV2", h).RunOutput(),
              HoldsTensor(Tensor::Scalar<int64_t>(3)));
  // Empty keys.
  EXPECT_THAT(On("LookupTableFindV2", h)
                  .Input(Tensor(DT_STRING, TensorShape({0})))
                  .ScalarInput<int64_t>(-1)
                  .RunOutput(),
              HoldsTensor(Tensor(DT_INT64, TensorShape({0}))));
}

TEST_F(HashTableTest, ReinitializeOnlyWithTheSameData) {
  ResourceHandle h = MakeTable(DT_INT64, DT_STRING);
  auto init = [&](std::vector<std::string> values) {
    return On("InitializeTableV2", h)
        .Input<int64_t>({7, 9})
        .Input<std::string>(values)
        .Run()
        .status();
  };
  TFP_ASSERT_OK(init({"seven", "nine"}));
  TFP_EXPECT_OK(init({"seven", "nine"}));
  EXPECT_THAT(init({"seven", "NINE"}),
              StatusIs(StatusCode::kFailedPrecondition,
                       HasSubstr("Table was already initialized with "
                                 "different data.")));
  EXPECT_THAT(
      On("LookupTableFindV2", h)
          .Input<int64_t>({9, 8, 7})
          .ScalarInput<std::string>("?")
          .RunOutput(),
      HoldsTensor(Tensor::FromVector<std::string>({"nine", "?", "seven"})));
}

TEST_F(HashTableTest, InitializerErrors) {
  ResourceHandle h = MakeTable(DT_STRING, DT_INT64);
  EXPECT_THAT(On("InitializeTableV2", h)
                  .Input<std::string>({"a", "b"})
                  .Input<int64_t>({1})
                  .Run(),
              StatusIs(StatusCode::kInvalidArgument,
                       HasSubstr("Keys and values must have the same size 2 "
                                 "vs 1")));
  EXPECT_THAT(On("InitializeTableV2", h)
                  .Input<std::string>({"a", "b"}, TensorShape({1, 2}))
                  .Input<int64_t>({1, 2}, TensorShape({1, 2}))
                  .Run(),
              StatusIs(StatusCode::kInvalidArgument,
                       HasSubstr("Keys must be a vector")));
  EXPECT_THAT(
      On("InitializeTableV2", h).Input<int32_t>({1}).Input<int64_t>({1}).Run(),
      StatusIs(StatusCode::kInvalidArgument,
               HasSubstr("Key must be type string but got int32")));
  EXPECT_THAT(On("InitializeTableV2", h)
                  .Input<std::string>({"a", "a"})
                  .Input<int64_t>({1, 2})
                  .Run(),
              StatusIs(StatusCode::kFailedPrecondition,
                       HasSubstr("HashTable has different value for same "
                                 "key")));
  EXPECT_THAT(On("LookupTableInsertV2", h)
                  .Input<std::string>({"a"})
                  .Input<int64_t>({1})
                  .Run(),
              StatusIs(StatusCode::kUnimplemented, HasSubstr("Insert")));
  // A repeated key with the same value is fine, as in TF.
  TFP_EXPECT_OK(On("InitializeTableV2", h)
                    .Input<std::string>({"a", "a"})
                    .Input<int64_t>({1, 1})
                    .Run()
                    .status());
  EXPECT_THAT(On("LookupTableFindV2", h)
                  .Input<std::string>({"a"})
                  .Input<int64_t>({0, 0})
                  .Run(),
              StatusIs(StatusCode::kInvalidArgument,
                       HasSubstr("Expected shape [] for argument "
                                 "'default_value', got [2]")));
}

TEST_F(HashTableTest, SharedNameSharesTheTable) {
  ResourceHandle a = MakeTable(DT_STRING, DT_FLOAT, "HashTableV2", "vocab");
  ResourceHandle b = MakeTable(DT_STRING, DT_FLOAT, "HashTableV2", "vocab");
  EXPECT_EQ(a, b);
  ResourceHandle c = MakeTable(DT_STRING, DT_FLOAT);
  ResourceHandle d = MakeTable(DT_STRING, DT_FLOAT);
  EXPECT_FALSE(c == d);  // private tables
}

TEST_F(HashTableTest, MutableTableInsertAndImport) {
  ResourceHandle h = MakeTable(DT_INT64, DT_DOUBLE, "MutableHashTableV2");
  TFP_ASSERT_OK(On("LookupTableInsertV2", h)
                    .Input<int64_t>({1, 2})
                    .Input<double>({0.5, 1.5})
                    .Run()
                    .status());
  TFP_ASSERT_OK(On("LookupTableInsertV2", h)
                    .Input<int64_t>({2})
                    .Input<double>({2.5})
                    .Run()
                    .status());
  EXPECT_THAT(On("LookupTableFindV2", h)
                  .Input<int64_t>({2, 1, 3})
                  .ScalarInput<double>(0)
                  .RunOutput(),
              HoldsTensor(Tensor::FromVector<double>({2.5, 0.5, 0})));
  TFP_ASSERT_OK(On("LookupTableImportV2", h)
                    .Input<int64_t>({3})
                    .Input<double>({9})
                    .Run()
                    .status());
  EXPECT_THAT(On("LookupTableSizeV2", h).RunOutput(),
              HoldsTensor(Tensor::Scalar<int64_t>(1)));
}

TEST_F(HashTableTest, UnsupportedDtypes) {
  KernelTester t("HashTableV2");
  t.Attr("key_dtype", DT_FLOAT).Attr("value_dtype", DT_INT64);
  EXPECT_THAT(t.Run(), StatusIs(StatusCode::kUnimplemented,
                                HasSubstr("key_dtype float")));
}

}  // namespace
}  // namespace tfpersist
