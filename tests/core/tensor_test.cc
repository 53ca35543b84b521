#include "tfpersist/core/tensor.h"

#include <cmath>
#include <cstdint>
#include <cstring>

#include "testing/status_matchers.h"
#include "tfpersist/core/memory_limits.h"

namespace tfpersist {
namespace {

using ::testing::HasSubstr;
using ::tfpersist::testing::StatusIs;

TEST(TensorTest, DefaultIsUninitialized) {
  Tensor t;
  EXPECT_EQ(t.dtype(), DT_INVALID);
  EXPECT_FALSE(t.IsInitialized());
}

TEST(TensorTest, BuffersAre64ByteAligned) {
  for (int64_t n : {1, 3, 17, 1000}) {
    Tensor t(DT_FLOAT, TensorShape({n}));
    EXPECT_EQ(reinterpret_cast<uintptr_t>(t.raw_data()) % Tensor::kAlignment,
              0u);
  }
  // Large buffers take the huge-page path (2 MiB alignment).
  Tensor big(DT_FLOAT, TensorShape({1 << 20}));
  EXPECT_EQ(reinterpret_cast<uintptr_t>(big.raw_data()) % (2 << 20), 0u);
  EXPECT_EQ(big.TotalBytes(), size_t{4} << 20);
}

TEST(TensorTest, ScalarFromVectorAndCopySharing) {
  Tensor s = Tensor::Scalar<int64_t>(42);
  EXPECT_EQ(s.dtype(), DT_INT64);
  EXPECT_EQ(s.scalar<int64_t>(), 42);
  Tensor v = Tensor::FromVector<float>({1, 2, 3, 4}, TensorShape({2, 2}));
  Tensor shared = v;
  EXPECT_TRUE(shared.SharesBufferWith(v));
  Tensor deep = v.DeepCopy();
  EXPECT_FALSE(deep.SharesBufferWith(v));
  EXPECT_TRUE(deep.IsSameAs(v));
  deep.data<float>()[0] = 9;
  EXPECT_FALSE(deep.IsSameAs(v));
  EXPECT_EQ(v.flat<float>()[0], 1);
}

TEST(TensorTest, ZerosForEveryStorableType) {
  for (int v = 1; v <= kLastBaseDataType; ++v) {
    const DataType dt = static_cast<DataType>(v);
    if (!DataTypeIsStorable(dt)) continue;
    SCOPED_TRACE(DataTypeString(dt));
    Tensor t = Tensor::Zeros(dt, TensorShape({3}));
    if (dt == DT_STRING) {
      for (const std::string& s : t.flat<std::string>()) EXPECT_EQ(s, "");
      continue;
    }
    EXPECT_EQ(t.TotalBytes(), 3u * DataTypeSize(dt));
    for (char c : t.tensor_data()) EXPECT_EQ(c, 0);
  }
}

TEST(TensorTest, AllocateRejectsUnstorableTypes) {
  for (DataType dt :
       {DT_RESOURCE, DT_VARIANT, DT_INT4, DT_INVALID, DT_FLOAT_REF}) {
    EXPECT_THAT(
        Tensor::Allocate(dt, TensorShape({2})),
        StatusIs(StatusCode::kInvalidArgument, HasSubstr(DataTypeString(dt))));
  }
}

TEST(TensorTest, AllocateReportsHugeSizes) {
  EXPECT_THAT(Tensor::Allocate(DT_COMPLEX128, TensorShape({int64_t{1} << 61})),
              StatusIs(StatusCode::kResourceExhausted,
                       HasSubstr("[2305843009213693952]")));
  // 2^62 bytes: refused by the size limit before the allocator is called
  // (ASan's allocator would abort instead of returning nullptr).
  EXPECT_THAT(
      Tensor::Allocate(DT_FLOAT, TensorShape({int64_t{1} << 60})),
      StatusIs(StatusCode::kResourceExhausted,
               HasSubstr("OOM when allocating tensor with "
                         "shape[1152921504606846976] and type float: "
                         "4611686018427387904 bytes exceed the per-tensor "
                         "limit")));
  EXPECT_THAT(Tensor::Allocate(DT_INT8, TensorShape({int64_t{1} << 50})),
              StatusIs(StatusCode::kResourceExhausted,
                       HasSubstr("TFP_MAX_TENSOR_BYTES")));
}

TEST(MemoryLimitsTest, ParseByteLimit) {
  EXPECT_EQ(ParseByteLimit("1048576"), 1048576u);
  EXPECT_EQ(ParseByteLimit("18446744073709551615"), UINT64_MAX);
  EXPECT_EQ(ParseByteLimit("18446744073709551616"), 0u);  // overflows
  EXPECT_EQ(ParseByteLimit("1e9"), 0u);
  EXPECT_EQ(ParseByteLimit("-1"), 0u);
  EXPECT_EQ(ParseByteLimit(""), 0u);
  EXPECT_EQ(ParseByteLimit(nullptr), 0u);
  EXPECT_GT(MaxTensorBytes(), 0u);
}

TEST(TensorTest, StringTensors) {
  Tensor t(DT_STRING, TensorShape({3}));
  for (const std::string& s : t.flat<std::string>()) EXPECT_TRUE(s.empty());
  t.flat<std::string>()[0] = std::string(1000, 'x');  // heap-allocated
  t.flat<std::string>()[2] = "ab";
  EXPECT_EQ(t.TotalBytes(), 1002u);
  Tensor copy = t.DeepCopy();
  EXPECT_TRUE(copy.IsSameAs(t));
  copy.flat<std::string>()[2] = "ac";
  EXPECT_FALSE(copy.IsSameAs(t));
  EXPECT_EQ(t.flat<std::string>()[2], "ab");
}

TEST(TensorTest, FromExternalRunsDeallocatorOnce) {
  int calls = 0;
  float storage[4] = {1, 2, 3, 4};
  {
    Tensor t = Tensor::FromExternal(DT_FLOAT, TensorShape({2, 2}), storage,
                                    sizeof(storage), [&](void* p, size_t len) {
                                      EXPECT_EQ(p, storage);
                                      EXPECT_EQ(len, sizeof(storage));
                                      ++calls;
                                    });
    Tensor copy = t;
    EXPECT_EQ(copy.flat<float>()[3], 4);
    EXPECT_EQ(calls, 0);
  }
  EXPECT_EQ(calls, 1);
}

TEST(TensorTest, ReshapedSharesBuffer) {
  Tensor t = Tensor::FromVector<int32_t>({1, 2, 3, 4, 5, 6});
  TFP_ASSERT_OK_AND_ASSIGN(Tensor r, t.Reshaped(TensorShape({2, 3})));
  EXPECT_TRUE(r.SharesBufferWith(t));
  EXPECT_EQ(r.shape(), TensorShape({2, 3}));
  EXPECT_THAT(t.Reshaped(TensorShape({4})),
              StatusIs(StatusCode::kInvalidArgument,
                       HasSubstr("shape [6] (6 elements) to shape [4]")));
}

TEST(TensorTest, SliceDim0CopiesRows) {
  Tensor t =
      Tensor::FromVector<int32_t>({1, 2, 3, 4, 5, 6}, TensorShape({3, 2}));
  Tensor s = t.SliceDim0(1, 3);
  EXPECT_FALSE(s.SharesBufferWith(t));
  EXPECT_TRUE(s.IsSameAs(
      Tensor::FromVector<int32_t>({3, 4, 5, 6}, TensorShape({2, 2}))));
  EXPECT_EQ(t.SliceDim0(2, 2).NumElements(), 0);
  Tensor strs = Tensor::FromVector<std::string>({"a", "b", "c"});
  EXPECT_EQ(strs.SliceDim0(1, 2).flat<std::string>()[0], "b");
}

TEST(TensorTest, IsSameAsComparesBits) {
  Tensor a = Tensor::FromVector<float>({NAN, 1});
  EXPECT_TRUE(a.IsSameAs(a.DeepCopy()));
  EXPECT_FALSE(a.IsSameAs(Tensor::FromVector<double>({NAN, 1})));
  EXPECT_FALSE(
      a.IsSameAs(Tensor::FromVector<float>({NAN, 1}, TensorShape({1, 2}))));
  EXPECT_TRUE(Tensor(DT_FLOAT, TensorShape({0}))
                  .IsSameAs(Tensor(DT_FLOAT, TensorShape({0}))));
}

TEST(TensorTest, EmptyTensorsAreInitialized) {
  Tensor t(DT_FLOAT, TensorShape({0, 3}));
  EXPECT_TRUE(t.IsInitialized());
  EXPECT_EQ(t.TotalBytes(), 0u);
  EXPECT_TRUE(t.tensor_data().empty());
  EXPECT_EQ(t.DebugString(), "Tensor<type: float shape: [0,3] values: >");
}

// Expected strings follow TF's Tensor::DebugString / SummarizeValue
// (tensorflow/core/framework/tensor.cc, PrintOneDim).
TEST(TensorTest, DebugStringMatchesTensorFlow) {
  EXPECT_EQ(Tensor::FromVector<float>({1, 2}).DebugString(),
            "Tensor<type: float shape: [2] values: 1 2>");
  EXPECT_EQ(Tensor::Scalar<float>(0.1f).DebugString(),
            "Tensor<type: float shape: [] values: 0.1>");
  Tensor m = Tensor::FromVector<int32_t>({1, 2, 3, 4}, TensorShape({2, 2}));
  EXPECT_EQ(m.SummarizeValue(10), "[1 2][3 4]");
  EXPECT_EQ(m.SummarizeValue(3), "[1 2][3...]...");
  EXPECT_EQ(m.DebugString(),
            "Tensor<type: int32 shape: [2,2] values: "
            "[1 2][3...]...>");
  EXPECT_EQ(Tensor::FromVector<int64_t>({1, 2, 3, 4, 5}).SummarizeValue(3),
            "1 2 3...");
  EXPECT_EQ(Tensor::FromVector<int64_t>({1, 2, 3}).SummarizeValue(-1), "1 2 3");
  EXPECT_EQ(Tensor::FromVector<bool>({true, false}).SummarizeValue(3), "1 0");
  EXPECT_EQ(Tensor::FromVector<int8_t>({-5, 7}).SummarizeValue(3), "-5 7");
  EXPECT_EQ(Tensor::FromVector<uint8_t>({200}).SummarizeValue(3), "200");
  EXPECT_EQ(Tensor::FromVector<double>({0.1, 1e100}).SummarizeValue(3),
            "0.1 1e+100");
  EXPECT_EQ(Tensor::FromVector<float>({1.0f / 3}).SummarizeValue(3),
            "0.333333343");
  EXPECT_EQ(Tensor::FromVector<std::string>({"a\n", "\"q\""}).SummarizeValue(3),
            "a\\n \\\"q\\\"");
  EXPECT_EQ(Tensor::FromVector<half>({FloatToHalf(1.5f)}).SummarizeValue(3),
            "1.5");
  EXPECT_EQ(
      Tensor::FromVector<complex64>({{1, 2}, {3, 4}, {5, 6}}).SummarizeValue(2),
      "? ?...");
  EXPECT_EQ(Tensor::FromVector<int64_t>({int64_t{1} << 62}).SummarizeValue(1),
            "4611686018427387904");
  Tensor cube = Tensor::FromVector<int32_t>({1, 2, 3, 4, 5, 6, 7, 8},
                                            TensorShape({2, 2, 2}));
  EXPECT_EQ(cube.SummarizeValue(8), "[[1 2][3 4]][[5 6][7 8]]");
}

TEST(TensorTest, ElementAsDouble) {
  EXPECT_EQ(Tensor::FromVector<int16_t>({-3}).ElementAsDouble(0), -3.0);
  EXPECT_EQ(Tensor::FromVector<bfloat16>({bfloat16{0x3f80}}).ElementAsDouble(0),
            1.0);
  EXPECT_EQ(Tensor::FromVector<bool>({false, true}).ElementAsDouble(1), 1.0);
  EXPECT_EQ(Tensor::FromVector<uint64_t>({7}).ElementAsDouble(0), 7.0);
  Tensor f8(DT_FLOAT8_E4M3FN, TensorShape({4}));
  // e4m3fn bit patterns: 0x38 = 1.0, 0x7e = 448 (max), 0x01 = 2^-9, 0x7f NaN.
  const uint8_t bits[4] = {0x38, 0x7e, 0x01, 0x7f};
  std::memcpy(f8.raw_data(), bits, 4);
  EXPECT_EQ(f8.ElementAsDouble(0), 1.0);
  EXPECT_EQ(f8.ElementAsDouble(1), 448.0);
  EXPECT_EQ(f8.ElementAsDouble(2), std::ldexp(1.0, -9));
  EXPECT_TRUE(std::isnan(f8.ElementAsDouble(3)));
  Tensor e5(DT_FLOAT8_E5M2, TensorShape({2}));
  const uint8_t e5bits[2] = {0x3c, 0x7b};  // 1.0, 57344 (max)
  std::memcpy(e5.raw_data(), e5bits, 2);
  EXPECT_EQ(e5.SummarizeValue(2), "1 57344");
}

}  // namespace
}  // namespace tfpersist
