// The kernel API: what one op implementation sees (cf. TensorFlow's
// framework/op_kernel.h, much reduced).
//
// Writing a kernel (docs: one op = one small file + one registration line):
//
//   class ReshapeOp : public OpKernel {
//    public:
//     explicit ReshapeOp(OpKernelConstruction* c) : OpKernel(c) {
//       // Validate attrs once, here; errors name the node automatically.
//       OP_REQUIRES_OK(c, c->GetAttr("T", &dtype_));
//     }
//     void Compute(OpKernelContext* ctx) override {
//       const Tensor& x = ctx->input(0);
//       OP_REQUIRES(ctx, x.dims() > 0, errors::InvalidArgument("..."));
//       OP_REQUIRES_ASSIGN(ctx, Tensor* out, ctx->allocate_output(0, shape));
//       ...
//     }
//   };
//   // at the bottom of the file, one line per op:
//   void RegisterReshapeKernels(KernelRegistry* r) {
//     r->Register<ReshapeOp>("Reshape");
//   }
//
// Values: a kernel's inputs and outputs are TensorValues. Inputs whose
// declared type is not a ref and not DT_RESOURCE are plain Tensors (the
// executor snapshots ref variables for them, failing with
// "Attempting to use uninitialized value v1" when needed). Ref inputs give
// the Var itself (input_ref); DT_RESOURCE inputs give a ResourceHandle.
//
// Thread-safety: a kernel is created once per node and Compute may run
// concurrently (several Session::Run calls); kernels must keep no mutable
// state outside the OpKernelContext (or guard it). An OpKernelContext is
// used by one thread.
#ifndef TFPERSIST_RUNTIME_OP_KERNEL_H_
#define TFPERSIST_RUNTIME_OP_KERNEL_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "runtime/resource_mgr.h"
#include "tensorflow/core/framework/node_def.pb.h"
#include "tensorflow/core/framework/op_def.pb.h"
#include "tfpersist/base/env.h"
#include "tfpersist/base/statusor.h"
#include "tfpersist/core/tensor.h"

namespace Eigen {
struct ThreadPoolDevice;  // unsupported/Eigen/CXX11/Tensor; include in .cc
}  // namespace Eigen

namespace tfpersist {

// What flows along one edge at run time; exactly one of:
//  * `tensor`: a plain value (every non-ref, non-resource edge);
//  * `ref`: the variable behind a *_REF edge (TF1 ref variables);
//  * `handle`: the value of a DT_RESOURCE edge.
struct TensorValue {
  Tensor tensor;
  std::shared_ptr<Var> ref;
  std::optional<ResourceHandle> handle;

  bool is_ref() const { return ref != nullptr; }
  bool is_resource() const { return handle.has_value(); }
  static TensorValue OfTensor(Tensor t) { return {std::move(t), nullptr, {}}; }
  static TensorValue OfRef(std::shared_ptr<Var> v) {
    return {{}, std::move(v), {}};
  }
  static TensorValue OfHandle(ResourceHandle h) {
    return {{}, nullptr, std::move(h)};
  }
};

// Appends TF's node context to an error: "<msg>\n\t [[{{node NAME}}]]".
// OK stays OK; a status already naming the node is returned unchanged.
Status AttachNodeName(const Status& s, std::string_view node_name);

// Everything a kernel constructor may look at. Errors recorded with
// SetStatus make kernel creation fail (naming the node).
class OpKernelConstruction {
 public:
  // `def` and `op_def` must outlive this object; input/output types are the
  // node's runtime types (refs as *_REF), from InOutTypesForNode.
  OpKernelConstruction(const tensorflow::NodeDef& def,
                       const tensorflow::OpDef& op_def,
                       std::vector<DataType> input_types,
                       std::vector<DataType> output_types, Env* env);

  const tensorflow::NodeDef& def() const { return def_; }
  const tensorflow::OpDef& op_def() const { return op_def_; }
  const std::string& name() const { return def_.name(); }
  const std::string& type_string() const { return def_.op(); }
  int num_inputs() const { return static_cast<int>(input_types_.size()); }
  int num_outputs() const { return static_cast<int>(output_types_.size()); }
  DataType input_type(int i) const { return input_types_[i]; }
  DataType output_type(int i) const { return output_types_[i]; }
  const std::vector<DataType>& input_types() const { return input_types_; }
  const std::vector<DataType>& output_types() const { return output_types_; }
  // Never null.
  Env* env() const { return env_; }

