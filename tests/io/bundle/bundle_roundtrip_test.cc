// One contract, every Env: bundles written and read back through the
// in-memory and the POSIX Env give the same tensors (cf. leveldb's
// table_test Harness).
#include <gtest/gtest.h>

#include <random>

#include "base/fault_injection_env.h"
#include "bundle_test_util.h"
#include "testing/fixtures.h"
#include "testing/status_matchers.h"
#include "tfpersist/base/path.h"
#include "tfpersist/io/tensor_bundle.h"

namespace tfpersist {
namespace {

using ::testing::HasSubstr;
using ::tfpersist::testing::StatusIs;

Tensor RandomTensor(DataType dtype, const TensorShape& shape, uint64_t seed) {
  std::mt19937_64 rng(seed);
  Tensor t(dtype, shape);
  if (dtype == DT_STRING) {
    for (std::string& s : t.flat<std::string>()) {
      s.assign(rng() % 40, static_cast<char>(rng()));
    }
    return t;
  }
  for (size_t i = 0; i < t.TotalBytes(); ++i) {
    t.raw_data()[i] = static_cast<char>(rng());
  }
  if (dtype == DT_BOOL) {
    for (size_t i = 0; i < t.TotalBytes(); ++i) t.raw_data()[i] &= 1;
  }
  return t;
}

class BundleRoundTripTest : public ::testing::TestWithParam<bool> {
 protected:
  void SetUp() override {
    if (GetParam()) {
      mem_ = NewMemEnv();
      env_ = mem_.get();
      dir_ = "/mem";
    } else {
      env_ = Env::Default();
      dir_ = testing::NewTempDir("bundle_roundtrip");
    }
  }
  std::unique_ptr<Env> mem_;
  Env* env_ = nullptr;
  std::string dir_;
};

TEST_P(BundleRoundTripTest, EveryDtypeAndSizeRoundTrips) {
  std::map<std::string, Tensor> tensors;
  uint64_t seed = 1;
  for (DataType dtype :
       {DT_FLOAT, DT_DOUBLE, DT_INT32, DT_UINT8, DT_INT16, DT_INT8, DT_STRING,
        DT_COMPLEX64, DT_INT64, DT_BOOL, DT_QINT8, DT_QUINT8, DT_QINT32,
        DT_BFLOAT16, DT_QINT16, DT_QUINT16, DT_UINT16, DT_COMPLEX128, DT_HALF,
        DT_UINT32, DT_UINT64}) {
    for (const TensorShape& shape :
         {TensorShape(), TensorShape({0}), TensorShape({3, 5}),
          TensorShape({2, 0, 4})}) {
      tensors[StrCat(DataTypeString(dtype), "/", shape.DebugString())] =
          RandomTensor(dtype, shape, ++seed);
    }
  }
  // Large enough for the threaded checksum (>= 4 MiB) and chunked reads.
  tensors["big"] = RandomTensor(DT_FLOAT, TensorShape({3, 700001}), 99);
  tensors["strings/many"] = RandomTensor(DT_STRING, TensorShape({5000}), 7);
  const std::string prefix = JoinPath(dir_, "sub/model.ckpt-1");
  BundleWriter writer(env_, prefix);
  for (const auto& [key, t] : tensors) writer.Add(key, t);
  TFP_ASSERT_OK(writer.Finish());

  TFP_ASSERT_OK_AND_ASSIGN(auto reader, BundleReader::Open(env_, prefix));
  EXPECT_EQ(reader->Keys().size(), tensors.size());
  for (const auto& [key, want] : tensors) {
    TFP_ASSERT_OK_AND_ASSIGN(Tensor got, reader->Lookup(key));
    EXPECT_TRUE(got.IsSameAs(want)) << key;
    Tensor into(want.dtype(), want.shape());
    TFP_ASSERT_OK(reader->LookupInto(key, &into));
    EXPECT_TRUE(into.IsSameAs(want)) << key;
  }
}

TEST_P(BundleRoundTripTest, PartitionedTensorsAreReassembled) {
  const TensorShape full({6, 4});
  const Tensor whole = RandomTensor(DT_INT32, full, 5);
  const std::string prefix = JoinPath(dir_, "part");
  BundleWriter writer(env_, prefix);
  // Rows [0, 2), [2, 6) x columns [0, 1), [2, 6) x [1, 4).
  const std::vector<TensorSlice> slices = {TensorSlice({{0, 2}, {0, 4}}),
                                           TensorSlice({{2, 4}, {0, 1}}),
                                           TensorSlice({{2, 4}, {1, 3}})};
  for (const TensorSlice& slice : slices) {
    TensorShape shape = *slice.SliceShape(full);
    Tensor part(DT_INT32, shape);
    for (int64_t r = 0; r < shape.dim_size(0); ++r) {
      for (int64_t c = 0; c < shape.dim_size(1); ++c) {
        part.data<int32_t>()[r * shape.dim_size(1) + c] =
            whole.data<int32_t>()[(slice.start(0) + r) * 4 + slice.start(1) + c];
      }
    }
    writer.AddSlice("w", full, slice, part);
  }
  TFP_ASSERT_OK(writer.Finish());
  TFP_ASSERT_OK_AND_ASSIGN(auto reader, BundleReader::Open(env_, prefix));
  TFP_ASSERT_OK_AND_ASSIGN(Tensor got, reader->Lookup("w"));
  EXPECT_TRUE(got.IsSameAs(whole));
  Tensor into(DT_INT32, full);
  TFP_ASSERT_OK(reader->LookupInto("w", &into));
  EXPECT_TRUE(into.IsSameAs(whole));
}

TEST_P(BundleRoundTripTest, MissingSliceIsReported) {
  const std::string prefix = JoinPath(dir_, "holes");
  BundleWriter writer(env_, prefix);
  writer.AddSlice("w", TensorShape({4}), TensorSlice({{0, 2}}),
                  Tensor::FromVector<float>({1, 2}));
  TFP_ASSERT_OK(writer.Finish());
  TFP_ASSERT_OK_AND_ASSIGN(auto reader, BundleReader::Open(env_, prefix));
  EXPECT_THAT(reader->Lookup("w"),
              StatusIs(StatusCode::kInvalidArgument,
                       HasSubstr("Does not have sufficient slices for "
                                 "partitioned tensor 'w' of shape [4]")));
}

INSTANTIATE_TEST_SUITE_P(AllEnvs, BundleRoundTripTest, ::testing::Bool(),
                         [](const auto& info) {
                           return info.param ? "Mem" : "Posix";
                         });

TEST(BundleFaultTest, DiskFullInsideALargeTensorLeavesNothing) {
  std::unique_ptr<Env> mem = NewMemEnv();
  FaultInjectionEnv env(mem.get());
  env.SetWriteBudget(1 << 20);
  BundleWriter writer(&env, "/f/p");
  writer.Add("big", Tensor::Zeros(DT_FLOAT, TensorShape({2 << 20})));
  EXPECT_THAT(writer.Finish(), StatusIs(StatusCode::kResourceExhausted,
                                        HasSubstr("tensor 'big'")));
  auto children = env.GetChildren("/f");
  EXPECT_TRUE(!children.ok() || children->empty());
}

}  // namespace
}  // namespace tfpersist
