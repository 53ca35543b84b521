// ParseExample, ParseExampleV2 and ParseSingleExample over ExampleParser
// (example_parser.h). The kernels differ only in where the feature keys
// come from (scalar inputs, 1-D inputs, attrs) and in the outputs' layout.
#include "core/tensor_proto.h"
#include "runtime/kernel_registry.h"
#include "runtime/kernels/parsing/example_parser.h"
#include "runtime/op_kernel.h"

namespace tfpersist {
namespace {

enum class Variant { kV1, kV2, kSingle };

class ParseExampleOp : public OpKernel {
 public:
  ParseExampleOp(OpKernelConstruction* c, Variant v) : OpKernel(c), v_(v) {
    std::vector<DataType> sparse_types, dense_types, ragged_types, split_types;
    OP_REQUIRES_OK(c, c->GetAttr("sparse_types", &sparse_types));
    OP_REQUIRES_OK(c, c->GetAttr("Tdense", &dense_types));
    if (v == Variant::kV2) {
      OP_REQUIRES_OK(c, c->GetAttr("ragged_value_types", &ragged_types));
      OP_REQUIRES_OK(c, c->GetAttr("ragged_split_types", &split_types));
      OP_REQUIRES(c, ragged_types.size() == split_types.size(),
                  errors::InvalidArgument(
                      "ragged_value_types and ragged_split_types must have "
                      "the same length"));
    }
    int64_t num_sparse = 0;
    OP_REQUIRES_OK(c, c->GetAttr(v == Variant::kV1 ? "Nsparse" : "num_sparse",
                                 &num_sparse));
    OP_REQUIRES(
        c, num_sparse == static_cast<int64_t>(sparse_types.size()),
        errors::InvalidArgument("len(sparse_keys) != len(sparse_types)"));
    const auto& shapes = c->def().attr().at("dense_shapes").list().shape();
    OP_REQUIRES(
        c, shapes.size() == static_cast<int>(dense_types.size()),
        errors::InvalidArgument("len(dense_keys) != len(dense_shapes)"));
    for (size_t i = 0; i < sparse_types.size(); ++i) {
      config_.sparse.push_back({"", sparse_types[i]});
    }
    for (size_t j = 0; j < dense_types.size(); ++j) {
      ExampleParseConfig::Dense d;
      d.dtype = dense_types[j];
      OP_REQUIRES_ASSIGN(c, d.shape, PartialTensorShapeFromProto(shapes[j]));
      config_.dense.push_back(d);
    }
    for (size_t k = 0; k < ragged_types.size(); ++k) {
      config_.ragged.push_back({"", ragged_types[k], split_types[k]});
    }
    if (v == Variant::kSingle) InitSingleKeys(c);
  }

  void Compute(OpKernelContext* ctx) override {
    ExampleParseConfig config = config_;
    OP_REQUIRES_OK(ctx, FillKeysAndDefaults(ctx, &config));
    OP_REQUIRES_OK(ctx, ValidateExampleParseConfig(config));
    const Tensor& serialized = ctx->input(0);
    if (v_ == Variant::kV1) {
      OP_REQUIRES(ctx, serialized.dims() == 1,
                  errors::InvalidArgument(
                      "Expected serialized to be a vector, got shape: ",
                      serialized.shape().DebugString()));
    }
    if (v_ == Variant::kSingle) {
      OP_REQUIRES(ctx, serialized.dims() == 0,
                  errors::InvalidArgument(
                      "Expected `serialized` to be a scalar, got shape: ",
                      serialized.shape().DebugString()));
    }
    const Tensor names = v_ == Variant::kSingle
                             ? Tensor(DT_STRING, TensorShape({0}))
                             : ctx->input(1);
    ExampleParseResult r;
    OP_REQUIRES_OK(ctx, ParseExamples(config, serialized, names, &r));
    int out = 0;
    for (auto* list : {&r.sparse_indices, &r.sparse_values, &r.sparse_shapes,
                       &r.dense_values, &r.ragged_values, &r.ragged_splits}) {
      for (Tensor& t : *list) ctx->set_output(out++, std::move(t));
    }
  }