  // Typed attribute access (defaults are already filled in). NOT_FOUND /
  // INVALID_ARGUMENT naming node and attr, as node_def_util.h.
  bool HasAttr(std::string_view name) const;
  Status GetAttr(std::string_view name, std::string* value) const;
  Status GetAttr(std::string_view name, int64_t* value) const;
  Status GetAttr(std::string_view name, int32_t* value) const;  // range-checked
  Status GetAttr(std::string_view name, float* value) const;
  Status GetAttr(std::string_view name, bool* value) const;
  Status GetAttr(std::string_view name, DataType* value) const;
  Status GetAttr(std::string_view name, PartialTensorShape* value) const;
  // INVALID_ARGUMENT unless the shape attr is fully defined.
  Status GetAttr(std::string_view name, TensorShape* value) const;
  Status GetAttr(std::string_view name, Tensor* value) const;
  Status GetAttr(std::string_view name, std::vector<int64_t>* value) const;
  Status GetAttr(std::string_view name, std::vector<int32_t>* value) const;
  Status GetAttr(std::string_view name, std::vector<DataType>* value) const;
  Status GetAttr(std::string_view name, std::vector<std::string>* value) const;

  // Records a construction error (the first one wins).
  void SetStatus(const Status& s) { status_.Update(s); }
  const Status& status() const { return status_; }

 private:
  const tensorflow::NodeDef& def_;
  const tensorflow::OpDef& op_def_;
  std::vector<DataType> input_types_;
  std::vector<DataType> output_types_;
  Env* env_;
  Status status_;
};

class OpKernelContext;

class OpKernel {
 public:
  // Copies what it needs from the construction (the NodeDef and types).
  explicit OpKernel(OpKernelConstruction* c);
  virtual ~OpKernel() = default;
  OpKernel(const OpKernel&) = delete;
  OpKernel& operator=(const OpKernel&) = delete;

  // Runs the op. Report errors with ctx->SetStatus / OP_REQUIRES; set every
  // output (ops that forward dead values, Switch, may leave outputs unset to
  // mark them dead). May be called concurrently.
  virtual void Compute(OpKernelContext* ctx) = 0;

  const tensorflow::NodeDef& def() const { return def_; }
  const std::string& name() const { return def_.name(); }
  const std::string& type_string() const { return def_.op(); }
  int num_inputs() const { return static_cast<int>(input_types_.size()); }
  int num_outputs() const { return static_cast<int>(output_types_.size()); }
  DataType input_type(int i) const { return input_types_[i]; }
  DataType output_type(int i) const { return output_types_[i]; }
  const std::vector<DataType>& input_types() const { return input_types_; }
  const std::vector<DataType>& output_types() const { return output_types_; }
  // The NodeDef input string of data input i ("v1", "x:1"), for messages.
  const std::string& requested_input(int i) const { return def_.input(i); }
  // OpDef's allows_uninitialized_input (Assign, IsVariableInitialized).
  bool allows_uninitialized_input() const { return allows_uninit_; }

 private:
  const tensorflow::NodeDef def_;
  const std::vector<DataType> input_types_;
  const std::vector<DataType> output_types_;
  const bool allows_uninit_;
};

// Converts the value arriving at input i of `kernel` to the kind the kernel
// declared: a ref arriving at a non-ref input becomes a snapshot of its
// variable. FAILED_PRECONDITION "Attempting to use uninitialized value
// <requested_input(i)>" when that variable is uninitialized (unless the op
// allows uninitialized input); INVALID_ARGUMENT naming the node when the
// value cannot serve the declared type (a plain tensor for a ref input, a
// wrong dtype).
Status PrepareInputValue(const OpKernel& kernel, int i, TensorValue* value);

// The per-call view a kernel computes in. Created by the executor (or the
// KernelTestHarness) for one Compute call.
class OpKernelContext {
 public:
  struct Params {
    const OpKernel* op_kernel = nullptr;  // required
    // One entry per kernel input, already converted to the declared kind
    // (plain / ref / handle). Required; not owned.
    const std::vector<TensorValue>* inputs = nullptr;
    // Per input: true when the value is dead (untaken Switch branch). Only
    // Merge-like kernels run with dead inputs. nullptr = none dead.
    const std::vector<bool>* input_dead = nullptr;
    Env* env = nullptr;                       // required
    ResourceMgr* resource_manager = nullptr;  // required
    // Resources that live for one Run (TF's step container: TensorArrays).
    // Not owned; nullptr means resource_manager (the kernel test harness).
    ResourceMgr* step_resource_manager = nullptr;
    // Intra-op parallelism for kernels using Eigen; may be nullptr (kernels
    // then compute on the calling thread).
    const Eigen::ThreadPoolDevice* eigen_device = nullptr;
  };

  // `params` must outlive the context.
  explicit OpKernelContext(const Params* params);

