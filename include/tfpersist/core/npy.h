// NumPy .npy files <-> Tensor.
//
// Format (numpy/lib/format.py): "\x93NUMPY", major, minor version bytes, a
// little-endian header length (uint16 for 1.0, uint32 for 2.0/3.0), then an
// ASCII (3.0: UTF-8) Python dict literal
//   {'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }
// padded with spaces and a final '\n' so the data starts at a multiple of
// 64 bytes; then the raw elements.
//
// Supported dtypes: '<f2' half, '<f4', '<f8', '<i1'..'<i8', '<u1'..'<u8'
// ('|i1', '|u1' too), '|b1' bool, '<c8', '<c16'. C order only.
// DT_STRING: read from '|S<n>' (bytes; trailing NULs stripped, as numpy
// reads them), '<U<n>' (UTF-32, stored as UTF-8) and '|O' object arrays of
// bytes/str (np.save's pickle, read by a restricted unpickler that runs
// nothing); written as '|S<max length>' (so, as in numpy, a string's
// trailing NUL bytes do not survive the round trip).
// Thread-safety: pure functions; file access goes through the Env.
#ifndef TFPERSIST_CORE_NPY_H_
#define TFPERSIST_CORE_NPY_H_

#include <string>
#include <string_view>

#include "tfpersist/base/env.h"
#include "tfpersist/base/statusor.h"
#include "tfpersist/core/tensor.h"

namespace tfpersist {

// Parses the bytes of a .npy file. Errors name `name_for_errors`:
// INVALID_ARGUMENT when the bytes are not a .npy file (bad magic);
// DATA_LOSS for a truncated file or a malformed header;
// UNIMPLEMENTED for versions other than 1.0/2.0/3.0, big-endian or
// unsupported dtypes (structured, object arrays of other than bytes/str)
// and fortran_order True.
// Bytes after the array data are ignored (as numpy does).
StatusOr<Tensor> ParseNpy(std::string_view bytes,
                          std::string_view name_for_errors);

// The bytes of a .npy file holding `tensor`, as numpy.save writes them
// (version 1.0, or 2.0 when the header exceeds 65535 bytes).
// UNIMPLEMENTED for dtypes NumPy lacks (bfloat16, quantized, float8).
// REQUIRES: tensor.IsInitialized().
StatusOr<std::string> SerializeNpy(const Tensor& tensor);

// ParseNpy of the file at `path` (errors name the path).
StatusOr<Tensor> ReadNpy(Env* env, const std::string& path);
// Writes SerializeNpy(tensor) to `path` (created or truncated).
Status WriteNpy(Env* env, const std::string& path, const Tensor& tensor);

}  // namespace tfpersist

#endif  // TFPERSIST_CORE_NPY_H_
