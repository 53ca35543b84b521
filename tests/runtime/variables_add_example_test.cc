// The variables_add example (examples/lib/variables_add.cc): the error
// before init names v1, and v1 + v2 is 3 after init.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "lib/variables_add.h"
#include "testing/kernel_test_harness.h"
#include "testing/status_matchers.h"

namespace tfpersist {
namespace {

using ::testing::HasSubstr;
using ::tfpersist::testing::StatusIs;
using ::tfpersist::testing::TensorEq;

TEST(VariablesAddExampleTest, FailsBeforeInitThenAddsToThree) {
  TFP_ASSERT_OK_AND_ASSIGN(auto result, examples::RunVariablesAdd());
  EXPECT_THAT(result.before_init,
              StatusIs(StatusCode::kFailedPrecondition,
                       HasSubstr("Attempting to use uninitialized value v1")));
  EXPECT_THAT(result.after_init, TensorEq(Tensor::FromVector<float>({3.0f})));
}

}  // namespace
}  // namespace tfpersist
