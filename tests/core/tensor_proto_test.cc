#include "core/tensor_proto.h"

#include <cstring>

#include "tensorflow/core/framework/graph.pb.h"
#include "testing/fixtures.h"
#include "testing/status_matchers.h"
#include "tfpersist/base/env.h"

namespace tfpersist {
namespace {

using tensorflow::TensorProto;
using ::testing::HasSubstr;
using ::tfpersist::testing::StatusIs;

TensorProto MakeProto(DataType dt, std::initializer_list<int64_t> dims) {
  TensorProto p;
  p.set_dtype(static_cast<tensorflow::DataType>(dt));
  for (int64_t d : dims) p.mutable_tensor_shape()->add_dim()->set_size(d);
  return p;
}

// A tensor of `dt` with distinct, valid element values.
Tensor MakeSample(DataType dt, int64_t n) {
  Tensor t(dt, TensorShape({n}));
  if (dt == DT_STRING) {
    for (int64_t i = 0; i < n; ++i) {
      t.flat<std::string>()[i] = std::string(i * 7, 'a' + i) + '\0';
    }
    return t;
  }
  const size_t bytes = t.TotalBytes();
  for (size_t i = 0; i < bytes; ++i) {
    t.raw_data()[i] = dt == DT_BOOL ? static_cast<char>(i % 2)
                                    : static_cast<char>(i * 37 + 11);
  }
  return t;
}

std::vector<DataType> StorableTypes() {
  std::vector<DataType> types;
  for (int v = 1; v <= kLastBaseDataType; ++v) {
    if (DataTypeIsStorable(static_cast<DataType>(v))) {
      types.push_back(static_cast<DataType>(v));
    }
  }
  return types;
}

TEST(TensorProtoTest, EveryDtypeRoundTripsBothEncodings) {
  for (DataType dt : StorableTypes()) {
    for (int64_t n : {0, 1, 5}) {
      SCOPED_TRACE(DataTypeString(dt) + " n=" + std::to_string(n));
      const Tensor t = MakeSample(dt, n);
      TensorProto content, python;
      TensorToProtoContent(t, &content);
      TensorToProtoLikePython(t, &python);
      EXPECT_EQ(content.dtype(), dt);
      TFP_ASSERT_OK_AND_ASSIGN(Tensor a, TensorFromProto(content));
      TFP_ASSERT_OK_AND_ASSIGN(Tensor b, TensorFromProto(python));
      EXPECT_TRUE(a.IsSameAs(t)) << a.DebugString();
      EXPECT_TRUE(b.IsSameAs(t)) << b.DebugString();
    }
  }
}

TEST(TensorProtoTest, PythonEncodingChoosesFieldLikeMakeTensorProto) {
  TensorProto p;
  TensorToProtoLikePython(Tensor::FromVector<float>({1, 2}), &p);
  EXPECT_EQ(p.tensor_content().size(), 8u);
  EXPECT_EQ(p.float_val_size(), 0);
  TensorToProtoLikePython(Tensor::Scalar<float>(3), &p);
  EXPECT_TRUE(p.tensor_content().empty());
  ASSERT_EQ(p.float_val_size(), 1);
  EXPECT_EQ(p.float_val(0), 3);
  EXPECT_EQ(p.tensor_shape().dim_size(), 0);
  TensorToProtoLikePython(Tensor::FromVector<int32_t>({7}), &p);
  EXPECT_EQ(p.int_val_size(), 1);
  EXPECT_EQ(p.tensor_shape().dim(0).size(), 1);
  // bool, string, complex and uint16 always use the typed field.
  TensorToProtoLikePython(Tensor::FromVector<bool>({true, false, true}), &p);
  EXPECT_EQ(p.bool_val_size(), 3);
  TensorToProtoLikePython(Tensor::FromVector<uint16_t>({1, 65535}), &p);
  ASSERT_EQ(p.int_val_size(), 2);
  EXPECT_EQ(p.int_val(1), 65535);
  TensorToProtoLikePython(Tensor::FromVector<complex64>({{1, 2}, {3, 4}}), &p);
  EXPECT_EQ(p.scomplex_val_size(), 4);
  TensorToProtoLikePython(Tensor::FromVector<int8_t>({-1}), &p);
  EXPECT_EQ(p.int_val(0), -1);
  TensorToProtoLikePython(Tensor::Scalar<half>(FloatToHalf(1.0f)), &p);
  EXPECT_EQ(p.half_val(0), 0x3c00);
}

TEST(TensorProtoTest, FewerValuesRepeatTheLast) {
  TensorProto p = MakeProto(DT_FLOAT, {2, 2});
  p.add_float_val(1);
  p.add_float_val(2);
  TFP_ASSERT_OK_AND_ASSIGN(Tensor t, TensorFromProto(p));
  EXPECT_TRUE(
      t.IsSameAs(Tensor::FromVector<float>({1, 2, 2, 2}, TensorShape({2, 2}))));
  TensorProto s = MakeProto(DT_STRING, {3});
  s.add_string_val("x");
  TFP_ASSERT_OK_AND_ASSIGN(Tensor st, TensorFromProto(s));
  EXPECT_TRUE(st.IsSameAs(Tensor::FromVector<std::string>({"x", "x", "x"})));
  TensorProto h = MakeProto(DT_BFLOAT16, {2});
  h.add_half_val(0x3f80);
  TFP_ASSERT_OK_AND_ASSIGN(Tensor ht, TensorFromProto(h));
  EXPECT_EQ(ht.ElementAsDouble(1), 1.0);
  TensorProto c = MakeProto(DT_COMPLEX128, {2});
  c.add_dcomplex_val(1);
  c.add_dcomplex_val(-1);
  TFP_ASSERT_OK_AND_ASSIGN(Tensor ct, TensorFromProto(c));
  EXPECT_EQ(ct.flat<complex128>()[1], complex128(1, -1));
}

TEST(TensorProtoTest, NoValuesMeansZerosAndSurplusIsIgnored) {
  TFP_ASSERT_OK_AND_ASSIGN(Tensor z, TensorFromProto(MakeProto(DT_INT64, {3})));
  EXPECT_TRUE(z.IsSameAs(Tensor::Zeros(DT_INT64, TensorShape({3}))));
  TFP_ASSERT_OK_AND_ASSIGN(Tensor e,
                           TensorFromProto(MakeProto(DT_STRING, {2})));
  EXPECT_TRUE(e.IsSameAs(Tensor::FromVector<std::string>({"", ""})));
  TensorProto p = MakeProto(DT_INT8, {2});
  for (int v : {-3, 300, 9}) p.add_int_val(v);  // 300 narrows to 44
  TFP_ASSERT_OK_AND_ASSIGN(Tensor t, TensorFromProto(p));
  EXPECT_TRUE(t.IsSameAs(Tensor::FromVector<int8_t>({-3, 44})));
}

TEST(TensorProtoTest, TensorContentSizeMustMatch) {
  TensorProto p = MakeProto(DT_FLOAT, {3});
  p.set_tensor_content(std::string(10, '\0'));
  EXPECT_THAT(TensorFromProto(p),
              StatusIs(StatusCode::kInvalidArgument,
                       HasSubstr("tensor_content has 10 bytes but a float "
                                 "tensor of shape [3] needs 3 x 4 bytes")));
  TensorProto empty = MakeProto(DT_FLOAT, {0});
  empty.set_tensor_content("abcd");
  EXPECT_THAT(TensorFromProto(empty),
              StatusIs(StatusCode::kInvalidArgument, HasSubstr("4 bytes")));
}

TEST(TensorProtoTest, StringTensorContent) {
  TensorProto p = MakeProto(DT_STRING, {2});
  // varint32 lengths 3 and 200 (0xc8 0x01), then the bytes.
  std::string content = "\x03\xc8\x01";
  content += "abc" + std::string(200, 'z');
  p.set_tensor_content(content);
  TFP_ASSERT_OK_AND_ASSIGN(Tensor t, TensorFromProto(p));
  EXPECT_TRUE(t.IsSameAs(
      Tensor::FromVector<std::string>({"abc", std::string(200, 'z')})));
  p.set_tensor_content(content.substr(0, content.size() - 1));
  EXPECT_THAT(TensorFromProto(p),
              StatusIs(StatusCode::kInvalidArgument,
                       HasSubstr("lengths add up to 203 bytes but 202")));
  p.set_tensor_content("\x03\xc8");
  EXPECT_THAT(TensorFromProto(p),
              StatusIs(StatusCode::kInvalidArgument,
                       HasSubstr("truncated in the length of element 1")));
}

TEST(TensorProtoTest, HostileSizesDoNotAllocate) {
  TensorProto p = MakeProto(DT_FLOAT, {int64_t{1} << 40});
  p.add_float_val(1);
  EXPECT_THAT(TensorFromProto(p),
              StatusIs(StatusCode::kResourceExhausted,
                       HasSubstr("shape [1099511627776] has 1 values")));
  TensorProto zeros = MakeProto(DT_COMPLEX128, {1 << 20, 1 << 20});
  EXPECT_THAT(TensorFromProto(zeros),
              StatusIs(StatusCode::kResourceExhausted,
                       HasSubstr("[1048576,1048576] has 0 values")));
  TensorProto content = MakeProto(DT_DOUBLE, {int64_t{1} << 61});
  content.set_tensor_content("12345678");
  EXPECT_THAT(TensorFromProto(content),
              StatusIs(StatusCode::kInvalidArgument,
                       HasSubstr("tensor_content has 8 bytes")));
  TensorProto strs = MakeProto(DT_STRING, {int64_t{1} << 40});
  strs.set_tensor_content("\x01x");
  EXPECT_THAT(TensorFromProto(strs),
              StatusIs(StatusCode::kInvalidArgument,
                       HasSubstr("cannot hold 1099511627776 elements")));
  TensorProto big_str = MakeProto(DT_STRING, {1 << 20});
  big_str.add_string_val(std::string(2048, 'x'));  // 2 GiB once repeated
  EXPECT_THAT(TensorFromProto(big_str),
              StatusIs(StatusCode::kResourceExhausted, HasSubstr("limit")));
}

TEST(TensorProtoTest, BadShapesAndTypes) {
  EXPECT_THAT(TensorFromProto(MakeProto(DT_FLOAT, {2, -1})),
              StatusIs(StatusCode::kInvalidArgument,
                       HasSubstr("Dimension 1 of shape [2,-1] is negative")));
  EXPECT_THAT(
      TensorFromProto(MakeProto(DT_FLOAT, {int64_t{1} << 40, 1 << 30})),
      StatusIs(StatusCode::kInvalidArgument, HasSubstr("overflows int64")));
  TensorProto unknown = MakeProto(DT_FLOAT, {});
  unknown.mutable_tensor_shape()->set_unknown_rank(true);
  EXPECT_THAT(TensorFromProto(unknown), StatusIs(StatusCode::kInvalidArgument,
                                                 HasSubstr("unknown rank")));
  EXPECT_THAT(
      TensorFromProto(MakeProto(static_cast<DataType>(77), {})),
      StatusIs(StatusCode::kInvalidArgument, HasSubstr("invalid dtype 77")));
  EXPECT_THAT(
      TensorFromProto(MakeProto(DT_INVALID, {})),
      StatusIs(StatusCode::kInvalidArgument, HasSubstr("invalid dtype 0")));
  EXPECT_THAT(
      TensorFromProto(MakeProto(DT_FLOAT_REF, {})),
      StatusIs(StatusCode::kInvalidArgument, HasSubstr("invalid dtype 101")));
  EXPECT_THAT(TensorFromProto(MakeProto(DT_RESOURCE, {})),
              StatusIs(StatusCode::kInvalidArgument,
                       HasSubstr("type resource is not supported")));
}

TEST(TensorProtoTest, ShapeConversions) {
  tensorflow::TensorShapeProto sp;
  TensorShapeToProto(PartialTensorShape({-1, 784}), &sp);
  TFP_ASSERT_OK_AND_ASSIGN(PartialTensorShape p,
                           PartialTensorShapeFromProto(sp));
  EXPECT_EQ(p.DebugString(), "[?,784]");
  EXPECT_THAT(TensorShapeFromProto(sp),
              StatusIs(StatusCode::kInvalidArgument, HasSubstr("negative")));
  TensorShapeToProto(PartialTensorShape(), &sp);
  EXPECT_TRUE(sp.unknown_rank());
  TFP_ASSERT_OK_AND_ASSIGN(PartialTensorShape u,
                           PartialTensorShapeFromProto(sp));
  EXPECT_TRUE(u.unknown_rank());
  sp.add_dim()->set_size(3);
  EXPECT_THAT(PartialTensorShapeFromProto(sp),
              StatusIs(StatusCode::kInvalidArgument,
                       HasSubstr("unknown rank must not have dimensions")));
  tensorflow::TensorShapeProto deep;
  for (int i = 0; i < 255; ++i) deep.add_dim()->set_size(1);
  EXPECT_THAT(
      TensorShapeFromProto(deep),
      StatusIs(StatusCode::kInvalidArgument, HasSubstr("255 dimensions")));
  tensorflow::TensorShapeProto bad;
  bad.add_dim()->set_size(-2);
  EXPECT_THAT(PartialTensorShapeFromProto(bad),
              StatusIs(StatusCode::kInvalidArgument, HasSubstr("is -2")));
}

// Every Const `value` TF wrote into the frozen-graph fixtures decodes, and
// re-encoding it the Python way reproduces TF's proto byte for byte.
TEST(TensorProtoTest, FrozenGraphConstsRoundTrip) {
  TFP_REQUIRE_SHARED();
  int consts = 0;
  for (const std::string& path :
       ::tfpersist::testing::FixtureFilesWithSuffix(".pb")) {
    if (path.find("/frozen-") == std::string::npos) continue;
    SCOPED_TRACE(path);
    TFP_ASSERT_OK_AND_ASSIGN(std::string bytes,
                             ReadFileToString(Env::Default(), path));
    tensorflow::GraphDef graph;
    ASSERT_TRUE(graph.ParseFromString(bytes));
    for (const auto& node : graph.node()) {
      if (node.op() != "Const") continue;
      SCOPED_TRACE(node.name());
      const TensorProto& value = node.attr().at("value").tensor();
      TFP_ASSERT_OK_AND_ASSIGN(Tensor t, TensorFromProto(value));
      TensorProto again;
      TensorToProtoLikePython(t, &again);
      EXPECT_EQ(again.SerializeAsString(), value.SerializeAsString())
          << value.ShortDebugString() << "\nvs\n"
          << again.ShortDebugString();
      ++consts;
    }
  }
  RecordProperty("consts_checked", consts);
  EXPECT_GT(consts, 0);
}

}  // namespace
}  // namespace tfpersist
