// Einsum equations ("ij,jk->ik", "...ij,...jk->...ik") as TF's Einsum op
// reads them: one or two input subscripts, exactly one "->", labels are
// letters, "..." stands for broadcast dimensions. Shared by the shape
// function and the runtime kernel. Thread-safety: pure functions.
#ifndef TFPERSIST_GRAPH_OPS_EINSUM_SHAPE_H_
#define TFPERSIST_GRAPH_OPS_EINSUM_SHAPE_H_

#include <string_view>
#include <vector>

#include "tfpersist/base/statusor.h"
#include "tfpersist/core/tensor_shape.h"

namespace tfpersist {

// A label is a letter's code; kEllipsisLabel marks "...".
inline constexpr int kEllipsisLabel = -1;

struct EinsumEquation {
  std::vector<std::vector<int>> inputs;  // one label list per operand
  std::vector<int> output;
};

// INVALID_ARGUMENT with TF's messages for a malformed equation or an
// operand count other than `num_inputs`.
StatusOr<EinsumEquation> ParseEinsumEquation(std::string_view equation,
                                             int num_inputs);

// The size of every label (index = letter code, -1 unknown) and the
// broadcast ellipsis dims, from the operand shapes (unknown dims allowed).
// INVALID_ARGUMENT when an operand's rank does not fit its subscript or a
// label has two different sizes.
struct EinsumDims {
  std::vector<int64_t> label_size = std::vector<int64_t>(128, -1);
  std::vector<int64_t> ellipsis;  // broadcast of every operand's "..." dims
  bool rank_unknown = false;
};
StatusOr<EinsumDims> ResolveEinsumDims(
    const EinsumEquation& eq, const std::vector<PartialTensorShape>& inputs);

// The output shape (unknown rank when an operand's rank is unknown).
StatusOr<PartialTensorShape> EinsumOutputShape(
    std::string_view equation, const std::vector<PartialTensorShape>& inputs);

}  // namespace tfpersist

#endif  // TFPERSIST_GRAPH_OPS_EINSUM_SHAPE_H_
