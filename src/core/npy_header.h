// The Python dict literal of a .npy header (internal to npy.cc):
//   {'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }
#ifndef TFPERSIST_CORE_NPY_HEADER_H_
#define TFPERSIST_CORE_NPY_HEADER_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "tfpersist/base/statusor.h"

namespace tfpersist {

struct NpyHeader {
  std::string descr;
  bool fortran_order = false;
  std::vector<int64_t> shape;  // as written; may hold negatives
};

// Parses the header text (without the preamble). Accepts any key order,
// either quote style, Python 2 "3L" integers, trailing commas and
// whitespace. DATA_LOSS naming `name` for malformed text, a missing or
// unknown key; UNIMPLEMENTED for a structured dtype (a list descr).
StatusOr<NpyHeader> ParseNpyHeader(std::string_view header,
                                   std::string_view name);

}  // namespace tfpersist

#endif  // TFPERSIST_CORE_NPY_HEADER_H_
