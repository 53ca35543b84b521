// StringToHashBucketFast and TF's Fingerprint64 (FarmHash "na"): golden
// values from TensorFlow's fingerprint_test.cc ("Hello", "World"), its
// string_to_hash_bucket_op_test.py ('a'..'d' into 10 buckets) and
// FarmHash's own self-test table (farmhash.cc, farmhashnaTest: Hash64 of
// data[i*i, i*i + i) for i = 0..116 of its pseudo-random data), which
// covers every length class (0-16, 17-32, 33-64, > 64 bytes).
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "runtime/kernels/reference/fingerprint64.h"
#include "testing/kernel_test_harness.h"
#include "testing/status_matchers.h"

namespace tfpersist {
namespace {

using ::testing::HasSubstr;
using ::tfpersist::testing::HoldsTensor;
using ::tfpersist::testing::KernelTester;
using ::tfpersist::testing::StatusIs;

// farmhashnaTest expected Hash64 values, i = 0..116.
constexpr uint64_t kFarmhashNa[] = {
    0x9ae16a3b2f90404fULL, 0x541150e87f415e96ULL, 0x0f3786a4b25827c1ULL,
    0xef923a7a1af78eabULL, 0x11df592596f41d88ULL, 0x831f448bdc5600b3ULL,
    0x3eca803e70304894ULL, 0x1b5a063fb4c7f9f1ULL, 0xa0f10149a0e538d6ULL,
    0xfb8d9c70660b910bULL, 0x236827beae282a46ULL, 0xc385e435136ecf7cULL,
    0xe3f6828b6017086dULL, 0x851fff285561dca0ULL, 0x61152a63595a96d9ULL,
    0x44473e03be306c88ULL, 0x03ead5f21d344056ULL, 0x6abbfde37ee03b5bULL,
    0x0943e7ed63b3c080ULL, 0xd72ce05171ef8a1aULL, 0x4182832b52d63735ULL,
    0xd6cdae892584a2cbULL, 0x5c8e90bc267c5ee4ULL, 0xbbd7f30ac310a6f3ULL,
    0x36a097aa49519d97ULL, 0x0dc78cb032c49217ULL, 0x441593e0da922dfeULL,
    0x2ba3883d71cc2133ULL, 0xf2b6d2adf8423600ULL, 0x38fffe7f3680d63cULL,
    0xb7477bf0b9ce37c6ULL, 0x55bdb0e71e3edebdULL, 0x0782fa1b08b475e7ULL,
    0x09deb3da5e16b5b8ULL, 0x0ee347d647f95396ULL, 0x02ccf9db44ffcadcULL,
    0xd76f044822fad20bULL, 0x4565c9a1f6cf7563ULL, 0xde0ec95b0dd50728ULL,
    0x1e916689df731452ULL, 0x01596fbb269fb44eULL, 0x3d0cc12df012fdc6ULL,
    0x18871267759f9e9eULL, 0xcf1fd8413d56223aULL, 0x2324170a136a5d06ULL,
    0x0f5a57eadc6c581dULL, 0x896893fc0b705345ULL, 0xc59c4e1a7f4fe221ULL,
    0x01601bbbc1db4a56ULL, 0x2784c6a7cd48179eULL, 0x7e1714daf34531b9ULL,
    0x52364482fbd72b69ULL, 0xda99dc3d65ec5ea5ULL, 0xa26c6862d8f398cfULL,
    0x9340980e344ed13aULL, 0xed560843e0444b29ULL, 0x434da74b2ba4e026ULL,
    0xc0a50b576285052cULL, 0x84bf2c6955012ddaULL, 0x52a098bd016ec185ULL,
    0x5f4a05c2bb909857ULL, 0x2c1aa859228c620aULL, 0xe8a86180173c94bdULL,
    0xa8edbff858475437ULL, 0xdef74bf4c9f1bc1bULL, 0x3cceab392bc39b3fULL,
    0x9b97f76002f66a94ULL, 0x546d5de7a7d7751bULL, 0x37da9fddb4f01efeULL,
    0xdd3551cc9c9ab11eULL, 0xdabb0d9d0fb2a854ULL, 0xd47e7c1f46fcdf8aULL,
    0xa3c3d1c8f623c250ULL, 0x875e2c13b2660e08ULL, 0x2f70bfc44293f142ULL,
    0x37df2a50500cd289ULL, 0x4587b6d460c6a7e8ULL, 0xa23934f5737eac9dULL,
    0x06d4e97f38e8852fULL, 0x68b80257af01bc8fULL, 0x93ffa56c72e1911aULL,
    0x63b3f14a80122fe7ULL, 0x9d215fcb4fc187c3ULL, 0x4f94edba7c40f003ULL,
    0xa3ba25f225f1fd77ULL, 0x7bbd7dbb185c99dcULL, 0x8930e3bea0728443ULL,
    0x9bcfd4da75c02684ULL, 0xd25f7d5d58d4a1fbULL, 0xfe9e6f6e71de6b5aULL,
    0xded448f29841dad8ULL, 0x85628801a71635feULL, 0x7702ef00320a3339ULL,
    0xd3463da3e9055e34ULL, 0xd9eb18e531eadb52ULL, 0x1a1ccdba1ce27666ULL,
    0x1262318f0fffe11eULL, 0xfcf0dc0da9df5e16ULL, 0xafbacd177d4af13bULL,
    0x677366425bbd9874ULL, 0x05ad36f677825ce0ULL, 0x557388ca06f3e5e4ULL,
    0x3488c3fe80b25222ULL, 0x14077c2e7841d062ULL, 0x384fa4dc64ff2808ULL,
    0x0f81ff041e23cacbULL, 0xdde4877c5a1136c1ULL, 0x41caf1407c857f51ULL,
    0x93860b2842c21cdaULL, 0xa967a32bf028cacbULL, 0xe6da7d91081d01ceULL,
    0x654b958a53a7cffeULL, 0x6b9d5fac98b5ffd2ULL, 0xfe9f80a8b710e6b2ULL,
    0x1b638d942dfd90d5ULL, 0x0b0a6d75f06216c7ULL, 0xd16349711264a197ULL};

// FarmHash's self-test data (farmhash.cc Setup()).
std::string FarmhashTestData(size_t size) {
  constexpr uint64_t k0 = 0xc3a5c85c97cb3127ULL;
  std::string data(size, '\0');
  uint64_t a = 9, b = 777;
  for (size_t i = 0; i < size; ++i) {
    a += b;
    b += a;
    a = (a ^ (a >> 41)) * k0;
    b = (b ^ (b >> 41)) * k0 + i;
    data[i] = static_cast<char>(static_cast<uint8_t>(b >> 37));
  }
  return data;
}

TEST(Fingerprint64Test, TensorFlowGoldenValues) {
  EXPECT_EQ(reference::Fingerprint64("Hello"), 15404698994557526151ULL);
  EXPECT_EQ(reference::Fingerprint64("World"), 18308117990299812472ULL);
  EXPECT_EQ(reference::Fingerprint64("a"), 12917804110809363939ULL);
  EXPECT_EQ(reference::Fingerprint64("b"), 11795596070477164822ULL);
  EXPECT_EQ(reference::Fingerprint64("c"), 11430444447143000872ULL);
  EXPECT_EQ(reference::Fingerprint64("d"), 4470636696479570465ULL);
}

TEST(Fingerprint64Test, FarmhashSelfTestTable) {
  constexpr size_t kCount = sizeof(kFarmhashNa) / sizeof(kFarmhashNa[0]);
  const std::string data = FarmhashTestData(kCount * kCount);
  for (size_t i = 0; i < kCount; ++i) {
    EXPECT_EQ(reference::Fingerprint64(std::string_view(data).substr(i * i, i)),
              kFarmhashNa[i])
        << "length " << i;
  }
}

TEST(StringToHashBucketFastTest, TensorFlowExample) {
  EXPECT_THAT(KernelTester("StringToHashBucketFast")
                  .Attr("num_buckets", int64_t{10})
                  .Input<std::string>({"a", "b", "c", "d"}, TensorShape({2, 2}))
                  .RunOutput(),
              HoldsTensor(Tensor::FromVector<int64_t>({9, 2, 2, 5},
                                                      TensorShape({2, 2}))));
  EXPECT_THAT(KernelTester("StringToHashBucketFast")
                  .Attr("num_buckets", int64_t{1})
                  .Input<std::string>({"x", ""})
                  .RunOutput(),
              HoldsTensor(Tensor::FromVector<int64_t>({0, 0})));
  EXPECT_THAT(KernelTester("StringToHashBucketFast")
                  .Attr("num_buckets", int64_t{7})
                  .Input(Tensor(DT_STRING, TensorShape({0, 3})))
                  .RunOutput(),
              HoldsTensor(Tensor(DT_INT64, TensorShape({0, 3}))));
}

TEST(StringToHashBucketFastTest, BucketsMustBePositive) {
  EXPECT_THAT(KernelTester("StringToHashBucketFast")
                  .Attr("num_buckets", int64_t{0})
                  .Input<std::string>({"a"})
                  .Run(),
              StatusIs(StatusCode::kInvalidArgument, HasSubstr("num_buckets")));
}

}  // namespace
}  // namespace tfpersist
