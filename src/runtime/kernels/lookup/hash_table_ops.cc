// Hash table ops over LookupTable resources: HashTableV2 and
// MutableHashTableV2 (the handle; the table is created on first run),
// InitializeTableV2, LookupTableImportV2, LookupTableInsertV2,
// LookupTableFindV2, LookupTableSizeV2.
//
// Naming (TF's ContainerInfo): container attr or "localhost"; shared_name,
// else the node name with use_node_name_sharing, else a name private to
// this kernel (one table per node per session).
#include <atomic>
#include <memory>

#include "runtime/kernel_registry.h"
#include "runtime/kernels/lookup/lookup_table.h"
#include "runtime/op_kernel.h"

namespace tfpersist {
namespace {

template <bool kMutable>
class HashTableOp : public OpKernel {
 public:
  explicit HashTableOp(OpKernelConstruction* c) : OpKernel(c) {
    bool use_node_name = false;
    OP_REQUIRES_OK(c, c->GetAttr("container", &container_));
    OP_REQUIRES_OK(c, c->GetAttr("shared_name", &name_));
    OP_REQUIRES_OK(c, c->GetAttr("use_node_name_sharing", &use_node_name));
    OP_REQUIRES_OK(c, c->GetAttr("key_dtype", &key_dtype_));
    OP_REQUIRES_OK(c, c->GetAttr("value_dtype", &value_dtype_));
    OP_REQUIRES_OK(c, LookupTable::CheckDtypes(key_dtype_, value_dtype_));
    if (container_.empty()) container_ = kDefaultContainer;
    if (name_.empty()) {
      static std::atomic<uint64_t> counter{0};
      name_ = use_node_name ? c->name()
                            : StrCat("_", counter.fetch_add(1), "_", c->name());
    }
  }

  void Compute(OpKernelContext* ctx) override {
    auto created = ctx->resource_manager()->LookupOrCreate<LookupTable>(
        container_, name_, [this]() -> StatusOr<std::shared_ptr<LookupTable>> {
          return std::make_shared<LookupTable>(key_dtype_, value_dtype_,
                                               kMutable);
        });
    OP_REQUIRES_OK(ctx, created.status());
    const LookupTable& table = **created;
    OP_REQUIRES(
        ctx,
        table.key_dtype() == key_dtype_ && table.value_dtype() == value_dtype_,
        errors::InvalidArgument("Table ", name_, " exists with dtypes ",
                                table.DebugString(), ", requested ",
                                DataTypeString(key_dtype_), " -> ",
                                DataTypeString(value_dtype_)));
    ctx->set_output_handle(0, ResourceHandle{container_, name_});
  }

 private:
  std::string container_;
  std::string name_;
  DataType key_dtype_ = DT_INVALID;
  DataType value_dtype_ = DT_INVALID;
};

StatusOr<std::shared_ptr<LookupTable>> GetTable(OpKernelContext* ctx) {
  return ctx->resource_manager()->Lookup<LookupTable>(ctx->input_handle(0));
}

// InitializeTableV2 and LookupTableImportV2 (kImport: same, but TF's import
// accepts keys of any rank).
template <bool kImport>
class InitializeTableOp : public OpKernel {
 public:
  using OpKernel::OpKernel;

  void Compute(OpKernelContext* ctx) override {
    OP_REQUIRES_ASSIGN(ctx, auto table, GetTable(ctx));
    const Tensor& keys = ctx->input(1);
    const Tensor& values = ctx->input(2);
    if (!kImport) {
      OP_REQUIRES(
          ctx, keys.dims() == 1,
          errors::InvalidArgument("Keys must be a vector, but received shape",
                                  keys.shape().DebugString()));
      OP_REQUIRES(ctx, keys.shape() == values.shape(),
                  errors::InvalidArgument(
                      "Keys and values must have the same size ",
                      keys.NumElements(), " vs ", values.NumElements()));
    }
    OP_REQUIRES_OK(ctx, table->Initialize(keys, values));
  }
};

class LookupTableInsertOp : public OpKernel {
 public:
  using OpKernel::OpKernel;

  void Compute(OpKernelContext* ctx) override {
    OP_REQUIRES_ASSIGN(ctx, auto table, GetTable(ctx));
    OP_REQUIRES_OK(ctx, table->Insert(ctx->input(1), ctx->input(2)));
  }
};

class LookupTableFindOp : public OpKernel {
 public:
  using OpKernel::OpKernel;

  void Compute(OpKernelContext* ctx) override {
    OP_REQUIRES_ASSIGN(ctx, auto table, GetTable(ctx));
    const Tensor& keys = ctx->input(1);
    OP_REQUIRES(
        ctx, ctx->input(2).dtype() == output_type(0),
        errors::InvalidArgument("default_value has dtype ",
                                DataTypeString(ctx->input(2).dtype()),
                                ", expected ", DataTypeString(output_type(0))));
    OP_REQUIRES(ctx, table->value_dtype() == output_type(0),
                errors::InvalidArgument(
                    "Value must be type ", DataTypeString(table->value_dtype()),
                    " but got ", DataTypeString(output_type(0))));
    OP_REQUIRES_ASSIGN(ctx, Tensor * out,
                       ctx->allocate_output(0, keys.shape()));
    OP_REQUIRES_OK(ctx, table->Find(keys, ctx->input(2), out));
  }
};

class LookupTableSizeOp : public OpKernel {
 public:
  using OpKernel::OpKernel;

  void Compute(OpKernelContext* ctx) override {
    OP_REQUIRES_ASSIGN(ctx, auto table, GetTable(ctx));
    ctx->set_output(0, Tensor::Scalar<int64_t>(table->size()));
  }
};

}  // namespace

void RegisterHashTableKernels(KernelRegistry* r) {
  r->Register<HashTableOp<false>>("HashTableV2");
  r->Register<HashTableOp<true>>("MutableHashTableV2");
  r->Register<InitializeTableOp<false>>("InitializeTableV2");
  r->Register<InitializeTableOp<true>>("LookupTableImportV2");
  r->Register<LookupTableInsertOp>("LookupTableInsertV2");
  r->Register<LookupTableFindOp>("LookupTableFindV2");
  r->Register<LookupTableSizeOp>("LookupTableSizeV2");
}

}  // namespace tfpersist
