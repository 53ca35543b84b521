// The variables_add example as a library, so the example program and its
// test run the same code.
//
//   v1 = tf.Variable([1.0], name="v1"); v2 = tf.Variable([2.0], name="v2")
//   add = v1 + v2
//   sess.run(add)   # before init: FailedPreconditionError naming v1
//   sess.run(init); sess.run(add)  # [3.]
#ifndef TFPERSIST_EXAMPLES_LIB_VARIABLES_ADD_H_
#define TFPERSIST_EXAMPLES_LIB_VARIABLES_ADD_H_

#include "tensorflow/core/framework/graph.pb.h"
#include "tfpersist/base/statusor.h"
#include "tfpersist/core/tensor.h"

namespace tfpersist::examples {

struct VariablesAddResult {
  tensorflow::GraphDef graph;  // the graph that ran
  Status before_init;          // running "add" before "init"
  Tensor after_init;           // "add:0" after "init"
};

// Builds the graph with the TF1-style builder API and runs it in a Session.
// Errors only when the graph cannot be built or initialized.
StatusOr<VariablesAddResult> RunVariablesAdd();

}  // namespace tfpersist::examples

#endif  // TFPERSIST_EXAMPLES_LIB_VARIABLES_ADD_H_
