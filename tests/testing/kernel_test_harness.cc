#include "testing/kernel_test_harness.h"

#include "graph/op_registry.h"
#include "runtime/cpu_device.h"
#include "runtime/kernel_registry.h"

namespace tfpersist::testing {

KernelTester::KernelTester(std::string op_type)
    : op_type_(std::move(op_type)),
      own_rm_(std::make_unique<ResourceMgr>()),
      rm_(own_rm_.get()) {}

KernelTester::~KernelTester() = default;

KernelTester& KernelTester::Name(std::string name) {
  name_ = std::move(name);
  return *this;
}

KernelTester& KernelTester::AttrValue(const std::string& name,
                                      const tensorflow::AttrValue& value) {
  attrs_.emplace_back(name, value);
  return *this;
}

KernelTester& KernelTester::Input(Tensor t) {
  DataType dt = t.dtype();
  args_.push_back({{TensorValue::OfTensor(std::move(t))}, {dt}, {false}});
  return *this;
}

KernelTester& KernelTester::InputList(std::vector<Tensor> ts,
                                      std::vector<bool> dead) {
  Arg arg;
  dead.resize(ts.size(), false);
  for (size_t i = 0; i < ts.size(); ++i) {
    arg.dtypes.push_back(ts[i].dtype());
    arg.values.push_back(dead[i] ? TensorValue()
                                 : TensorValue::OfTensor(std::move(ts[i])));
  }
  arg.dead = std::move(dead);
  args_.push_back(std::move(arg));
  return *this;
}

KernelTester& KernelTester::RefInput(std::shared_ptr<Var> var) {
  DataType dt = var->dtype();
  args_.push_back({{TensorValue::OfRef(std::move(var))}, {dt}, {false}});
  return *this;
}

KernelTester& KernelTester::ResourceInput(ResourceHandle handle) {
  args_.push_back(
      {{TensorValue::OfHandle(std::move(handle))}, {DT_RESOURCE}, {false}});
  return *this;
}

KernelTester& KernelTester::DeadInput(DataType dtype) {
  args_.push_back({{TensorValue()}, {dtype}, {true}});
  return *this;
}

KernelTester& KernelTester::WithResourceMgr(ResourceMgr* rm) {
  rm_ = rm;
  return *this;
}

Status KernelTester::InferAttrs(const tensorflow::OpDef& op_def,
                                tensorflow::NodeDef* node) const {
  if (op_def.input_arg_size() != static_cast<int>(args_.size())) {
    return errors::InvalidArgument("KernelTester: op ", op_type_, " has ",
                                   op_def.input_arg_size(), " input args but ",
                                   args_.size(), " were given");
  }
  auto* attrs = node->mutable_attr();
  auto set_if_absent = [&](const std::string& name,
                           const tensorflow::AttrValue& v) {
    if (!name.empty() && attrs->find(name) == attrs->end()) {
      (*attrs)[name] = v;
    }
  };
  for (int k = 0; k < op_def.input_arg_size(); ++k) {
    const tensorflow::OpDef::ArgDef& def = op_def.input_arg(k);
    const Arg& arg = args_[k];
    if (!def.number_attr().empty()) {
      set_if_absent(def.number_attr(),
                    MakeAttr(static_cast<int64_t>(arg.values.size())));
    }
    if (!def.type_list_attr().empty()) {
      set_if_absent(def.type_list_attr(), MakeAttr(arg.dtypes));
    } else if (!def.type_attr().empty() && !arg.dtypes.empty()) {
      set_if_absent(def.type_attr(), MakeAttr(arg.dtypes[0]));
    }
  }
  return OkStatus();
}

StatusOr<tensorflow::NodeDef> KernelTester::BuildNodeDef() const {
  TFP_ASSIGN_OR_RETURN(const tensorflow::OpDef* op_def,
                       OpRegistry::Global()->LookUpOpDef(op_type_));
  tensorflow::NodeDef node;
  node.set_name(name_);
  node.set_op(op_type_);
  for (const auto& [name, value] : attrs_) (*node.mutable_attr())[name] = value;
  TFP_RETURN_IF_ERROR(InferAttrs(*op_def, &node));
  AddDefaultsToNodeDef(*op_def, &node);
  int n = 0;
  for (const Arg& arg : args_) {
    for (size_t j = 0; j < arg.values.size(); ++j) {
      node.add_input(StrCat("input_", n++));
    }
  }
  TFP_RETURN_IF_ERROR(ValidateNodeDef(node, *op_def));
  return node;
}

namespace {

const CpuDevice& TestDevice() {
  static const CpuDevice* const device = new CpuDevice(2);
  return *device;
}

}  // namespace

Status KernelTester::PrepareInputs(const OpKernel& kernel,
                                   std::vector<TensorValue>* inputs,
                                   std::vector<bool>* dead) const {
  for (const Arg& arg : args_) {
    for (size_t j = 0; j < arg.values.size(); ++j) {
      inputs->push_back(arg.values[j]);
      dead->push_back(arg.dead[j]);
      if (arg.dead[j]) continue;
      Status s = PrepareInputValue(kernel, inputs->size() - 1, &inputs->back());
      if (!s.ok()) return AttachNodeName(s, name_);
    }
  }
  return OkStatus();
}

KernelRun KernelTester::RunValues() {
  KernelRun run;
  auto node = BuildNodeDef();
  if (!node.ok()) return {node.status(), {}, {}};
  auto op_def = OpRegistry::Global()->LookUpOpDef(op_type_);
  if (!op_def.ok()) return {op_def.status(), {}, {}};
  auto kernel =
      KernelRegistry::Global()->CreateKernel(*node, **op_def, Env::Default());
  if (!kernel.ok()) return {kernel.status(), {}, {}};
  std::vector<TensorValue> inputs;
  std::vector<bool> dead;
  Status s = PrepareInputs(**kernel, &inputs, &dead);
  if (!s.ok()) return {s, {}, {}};
  OpKernelContext::Params params;
  params.op_kernel = kernel->get();
  params.inputs = &inputs;
  params.input_dead = &dead;
  params.env = Env::Default();
  params.resource_manager = rm_;
  params.eigen_device = TestDevice().eigen_device();
  OpKernelContext ctx(&params);
  (*kernel)->Compute(&ctx);
  run.status = ctx.status();
  if (run.status.ok()) run.status = ctx.ValidateOutputs(/*allow_missing=*/true);
  for (int i = 0; i < ctx.num_outputs(); ++i) {
    run.dead.push_back(!ctx.output_is_set(i));
    run.outputs.push_back(*ctx.mutable_output(i));
  }
  return run;
}

StatusOr<std::vector<Tensor>> KernelTester::Run() {
  KernelRun run = RunValues();
  if (!run.status.ok()) return run.status;
  std::vector<Tensor> out;
  for (size_t i = 0; i < run.outputs.size(); ++i) {
    TensorValue& v = run.outputs[i];
    if (run.dead[i]) {
      return errors::Internal("KernelTester: output ", i, " of ", op_type_,
                              " was not set (dead)");
    }
    if (v.is_resource()) {
      return errors::Internal("KernelTester: output ", i, " of ", op_type_,
                              " is a resource handle; use RunValues()");
    }
    if (v.is_ref()) {
      Tensor t;
      if (!v.ref->Snapshot(&t)) {
        return errors::FailedPrecondition("KernelTester: ref output ", i,
                                          " is uninitialized");
      }
      out.push_back(std::move(t));
      continue;
    }
    out.push_back(std::move(v.tensor));
  }
  return out;
}

StatusOr<Tensor> KernelTester::RunOutput(int i) {
  TFP_ASSIGN_OR_RETURN(std::vector<Tensor> out, Run());
  if (i < 0 || i >= static_cast<int>(out.size())) {
    return errors::InvalidArgument("KernelTester: ", op_type_, " has ",
                                   out.size(), " outputs, asked for ", i);
  }
  return out[i];
}

}  // namespace tfpersist::testing
