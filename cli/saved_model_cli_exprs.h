// The safe numpy-expression subset of `saved_model_cli run --input_exprs`
// (TF evaluates Python; we parse): numbers, nested lists, np.array(list),
// np.ones(shape), np.zeros(shape), np.full(shape, value), where shape is an
// int, tuple or list of ints and an optional dtype=np.<type> keyword is
// accepted (and ignored: values are cast to the signature's dtype).
// "numpy." works as "np.". Anything else is INVALID_ARGUMENT naming the
// position; more than 2^26 elements is RESOURCE_EXHAUSTED.
#ifndef TFPERSIST_CLI_SAVED_MODEL_CLI_EXPRS_H_
#define TFPERSIST_CLI_SAVED_MODEL_CLI_EXPRS_H_

#include <string>

#include "tfpersist/base/statusor.h"
#include "tfpersist/core/tensor.h"

namespace tfpersist::cli {

// DT_DOUBLE when a float appears or np.ones/zeros/full (numpy's float64),
// else DT_INT64.
StatusOr<Tensor> EvaluateNumpyExpression(const std::string& expr);

// t converted to dtype (numeric and bool dtypes), as numpy.asarray(t, dtype)
// before a feed; t unchanged when it already has dtype.
StatusOr<Tensor> CastForFeed(const Tensor& t, DataType dtype);

}  // namespace tfpersist::cli

#endif  // TFPERSIST_CLI_SAVED_MODEL_CLI_EXPRS_H_
