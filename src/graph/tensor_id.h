// Tensor and input names: "op", "op:1", "^op" (control input).
// Thread-safety: pure functions.
#ifndef TFPERSIST_GRAPH_TENSOR_ID_H_
#define TFPERSIST_GRAPH_TENSOR_ID_H_

#include <string>
#include <string_view>

#include "tfpersist/base/statusor.h"

namespace tfpersist {

struct TensorId {
  std::string node;
  int index = 0;  // -1 for a control input "^node"
  bool is_control() const { return index < 0; }
  // "node:index"; "node" when keep_zero is false and index is 0; "^node"
  // for control.
  std::string ToString(bool keep_zero = true) const;
  friend bool operator==(const TensorId& a, const TensorId& b) {
    return a.node == b.node && a.index == b.index;
  }
  friend bool operator<(const TensorId& a, const TensorId& b) {
    return a.node != b.node ? a.node < b.node : a.index < b.index;
  }
};

// Parses "n", "n:3", "^n". INVALID_ARGUMENT for an empty node name or a
// malformed index ("n:", "n:-1", "n:x").
StatusOr<TensorId> ParseTensorName(std::string_view name);

// TF's node-name rule: [A-Za-z0-9.][A-Za-z0-9_./\-]* (with '>' allowed
// only before [A-Za-z0-9.]); used to validate names we are given.
bool IsValidNodeName(std::string_view name);

}  // namespace tfpersist

#endif  // TFPERSIST_GRAPH_TENSOR_ID_H_
