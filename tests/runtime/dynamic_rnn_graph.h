// Builds, with GraphBuilder, the GraphDef TF 1.15 Python writes for
//   outputs, state = tf.nn.dynamic_rnn(cell, x, dtype=tf.float32)
// with cell = BasicRNNCell(units) or BasicLSTMCell(units) (forget_bias 1,
// tanh), frozen (kernel and bias are Consts): x transposed to time-major,
// an input TensorArray filled by TensorArrayScatterV3, a tf.while_loop
// frame "rnn/while/while_context" whose body reads x[t] (TensorArrayReadV3),
// runs the cell (ConcatV2, MatMul, BiasAdd, Split, Sigmoid, Tanh, Add, Mul)
// and writes h[t] (TensorArrayWriteV3), then TensorArraySizeV3/Range/
// TensorArrayGatherV3 and a transpose back to batch-major.
//
// Fetch "rnn/transpose_1:0" (outputs [batch, time, units]) and, for the
// LSTM, "rnn/while/Exit_3:0" (c) and "rnn/while/Exit_4:0" (h); for the RNN
// the final state is "rnn/while/Exit_3:0". Feed "x" ([batch, time, input]).
#ifndef TFPERSIST_TESTS_RUNTIME_DYNAMIC_RNN_GRAPH_H_
#define TFPERSIST_TESTS_RUNTIME_DYNAMIC_RNN_GRAPH_H_

#include "tensorflow/core/framework/graph.pb.h"
#include "tfpersist/base/statusor.h"
#include "tfpersist/core/tensor.h"

namespace tfpersist::testing {

enum class RnnCell { kBasicRnn, kBasicLstm };

// kernel: [input + units, units * gates] (gates 1 or 4), bias: [units *
// gates], as the cells create them; `time` is the static number of steps.
// use_split: the LSTM gates come from one Split (as BasicLSTMCell writes
// them); false takes the same column blocks with four Slices.
StatusOr<tensorflow::GraphDef> BuildDynamicRnn(RnnCell cell, int64_t time,
                                               const Tensor& kernel,
                                               const Tensor& bias,
                                               bool use_split = true);

}  // namespace tfpersist::testing

#endif  // TFPERSIST_TESTS_RUNTIME_DYNAMIC_RNN_GRAPH_H_