  const OpKernel& op_kernel() const { return *params_->op_kernel; }
  int num_inputs() const { return op_kernel().num_inputs(); }
  int num_outputs() const { return op_kernel().num_outputs(); }
  // Declared (runtime) types; refs are *_REF.
  DataType input_dtype(int i) const { return op_kernel().input_type(i); }
  DataType expected_output_dtype(int i) const {
    return op_kernel().output_type(i);
  }

  // REQUIRES: 0 <= i < num_inputs(), input i is a plain tensor (declared
  // neither ref nor DT_RESOURCE) and not dead.
  const Tensor& input(int i) const;
  // False when input i is dead (only seen by Merge / ControlTrigger).
  bool has_input(int i) const;
  // The variable behind ref input i. REQUIRES: IsRefType(input_dtype(i)).
  const std::shared_ptr<Var>& input_ref(int i) const;
  // REQUIRES: input_dtype(i) == DT_RESOURCE.
  const ResourceHandle& input_handle(int i) const;
  // Input i whatever its kind, for ops that forward values (Identity,
  // Switch, Merge, ...).
  const TensorValue& input_value(int i) const;

  // Allocates output i with the declared dtype (elements uninitialized,
  // strings empty). RESOURCE_EXHAUSTED when too large. The pointer stays
  // valid until the context is destroyed. REQUIRES: output i is plain.
  StatusOr<Tensor*> allocate_output(int i, const TensorShape& shape);
  // REQUIRES: t.dtype() == expected_output_dtype(i) (checked after Compute).
  void set_output(int i, Tensor t);
  // REQUIRES: IsRefType(expected_output_dtype(i)).
  void set_output_ref(int i, std::shared_ptr<Var> var);
  // REQUIRES: expected_output_dtype(i) == DT_RESOURCE.
  void set_output_handle(int i, ResourceHandle handle);
  // Forwards any kind of value to output i.
  void set_output_value(int i, TensorValue value);

  // Records an error (first wins); Compute should return right after.
  // The node name is attached as "\n\t [[{{node NAME}}]]".
  void SetStatus(const Status& s);
  const Status& status() const { return status_; }

  Env* env() const { return params_->env; }
  ResourceMgr* resource_manager() const { return params_->resource_manager; }
  // Per-Run resources, dropped when the Run ends (see Params). Never null.
  ResourceMgr* step_resource_manager() const {
    return params_->step_resource_manager != nullptr
               ? params_->step_resource_manager
               : params_->resource_manager;
  }
  const Eigen::ThreadPoolDevice* eigen_device() const {
    return params_->eigen_device;
  }

  // ---- for the executor / harness after Compute ----
  bool output_is_set(int i) const { return output_set_[i]; }
  TensorValue* mutable_output(int i) { return &outputs_[i]; }
  // INTERNAL naming the node when a set output has the wrong kind or dtype,
  // or (unless allow_missing) an output is unset.
  Status ValidateOutputs(bool allow_missing) const;

 private:
  const Params* params_;
  std::vector<TensorValue> outputs_;
  std::vector<bool> output_set_;
  Status status_;
};

}  // namespace tfpersist

// Kernel error macros (TensorFlow's names). CTX is an OpKernelConstruction*
// or OpKernelContext*; each returns from the enclosing void function.
#define OP_REQUIRES(CTX, EXP, STATUS) \
  do {                                \
    if (!(EXP)) {                     \
      (CTX)->SetStatus(STATUS);       \
      return;                         \
    }                                 \
  } while (0)

#define OP_REQUIRES_OK(CTX, ...)                   \
  do {                                             \
    ::tfpersist::Status tfp_op_s_ = (__VA_ARGS__); \
    if (!tfp_op_s_.ok()) {                         \
      (CTX)->SetStatus(tfp_op_s_);                 \
      return;                                      \
    }                                              \
  } while (0)

// OP_REQUIRES_ASSIGN(ctx, Tensor* out, ctx->allocate_output(0, shape));
#define OP_REQUIRES_ASSIGN(CTX, LHS, EXPR)                                    \
  OP_REQUIRES_ASSIGN_IMPL(TFP_STATUS_CONCAT(tfp_op_sor_, __LINE__), CTX, LHS, \
                          EXPR)
#define OP_REQUIRES_ASSIGN_IMPL(VAR, CTX, LHS, EXPR) \
  auto VAR = (EXPR);                                 \
  if (!VAR.ok()) {                                   \
    (CTX)->SetStatus(VAR.status());                  \
    return;                                          \
  }                                                  \
  LHS = std::move(VAR).value()

#endif  // TFPERSIST_RUNTIME_OP_KERNEL_H_
