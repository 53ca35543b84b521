// Einsum with one or two operands, as TF computes it: repeated labels in an
// operand take its diagonal, labels found in one operand only and not in
// the output are summed first, then the operands are transposed to
// [batch, free, contracted] / [batch, contracted, free] and multiplied with
// a batched GEMM; "..." broadcasts (NumPy rules). float, double, half,
// bfloat16, int32, int64. Semantics: reference/einsum.h.
#include <algorithm>
#include <string>
#include <vector>

#include "graph/ops/einsum_shape.h"
#include "runtime/kernel_registry.h"
#include "runtime/kernels/array/index_map_copy.h"
#include "runtime/kernels/array/strided_copy.h"
#include "runtime/kernels/math/dtype_dispatch.h"
#include "runtime/kernels/math/gemm.h"
#include "runtime/kernels/math/math_kernels.h"
#include "runtime/kernels/reference/numeric.h"
#include "runtime/op_kernel.h"

namespace tfpersist {
namespace {

using EinsumTypes =
    DTypeList<DT_FLOAT, DT_DOUBLE, DT_HALF, DT_BFLOAT16, DT_INT32, DT_INT64>;
// Ellipsis dim p becomes label kEllipsisBase + p.
constexpr int kEllipsisBase = 128;

// A tensor whose dims are named by labels (one per dim).
struct Labeled {
  Tensor t;
  std::vector<int> labels;
};

bool Has(const std::vector<int>& v, int label) {
  return std::find(v.begin(), v.end(), label) != v.end();
}

// Expands "..." into ellipsis labels, broadcasting size-1 dims to `ell`
// (the broadcast of every operand's ellipsis dims).
Labeled ExpandEllipsis(const Tensor& t, const std::vector<int>& labels,
                       const std::vector<int64_t>& ell) {
  Labeled out{t, {}};
  const int named = static_cast<int>(labels.size()) - (Has(labels, -1) ? 1 : 0);
  const int e = t.dims() - named;
  std::vector<int64_t> dims;
  bool broadcast = false;
  int d = 0;
  for (int label : labels) {
    if (label != kEllipsisLabel) {
      out.labels.push_back(label);
      dims.push_back(t.dim_size(d++));
      continue;
    }
    for (int q = 0; q < e; ++q, ++d) {
      const int p = static_cast<int>(ell.size()) - e + q;
      out.labels.push_back(kEllipsisBase + p);
      dims.push_back(ell[p]);
      broadcast |= ell[p] != t.dim_size(d);
    }
  }
  if (!broadcast) return out;
  out.t = Tensor(t.dtype(), TensorShape(dims));
  DimMaps maps;
  for (int i = 0; i < t.dims(); ++i) {
    std::vector<int64_t> map(dims[i]);
    for (int64_t j = 0; j < dims[i]; ++j) map[j] = t.dim_size(i) == 1 ? 0 : j;
    maps.push_back(std::move(map));
  }
  if (out.t.NumElements() > 0) IndexMapCopy(t, maps, nullptr, &out.t);
  return out;
}

// The view of `in` with dims ordered as `target` (each label of `target`
// once; a label repeated in `in` takes the diagonal).
Labeled Arrange(const Labeled& in, const std::vector<int>& target,
                const std::vector<int64_t>& sizes) {
  const std::vector<int64_t> strides = RowMajorStrides(in.t.shape());
  std::vector<int64_t> dims, src;
  for (int label : target) {
    int64_t s = 0;
    for (size_t d = 0; d < in.labels.size(); ++d) {
      if (in.labels[d] == label) s += strides[d];
    }
    dims.push_back(sizes[label]);
    src.push_back(s);
  }
  Labeled out{Tensor(in.t.dtype(), TensorShape(dims)), target};
  if (out.t.NumElements() > 0) StridedCopy(in.t, 0, src, &out.t);
  return out;
}

// Sums `in` over every label not in `keep`; the result's dims follow
// `keep`. REQUIRES: in's labels are distinct.
template <typename T>
Labeled SumTo(const Labeled& in, const std::vector<int>& keep,
              const std::vector<int64_t>& sizes) {
  using C = reference::ComputeType<T>;
  std::vector<int64_t> dims, out_stride(in.labels.size(), 0);
  for (int label : keep) dims.push_back(sizes[label]);
  TensorShape shape(dims);
  const std::vector<int64_t> ostr = RowMajorStrides(shape);
  for (size_t d = 0; d < in.labels.size(); ++d) {
    for (size_t k = 0; k < keep.size(); ++k) {
      if (keep[k] == in.labels[d]) out_stride[d] = ostr[k];
    }
  }
  std::vector<C> acc(shape.num_elements(), C(0));
  const T* x = in.t.data<T>();
  std::vector<int64_t> idx(in.t.dims(), 0);
  for (int64_t i = 0; i < in.t.NumElements(); ++i) {
    int64_t o = 0;
    for (int d = 0; d < in.t.dims(); ++d) o += idx[d] * out_stride[d];
    acc[o] = reference::WrapAdd(acc[o], reference::ToCompute(x[i]));
    for (int d = in.t.dims() - 1; d >= 0 && ++idx[d] == in.t.dim_size(d); --d) {
      idx[d] = 0;
    }
  }
  Labeled out{Tensor(in.t.dtype(), shape), keep};
  for (int64_t i = 0; i < shape.num_elements(); ++i) {
    out.t.data<T>()[i] = reference::FromCompute<T>(acc[i]);
  }
  return out;
}

// Distinct labels in order of first appearance.
std::vector<int> Distinct(const std::vector<int>& labels) {
  std::vector<int> out;
  for (int l : labels) {
    if (!Has(out, l)) out.push_back(l);
  }
  return out;
}

std::vector<int> ExpandOutput(const std::vector<int>& output, size_t ell) {
  std::vector<int> out;
  for (int label : output) {
    if (label != kEllipsisLabel) {
      out.push_back(label);
      continue;
    }
    for (size_t p = 0; p < ell; ++p) out.push_back(kEllipsisBase + p);
  }
  return out;
}

class EinsumOp : public OpKernel {
 public:
  explicit EinsumOp(OpKernelConstruction* c) : OpKernel(c) {
    std::string equation;
    OP_REQUIRES_OK(c, c->GetAttr("equation", &equation));
    OP_REQUIRES_ASSIGN(c, eq_, ParseEinsumEquation(equation, c->num_inputs()));
    RequireDType(c, EinsumTypes{}, "T", c->output_type(0));
  }

