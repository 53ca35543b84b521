// GoogleMock matchers for Status and StatusOr (cf. absl status_matchers.h).
//
//   EXPECT_THAT(s, IsOk());
//   EXPECT_THAT(reader.status(),
//               StatusIs(StatusCode::kDataLoss, HasSubstr("checksum")));
//   TFP_ASSERT_OK_AND_ASSIGN(auto t, reader->Lookup("w"));
#ifndef TFPERSIST_TESTS_TESTING_STATUS_MATCHERS_H_
#define TFPERSIST_TESTS_TESTING_STATUS_MATCHERS_H_

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tfpersist/base/status.h"
#include "tfpersist/base/statusor.h"

namespace tfpersist::testing {

inline const Status& GetStatus(const Status& s) { return s; }
template <typename T>
const Status& GetStatus(const StatusOr<T>& s) {
  return s.status();
}

MATCHER(IsOk, "is OK") {
  const Status& s = GetStatus(arg);
  if (!s.ok()) *result_listener << "status is " << s;
  return s.ok();
}

MATCHER_P2(StatusIs, code, message_matcher,
           "has code " + std::string(StatusCodeName(code))) {
  const Status& s = GetStatus(arg);
  *result_listener << "status is " << s;
  return s.code() == code &&
         ::testing::Matches(message_matcher)(std::string(s.message()));
}

}  // namespace tfpersist::testing

#define TFP_EXPECT_OK(expr) \
  EXPECT_THAT((expr), ::tfpersist::testing::IsOk())
#define TFP_ASSERT_OK(expr) \
  ASSERT_THAT((expr), ::tfpersist::testing::IsOk())

#define TFP_ASSERT_OK_AND_ASSIGN(lhs, expr)                               \
  TFP_ASSERT_OK_AND_ASSIGN_IMPL(TFP_STATUS_CONCAT(tfp_test_sor_, __LINE__), \
                                lhs, expr)
#define TFP_ASSERT_OK_AND_ASSIGN_IMPL(var, lhs, expr) \
  auto var = (expr);                                  \
  ASSERT_THAT(var.status(), ::tfpersist::testing::IsOk()); \
  lhs = std::move(var).value()

#endif  // TFPERSIST_TESTS_TESTING_STATUS_MATCHERS_H_
