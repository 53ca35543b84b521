// KernelTester: runs one kernel alone, without a Session or a graph
// (cf. TFLM's KernelRunner). The NodeDef is built from the op's registered
// OpDef; type attrs ("T", "N", list(type)) are inferred from the inputs
// unless set explicitly, and attr defaults are filled in.
//
//   TFP_ASSERT_OK_AND_ASSIGN(Tensor y, KernelTester("Reshape")
//       .Input<float>({1, 2, 3, 4}, {2, 2}).Input<int32_t>({-1}).RunOutput());
//   EXPECT_THAT(KernelTester("Reshape").Input<float>({1, 2, 3})
//                   .Input<int32_t>({2}).Run(),
//               StatusIs(StatusCode::kInvalidArgument, HasSubstr("...")));
//
// Each Input/InputList call fills one input argument of the OpDef, in order.
// Variables and resources live in the tester's ResourceMgr (or one given
// with WithResourceMgr, to share state across runs).
//
// Thread-safety: a KernelTester is used by one thread.
#ifndef TFPERSIST_TESTS_TESTING_KERNEL_TEST_HARNESS_H_
#define TFPERSIST_TESTS_TESTING_KERNEL_TEST_HARNESS_H_

#include <gmock/gmock.h>

#include <memory>
#include <string>
#include <vector>

#include "graph/node_def_util.h"
#include "runtime/op_kernel.h"
#include "tensorflow/core/framework/node_def.pb.h"
#include "tfpersist/core/tensor.h"

namespace tfpersist::testing {

// The outcome of one Compute: its status (construction errors included) and
// every output; an output left unset (a dead Switch branch) has dead[i].
struct KernelRun {
  Status status;
  std::vector<TensorValue> outputs;
  std::vector<bool> dead;
};

class KernelTester {
 public:
  // Node name defaults to "test_node".
  explicit KernelTester(std::string op_type);
  ~KernelTester();
  KernelTester(KernelTester&&) noexcept = default;
  KernelTester& operator=(KernelTester&&) noexcept = default;

  KernelTester& Name(std::string name);
  template <typename T>
  KernelTester& Attr(const std::string& name, const T& value) {
    return AttrValue(name, MakeAttr(value));
  }
  KernelTester& AttrValue(const std::string& name,
                          const tensorflow::AttrValue& value);

  // One single-tensor input argument.
  KernelTester& Input(Tensor t);
  template <typename T>
  KernelTester& Input(const std::vector<T>& values) {
    return Input(Tensor::FromVector(values));
  }
  template <typename T>
  KernelTester& Input(const std::vector<T>& values, const TensorShape& shape) {
    return Input(Tensor::FromVector(values, shape));
  }
  template <typename T>
  KernelTester& ScalarInput(T value) {
    return Input(Tensor::Scalar<T>(std::move(value)));
  }
  // One list argument ("N * T" or "list(type)"). Elements with dead[i]
  // arrive dead (for Merge); their tensors give only the dtype.
  KernelTester& InputList(std::vector<Tensor> ts, std::vector<bool> dead = {});
  // A ref input (Ref(T) args): the variable itself.
  KernelTester& RefInput(std::shared_ptr<Var> var);
  // A DT_RESOURCE input.
  KernelTester& ResourceInput(ResourceHandle handle);
  // A dead input of the given dtype (for Merge / ControlTrigger tests).
  KernelTester& DeadInput(DataType dtype);
  // Uses `rm` (not owned, must outlive the tester) instead of a private one.
  KernelTester& WithResourceMgr(ResourceMgr* rm);

  // The NodeDef that Run uses (after inference and defaults), checked
  // against the OpDef (ValidateNodeDef) as graph construction would.
  StatusOr<tensorflow::NodeDef> BuildNodeDef() const;

  // Builds the kernel and runs Compute once.
  KernelRun RunValues();
  // Plain outputs (a ref output reads its variable); an error when the run
  // fails or an output is dead or a resource.
  StatusOr<std::vector<Tensor>> Run();
  // Output i of Run().
  StatusOr<Tensor> RunOutput(int i = 0);

  ResourceMgr* resource_manager() { return rm_; }

 private:
  struct Arg {
    std::vector<TensorValue> values;
    std::vector<DataType> dtypes;  // base types
    std::vector<bool> dead;        // per value
  };
  Status InferAttrs(const tensorflow::OpDef& op_def,
                    tensorflow::NodeDef* node) const;
  // Flattens the args into kernel inputs, converting refs as the executor
  // does (PrepareInputValue).
  Status PrepareInputs(const OpKernel& kernel, std::vector<TensorValue>* inputs,
                       std::vector<bool>* dead) const;

  std::string op_type_;
  std::string name_ = "test_node";
  std::vector<std::pair<std::string, tensorflow::AttrValue>> attrs_;
  std::vector<Arg> args_;
  std::unique_ptr<ResourceMgr> own_rm_;
  ResourceMgr* rm_;
};

// Matches a Tensor with the same dtype, shape and values as `expected`
// (bitwise for floats).
MATCHER_P(TensorEq, expected, "equals " + expected.DebugString(10)) {
  *result_listener << "is " << arg.DebugString(10);
  return arg.IsSameAs(expected);
}

// Matches an OK StatusOr<Tensor> holding a tensor equal to `expected`:
//   EXPECT_THAT(KernelTester("Shape").Input(x).RunOutput(),
//               HoldsTensor(Tensor::FromVector<int32_t>({2, 3})));
MATCHER_P(HoldsTensor, expected, "holds " + expected.DebugString(10)) {
  if (!arg.ok()) {
    *result_listener << "status is " << arg.status();
    return false;
  }
  *result_listener << "holds " << arg->DebugString(10);
  return arg->IsSameAs(expected);
}

// Matches a float/double Tensor of the same shape whose values are within
// `tol` of `expected`'s.
MATCHER_P2(TensorNear, expected, tol, "is near " + expected.DebugString(10)) {
  *result_listener << "is " << arg.DebugString(10);
  if (arg.dtype() != expected.dtype() || !(arg.shape() == expected.shape())) {
    return false;
  }
  for (int64_t i = 0; i < arg.NumElements(); ++i) {
    double a = arg.ElementAsDouble(i), e = expected.ElementAsDouble(i);
    if (!(a - e <= tol && e - a <= tol)) return false;
  }
  return true;
}

}  // namespace tfpersist::testing

#endif  // TFPERSIST_TESTS_TESTING_KERNEL_TEST_HARNESS_H_
