// str() of the NumPy array that TF's Python CheckpointReader.get_tensor
// returns for a tensor, i.e. what `print(reader.get_tensor(name))` shows in
// TF's inspect_checkpoint tool (numpy/core/arrayprint.py, NumPy >= 1.14
// defaults):
//  * nested brackets, one space between elements, rows of a matrix on new
//    lines aligned under the first '[', a blank line between 3-D blocks
//    ("[[1. 2.]\n [3. 4.]]");
//  * lines wrapped at `linewidth` characters;
//  * more than `threshold` elements: only `edgeitems` items at each end of
//    every axis, with "..." between them;
//  * floats as numpy/float formatting (cli/numpy_float_format.h), integers
//    right-aligned to a common width, booleans " True"/"False", strings as
//    Python bytes literals (b'abc'), complex as "1.+2.j", quantized types as
//    one-field records "(5,)";
//  * a 0-d array prints as its scalar ("0.5", "True", "b'x'").
//
// Thread-safety: pure function.
#ifndef TFPERSIST_CLI_NUMPY_FORMAT_H_
#define TFPERSIST_CLI_NUMPY_FORMAT_H_

#include <cstdint>
#include <string>

#include "tfpersist/core/tensor.h"

namespace tfpersist::cli::numpy {

// numpy.set_printoptions defaults.
struct PrintOptions {
  int precision = 8;
  int64_t threshold = 1000;
  int edgeitems = 3;
  int linewidth = 75;
};

// REQUIRES: t is initialized.
std::string ArrayStr(const Tensor& t, const PrintOptions& options = {});

// Python's repr() of a bytes object: b'a\x00\'b'.
std::string PythonBytesRepr(std::string_view bytes);

}  // namespace tfpersist::cli::numpy

#endif  // TFPERSIST_CLI_NUMPY_FORMAT_H_
