#include "runtime/kernels/math/cwise_binary.h"

#include "runtime/kernels/reference/broadcast.h"

namespace tfpersist {

Status BinaryBroadcast::Init(const TensorShape& x, const TensorShape& y) {
  TFP_ASSIGN_OR_RETURN(reference::Dims out,
                       reference::BroadcastShape(x.dim_sizes(), y.dim_sizes()));
  out_shape_ = TensorShape(out);
  // Collapse: keep output dims > 1, merging neighbours whose operands are
  // both present or broadcast in the same way.
  const size_t rank = out.size();
  std::vector<int64_t> dims;
  std::vector<bool> x_has, y_has;
  for (size_t i = 0; i < rank; ++i) {
    if (out[i] == 1) continue;
    const size_t xi = i + x.dims() - rank, yi = i + y.dims() - rank;
    const bool xh = i + x.dims() >= rank && x.dim_size(xi) != 1;
    const bool yh = i + y.dims() >= rank && y.dim_size(yi) != 1;
    if (!dims.empty() && x_has.back() == xh && y_has.back() == yh) {
      dims.back() *= out[i];
    } else {
      dims.push_back(out[i]);
      x_has.push_back(xh);
      y_has.push_back(yh);
    }
  }
  if (dims.empty()) {  // one element
    dims.push_back(1);
    x_has.push_back(true);
    y_has.push_back(true);
  }
  // Strides over the collapsed dims (0 where broadcast), innermost last.
  const size_t n = dims.size();
  std::vector<int64_t> xs(n), ys(n);
  int64_t xacc = 1, yacc = 1;
  for (size_t i = n; i-- > 0;) {
    xs[i] = x_has[i] ? xacc : 0;
    ys[i] = y_has[i] ? yacc : 0;
    if (x_has[i]) xacc *= dims[i];
    if (y_has[i]) yacc *= dims[i];
  }
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
