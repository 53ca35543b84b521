#include "tfpersist/base/status.h"

#include "testing/status_matchers.h"
#include "tfpersist/base/statusor.h"

namespace tfpersist {
namespace {

using ::testing::HasSubstr;
using ::tfpersist::testing::StatusIs;

TEST(StatusTest, CodesMatchTensorFlow) {
  EXPECT_EQ(static_cast<int>(StatusCode::kInvalidArgument), 3);
  EXPECT_EQ(static_cast<int>(StatusCode::kNotFound), 5);
  EXPECT_EQ(static_cast<int>(StatusCode::kFailedPrecondition), 9);
  EXPECT_EQ(static_cast<int>(StatusCode::kDataLoss), 15);
  EXPECT_EQ(StatusCodeName(StatusCode::kDataLoss), "DATA_LOSS");
}

TEST(StatusTest, ToStringAndContext) {
  Status s = errors::NotFound("Key ", "w", " not found");
  EXPECT_EQ(s.ToString(), "NOT_FOUND: Key w not found");
  Status c = s.WithContext("restoring m.index");
  EXPECT_THAT(c, StatusIs(StatusCode::kNotFound,
                          "restoring m.index: Key w not found"));
  EXPECT_TRUE(OkStatus().WithContext("x").ok());
  EXPECT_EQ(OkStatus().ToString(), "OK");
}

TEST(StatusTest, UpdateKeepsFirstError) {
  Status s;
  s.Update(errors::DataLoss("first"));
  s.Update(errors::Internal("second"));
  EXPECT_THAT(s, StatusIs(StatusCode::kDataLoss, "first"));
}

StatusOr<int> Half(int x) {
  if (x % 2) return errors::InvalidArgument(x, " is odd");
  return x / 2;
}

Status Quarter(int x, int* out) {
  TFP_ASSIGN_OR_RETURN(int h, Half(x));
  TFP_ASSIGN_OR_RETURN(*out, Half(h));
  return OkStatus();
}

TEST(StatusOrTest, AssignOrReturnPropagates) {
  int out = 0;
  EXPECT_TRUE(Quarter(8, &out).ok());
  EXPECT_EQ(out, 2);
  EXPECT_THAT(Quarter(6, &out),
              StatusIs(StatusCode::kInvalidArgument, HasSubstr("3 is odd")));
}

TEST(StatusOrTest, OkStatusBecomesInternal) {
  StatusOr<int> s{OkStatus()};
  EXPECT_THAT(s, StatusIs(StatusCode::kInternal, HasSubstr("OK Status")));
}

Status FailWithContext() {
  TFP_RETURN_IF_ERROR_CTX(errors::DataLoss("bad crc"), "reading ", "a.index");
  return OkStatus();
}

TEST(StatusTest, ReturnIfErrorCtx) {
  EXPECT_THAT(FailWithContext(),
              StatusIs(StatusCode::kDataLoss, "reading a.index: bad crc"));
}

}  // namespace
}  // namespace tfpersist
