// RestoreV2: reads tensors from the checkpoint whose prefix P is input 0.
//
// Inputs: prefix (scalar string), tensor_names [N], shape_and_slices [N];
// attr dtypes (N types); one output per name. A V2 bundle is read when
// P.index exists; otherwise P is taken as a V1 file pattern (as TF does, so
// V2-era graphs load V1 checkpoints). Each restored dtype must equal the
// requested one; a non-empty shape_and_slice spec returns just that region
// (its shape must equal the stored tensor's shape).
#include "runtime/buffer_forwarding.h"
#include "runtime/kernel_registry.h"
#include "runtime/kernels/io/checkpoint_kernel_util.h"
#include "runtime/kernels/io/v1_restore.h"
#include "runtime/op_kernel.h"
#include "tfpersist/io/tensor_bundle.h"

namespace tfpersist {
namespace {

class RestoreV2Op : public OpKernel {
 public:
  explicit RestoreV2Op(OpKernelConstruction* c) : OpKernel(c) {
    OP_REQUIRES_OK(c, c->GetAttr("dtypes", &dtypes_));
  }

  void Compute(OpKernelContext* ctx) override {
    const Tensor& prefix = ctx->input(0);
    const Tensor& names = ctx->input(1);
    const Tensor& slices = ctx->input(2);
    OP_REQUIRES_OK(
        ctx, ValidateSaveRestoreV2Inputs(prefix, names, slices,
                                         static_cast<int64_t>(dtypes_.size()),
                                         /*is_save=*/false));
    const std::string& path = prefix.scalar<tstring>();
    std::vector<RestoreRequest> requests;
    for (int i = 0; i < names.NumElements(); ++i) {
      requests.push_back(
          {names.flat<tstring>()[i], slices.flat<tstring>()[i], dtypes_[i]});
    }
    std::vector<Tensor> restored;
    if (!ctx->env()->FileExists(MetaFilename(path)).ok()) {
      OP_REQUIRES_OK(ctx, RestoreFromV1(ctx->env(), path, requests,
                                        /*preferred_shard=*/-1, &restored));
      for (size_t i = 0; i < restored.size(); ++i) {
        ctx->set_output(static_cast<int>(i), std::move(restored[i]));
      }
      return;
    }
    OP_REQUIRES_OK(ctx, RestoreFromV2(ctx->env(), path, requests, &restored));
    // Each tensor was just read into its own buffer: a consumer (the
    // restore Assign) may adopt it instead of copying.
    for (size_t i = 0; i < restored.size(); ++i) {
      ctx->set_output(static_cast<int>(i), std::move(restored[i]));
      MarkOutputFresh(ctx, static_cast<int>(i),
                      ctx->mutable_output(static_cast<int>(i))->tensor);
    }
  }

 private:
  static Status RestoreFromV2(Env* env, const std::string& path,
                              const std::vector<RestoreRequest>& requests,
                              std::vector<Tensor>* out) {
    auto reader = BundleReader::Open(env, path);
    if (!reader.ok()) {
      return reader.status().WithContext(StrCat("opening checkpoint ", path));
    }
    for (const RestoreRequest& request : requests) {
      TFP_ASSIGN_OR_RETURN(Tensor t, RestoreOne(**reader, path, request));
      out->push_back(std::move(t));
    }
    return OkStatus();
  }

  static StatusOr<Tensor> RestoreOne(const BundleReader& reader,
                                     const std::string& path,
                                     const RestoreRequest& request) {
    const std::string& name = request.name;
    if (!reader.Contains(name)) {
      return errors::NotFound("Key ", name, " not found in checkpoint ", path);
    }
    auto ds = reader.LookupDtypeAndShape(name);
    if (!ds.ok()) {
      return ds.status().WithContext(
          StrCat("restoring '", name, "' from ", path));
    }
    if (ds->dtype != request.dtype) {
      return errors::InvalidArgument(
          "tensor_name = ", name, "; expected dtype ",
          DataTypeString(request.dtype), " does not equal restored dtype ",
          DataTypeString(ds->dtype), " (checkpoint ", path, ")");
    }
    auto full = reader.Lookup(name);
    if (!full.ok()) {
      return full.status().WithContext(
          StrCat("restoring '", name, "' from ", path));
    }
    if (request.shape_and_slice.empty()) return std::move(full).value();
    TFP_ASSIGN_OR_RETURN(ShapeAndSlice spec,
                         ParseShapeAndSlice(request.shape_and_slice));
    if (!(spec.full_shape == ds->shape)) {
      return errors::InvalidArgument(
          "tensor_name = ", name, "; shape in shape_and_slice spec ",
          spec.full_shape.DebugString(),
          " does not match the shape stored in checkpoint: ",
          ds->shape.DebugString(), " (checkpoint ", path, ")");
    }
    return ExtractSlice(*full, spec.slice);
  }

  std::vector<DataType> dtypes_;
};

}  // namespace

void RegisterRestoreV2Kernels(KernelRegistry* r) {
  r->Register<RestoreV2Op>("RestoreV2");
}

}  // namespace tfpersist
