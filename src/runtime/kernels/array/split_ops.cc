// Split (num_split equal pieces) and SplitV (given sizes, at most one -1)
// along a possibly negative axis, for every dtype with element storage.
// TF's messages.
#include <algorithm>
#include <vector>

#include "runtime/kernel_registry.h"
#include "runtime/kernels/kernel_util.h"
#include "runtime/op_kernel.h"

namespace tfpersist {
namespace {

// Writes output i = input[..., offsets[i] : offsets[i] + sizes[i], ...]
// along `axis` for every i.
void SplitInto(OpKernelContext* ctx, const Tensor& in, int axis,
               const std::vector<int64_t>& sizes) {
  const int64_t outer = DimProduct(in.shape(), 0, axis);
  const int64_t inner = DimProduct(in.shape(), axis + 1, in.dims());
  const int64_t n = in.dim_size(axis);
  int64_t offset = 0;
  for (size_t i = 0; i < sizes.size(); ++i) {
    TensorShape shape = in.shape();
    shape.set_dim(axis, sizes[i]);
    OP_REQUIRES_ASSIGN(ctx, Tensor * out,
                       ctx->allocate_output(static_cast<int>(i), shape));
    const int64_t run = sizes[i] * inner;
    if (shape.num_elements() > 0) {
      VisitStorageType(in.dtype(), [&](auto tag) {
        using S = typename decltype(tag)::type;
        const S* src = StorageData<S>(in) + offset * inner;
        S* dst = StorageData<S>(*out);
        for (int64_t o = 0; o < outer; ++o) {
          std::copy(src + o * n * inner, src + o * n * inner + run,
                    dst + o * run);
        }
      });
    }
    offset += sizes[i];
  }
}

class SplitOpBase : public OpKernel {
 public:
  explicit SplitOpBase(OpKernelConstruction* c) : OpKernel(c) {
    OP_REQUIRES(c, VisitStorageType(c->output_type(0), [](auto) {}),
                errors::InvalidArgument(c->type_string(), " does not support ",
                                        DataTypeString(c->output_type(0))));
  }

 protected:
  // The canonical split axis; TF's message when out of range.
  static StatusOr<int> Axis(const Tensor& axis_t, const Tensor& in) {
    if (axis_t.NumElements() != 1) {
      return errors::InvalidArgument("split_dim must be a scalar but has rank ",
                                     axis_t.dims());
    }
    TFP_ASSIGN_OR_RETURN(int64_t a, ReadIndexScalar(axis_t, "split_dim"));
    const int rank = in.dims();
    const int64_t axis = a < 0 ? a + rank : a;
    if (axis < 0 || axis >= rank) {
      return errors::InvalidArgument("-input rank(-", rank,
                                     ") <= split_dim < input rank (", rank,
                                     "), but got ", a);
    }
    return static_cast<int>(axis);
  }
};

class SplitOp : public SplitOpBase {
 public:
  using SplitOpBase::SplitOpBase;
  void Compute(OpKernelContext* ctx) override {
    const Tensor& in = ctx->input(1);
    OP_REQUIRES_ASSIGN(ctx, int axis, Axis(ctx->input(0), in));
    const int64_t num = ctx->num_outputs();
    const int64_t n = in.dim_size(axis);
    OP_REQUIRES(ctx, n % num == 0,
                errors::InvalidArgument(
                    "Number of ways to split should evenly divide the split "
                    "dimension, but got split_dim ",
                    axis, " (size = ", n, ") and num_split ", num));
    SplitInto(ctx, in, axis, std::vector<int64_t>(num, n / num));
  }
};

class SplitVOp : public SplitOpBase {
 public:
  using SplitOpBase::SplitOpBase;
  void Compute(OpKernelContext* ctx) override {
    const Tensor& in = ctx->input(0);
    const Tensor& sizes_t = ctx->input(1);
    const int num = ctx->num_outputs();
    OP_REQUIRES(
        ctx, sizes_t.dims() == 1 && sizes_t.NumElements() == num,
        errors::InvalidArgument(
            "size of the split_tensor must be 1-D and have the same "
            "elements as outputs got ",
            sizes_t.dims(), " -D and ", sizes_t.NumElements(), " elements"));
    OP_REQUIRES_ASSIGN(ctx, std::vector<int64_t> sizes,
                       ReadIndexTensor(sizes_t, "size_splits"));
    OP_REQUIRES_ASSIGN(ctx, int axis, Axis(ctx->input(2), in));
    const int64_t n = in.dim_size(axis);
    int neg_one = -1;
    int64_t determined = 0;
    for (int i = 0; i < num; ++i) {
      if (sizes[i] == -1) {
        OP_REQUIRES(ctx, neg_one == -1,
                    errors::InvalidArgument("There can only be one -1 in the "
                                            "input."));
        neg_one = i;
        continue;
      }
      OP_REQUIRES(ctx, sizes[i] >= 0,
                  errors::InvalidArgument("Split size at index ", i,
                                          " must be >= 0. Got: ", sizes[i]));
      OP_REQUIRES(ctx,
                  !__builtin_add_overflow(determined, sizes[i], &determined),
                  errors::InvalidArgument("size_splits overflow"));
    }
    OP_REQUIRES(
        ctx,
        (neg_one == -1 && determined == n) || (neg_one >= 0 && determined <= n),
        errors::InvalidArgument(
            "Determined shape must either match input shape along split_dim "
            "exactly if fully specified, or be less than the size of the "
            "input along split_dim if not fully specified.  Got: ",
            determined));
    if (neg_one >= 0) sizes[neg_one] = n - determined;
    SplitInto(ctx, in, axis, sizes);
  }
};

}  // namespace

void RegisterSplitKernels(KernelRegistry* r) {
  r->Register<SplitOp>("Split");
  r->Register<SplitVOp>("SplitV");
}

}  // namespace tfpersist
