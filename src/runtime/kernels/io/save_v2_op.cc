// SaveV2: writes its input tensors as one V2 bundle (P.index +
// P.data-00000-of-00001) under the prefix P fed as input 0.
//
// Inputs: prefix (scalar string), tensor_names [N], shape_and_slices [N]
// ("" for a whole tensor, "d0 d1 ... SLICE" for one part of a partitioned
// variable), then the N tensors. The bundle is published atomically by
// BundleWriter::Finish (temporary files renamed into place, data first,
// index last), so a reader never sees a half-written P.index.
#include "runtime/kernel_registry.h"
#include "runtime/kernels/io/checkpoint_kernel_util.h"
#include "runtime/op_kernel.h"
#include "tfpersist/io/tensor_bundle.h"

namespace tfpersist {
namespace {

constexpr int kFixedInputs = 3;

class SaveV2Op : public OpKernel {
 public:
  explicit SaveV2Op(OpKernelConstruction* c) : OpKernel(c) {}

  void Compute(OpKernelContext* ctx) override {
    const Tensor& prefix = ctx->input(0);
    const Tensor& names = ctx->input(1);
    const Tensor& slices = ctx->input(2);
    OP_REQUIRES_OK(ctx,
                   ValidateSaveRestoreV2Inputs(prefix, names, slices,
                                               ctx->num_inputs() - kFixedInputs,
                                               /*is_save=*/true));
    const std::string& path = prefix.scalar<tstring>();
    BundleWriter writer(ctx->env(), path);
    for (int i = 0; i < names.NumElements(); ++i) {
      OP_REQUIRES_OK(
          ctx, AddTensor(names.flat<tstring>()[i], slices.flat<tstring>()[i],
                         ctx->input(kFixedInputs + i), &writer));
    }
    Status s = writer.Finish();
    OP_REQUIRES(ctx, s.ok(), s.WithContext(StrCat("saving checkpoint ", path)));
  }

 private:
  static Status AddTensor(const std::string& name, const std::string& spec,
                          const Tensor& tensor, BundleWriter* writer) {
    if (spec.empty()) {
      writer->Add(name, tensor);
      return writer->status();
    }
    TFP_ASSIGN_OR_RETURN(ShapeAndSlice parsed, ParseShapeAndSlice(spec));
    if (!(parsed.slice_shape == tensor.shape())) {
      return errors::InvalidArgument(
          "Slice in shape_and_slice specification does not match the shape "
          "of the tensor to  save: ",
          spec, ", tensor: ", tensor.shape().DebugString(), " (tensor '", name,
          "')");
    }
    writer->AddSlice(name, parsed.full_shape, parsed.slice, tensor);
    return writer->status();
  }
};

}  // namespace

void RegisterSaveV2Kernels(KernelRegistry* r) {
  r->Register<SaveV2Op>("SaveV2");
}

}  // namespace tfpersist
