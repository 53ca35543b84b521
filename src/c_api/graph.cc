// TF_Graph: creation/deletion (deferred while sessions use it), lookup,
// enumeration, static shapes and serialization.
#include "c_api/c_api_internal.h"
#include "core/tensor_proto.h"
#include "graph/op_registry.h"

namespace tfpersist::capi {

void RefineShapes(TF_Graph* graph, const std::vector<Node*>& nodes) {
  for (const Node* n : nodes) {
    // A shape error leaves the node's shapes unknown (as TF's importer
    // would have refused it already; our runtime reports it when run).
    (void)graph->refiner.AddNode(n);
  }
}

namespace {

// The output's static shape (TF_GraphSetTensorShape overrides inference).
// REQUIRES: graph->mu held.
StatusOr<PartialTensorShape> OutputShape(TF_Graph* graph, TF_Output output) {
  const Node* node = ToNode(output.oper);
  if (node == nullptr)
    return errors::InvalidArgument("Output has no operation");
  if (output.index < 0 || output.index >= node->num_outputs()) {
    return errors::OutOfRange("Node '", node->name(), "' (type: '", node->op(),
                              "', num of outputs: ", node->num_outputs(),
                              ") does not have output ", output.index);
  }
  auto it = graph->set_shapes.find({node, output.index});
  if (it != graph->set_shapes.end()) return it->second;
  return graph->refiner.OutputShape(
      Output{const_cast<Node*>(node), output.index});
}

}  // namespace
}  // namespace tfpersist::capi

using tfpersist::capi::Set;
using tfpersist::capi::SetOk;
using tfpersist::capi::ToNode;
using tfpersist::capi::ToOper;
namespace errors = tfpersist::errors;

