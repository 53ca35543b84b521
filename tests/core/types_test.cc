#include "tfpersist/core/types.h"

#include <bit>
#include <cmath>
#include <limits>

#include "testing/status_matchers.h"

namespace tfpersist {
namespace {

using ::testing::HasSubstr;
using ::tfpersist::testing::StatusIs;

TEST(TypesTest, EnumValuesMatchTypesProto) {
  EXPECT_EQ(DT_FLOAT, 1);
  EXPECT_EQ(DT_STRING, 7);
  EXPECT_EQ(DT_HALF, 19);
  EXPECT_EQ(DT_UINT64, 23);
  EXPECT_EQ(DT_FLOAT4_E2M1FN, 33);
  EXPECT_EQ(DT_FLOAT_REF, 101);
}

TEST(TypesTest, NamesOfEveryType) {
  // TF's DataTypeString names (tensorflow/core/framework/types.cc).
  const char* kNames[] = {"INVALID",
                          "float",
                          "double",
                          "int32",
                          "uint8",
                          "int16",
                          "int8",
                          "string",
                          "complex64",
                          "int64",
                          "bool",
                          "qint8",
                          "quint8",
                          "qint32",
                          "bfloat16",
                          "qint16",
                          "quint16",
                          "uint16",
                          "complex128",
                          "half",
                          "resource",
                          "variant",
                          "uint32",
                          "uint64",
                          "float8_e5m2",
                          "float8_e4m3fn",
                          "float8_e4m3fnuz",
                          "float8_e4m3b11fnuz",
                          "float8_e5m2fnuz",
                          "int4",
                          "uint4",
                          "int2",
                          "uint2",
                          "float4_e2m1fn"};
  for (int v = 0; v <= kLastBaseDataType; ++v) {
    SCOPED_TRACE(v);
    const DataType dt = static_cast<DataType>(v);
    EXPECT_TRUE(IsValidDataType(v));
    EXPECT_EQ(DataTypeString(dt), kNames[v]);
    if (v == 0) continue;
    const DataType ref = MakeRefType(dt);
    EXPECT_TRUE(IsValidDataType(ref));
    EXPECT_EQ(DataTypeString(ref), std::string(kNames[v]) + "_ref");
    EXPECT_EQ(BaseType(ref), dt);
    // Both spellings parse back, plain and ref.
    TFP_ASSERT_OK_AND_ASSIGN(DataType a, DataTypeFromString(kNames[v]));
    EXPECT_EQ(a, dt);
    TFP_ASSERT_OK_AND_ASSIGN(DataType b,
                             DataTypeFromString(DataTypeEnumName(dt)));
    EXPECT_EQ(b, dt);
    TFP_ASSERT_OK_AND_ASSIGN(DataType c,
                             DataTypeFromString(DataTypeString(ref)));
    EXPECT_EQ(c, ref);
    TFP_ASSERT_OK_AND_ASSIGN(DataType d,
                             DataTypeFromString(DataTypeEnumName(ref)));
    EXPECT_EQ(d, ref);
  }
  EXPECT_EQ(DataTypeEnumName(DT_FLOAT), "DT_FLOAT");
  EXPECT_EQ(DataTypeEnumName(DT_FLOAT_REF), "DT_FLOAT_REF");
  EXPECT_EQ(DataTypeEnumName(DT_FLOAT8_E4M3FN), "DT_FLOAT8_E4M3FN");
}

TEST(TypesTest, InvalidValuesAndNames) {
  EXPECT_FALSE(IsValidDataType(-1));
  EXPECT_FALSE(IsValidDataType(34));
  EXPECT_FALSE(IsValidDataType(100));
  EXPECT_TRUE(IsValidDataType(133));
  EXPECT_FALSE(IsValidDataType(134));
  EXPECT_EQ(DataTypeString(static_cast<DataType>(77)),
            "unknown dtype enum (77)");
  EXPECT_THAT(DataTypeFromString("floot"),
              StatusIs(StatusCode::kInvalidArgument, HasSubstr("'floot'")));
  EXPECT_THAT(DataTypeFromString(""),
              StatusIs(StatusCode::kInvalidArgument, HasSubstr("''")));
  EXPECT_THAT(DataTypeFromString("_ref"),
              StatusIs(StatusCode::kInvalidArgument, HasSubstr("'_ref'")));
}

TEST(TypesTest, Aliases) {
  TFP_ASSERT_OK_AND_ASSIGN(DataType f, DataTypeFromString("float32"));
  EXPECT_EQ(f, DT_FLOAT);
  TFP_ASSERT_OK_AND_ASSIGN(DataType d, DataTypeFromString("float64"));
  EXPECT_EQ(d, DT_DOUBLE);
  TFP_ASSERT_OK_AND_ASSIGN(DataType h, DataTypeFromString("float16"));
  EXPECT_EQ(h, DT_HALF);
}

TEST(TypesTest, SizesAndTraits) {
  EXPECT_EQ(DataTypeSize(DT_FLOAT), sizeof(float));
  EXPECT_EQ(DataTypeSize(DT_DOUBLE), sizeof(double));
  EXPECT_EQ(DataTypeSize(DT_COMPLEX64), sizeof(complex64));
  EXPECT_EQ(DataTypeSize(DT_COMPLEX128), sizeof(complex128));
  EXPECT_EQ(DataTypeSize(DT_HALF), sizeof(half));
  EXPECT_EQ(DataTypeSize(DT_BFLOAT16), sizeof(bfloat16));
  EXPECT_EQ(DataTypeSize(DT_QINT32), sizeof(qint32));
  EXPECT_EQ(DataTypeSize(DT_QUINT16), sizeof(quint16));
  EXPECT_EQ(DataTypeSize(DT_UINT64), sizeof(uint64_t));
  EXPECT_EQ(DataTypeSize(DT_BOOL), sizeof(bool));
  EXPECT_EQ(DataTypeSize(DT_FLOAT8_E5M2), 1);
  EXPECT_EQ(DataTypeSize(DT_STRING), 0);
  EXPECT_EQ(DataTypeSize(DT_RESOURCE), 0);
  EXPECT_EQ(DataTypeSize(DT_INT4), 0);
  EXPECT_EQ(DataTypeSize(DT_INT32_REF), 4);
  EXPECT_TRUE(DataTypeCanMemcpy(DT_BOOL));
  EXPECT_FALSE(DataTypeCanMemcpy(DT_STRING));
  EXPECT_FALSE(DataTypeCanMemcpy(DT_VARIANT));
  EXPECT_TRUE(DataTypeIsStorable(DT_STRING));
  EXPECT_TRUE(DataTypeIsStorable(DT_FLOAT8_E4M3FN));
  EXPECT_FALSE(DataTypeIsStorable(DT_RESOURCE));
  EXPECT_FALSE(DataTypeIsStorable(DT_INT4));
  EXPECT_FALSE(DataTypeIsStorable(DT_INVALID));
  EXPECT_FALSE(DataTypeIsStorable(DT_FLOAT_REF));
}

// Known IEEE binary16 bit patterns.
TEST(TypesTest, HalfKnownBits) {
  EXPECT_EQ(FloatToHalf(1.0f).bits, 0x3c00);
  EXPECT_EQ(FloatToHalf(-2.0f).bits, 0xc000);
  EXPECT_EQ(FloatToHalf(0.5f).bits, 0x3800);
  EXPECT_EQ(FloatToHalf(65504.0f).bits, 0x7bff);  // max half
  EXPECT_EQ(FloatToHalf(65520.0f).bits, 0x7c00);  // rounds to inf
  EXPECT_EQ(FloatToHalf(65519.0f).bits, 0x7bff);
  EXPECT_EQ(FloatToHalf(0.0f).bits, 0x0000);
  EXPECT_EQ(FloatToHalf(-0.0f).bits, 0x8000);
  EXPECT_EQ(FloatToHalf(std::ldexp(1.0f, -24)).bits, 0x0001);  // min subnormal
  EXPECT_EQ(FloatToHalf(std::ldexp(1.0f, -14)).bits, 0x0400);  // min normal
  EXPECT_EQ(FloatToHalf(std::ldexp(1.0f, -25)).bits, 0x0000);  // tie -> even
  EXPECT_EQ(FloatToHalf(std::ldexp(3.0f, -25)).bits, 0x0002);  // tie -> even
  EXPECT_EQ(FloatToHalf(INFINITY).bits, 0x7c00);
  EXPECT_EQ(FloatToHalf(-INFINITY).bits, 0xfc00);
  EXPECT_EQ(FloatToHalf(1e10f).bits, 0x7c00);
  EXPECT_EQ(FloatToHalf(0.1f).bits, 0x2e66);
  EXPECT_EQ(FloatToHalf(1.0f + std::ldexp(1.0f, -11)).bits, 0x3c00);  // tie
  EXPECT_EQ(FloatToHalf(1.0f + std::ldexp(3.0f, -11)).bits, 0x3c02);  // tie
  const uint16_t nan = FloatToHalf(NAN).bits;
  EXPECT_EQ(nan & 0x7c00, 0x7c00);
  EXPECT_NE(nan & 0x03ff, 0);
}

TEST(TypesTest, HalfToFloatKnownBits) {
  EXPECT_EQ(HalfToFloat(half{0x3c00}), 1.0f);
  EXPECT_EQ(HalfToFloat(half{0xc000}), -2.0f);
  EXPECT_EQ(HalfToFloat(half{0x7bff}), 65504.0f);
  EXPECT_EQ(HalfToFloat(half{0x0001}), std::ldexp(1.0f, -24));
  EXPECT_EQ(HalfToFloat(half{0x03ff}), std::ldexp(1023.0f, -24));
  EXPECT_EQ(HalfToFloat(half{0x7c00}), INFINITY);
  EXPECT_EQ(HalfToFloat(half{0xfc00}), -INFINITY);
  EXPECT_TRUE(std::isnan(HalfToFloat(half{0x7e00})));
  EXPECT_TRUE(std::signbit(HalfToFloat(half{0x8000})));
}

TEST(TypesTest, HalfRoundTripsEveryPattern) {
  for (uint32_t b = 0; b <= 0xffff; ++b) {
    const half h{static_cast<uint16_t>(b)};
    const float f = HalfToFloat(h);
    if (std::isnan(f)) continue;
    ASSERT_EQ(FloatToHalf(f).bits, b) << std::hex << b;
  }
}

TEST(TypesTest, BFloat16KnownBits) {
  EXPECT_EQ(FloatToBFloat16(1.0f).bits, 0x3f80);
  EXPECT_EQ(FloatToBFloat16(-2.0f).bits, 0xc000);
  EXPECT_EQ(FloatToBFloat16(0.1f).bits, 0x3dcd);  // 0x3dcccccd rounds up
  EXPECT_EQ(FloatToBFloat16(std::bit_cast<float>(0x3f808000u)).bits,
            0x3f80);  // tie -> even
  EXPECT_EQ(FloatToBFloat16(std::bit_cast<float>(0x3f818000u)).bits,
            0x3f82);  // tie -> even
  EXPECT_EQ(FloatToBFloat16(INFINITY).bits, 0x7f80);
  EXPECT_EQ(FloatToBFloat16(std::numeric_limits<float>::max()).bits,
            0x7f80);  // overflows to inf
  EXPECT_EQ(FloatToBFloat16(NAN).bits & 0x7fc0, 0x7fc0);
  EXPECT_EQ(BFloat16ToFloat(bfloat16{0x3f80}), 1.0f);
  EXPECT_EQ(BFloat16ToFloat(bfloat16{0xff80}), -INFINITY);
  EXPECT_TRUE(std::isnan(BFloat16ToFloat(bfloat16{0x7fc0})));
  for (uint32_t b = 0; b <= 0xffff; ++b) {
    const float f = BFloat16ToFloat(bfloat16{static_cast<uint16_t>(b)});
    if (std::isnan(f)) continue;
    ASSERT_EQ(FloatToBFloat16(f).bits, b) << std::hex << b;
  }
}

}  // namespace
}  // namespace tfpersist
