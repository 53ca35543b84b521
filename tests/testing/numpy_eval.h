// NumpyEval: computes expected values with Debian's numpy (/usr/bin/python3)
// so kernel tests compare against an implementation independent of ours.
//
//   TFP_ASSERT_OK_AND_ASSIGN(auto want, NumpyEval({x}, {
//       "np.pad(a0, [[1, 2], [0, 1]], mode='reflect')"}));
//
// Inputs are bound to a0, a1, ... (written as .npy); each expression's value
// becomes one Tensor (np.ascontiguousarray of it: cast with .astype in the
// expression to get the dtype you compare with). One python process per
// call, so batch the expressions of a test.
#ifndef TFPERSIST_TESTS_TESTING_NUMPY_EVAL_H_
#define TFPERSIST_TESTS_TESTING_NUMPY_EVAL_H_

#include <string>
#include <vector>

#include "tfpersist/base/statusor.h"
#include "tfpersist/core/tensor.h"

namespace tfpersist::testing {

// Whether /usr/bin/python3 imports numpy (tests GTEST_SKIP otherwise).
bool HaveNumpy();

// INTERNAL with python's stderr when an expression fails.
StatusOr<std::vector<Tensor>> NumpyEval(const std::vector<Tensor>& inputs,
                                        const std::vector<std::string>& exprs);

}  // namespace tfpersist::testing

#define TFP_REQUIRE_NUMPY()               \
  if (!::tfpersist::testing::HaveNumpy()) \
  GTEST_SKIP() << "/usr/bin/python3 has no numpy"

#endif  // TFPERSIST_TESTS_TESTING_NUMPY_EVAL_H_