extern "C" {

TF_Graph* TF_NewGraph(void) {
  auto* g = new TF_Graph;
  g->graph = std::make_unique<tfpersist::Graph>();
  g->refiner.set_use_output_shapes_attr(true);
  return g;
}

void TF_DeleteGraph(TF_Graph* g) {
  if (g == nullptr) return;
  {
    std::lock_guard<std::mutex> lock(g->mu);
    g->delete_requested = true;
    if (g->num_sessions > 0) return;  // the last TF_DeleteSession frees it
  }
  delete g;
}

TF_Operation* TF_GraphOperationByName(TF_Graph* graph, const char* oper_name) {
  if (graph == nullptr || oper_name == nullptr) return nullptr;
  std::lock_guard<std::mutex> lock(graph->mu);
  return ToOper(graph->graph->FindNode(oper_name));
}

TF_Operation* TF_GraphNextOperation(TF_Graph* graph, size_t* pos) {
  if (graph == nullptr || pos == nullptr) return nullptr;
  std::lock_guard<std::mutex> lock(graph->mu);
  const auto& nodes = graph->graph->nodes();
  if (*pos >= nodes.size()) return nullptr;
  return ToOper(nodes[(*pos)++]);
}

void TF_GraphSetTensorShape(TF_Graph* graph, TF_Output output,
                            const int64_t* dims, const int num_dims,
                            TF_Status* status) {
  if (graph == nullptr || (num_dims > 0 && dims == nullptr)) {
    Set(status,
        errors::InvalidArgument("TF_GraphSetTensorShape: bad arguments"));
    return;
  }
  std::lock_guard<std::mutex> lock(graph->mu);
  auto current = tfpersist::capi::OutputShape(graph, output);
  if (!current.ok()) {
    Set(status, current.status());
    return;
  }
  tfpersist::PartialTensorShape shape;
  if (num_dims >= 0) {
    auto built = tfpersist::PartialTensorShape::Build(
        std::span<const int64_t>(dims, num_dims));
    if (!built.ok()) {
      Set(status, built.status());
      return;
    }
    shape = *built;
  }
  if (!current->IsCompatibleWith(shape)) {
    Set(status,
        errors::InvalidArgument("Shapes must be equal rank, but are ",
                                current->dims(), " and ", shape.dims()));
    return;
  }
  // Keep the more specific of the two (TF merges them).
  if (shape.unknown_rank()) shape = *current;
  if (!current->unknown_rank()) {
    std::vector<int64_t> merged = shape.dim_sizes();
    for (int i = 0; i < current->dims(); ++i) {
      if (merged[i] < 0) merged[i] = current->dim_size(i);
    }
    shape = tfpersist::PartialTensorShape(std::span<const int64_t>(merged));
  }
  graph->set_shapes[{ToNode(output.oper), output.index}] = shape;
  SetOk(status);
}

int TF_GraphGetTensorNumDims(TF_Graph* graph, TF_Output output,
                             TF_Status* status) {
  if (graph == nullptr) {
    Set(status, errors::InvalidArgument("NULL graph"));
    return -1;
  }
  std::lock_guard<std::mutex> lock(graph->mu);
  auto shape = tfpersist::capi::OutputShape(graph, output);
  Set(status, shape.status());
  return shape.ok() ? shape->dims() : -1;
}

void TF_GraphGetTensorShape(TF_Graph* graph, TF_Output output, int64_t* dims,
                            int num_dims, TF_Status* status) {
  if (graph == nullptr) {
    Set(status, errors::InvalidArgument("NULL graph"));
    return;
  }
  std::lock_guard<std::mutex> lock(graph->mu);
  auto shape = tfpersist::capi::OutputShape(graph, output);
  if (!shape.ok()) {
    Set(status, shape.status());
    return;
  }
  if (num_dims != shape->dims()) {
    Set(status, errors::InvalidArgument("Expected rank is ", num_dims,
                                        " but actual rank is ", shape->dims()));
    return;
  }
  if (num_dims > 0 && dims == nullptr) {
    Set(status, errors::InvalidArgument("NULL dims"));
    return;
  }
  for (int i = 0; i < num_dims; ++i) dims[i] = shape->dim_size(i);
  SetOk(status);
}

void TF_GraphToGraphDef(TF_Graph* graph, TF_Buffer* output_graph_def,
                        TF_Status* status) {
  if (graph == nullptr) {
    Set(status, errors::InvalidArgument("NULL graph"));
    return;
  }
  std::string bytes;
  {
    std::lock_guard<std::mutex> lock(graph->mu);
    graph->graph->ToGraphDef().SerializeToString(&bytes);
  }
  Set(status, tfpersist::capi::FillBuffer(bytes, output_graph_def));
}

void TF_GraphGetOpDef(TF_Graph* graph, const char* op_name,
                      TF_Buffer* output_op_def, TF_Status* status) {
  if (graph == nullptr || op_name == nullptr) {
    Set(status, errors::InvalidArgument("NULL graph or op name"));
    return;
  }
  std::string bytes;
  {
    std::lock_guard<std::mutex> lock(graph->mu);
    auto op_def = graph->graph->LookUpOpDef(op_name);
    if (!op_def.ok()) {
      Set(status, op_def.status());
      return;
    }
    (*op_def)->SerializeToString(&bytes);
  }
  Set(status, tfpersist::capi::FillBuffer(bytes, output_op_def));
}

void TF_GraphVersions(TF_Graph* graph, TF_Buffer* output_version_def,
                      TF_Status* status) {
  if (graph == nullptr) {
    Set(status, errors::InvalidArgument("NULL graph"));
    return;
  }
  std::string bytes;
  {
    std::lock_guard<std::mutex> lock(graph->mu);
    graph->graph->versions().SerializeToString(&bytes);
  }
  Set(status, tfpersist::capi::FillBuffer(bytes, output_version_def));
}

unsigned char TF_TryEvaluateConstant(TF_Graph* graph, TF_Output output,
                                     TF_Tensor** result, TF_Status* status) {
  // Folds Const outputs; anything else is reported as not constant (0),
  // which TF's contract allows ("returns false if it cannot be evaluated").
  if (result != nullptr) *result = nullptr;
  if (graph == nullptr || output.oper == nullptr || result == nullptr) {
    Set(status, errors::InvalidArgument("NULL graph, output or result"));
    return 0;
  }
  const tfpersist::Node* n = ToNode(output.oper);
  SetOk(status);
  if (n->op() != "Const" || output.index != 0) return 0;
  auto it = n->def().attr().find("value");
  if (it == n->def().attr().end()) return 0;
  auto t = tfpersist::TensorFromProto(it->second.tensor());
  if (!t.ok()) {
    Set(status, t.status());
    return 0;
  }
  *result = tfpersist::capi::FromTensor(*t);
  return 1;
}

int TF_GraphNumFunctions(TF_Graph* g) {
  if (g == nullptr) return 0;
  std::lock_guard<std::mutex> lock(g->mu);
  return g->graph->library().function_size();
}

TF_Buffer* TF_GetAllOpList(void) {
  tensorflow::OpList list;
  const tfpersist::OpRegistry* registry = tfpersist::OpRegistry::Global();
  for (const std::string& name : registry->ListOps()) {
    auto op = registry->LookUpOpDef(name);
    if (op.ok()) *list.add_op() = **op;
  }
  std::string bytes;
  list.SerializeToString(&bytes);
  return TF_NewBufferFromString(bytes.data(), bytes.size());
}

}  // extern "C"
