// EncodeBase64 / DecodeBase64 / StringLength; expected strings from
// Python's base64.urlsafe_b64encode (the web-safe alphabet TF uses).
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
using ::tfpersist::testing::KernelTester;
using ::tfpersist::testing::StatusIs;

Tensor S(std::vector<std::string> v) { return Tensor::FromVector(v); }

TEST(Base64Test, EncodeWebSafeWithAndWithoutPadding) {
  const Tensor in = S({"", "f", "fo", "foo", "\xfb\xff\xbf", "hello world"});
  EXPECT_THAT(
      KernelTester("EncodeBase64").Attr("pad", true).Input(in).RunOutput(),
      HoldsTensor(S({"", "Zg==", "Zm8=", "Zm9v", "-_-_", "aGVsbG8gd29ybGQ="})));
  EXPECT_THAT(
      KernelTester("EncodeBase64").Input(in).RunOutput(),
      HoldsTensor(S({"", "Zg", "Zm8", "Zm9v", "-_-_", "aGVsbG8gd29ybGQ"})));
}

TEST(Base64Test, DecodeAcceptsBothAndRejectsGarbage) {
  EXPECT_THAT(KernelTester("DecodeBase64")
                  .Input(S({"Zg==", "Zm8", "-_-_", "aGVsbG8gd29ybGQ="}))
                  .RunOutput(),
              HoldsTensor(S({"f", "fo", "\xfb\xff\xbf", "hello world"})));
  EXPECT_THAT(KernelTester("DecodeBase64").Input(S({"a+b/"})).Run(),
              StatusIs(StatusCode::kInvalidArgument,
                       HasSubstr("Invalid character found in base64.")));
  EXPECT_THAT(KernelTester("DecodeBase64").Input(S({"abcde"})).Run(),
              StatusIs(StatusCode::kInvalidArgument,
                       HasSubstr("Invalid base64 string length")));
}

TEST(StringLengthTest, BytesAndUtf8Characters) {
  const Tensor in = S({"", "abc", "h\xc3\xa9", "\xf0\x9f\x98\x80"});
  EXPECT_THAT(KernelTester("StringLength").Input(in).RunOutput(),
              HoldsTensor(Tensor::FromVector<int32_t>({0, 3, 3, 4})));
  EXPECT_THAT(KernelTester("StringLength")
                  .Attr("unit", std::string("UTF8_CHAR"))
                  .Input(in)
                  .RunOutput(),
              HoldsTensor(Tensor::FromVector<int32_t>({0, 3, 2, 1})));
}

}  // namespace
}  // namespace tfpersist
