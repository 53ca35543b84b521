// DecodePng / DecodeJpeg / DecodeImage / EncodePng against OpenCV
// (cv2.imwrite / cv2.imdecode in Debian's /usr/bin/python3), and hostile
// inputs: truncations, corrupt bytes, huge declared dimensions.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdlib>

#include "testing/fixtures.h"
#include "testing/kernel_test_harness.h"
#include "testing/status_matchers.h"
#include "tfpersist/base/env.h"
#include "tfpersist/core/npy.h"

namespace tfpersist {
namespace {

using ::testing::HasSubstr;
using ::tfpersist::testing::HoldsTensor;
using ::tfpersist::testing::KernelTester;
using ::tfpersist::testing::StatusIs;
using ::tfpersist::testing::TensorNear;

// Writes the images with cv2 and what cv2.imdecode reads back (RGB order);
// huge.png declares 100000 x 100000 pixels in 70 bytes (valid CRCs).
const char kWriteScript[] = R"PY(
import sys, zlib, struct, numpy as np, cv2
d = sys.argv[1]
rng = np.random.default_rng(0)
rgb = rng.integers(0, 256, (37, 53, 3), dtype=np.uint8)
rgb[10:20, 5:40] = (200, 30, 90)  # flat area so JPEG is not all noise
rgba = np.dstack([rgb, rng.integers(0, 256, (37, 53), dtype=np.uint8)])
gray = rgb[:, :, 1].copy()
deep = rng.integers(0, 65536, (9, 7, 3), dtype=np.uint16)
bgr = lambda a: a[:, :, ::-1].copy()
cv2.imwrite(d + '/rgb.png', bgr(rgb)); np.save(d + '/rgb.npy', rgb)
cv2.imwrite(d + '/rgba.png', cv2.cvtColor(rgba, cv2.COLOR_RGBA2BGRA))
np.save(d + '/rgba.npy', rgba)
cv2.imwrite(d + '/gray.png', gray); np.save(d + '/gray.npy', gray[:, :, None])
cv2.imwrite(d + '/deep.png', bgr(deep)); np.save(d + '/deep.npy', deep)
cv2.imwrite(d + '/rgb.jpg', bgr(rgb), [cv2.IMWRITE_JPEG_QUALITY, 90])
dec = cv2.imdecode(np.fromfile(d + '/rgb.jpg', np.uint8), cv2.IMREAD_COLOR)
np.save(d + '/rgb_jpg.npy', dec[:, :, ::-1].copy())
cv2.imwrite(d + '/gray.jpg', gray)
dec = cv2.imdecode(np.fromfile(d + '/gray.jpg', np.uint8), cv2.IMREAD_GRAYSCALE)
np.save(d + '/gray_jpg.npy', dec[:, :, None])
def chunk(t, b): return struct.pack('>I', len(b)) + t + b + struct.pack('>I', zlib.crc32(t + b))
ihdr = struct.pack('>IIBBBBB', 100000, 100000, 8, 2, 0, 0, 0)
with open(d + '/huge.png', 'wb') as f:
    f.write(b'\x89PNG\r\n\x1a\n' + chunk(b'IHDR', ihdr) +
            chunk(b'IDAT', zlib.compress(b'\0' * 10)) + chunk(b'IEND', b''))
)PY";

// Reads our encoded PNGs back with cv2 and compares with the originals.
const char kCheckScript[] = R"PY(
import sys, numpy as np, cv2
d = sys.argv[1]
for name, ref in (('ours_rgb.png', 'rgb.npy'), ('ours_deep.png', 'deep.npy')):
    got = cv2.imdecode(np.fromfile(d + '/' + name, np.uint8), cv2.IMREAD_UNCHANGED)
    want = np.load(d + '/' + ref)
    assert got.dtype == want.dtype, name
    assert (got[:, :, ::-1] == want).all(), name
)PY";

class CodecTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    if (std::system("/usr/bin/python3 -c 'import cv2' >/dev/null 2>&1") != 0) {
      return;
    }
    dir_ = new std::string(testing::NewTempDir("codecs"));
    Env* env = Env::Default();
    ASSERT_TRUE(WriteStringToFile(env, *dir_ + "/w.py", kWriteScript).ok());
    ASSERT_EQ(
        std::system(("/usr/bin/python3 " + *dir_ + "/w.py " + *dir_).c_str()),
        0);
  }
  void SetUp() override {
    if (dir_ == nullptr) GTEST_SKIP() << "/usr/bin/python3 lacks cv2";
  }
  static std::string Bytes(const std::string& name) {
    return *ReadFileToString(Env::Default(), *dir_ + "/" + name);
  }
  static Tensor Npy(const std::string& name) {
    return *ReadNpy(Env::Default(), *dir_ + "/" + name);
  }
  static KernelTester Decode(const char* op, const std::string& bytes) {
    KernelTester t(op);
    t.Input(Tensor::Scalar<std::string>(bytes));
    return t;
  }
  static std::string* dir_;
};
std::string* CodecTest::dir_ = nullptr;

TEST_F(CodecTest, DecodePngMatchesOpenCv) {
  EXPECT_THAT(Decode("DecodePng", Bytes("rgb.png")).RunOutput(),
              HoldsTensor(Npy("rgb.npy")));
  EXPECT_THAT(Decode("DecodePng", Bytes("rgba.png")).RunOutput(),
              HoldsTensor(Npy("rgba.npy")));
  EXPECT_THAT(Decode("DecodePng", Bytes("gray.png")).RunOutput(),
              HoldsTensor(Npy("gray.npy")));
  EXPECT_THAT(Decode("DecodePng", Bytes("deep.png"))
                  .Attr("dtype", DT_UINT16)
                  .RunOutput(),
              HoldsTensor(Npy("deep.npy")));
  // RGBA asked as RGB drops alpha; gray asked as RGB repeats it.
  EXPECT_THAT(Decode("DecodePng", Bytes("rgba.png"))
                  .Attr("channels", int64_t{3})
                  .RunOutput(),
              HoldsTensor(Npy("rgb.npy")));
  TFP_ASSERT_OK_AND_ASSIGN(Tensor g3, Decode("DecodePng", Bytes("gray.png"))
                                          .Attr("channels", int64_t{3})
                                          .RunOutput());
  EXPECT_EQ(g3.flat<uint8_t>()[3], Npy("gray.npy").flat<uint8_t>()[1]);
  // 8-bit as uint16: v * 257.
  TFP_ASSERT_OK_AND_ASSIGN(Tensor wide, Decode("DecodePng", Bytes("gray.png"))
                                            .Attr("dtype", DT_UINT16)
                                            .RunOutput());
  EXPECT_EQ(wide.flat<uint16_t>()[0], Npy("gray.npy").flat<uint8_t>()[0] * 257);
}

TEST_F(CodecTest, DecodeJpegMatchesOpenCvWithAccurateDct) {
  TFP_ASSERT_OK_AND_ASSIGN(Tensor rgb,
                           Decode("DecodeJpeg", Bytes("rgb.jpg"))
                               .Attr("dct_method", "INTEGER_ACCURATE")
                               .RunOutput());
  EXPECT_THAT(rgb, TensorNear(Npy("rgb_jpg.npy"), 0));
  TFP_ASSERT_OK_AND_ASSIGN(Tensor gray,
                           Decode("DecodeJpeg", Bytes("gray.jpg"))
                               .Attr("dct_method", "INTEGER_ACCURATE")
                               .RunOutput());
  EXPECT_THAT(gray, TensorNear(Npy("gray_jpg.npy"), 0));
  // TF's default (INTEGER_FAST) differs from ISLOW by a few levels at most.
  TFP_ASSERT_OK_AND_ASSIGN(Tensor fast,
                           Decode("DecodeJpeg", Bytes("rgb.jpg")).RunOutput());
  EXPECT_THAT(fast, TensorNear(Npy("rgb_jpg.npy"), 16));
  TFP_ASSERT_OK_AND_ASSIGN(Tensor half, Decode("DecodeJpeg", Bytes("rgb.jpg"))
                                            .Attr("ratio", int64_t{2})
                                            .RunOutput());
  EXPECT_EQ(half.shape(), TensorShape({19, 27, 3}));
}

