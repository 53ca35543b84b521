// Element-wise params (+|-) update into a new tensor, shared by AssignAdd/
// AssignSub and AssignAddVariableOp/AssignSubVariableOp.
#ifndef TFPERSIST_RUNTIME_KERNELS_STATE_DENSE_UPDATE_H_
#define TFPERSIST_RUNTIME_KERNELS_STATE_DENSE_UPDATE_H_

#include "tfpersist/base/statusor.h"
#include "tfpersist/core/tensor.h"

namespace tfpersist {

enum class DenseUpdateType { kAdd, kSub };

// True for the dtypes DenseUpdate supports (the number types).
bool DenseUpdateSupports(DataType dt);

// Returns params + update (or params - update) as a new tensor; params is
// not modified. REQUIRES: equal dtypes supported by DenseUpdateSupports and
// equal shapes (callers report their own messages).
Tensor DenseUpdate(const Tensor& params, const Tensor& update,
                   DenseUpdateType op);

}  // namespace tfpersist

#endif  // TFPERSIST_RUNTIME_KERNELS_STATE_DENSE_UPDATE_H_