 private:
  void InitSingleKeys(OpKernelConstruction* c) {
    std::vector<std::string> sparse_keys, dense_keys;
    OP_REQUIRES_OK(c, c->GetAttr("sparse_keys", &sparse_keys));
    OP_REQUIRES_OK(c, c->GetAttr("dense_keys", &dense_keys));
    OP_REQUIRES(c,
                sparse_keys.size() == config_.sparse.size() &&
                    dense_keys.size() == config_.dense.size(),
                errors::InvalidArgument(
                    "len(sparse_keys) != num_sparse or len(dense_keys) != "
                    "len(Tdense)"));
    for (size_t i = 0; i < sparse_keys.size(); ++i) {
      config_.sparse[i].key = sparse_keys[i];
    }
    for (size_t j = 0; j < dense_keys.size(); ++j) {
      config_.dense[j].key = dense_keys[j];
    }
  }

  // Keys of V1 (scalar inputs) / V2 (vector inputs) and every variant's
  // dense defaults, from the inputs.
  Status FillKeysAndDefaults(OpKernelContext* ctx,
                             ExampleParseConfig* config) const {
    const int ns = static_cast<int>(config->sparse.size());
    const int nd = static_cast<int>(config->dense.size());
    const int nr = static_cast<int>(config->ragged.size());
    int defaults_at = 1;
    if (v_ == Variant::kV1) {
      for (int i = 0; i < ns; ++i) {
        TFP_ASSIGN_OR_RETURN(config->sparse[i].key, ScalarKey(ctx, 2 + i));
      }
      for (int j = 0; j < nd; ++j) {
        TFP_ASSIGN_OR_RETURN(config->dense[j].key, ScalarKey(ctx, 2 + ns + j));
      }
      defaults_at = 2 + ns + nd;
    } else if (v_ == Variant::kV2) {
      TFP_RETURN_IF_ERROR(VectorKeys(
          ctx, 2, ns, "sparse_keys",
          [&](int i, std::string k) { config->sparse[i].key = std::move(k); }));
      TFP_RETURN_IF_ERROR(VectorKeys(
          ctx, 3, nd, "dense_keys",
          [&](int i, std::string k) { config->dense[i].key = std::move(k); }));
      TFP_RETURN_IF_ERROR(VectorKeys(
          ctx, 4, nr, "ragged_keys",
          [&](int i, std::string k) { config->ragged[i].key = std::move(k); }));
      defaults_at = 5;
    }
    for (int j = 0; j < nd; ++j) {
      config->dense[j].default_value = ctx->input(defaults_at + j);
    }
    return OkStatus();
  }

  static StatusOr<std::string> ScalarKey(OpKernelContext* ctx, int i) {
    const Tensor& t = ctx->input(i);
    if (t.dims() != 0) {
      return errors::InvalidArgument("Expected a scalar feature key, got ",
                                     t.shape().DebugString());
    }
    return t.scalar<std::string>();
  }

  template <typename Set>
  static Status VectorKeys(OpKernelContext* ctx, int input, int n,
                           const char* what, Set set) {
    const Tensor& t = ctx->input(input);
    if (t.dims() != 1 || t.NumElements() != n) {
      return errors::InvalidArgument("Expected len(", what, ") to match the ",
                                     n, " types given, got shape ",
                                     t.shape().DebugString());
    }
    for (int i = 0; i < n; ++i) set(i, t.data<std::string>()[i]);
    return OkStatus();
  }

  const Variant v_;
  ExampleParseConfig config_;
};

}  // namespace

void RegisterParseExampleKernels(KernelRegistry* r) {
  r->Register("ParseExample", [](OpKernelConstruction* c) {
    return std::unique_ptr<OpKernel>(new ParseExampleOp(c, Variant::kV1));
  });
  r->Register("ParseExampleV2", [](OpKernelConstruction* c) {
    return std::unique_ptr<OpKernel>(new ParseExampleOp(c, Variant::kV2));
  });
  r->Register("ParseSingleExample", [](OpKernelConstruction* c) {
    return std::unique_ptr<OpKernel>(new ParseExampleOp(c, Variant::kSingle));
  });
}

}  // namespace tfpersist
