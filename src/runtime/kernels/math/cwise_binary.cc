#include "runtime/kernels/math/cwise_binary.h"

#include "runtime/kernels/reference/broadcast.h"

namespace tfpersist {

namespace {

// Output dims > 1, merged with their neighbour when both operands are
// present (or broadcast) alike; has_x/has_y say whether the operand varies
// along each merged dim. One [1] dim for a one-element output.
void Collapse(const TensorShape& x, const TensorShape& y,
              const reference::Dims& out, std::vector<int64_t>* dims,
              std::vector<bool>* has_x, std::vector<bool>* has_y) {
  const size_t rank = out.size();
  for (size_t i = 0; i < rank; ++i) {
    if (out[i] == 1) continue;
    const bool xh =
        i + x.dims() >= rank && x.dim_size(i + x.dims() - rank) != 1;
    const bool yh =
        i + y.dims() >= rank && y.dim_size(i + y.dims() - rank) != 1;
    if (!dims->empty() && has_x->back() == xh && has_y->back() == yh) {
      dims->back() *= out[i];
    } else {
      dims->push_back(out[i]);
      has_x->push_back(xh);
      has_y->push_back(yh);
    }
  }
  if (dims->empty()) {
    dims->push_back(1);
    has_x->push_back(true);
    has_y->push_back(true);
  }
}

// Row-major strides over `dims` of an operand present where `has` is set
// (0 where it is broadcast).
std::vector<int64_t> Strides(const std::vector<int64_t>& dims,
                             const std::vector<bool>& has) {
  std::vector<int64_t> strides(dims.size());
  int64_t acc = 1;
  for (size_t i = dims.size(); i-- > 0;) {
    strides[i] = has[i] ? acc : 0;
    if (has[i]) acc *= dims[i];
  }
  return strides;
}

}  // namespace

Status BinaryBroadcast::Init(const TensorShape& x, const TensorShape& y) {
  TFP_ASSIGN_OR_RETURN(reference::Dims out,
                       reference::BroadcastShape(x.dim_sizes(), y.dim_sizes()));
  TFP_ASSIGN_OR_RETURN(out_shape_, TensorShape::Build(out));
  std::vector<int64_t> dims;
  std::vector<bool> has_x, has_y;
  Collapse(x, y, out, &dims, &has_x, &has_y);
  const std::vector<int64_t> xs = Strides(dims, has_x);
  const std::vector<int64_t> ys = Strides(dims, has_y);
  inner_ = dims.back();
  x_inner_stride_ = xs.back();
  y_inner_stride_ = ys.back();
  outer_dims_.assign(dims.begin(), dims.end() - 1);
  x_strides_.assign(xs.begin(), xs.end() - 1);
  y_strides_.assign(ys.begin(), ys.end() - 1);
  rows_ = 1;
  for (int64_t d : outer_dims_) rows_ *= d;
  return OkStatus();
}

void BinaryBroadcast::RowOffsets(int64_t r, int64_t* x_off,
                                 int64_t* y_off) const {
  int64_t xo = 0, yo = 0;
  for (size_t i = outer_dims_.size(); i-- > 0;) {
    const int64_t idx = r % outer_dims_[i];
    r /= outer_dims_[i];
    xo += idx * x_strides_[i];
    yo += idx * y_strides_[i];
  }
  *x_off = xo;
  *y_off = yo;
}

}  // namespace tfpersist