  void Compute(OpKernelContext* ctx) override {
    std::vector<PartialTensorShape> shapes;
    for (int i = 0; i < num_inputs(); ++i)
      shapes.push_back(ctx->input(i).shape());
    OP_REQUIRES_ASSIGN(ctx, EinsumDims dims, ResolveEinsumDims(eq_, shapes));
    std::vector<int64_t> sizes(kEllipsisBase + dims.ellipsis.size(), 1);
    std::copy(dims.label_size.begin(), dims.label_size.end(), sizes.begin());
    std::copy(dims.ellipsis.begin(), dims.ellipsis.end(),
              sizes.begin() + kEllipsisBase);
    std::vector<Labeled> ops;
    for (int i = 0; i < num_inputs(); ++i) {
      Labeled e = ExpandEllipsis(ctx->input(i), eq_.inputs[i], dims.ellipsis);
      ops.push_back(Arrange(e, Distinct(e.labels), sizes));
    }
    const std::vector<int> out_labels =
        ExpandOutput(eq_.output, dims.ellipsis.size());
    DispatchDType(EinsumTypes{}, output_type(0), [&](auto tag) {
      using T = typename decltype(tag)::type;
      Labeled result = ops.size() == 1
                           ? SumTo<T>(ops[0], out_labels, sizes)
                           : Contract<T>(ctx, ops, out_labels, sizes);
      ctx->set_output(0, Arrange(result, out_labels, sizes).t);
    });
  }

 private:
  // Two operands: batched GEMM over [batch, free_a, contract] x
  // [batch, contract, free_b]; the result's labels are batch + free_a +
  // free_b.
  template <typename T>
  Labeled Contract(const OpKernelContext* ctx, std::vector<Labeled>& ops,
                   const std::vector<int>& out_labels,
                   const std::vector<int64_t>& sizes) const {
    std::vector<int> batch, contract, free_a, free_b;
    for (int k = 0; k < 2; ++k) {
      const std::vector<int>& other = ops[1 - k].labels;
      std::vector<int> keep;
      for (int l : ops[k].labels) {
        if (Has(out_labels, l) || Has(other, l)) keep.push_back(l);
      }
      if (keep.size() != ops[k].labels.size())
        ops[k] = SumTo<T>(ops[k], keep, sizes);
    }
    for (int l : ops[0].labels) {
      const bool in_b = Has(ops[1].labels, l), in_out = Has(out_labels, l);
      (in_b ? (in_out ? batch : contract) : free_a).push_back(l);
    }
    for (int l : ops[1].labels) {
      if (!Has(ops[0].labels, l)) free_b.push_back(l);
    }
    const auto concat = [](std::vector<int> a, const std::vector<int>& b,
                           const std::vector<int>& c) {
      a.insert(a.end(), b.begin(), b.end());
      a.insert(a.end(), c.begin(), c.end());
      return a;
    };
    const auto prod = [&](const std::vector<int>& ls) {
      int64_t p = 1;
      for (int l : ls) p *= sizes[l];
      return p;
    };
    const Labeled a = Arrange(ops[0], concat(batch, free_a, contract), sizes);
    const Labeled b = Arrange(ops[1], concat(batch, contract, free_b), sizes);
    Labeled out{Tensor(), concat(batch, free_a, free_b)};
    std::vector<int64_t> out_dims;
    for (int l : out.labels) out_dims.push_back(sizes[l]);
    out.t = Tensor(a.t.dtype(), TensorShape(out_dims));
    const int64_t nb = prod(batch), m = prod(free_a), k = prod(contract),
                  n = prod(free_b);
    for (int64_t i = 0; i < nb && m * n > 0; ++i) {
      Gemm<T>(ctx, a.t.data<T>() + i * m * k, b.t.data<T>() + i * k * n,
              out.t.data<T>() + i * m * n, m, k, n, false, false);
    }
    return out;
  }

  EinsumEquation eq_;
};

}  // namespace

void RegisterEinsumKernels(KernelRegistry* r) {
  r->Register<EinsumOp>("Einsum");
}

}  // namespace tfpersist
