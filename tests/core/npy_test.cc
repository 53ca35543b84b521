#include "tfpersist/core/npy.h"

#include <cstdlib>
#include <cstring>
#include <map>

#include "testing/fixtures.h"
#include "testing/status_matchers.h"

namespace tfpersist {
namespace {

using ::testing::HasSubstr;
using ::tfpersist::testing::StatusIs;

// A .npy file with the given header text (padded as numpy pads it).
std::string NpyBytes(std::string header, std::string_view data, int major = 1) {
  const size_t prefix = major == 1 ? 10 : 12;
  header.append(64 - (prefix + header.size() + 1) % 64, ' ');
  header += '\n';
  std::string out = "\x93NUMPY";
  out += static_cast<char>(major);
  out += '\0';
  for (size_t i = 0; i < prefix - 8; ++i) {
    out += static_cast<char>((header.size() >> (8 * i)) & 0xff);
  }
  return out + header + std::string(data);
}

TEST(NpyTest, RoundTripsEverySupportedDtype) {
  for (DataType dt : {DT_HALF, DT_FLOAT, DT_DOUBLE, DT_INT8, DT_INT16, DT_INT32,
                      DT_INT64, DT_UINT8, DT_UINT16, DT_UINT32, DT_UINT64,
                      DT_BOOL, DT_COMPLEX64, DT_COMPLEX128}) {
    SCOPED_TRACE(DataTypeString(dt));
    Tensor t(dt, TensorShape({2, 3}));
    for (size_t i = 0; i < t.TotalBytes(); ++i) {
      t.raw_data()[i] = dt == DT_BOOL ? i % 2 : static_cast<char>(i * 29 + 3);
    }
    TFP_ASSERT_OK_AND_ASSIGN(std::string bytes, SerializeNpy(t));
    EXPECT_EQ((bytes.size() - t.TotalBytes()) % 64, 0u);  // aligned data
    TFP_ASSERT_OK_AND_ASSIGN(Tensor back, ParseNpy(bytes, "mem.npy"));
    EXPECT_TRUE(back.IsSameAs(t)) << back.DebugString();
  }
}

TEST(NpyTest, ScalarsAndEmptyArrays) {
  TFP_ASSERT_OK_AND_ASSIGN(std::string s, SerializeNpy(Tensor::Scalar(2.5)));
  EXPECT_NE(s.find("'shape': ()"), std::string::npos);
  TFP_ASSERT_OK_AND_ASSIGN(Tensor back, ParseNpy(s, "s.npy"));
  EXPECT_TRUE(back.IsSameAs(Tensor::Scalar(2.5)));
  Tensor empty(DT_INT32, TensorShape({0, 4}));
  TFP_ASSERT_OK_AND_ASSIGN(std::string e, SerializeNpy(empty));
  TFP_ASSERT_OK_AND_ASSIGN(Tensor eb, ParseNpy(e, "e.npy"));
  EXPECT_TRUE(eb.IsSameAs(empty));
}

TEST(NpyTest, HeaderVariants) {
  const std::string data(8, '\x01');
  // Version 2.0 and 3.0, double quotes, other key order, Python 2 longs.
  for (int major : {2, 3}) {
    TFP_ASSERT_OK_AND_ASSIGN(
        Tensor t, ParseNpy(NpyBytes("{\"shape\": (2L,), \"descr\": \"<i4\", "
                                    "\"fortran_order\": False}",
                                    data, major),
                           "v.npy"));
    EXPECT_EQ(t.shape(), TensorShape({2}));
    EXPECT_EQ(t.flat<int32_t>()[0], 0x01010101);
  }
  TFP_ASSERT_OK_AND_ASSIGN(
      Tensor u, ParseNpy(NpyBytes("{'descr': '|u1', 'fortran_order': False, "
                                  "'shape': (2, 4), }",
                                  data),
                         "u.npy"));
  EXPECT_EQ(u.dtype(), DT_UINT8);
  TFP_ASSERT_OK_AND_ASSIGN(
      Tensor b, ParseNpy(NpyBytes("{'descr': '|b1', 'fortran_order': False, "
                                  "'shape': (2,), }",
                                  std::string("\x00\x07", 2)),
                         "b.npy"));
  EXPECT_TRUE(b.IsSameAs(Tensor::FromVector<bool>({false, true})));
}

TEST(NpyTest, UnsupportedFeatures) {
  const std::string data(8, '\0');
  EXPECT_THAT(ParseNpy(NpyBytes("{'descr': '<f4', 'fortran_order': True, "
                                "'shape': (2,), }",
                                data),
                       "f.npy"),
              StatusIs(StatusCode::kUnimplemented,
                       HasSubstr("f.npy is in Fortran order")));
  EXPECT_THAT(ParseNpy(NpyBytes("{'descr': '>f4', 'fortran_order': False, "
                                "'shape': (2,), }",
                                data),
                       "be.npy"),
              StatusIs(StatusCode::kUnimplemented,
                       HasSubstr("be.npy is big-endian ('>f4')")));
  EXPECT_THAT(ParseNpy(NpyBytes("{'descr': '|O', 'fortran_order': False, "
                                "'shape': (1,), }",
                                data),
                       "o.npy"),
              StatusIs(StatusCode::kUnimplemented, HasSubstr("opcode 0x00")));
  EXPECT_THAT(
      ParseNpy(NpyBytes("{'descr': [('a', '<i4')], 'fortran_order': "
                        "False, 'shape': (1,), }",
                        data),
               "s.npy"),
      StatusIs(StatusCode::kUnimplemented, HasSubstr("structured dtype")));
  std::string v4 = NpyBytes("{}", "", 2);
  v4[6] = 4;
  EXPECT_THAT(ParseNpy(v4, "v4.npy"),
              StatusIs(StatusCode::kUnimplemented, HasSubstr("version 4.0")));
  EXPECT_THAT(SerializeNpy(Tensor::Scalar(bfloat16{})),
              StatusIs(StatusCode::kUnimplemented, HasSubstr("bfloat16")));
}

TEST(NpyTest, MalformedAndTruncated) {
  EXPECT_THAT(ParseNpy("PK\x03\x04zipfile", "x.npz"),
              StatusIs(StatusCode::kInvalidArgument,
                       HasSubstr("x.npz is not a NumPy .npy file")));
  EXPECT_THAT(ParseNpy("\x93NUMPY\x01", "t.npy"),
              StatusIs(StatusCode::kDataLoss, HasSubstr("t.npy is truncated")));
  const std::string good =
      NpyBytes("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 2), }",
               std::string(16, '\0'));
  // Every proper prefix fails cleanly.
  for (size_t len = 0; len < good.size(); ++len) {
    StatusOr<Tensor> t = ParseNpy(good.substr(0, len), "cut.npy");
    ASSERT_FALSE(t.ok()) << len;
    EXPECT_THAT(t.status().message(), HasSubstr("cut.npy"));
  }
  EXPECT_THAT(ParseNpy(good.substr(0, good.size() - 1), "cut.npy"),
              StatusIs(StatusCode::kDataLoss,
                       HasSubstr("needs 4 x 4 bytes, but 15 follow")));
  const char* bad_headers[] = {
      "{'descr': '<f4', 'fortran_order': False}",
      "{'descr': '<f4', 'fortran_order': Nope, 'shape': (1,)}",
      "{'descr': '<f4', 'fortran_order': False, 'shape': (1,), 'x': 1}",
      "{'descr': '<f4', 'fortran_order': False, 'shape': (1 2)}",
      "{'descr': '<f4, 'fortran_order': False, 'shape': (1,)}",
      "['descr']",
      "{'descr': '<f4', 'fortran_order': False, 'shape': "
      "(99999999999999999999,)}",
      "{'descr': '<f4', 'fortran_order': False, 'shape': (1,)} junk",
  };
  for (const char* h : bad_headers) {
    EXPECT_THAT(ParseNpy(NpyBytes(h, "abcd"), "h.npy"),
                StatusIs(StatusCode::kDataLoss, HasSubstr("h.npy")))
        << h;
  }
}

TEST(NpyTest, HostileShapesDoNotAllocate) {
  EXPECT_THAT(
      ParseNpy(NpyBytes("{'descr': '<f8', 'fortran_order': False, "
                        "'shape': (1099511627776, 1048576), }",
                        "12345678"),
               "big.npy"),
      StatusIs(StatusCode::kDataLoss, HasSubstr("big.npy is truncated: shape "
                                                "[1099511627776,1048576]")));
  EXPECT_THAT(ParseNpy(NpyBytes("{'descr': '<f8', 'fortran_order': False, "
                                "'shape': (4294967296, 4294967296), }",
                                ""),
                       "ovf.npy"),
              StatusIs(StatusCode::kDataLoss, HasSubstr("overflows")));
  EXPECT_THAT(ParseNpy(NpyBytes("{'descr': '<f8', 'fortran_order': False, "
                                "'shape': (-1,), }",
                                ""),
                       "neg.npy"),
              StatusIs(StatusCode::kDataLoss, HasSubstr("negative")));
}

TEST(NpyTest, ReadsFilesWrittenByNumpy) {
  TFP_REQUIRE_SHARED();
  const std::string shared = ::tfpersist::testing::SharedDir();
  TFP_ASSERT_OK_AND_ASSIGN(
      Tensor in,
      ReadNpy(Env::Default(), shared + "/bench-models/cnn_input.npy"));
  EXPECT_EQ(in.dtype(), DT_FLOAT);
  EXPECT_EQ(in.shape(), TensorShape({2, 28, 28, 1}));
  // Extension-less .npy files next to the mnist fixture (see its SOURCE.md).
  const std::string weights =
      ::tfpersist::testing::FixtureDir("frozen-mnist-fc-feed") + "/weights/";
  TFP_ASSERT_OK_AND_ASSIGN(Tensor b2,
                           ReadNpy(Env::Default(), weights + "hidden2_biases"));
  EXPECT_EQ(b2.shape(), TensorShape({32}));
  TFP_ASSERT_OK_AND_ASSIGN(
      Tensor w1, ReadNpy(Env::Default(), weights + "hidden1_weights.npy"));
  EXPECT_EQ(w1.dims(), 2);
  EXPECT_EQ(w1.dim_size(0), 784);
  // Re-serializing reproduces numpy's bytes exactly.
  for (const std::string name :
       {"bench-models/cnn_input.npy", "bench-models/mlp_logits_torch.npy"}) {
    TFP_ASSERT_OK_AND_ASSIGN(
        std::string bytes,
        ReadFileToString(Env::Default(), shared + "/" + name));
    TFP_ASSERT_OK_AND_ASSIGN(Tensor t, ParseNpy(bytes, name));
    TFP_ASSERT_OK_AND_ASSIGN(std::string again, SerializeNpy(t));
    EXPECT_EQ(again, bytes) << name;
  }
}

// Debian's numpy (/usr/bin/python3, not the python3 first on PATH) reads
// what we write and writes what we read. Skips when it is missing.
const char kNumpyScript[] = R"PY(
import sys, numpy as np
d = sys.argv[1]
codes = ['<f2','<f4','<f8','|i1','<i2','<i4','<i8','|u1','<u2','<u4','<u8',
         '|b1','<c8','<c16']
for c in codes:
    a = np.load(d + '/ours_' + c[1:] + '.npy')
    assert a.dtype.str == c and a.shape == (2, 3), (c, a.dtype.str, a.shape)
    want = (np.arange(6) * 7 % 11).reshape(2, 3)
    if c == '|b1': want = want % 2 == 1
    assert (a == want.astype(c)).all(), (c, a)
    np.save(d + '/np_' + c[1:] + '.npy', want.astype(c))
np.save(d + '/np_scalar.npy', np.float32(1.5))
np.save(d + '/np_fortran.npy', np.asfortranarray(np.ones((2, 3), '<f4')))
np.save(d + '/np_big.npy', np.ones(3, '>i4'))
for v in [(2, 0), (3, 0)]:
    with open(d + '/np_v%d.npy' % v[0], 'wb') as f:
        np.lib.format.write_array(f, np.arange(4, dtype='<i8'), version=v)
)PY";

bool HaveDebianNumpy() {
  return std::system("/usr/bin/python3 -c 'import numpy' >/dev/null 2>&1") == 0;
}

TEST(NpyTest, RoundTripsThroughRealNumpy) {
  if (!HaveDebianNumpy()) GTEST_SKIP() << "/usr/bin/python3 lacks numpy";
  const std::string dir = ::tfpersist::testing::NewTempDir("npy");
  const std::pair<DataType, const char*> kCodes[] = {
      {DT_HALF, "f2"},      {DT_FLOAT, "f4"},      {DT_DOUBLE, "f8"},
      {DT_INT8, "i1"},      {DT_INT16, "i2"},      {DT_INT32, "i4"},
      {DT_INT64, "i8"},     {DT_UINT8, "u1"},      {DT_UINT16, "u2"},
      {DT_UINT32, "u4"},    {DT_UINT64, "u8"},     {DT_BOOL, "b1"},
      {DT_COMPLEX64, "c8"}, {DT_COMPLEX128, "c16"}};
  std::map<std::string, Tensor> ours;
  for (const auto& [dt, code] : kCodes) {
    // Values (i * 7) % 11 as the script expects, converted via proto-free
    // element writes: build as double, then narrow per type.
    Tensor t(dt, TensorShape({2, 3}));
    for (int i = 0; i < 6; ++i) {
      const int v = i * 7 % 11;
      switch (dt) {
        case DT_HALF:
          t.flat<half>()[i] = FloatToHalf(v);
          break;
        case DT_FLOAT:
          t.flat<float>()[i] = v;
          break;
        case DT_DOUBLE:
          t.flat<double>()[i] = v;
          break;
        case DT_INT8:
          t.flat<int8_t>()[i] = v;
          break;
        case DT_INT16:
          t.flat<int16_t>()[i] = v;
          break;
        case DT_INT32:
          t.flat<int32_t>()[i] = v;
          break;
        case DT_INT64:
          t.flat<int64_t>()[i] = v;
          break;
        case DT_UINT8:
          t.flat<uint8_t>()[i] = v;
          break;
        case DT_UINT16:
          t.flat<uint16_t>()[i] = v;
          break;
        case DT_UINT32:
          t.flat<uint32_t>()[i] = v;
          break;
        case DT_UINT64:
          t.flat<uint64_t>()[i] = v;
          break;
        case DT_BOOL:
          t.flat<bool>()[i] = v % 2 == 1;
          break;
        case DT_COMPLEX64:
          t.flat<complex64>()[i] = complex64(v, 0);
          break;
        default:
          t.flat<complex128>()[i] = complex128(v, 0);
          break;
      }
    }
    TFP_ASSERT_OK(WriteNpy(Env::Default(), dir + "/ours_" + code + ".npy", t));
    ours[code] = t;
  }
  const std::string script_path = dir + "/check.py";
  TFP_ASSERT_OK(WriteStringToFile(Env::Default(), script_path, kNumpyScript));
  ASSERT_EQ(
      std::system(("/usr/bin/python3 " + script_path + " " + dir).c_str()), 0);
  for (const auto& [code, t] : ours) {
    TFP_ASSERT_OK_AND_ASSIGN(
        Tensor back, ReadNpy(Env::Default(), dir + "/np_" + code + ".npy"));
    EXPECT_TRUE(back.IsSameAs(t)) << code << ": " << back.DebugString();
  }
  TFP_ASSERT_OK_AND_ASSIGN(Tensor s,
                           ReadNpy(Env::Default(), dir + "/np_scalar.npy"));
  EXPECT_TRUE(s.IsSameAs(Tensor::Scalar(1.5f)));
  for (const char* v : {"np_v2.npy", "np_v3.npy"}) {
    TFP_ASSERT_OK_AND_ASSIGN(Tensor t, ReadNpy(Env::Default(), dir + "/" + v));
    EXPECT_TRUE(t.IsSameAs(Tensor::FromVector<int64_t>({0, 1, 2, 3}))) << v;
  }
  EXPECT_THAT(ReadNpy(Env::Default(), dir + "/np_fortran.npy"),
              StatusIs(StatusCode::kUnimplemented, HasSubstr("Fortran")));
  EXPECT_THAT(ReadNpy(Env::Default(), dir + "/np_big.npy"),
              StatusIs(StatusCode::kUnimplemented, HasSubstr("big-endian")));
}

}  // namespace
}  // namespace tfpersist
