// The pickled payload of a .npy object array ('|O'), restricted to what
// np.save writes for an array of bytes/str (internal to npy.cc).
//
// np.save pickles the array itself (protocol 2-5):
//   _reconstruct(ndarray, (0,), b'b') then BUILD with the state
//   (version, shape, dtype('O8'), is_fortran, [elem, elem, ...]).
// This is NOT a general unpickler: it runs a small stack machine over the
// opcodes that payload uses (PROTO, FRAME, GLOBAL/STACK_GLOBAL, memo
// put/get, ints, tuples, lists, MARK/APPEND(S), REDUCE, BUILD, None, bools,
// bytes and str), never imports or calls anything, and accepts only that
// structure. Every opcode consumes input, so work and memory are bounded by
// the payload size.
#ifndef TFPERSIST_CORE_NPY_PICKLE_H_
#define TFPERSIST_CORE_NPY_PICKLE_H_

#include <cstdint>
#include <string_view>
#include <vector>

#include "tfpersist/base/statusor.h"
#include "tfpersist/core/tensor.h"

namespace tfpersist {

// A DT_STRING tensor of `shape` (the .npy header's) from the pickle, each
// element a bytes object (str elements are stored as their UTF-8 bytes).
// DATA_LOSS naming `name` for a truncated or malformed pickle;
// UNIMPLEMENTED for an opcode outside the subset or elements that are not
// bytes/str (ints, nested arrays, None, ...).
StatusOr<Tensor> ParseNpyObjectArray(std::string_view pickle,
                                     const std::vector<int64_t>& shape,
                                     std::string_view name);

}  // namespace tfpersist

#endif  // TFPERSIST_CORE_NPY_PICKLE_H_
