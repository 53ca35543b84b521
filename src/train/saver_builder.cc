// The Saver's save/restore subgraph, node for node as TF 1.15's
// BulkSaverBuilder builds it (see saver_builder.h and spec meta-graph.md §4).
#include "train/saver_builder.h"

#include <cstdio>

#include "graph/node_def_util.h"
#include "tfpersist/base/env.h"
#include "tfpersist/graph/ops.h"

namespace tfpersist {
namespace {

using DeviceGroups = std::map<std::string, std::vector<SaveableVariable>>;

Tensor StringVector(const std::vector<std::string>& values) {
  return Tensor::FromVector<tstring>(values);
}

// Python's op-creation scope: Consts made by `make_inputs` are named
// "<op>/<arg>"; returns the op's exact name (trailing '/') for AddNode.
template <typename F>
std::string InOpScope(GraphBuilder& b, std::string_view op, F&& make_inputs) {
  auto scope = b.NameScope(op);
  std::string name = b.name_scope();
  make_inputs();
  return name;
}

Output FilenameTensor(GraphBuilder& b, const std::string& filename) {
  Output input;
  const std::string name = InOpScope(b, "filename", [&] {
    input = Constant(b, Tensor::Scalar<tstring>(filename), "input");
  });
  const PartialTensorShape scalar{TensorShape()};
  Output f = PlaceholderWithDefault(b, input, scalar, name);
  // TF keeps the name "Const" for compatibility with older graphs.
  return PlaceholderWithDefault(b, f, scalar, "Const");
}

// control_flow_ops.with_dependencies(deps, out).
Output WithDependencies(GraphBuilder& b, const std::vector<Node*>& deps,
                        Output out) {
  const std::string name = InOpScope(b, "control_dependency", [] {});
  if (out.node == nullptr) return out;
  auto colocate = b.ColocateWith(out.node);
  auto control = b.ControlDependencies(deps);
  return Identity(b, out, name);
}

// control_flow_ops.group(*deps, name=name): one NoOp per device.
Node* GroupByDevice(GraphBuilder& b, const std::vector<Node*>& deps,
                    std::string_view name) {
  std::map<std::string, std::vector<Node*>> by_device;
  for (Node* d : deps) {
    if (d != nullptr) by_device[d->device()].push_back(d);
  }
  auto scope = b.NameScope(name);
  const std::string op_name = b.name_scope();
  if (by_device.size() == 1) {
    auto device = b.Device(by_device.begin()->first);
    auto control = b.ControlDependencies(by_device.begin()->second);
    return NoOp(b, op_name);
  }
  std::vector<Node*> per_device;
  for (const auto& [device_name, ops] : by_device) {
    auto device = b.Device(device_name);
    auto control = b.ControlDependencies(ops);
    per_device.push_back(NoOp(b, "NoOp"));
  }
  auto control = b.ControlDependencies(per_device);
  return NoOp(b, op_name);
}

bool IsResource(const Node* var) { return var->op() == "VarHandleOp"; }

// The dtype of the variable's value (a VarHandleOp's `dtype` attr).
DataType ValueDtype(Node* var) {
  if (!IsResource(var)) return BaseType(Output{var, 0}.dtype());
  auto dtype = GetTypeAttr(var->def(), "dtype");
  return dtype.ok() ? *dtype : DT_INVALID;
}

// What SaveV2 reads: a ref variable itself; for a resource variable TF1's
// ResourceVariableSaveable: v.read_value() (Read/ReadVariableOp + Identity
// on the variable's device) copied to the CPU by one more Identity.
Output SaveTensor(GraphBuilder& b, const SaveableVariable& v) {
  if (!IsResource(v.var)) return Output{v.var, 0};
  auto device = b.Device(v.var->device());
  Output value;
  {
    auto scope = b.NameScope("Read");
    value = AddOp(b, "ReadVariableOp", "ReadVariableOp", {Output{v.var, 0}},
                  {{"dtype", MakeAttr(ValueDtype(v.var))}});
  }
  Output read = Identity(b, value);
  auto cpu = b.Device("/device:CPU:0");
  return Identity(b, read);
}

// saveable.restore(): Assign for a ref variable (validate_shape when its
// shape is known); Identity on the variable's device + AssignVariableOp for
// a resource variable.
Node* RestoreOne(GraphBuilder& b, const SaveableVariable& v, Output restored) {
  if (IsResource(v.var)) {
    auto device = b.Device(v.var->device());
    Output copy = Identity(b, restored);
    return b.AddNode("AssignVariableOp", "AssignVariableOp",
                     {Output{v.var, 0}, copy},
                     {{"dtype", MakeAttr(ValueDtype(v.var))}});
  }
  auto shape = GetShapeAttr(v.var->def(), "shape");
  const bool validate = shape.ok() && shape->IsFullyDefined();
  return Assign(b, Output{v.var, 0}, restored, validate, /*use_locking=*/true,
                "Assign")
      .node;
}

// V2: "SaveV2"; V1: io_ops._save(..., name="save") -> SaveSlices "save".
Output AddSaveOps(GraphBuilder& b, Output filename,
                  const std::vector<SaveableVariable>& vars, bool v1) {
  std::vector<std::string> names, slices;
  std::vector<Output> tensors;
  for (const SaveableVariable& v : vars) {
    names.push_back(v.key);
    slices.push_back(v.slice_spec);
    tensors.push_back(SaveTensor(b, v));
  }
  Output names_t, slices_t;
  const std::string op = InOpScope(b, v1 ? "save" : "SaveV2", [&] {
    names_t = Constant(b, StringVector(names), "tensor_names");
    slices_t = Constant(b, StringVector(slices),
                        v1 ? "shapes_and_slices" : "shape_and_slices");
  });
  Node* save = b.AddNode(v1 ? "SaveSlices" : "SaveV2", op,
                         {filename, names_t, slices_t, tensors}, {});
  return WithDependencies(b, {save}, filename);
}

Node* AddRestoreOps(GraphBuilder& b, Output filename,
                    const std::vector<SaveableVariable>& vars,
                    std::string_view group_name) {
  Node* restore = nullptr;
  {
    auto device = b.Device("/device:CPU:0");
    std::vector<std::string> names, slices;
    std::vector<DataType> dtypes;
    for (const SaveableVariable& v : vars) {
      names.push_back(v.key);
      slices.push_back(v.slice_spec);
      dtypes.push_back(ValueDtype(v.var));
    }
    Output names_t, slices_t;
    const std::string op = InOpScope(b, "RestoreV2", [&] {
      names_t = Constant(b, StringVector(names), "tensor_names");
      slices_t = Constant(b, StringVector(slices), "shape_and_slices");
    });
    restore = b.AddNode("RestoreV2", op, {filename, names_t, slices_t},
                        {{"dtypes", MakeAttr(dtypes)}});
  }
  std::vector<Node*> assigns;
  for (size_t i = 0; i < vars.size() && restore != nullptr; ++i) {
    assigns.push_back(
        RestoreOne(b, vars[i], Output{restore, static_cast<int>(i)}));
  }
  return GroupByDevice(b, assigns, group_name);
}

std::string TempSuffix() {
  char hex[33];
  std::snprintf(hex, sizeof(hex), "%016llx%016llx",
                static_cast<unsigned long long>(RandomU64()),
                static_cast<unsigned long long>(RandomU64()));
  return StrCat("_temp_", hex, "/part");
}

Output AddShardedSaveOps(GraphBuilder& b, Output filename,
                         const DeviceGroups& per_device) {
  Output suffix;
  const std::string join = InOpScope(b, "StringJoin", [&] {
    suffix = Constant(b, Tensor::Scalar<tstring>(TempSuffix()), "inputs_1");
  });
  Output tmp_prefix =
      AddOp(b, "StringJoin", join, {std::vector<Output>{filename, suffix}},
            {{"separator", MakeAttr("")}});
  Output num_shards = Constant(
      b, Tensor::Scalar<int32_t>(static_cast<int32_t>(per_device.size())),
      "num_shards");
  std::vector<Output> prefixes;
  std::vector<Node*> saves;
  std::string last_device;
  int32_t shard = 0;
  for (const auto& [device_name, vars] : per_device) {
    last_device = device_name;
    auto device = b.Device(SetCpu0(device_name));
    Output shard_t;
    const std::string op = InOpScope(b, "ShardedFilename", [&] {
      shard_t = Constant(b, Tensor::Scalar<int32_t>(shard++), "shard");
    });
    Output name =
        AddOp(b, "ShardedFilename", op, {tmp_prefix, shard_t, num_shards});
    prefixes.push_back(name);
    saves.push_back(AddSaveOps(b, name, vars, /*v1=*/false).node);
  }
  auto control = b.ControlDependencies(saves);
  auto device = b.Device(SetCpu0(last_device));
  Output packed;
  const std::string merge_name = InOpScope(b, "MergeV2Checkpoints", [&] {
    packed = AddOp(b, "Pack", "checkpoint_prefixes", {prefixes},
                   {{"axis", MakeAttr(int64_t{0})}});
  });
  Node* merge = b.AddNode("MergeV2Checkpoints", merge_name, {packed, filename},
                          {{"delete_old_dirs", MakeAttr(true)}});
  auto after_merge = b.ControlDependencies({merge});
  return Identity(b, filename, "Identity");
}

Node* AddShardedRestoreOps(GraphBuilder& b, Output filename,
                           const DeviceGroups& per_device) {
  std::vector<Node*> shards;
  for (const auto& [device_name, vars] : per_device) {
    auto device = b.Device(device_name);
    shards.push_back(AddRestoreOps(b, filename, vars, "restore_shard"));
  }
  return GroupByDevice(b, shards, "restore_all");
}

// V1 sharded: one SaveSlices per device into ShardedFilename(filename, i,
// n), then ShardedFilespec(filename, n) ("P-?????-of-0000n") as the save
// tensor; no merge step.
Output AddShardedSaveOpsV1(GraphBuilder& b, Output filename,
                           const DeviceGroups& per_device) {
  Output num_shards = Constant(
      b, Tensor::Scalar<int32_t>(static_cast<int32_t>(per_device.size())),
      "num_shards");
  std::vector<Node*> saves;
  int32_t shard = 0;
  for (const auto& [device_name, vars] : per_device) {
    auto device = b.Device(device_name);
    Output shard_t;
    const std::string op = InOpScope(b, "ShardedFilename", [&] {
      shard_t = Constant(b, Tensor::Scalar<int32_t>(shard++), "shard");
    });
    Output name =
        AddOp(b, "ShardedFilename", op, {filename, shard_t, num_shards});
    saves.push_back(AddSaveOps(b, name, vars, /*v1=*/true).node);
  }
  auto control = b.ControlDependencies(saves);
  return AddOp(b, "ShardedFilespec", "ShardedFilespec", {filename, num_shards});
}

Status CheckVersion(const SaverBuildOptions& options) {
  if (options.version != tensorflow::SaverDef::V2 &&
      options.version != tensorflow::SaverDef::V1) {
    return errors::InvalidArgument("Saver: write_version must be V1 or V2");
  }
  return OkStatus();
}

}  // namespace

std::string SetCpu0(const std::string& device) {
  std::string kept;
  for (const std::string& part : StrSplit(device, '/', /*skip_empty=*/true)) {
    const bool is_device = part.starts_with("device:") ||
                           part.starts_with("cpu:") ||
                           part.starts_with("gpu:") ||
                           part.starts_with("CPU:") || part.starts_with("GPU:");
    if (!is_device) kept += StrCat("/", part);
  }
  return kept + "/device:CPU:0";
}

StatusOr<tensorflow::SaverDef> BuildSaverGraph(
    GraphBuilder& b, const std::vector<SaveableVariable>& saveables,
    const SaverBuildOptions& options) {
  TFP_RETURN_IF_ERROR(CheckVersion(options));
  const bool v1 = options.version == tensorflow::SaverDef::V1;
  auto scope = b.NameScope(options.name);
  Output filename = FilenameTensor(b, options.filename);
  Output save_tensor;
  Node* restore_op = nullptr;
  if (options.sharded) {
    DeviceGroups per_device;
    for (const SaveableVariable& v : saveables) {
      per_device[v.var->device()].push_back(v);
    }
    save_tensor = v1 ? AddShardedSaveOpsV1(b, filename, per_device)
                     : AddShardedSaveOps(b, filename, per_device);
    restore_op = AddShardedRestoreOps(b, filename, per_device);
  } else {
    save_tensor = AddSaveOps(b, filename, saveables, v1);
    restore_op = AddRestoreOps(b, filename, saveables, "restore_all");
  }
  TFP_RETURN_IF_ERROR_CTX(b.status(), "building Saver '", options.name, "'");
  tensorflow::SaverDef def;
  def.set_filename_tensor_name(filename.name());
  def.set_save_tensor_name(save_tensor.name());
  def.set_restore_op_name(restore_op->name());
  def.set_max_to_keep(options.max_to_keep);
  def.set_sharded(options.sharded);
  def.set_keep_checkpoint_every_n_hours(options.keep_checkpoint_every_n_hours);
  def.set_version(options.version);
  return def;
}

}  // namespace tfpersist