TEST_F(CodecTest, DecodeImageDispatchesOnMagicAndConvertsDtype) {
  TFP_ASSERT_OK_AND_ASSIGN(Tensor f, Decode("DecodeImage", Bytes("rgb.png"))
                                         .Attr("dtype", DT_FLOAT)
                                         .RunOutput());
  EXPECT_NEAR(f.flat<float>()[5], Npy("rgb.npy").flat<uint8_t>()[5] / 255.0,
              1e-7);
  TFP_ASSERT_OK_AND_ASSIGN(
      Tensor j, Decode("DecodeImage", Bytes("gray.jpg")).RunOutput());
  EXPECT_EQ(j.shape(), TensorShape({37, 53, 1}));
  EXPECT_THAT(Decode("DecodeImage", "not an image").Run(),
              StatusIs(StatusCode::kInvalidArgument,
                       HasSubstr("Unknown image file format. One of JPEG, PNG, "
                                 "GIF, BMP required.")));
}

TEST_F(CodecTest, EncodePngRoundTripsThroughOpenCv) {
  Env* env = Env::Default();
  for (const char* name : {"rgb", "deep"}) {
    TFP_ASSERT_OK_AND_ASSIGN(Tensor png, KernelTester("EncodePng")
                                             .Input(Npy(StrCat(name, ".npy")))
                                             .Attr("compression", int64_t{9})
                                             .RunOutput());
    TFP_ASSERT_OK(WriteStringToFile(env, StrCat(*dir_, "/ours_", name, ".png"),
                                    png.scalar<std::string>()));
  }
  TFP_ASSERT_OK(WriteStringToFile(env, *dir_ + "/c.py", kCheckScript));
  EXPECT_EQ(
      std::system(("/usr/bin/python3 " + *dir_ + "/c.py " + *dir_).c_str()), 0);
  EXPECT_THAT(KernelTester("EncodePng")
                  .Input(Tensor(DT_UINT8, TensorShape({2, 2, 5})))
                  .Run(),
              StatusIs(StatusCode::kInvalidArgument,
                       HasSubstr("1, 2, 3, or 4 channels")));
}

TEST_F(CodecTest, HostileImagesAreInvalidArgument) {
  EXPECT_THAT(Decode("DecodePng", Bytes("huge.png")).Run(),
              StatusIs(StatusCode::kInvalidArgument, HasSubstr("too large")));
  for (const char* name : {"rgb.png", "rgb.jpg"}) {
    const std::string good = Bytes(name);
    const char* op = name[4] == 'p' ? "DecodePng" : "DecodeJpeg";
    for (size_t n = 0; n + 16 < good.size(); n += good.size() / 23 + 1) {
      EXPECT_THAT(Decode(op, good.substr(0, n)).Run(),
                  StatusIs(StatusCode::kInvalidArgument, HasSubstr("data")))
          << name << " cut at " << n;
    }
  }
  // A JPEG whose SOF0 declares 65500 x 65500: refused before allocating.
  std::string jpg = Bytes("rgb.jpg");
  const size_t sof = jpg.find("\xFF\xC0");
  ASSERT_NE(sof, std::string::npos);
  jpg[sof + 5] = jpg[sof + 7] = '\xFF';
  jpg[sof + 6] = jpg[sof + 8] = '\xDC';
  EXPECT_THAT(Decode("DecodeJpeg", jpg).Run(),
              StatusIs(StatusCode::kInvalidArgument,
                       HasSubstr("exceeds the 2^29-byte decode limit")));
  // Truncated JPEG with recovery: decodes, missing rows are zero.
  const std::string good = Bytes("rgb.jpg");
  TFP_ASSERT_OK_AND_ASSIGN(
      Tensor part, Decode("DecodeJpeg", good.substr(0, good.size() * 2 / 3))
                       .Attr("try_recover_truncated", true)
                       .Attr("acceptable_fraction", 0.0f)
                       .RunOutput());
  EXPECT_EQ(part.shape(), TensorShape({37, 53, 3}));
}

}  // namespace
}  // namespace tfpersist
