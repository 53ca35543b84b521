// Save and SaveSlices: the V1 graph ops writing one V1 checkpoint file
// (spec checkpoint-v1.md §6) through V1CheckpointWriter.
//
// Save:       filename, tensor_names [N], data (N tensors)
// SaveSlices: filename, tensor_names [N], shapes_and_slices [N], data
// A shapes_and_slices entry is "" (the whole tensor) or "d0 d1 ... SLICE".
#include "runtime/kernel_registry.h"
#include "runtime/kernels/io/checkpoint_kernel_util.h"
#include "runtime/kernels/io/v1_writer.h"
#include "runtime/op_kernel.h"

namespace tfpersist {
namespace {

class SaveV1Op : public OpKernel {
 public:
  SaveV1Op(OpKernelConstruction* c, bool slices)
      : OpKernel(c), slices_(slices), fixed_inputs_(slices ? 3 : 2) {}

  void Compute(OpKernelContext* ctx) override {
    const Tensor& filename = ctx->input(0);
    const Tensor& names = ctx->input(1);
    OP_REQUIRES(
        ctx, filename.NumElements() == 1,
        errors::InvalidArgument(
            "Input 0 (filename) must be a string scalar; got a tensor of ",
            filename.NumElements(), " elements"));
    const int64_t n = ctx->num_inputs() - fixed_inputs_;
    OP_REQUIRES(ctx, names.NumElements() == n,
                errors::InvalidArgument("Expected ", n, " tensor names, got ",
                                        names.NumElements()));
    OP_REQUIRES(
        ctx, !slices_ || ctx->input(2).NumElements() == n,
        errors::InvalidArgument("Expected ", n, " shapes_and_slices, got ",
                                ctx->input(2).NumElements()));
    const std::string& path = filename.flat<tstring>()[0];
    V1CheckpointWriter writer(ctx->env(), path);
    for (int64_t i = 0; i < n; ++i) {
      const std::string spec = slices_ ? ctx->input(2).flat<tstring>()[i] : "";
      OP_REQUIRES_OK(ctx, AddOne(names.flat<tstring>()[i], spec,
                                 ctx->input(fixed_inputs_ + i), &writer));
    }
    OP_REQUIRES_OK(ctx, writer.Finish());
  }

 private:
  static Status AddOne(const std::string& name, const std::string& spec,
                       const Tensor& data, V1CheckpointWriter* writer) {
    if (spec.empty()) {
      return writer->Add(name, data.shape(), TensorSlice(data.dims()), data);
    }
    TFP_ASSIGN_OR_RETURN(ShapeAndSlice parsed, ParseShapeAndSlice(spec));
    if (!(parsed.slice_shape == data.shape())) {
      return errors::InvalidArgument(
          "Slice in shape_and_slice specification does not match the shape "
          "of the tensor to  save: ",
          spec, ", tensor: ", data.shape().DebugString(), " (tensor '", name,
          "')");
    }
    return writer->Add(name, parsed.full_shape, parsed.slice, data);
  }

  const bool slices_;
  const int fixed_inputs_;
};

}  // namespace

void RegisterSaveV1Kernels(KernelRegistry* r) {
  r->Register("Save", [](OpKernelConstruction* c) {
    return std::unique_ptr<OpKernel>(new SaveV1Op(c, /*slices=*/false));
  });
  r->Register("SaveSlices", [](OpKernelConstruction* c) {
    return std::unique_ptr<OpKernel>(new SaveV1Op(c, /*slices=*/true));
  });
}

}  // namespace tfpersist
