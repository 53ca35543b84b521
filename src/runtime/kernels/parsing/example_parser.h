// Parses serialized tf.Example protos into the sparse, dense and ragged
// tensors ParseExample / ParseExampleV2 / ParseSingleExample output, with
// TensorFlow's semantics and messages (core/util/example_proto_fast_parsing):
//  * dense (FixedLenFeature): [B] + shape; a missing feature takes its
//    default, or fails "Name: <n>, Feature: <k> (data type: float) is
//    required but could not be found." when the default is empty; a wrong
//    count fails "... Number of float values != expected.  Values size: 3
//    but output shape: [2]";
//  * variable-length dense (shape [-1, ...], FixedLenSequenceFeature):
//    [B, max rows] + shape[1:], padded with the scalar default;
//  * sparse (VarLenFeature): indices [N, 2] (example, position), values
//    [N], dense_shape [B, max count];
//  * ragged: values [N] and row_splits [B + 1].
// A feature present with no list set counts as missing. Malformed bytes
// fail "Could not parse example input, value: '<bytes>'". With a scalar
// input (ParseSingleExample, ParseExampleV2 on a scalar) the batch
// dimension is dropped. Every error is INVALID_ARGUMENT.
//
// Thread-safety: pure function.
#ifndef TFPERSIST_RUNTIME_KERNELS_PARSING_EXAMPLE_PARSER_H_
#define TFPERSIST_RUNTIME_KERNELS_PARSING_EXAMPLE_PARSER_H_

#include <string>
#include <vector>

#include "tfpersist/core/tensor.h"

namespace tfpersist {

struct ExampleParseConfig {
  struct Dense {
    std::string key;
    DataType dtype = DT_INVALID;
    PartialTensorShape shape;  // fully defined, or [-1, ...] (varlen)
    Tensor default_value;      // empty = required (fixed) / zero pad
  };
  struct Sparse {
    std::string key;
    DataType dtype = DT_INVALID;
  };
  struct Ragged {
    std::string key;
    DataType dtype = DT_INVALID;
    DataType splits_dtype = DT_INT64;
  };
  std::vector<Dense> dense;
  std::vector<Sparse> sparse;
  std::vector<Ragged> ragged;
};

struct ExampleParseResult {
  std::vector<Tensor> sparse_indices, sparse_values, sparse_shapes;
  std::vector<Tensor> dense_values;
  std::vector<Tensor> ragged_values, ragged_splits;
};

// Checks the config once (dtypes, shapes against defaults): INVALID_ARGUMENT
// in TF's words.
Status ValidateExampleParseConfig(const ExampleParseConfig& config);

// `serialized` is a scalar or a vector of serialized Examples; `names` is
// empty or one name per example (used in messages).
// REQUIRES: ValidateExampleParseConfig(config).ok().
Status ParseExamples(const ExampleParseConfig& config, const Tensor& serialized,
                     const Tensor& names, ExampleParseResult* result);

}  // namespace tfpersist

#endif  // TFPERSIST_RUNTIME_KERNELS_PARSING_EXAMPLE_PARSER_H_
