// Graph: a TensorFlow graph as nodes (NodeDef + OpDef + edges), built node
// by node (GraphBuilder, ops.h) or from a GraphDef, and written back as a
// GraphDef TF reads.
//
//   TFP_ASSIGN_OR_RETURN(auto graph, Graph::FromGraphDef(graph_def));
//   TFP_ASSIGN_OR_RETURN(Output y, graph->tensor("Net/add:0"));
//
// Each node's OpDef comes from the op registry, else from an extra OpList
// attached to the graph (a meta graph's stripped_op_list, so every
// TF-written graph imports even when we cannot run all its ops), else from a
// function of the graph's library (a node calling a function by name).
// Nodes keep insertion order; ToGraphDef writes them in that order, data
// inputs as "n"/"n:k", control inputs "^n" sorted by name (as TF does).
// Collections are not part of a Graph (see train/).
//
// Ownership: the Graph owns its Nodes; Node pointers stay valid for the
// Graph's lifetime. Thread-safety: const methods may be called concurrently;
// mutation (AddNode, UniqueName, name scopes) needs external locking.
#ifndef TFPERSIST_GRAPH_GRAPH_H_
#define TFPERSIST_GRAPH_GRAPH_H_

#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "tensorflow/core/framework/function.pb.h"
#include "tensorflow/core/framework/graph.pb.h"
#include "tensorflow/core/framework/node_def.pb.h"
#include "tensorflow/core/framework/op_def.pb.h"
#include "tfpersist/base/statusor.h"
#include "tfpersist/core/types.h"

namespace tfpersist {

class Node;

// One output of a node ("add:0"). A null node means "no tensor".
struct Output {
  Node* node = nullptr;
  int index = 0;
  // "node:index" ("add:0").
  std::string name() const;
  // The runtime dtype (DT_FLOAT_REF for a VariableV2 output).
  DataType dtype() const;
};

class Node {
 public:
  Node(const Node&) = delete;
  Node& operator=(const Node&) = delete;

  int id() const { return id_; }  // insertion index
  const std::string& name() const { return def_.name(); }
  const std::string& op() const { return def_.op(); }
  const std::string& device() const { return def_.device(); }
  // The NodeDef with default attrs filled in; `input` as given.
  const tensorflow::NodeDef& def() const { return def_; }
  const tensorflow::OpDef& op_def() const { return *op_def_; }

  int num_inputs() const { return static_cast<int>(input_types_.size()); }
  int num_outputs() const { return static_cast<int>(output_types_.size()); }
  const std::vector<DataType>& input_types() const { return input_types_; }
  const std::vector<DataType>& output_types() const { return output_types_; }
  // Data input i: the producing node and its output index.
  const Output& input(int i) const { return inputs_[i]; }
  const std::vector<Output>& inputs() const { return inputs_; }
  // Control inputs, deduplicated, in the order given.
  const std::vector<Node*>& control_inputs() const { return control_inputs_; }
  // Nodes with a data or control edge from this node (each once).
  const std::vector<Node*>& consumers() const { return consumers_; }
  Output output(int i) { return Output{this, i}; }

 private:
  friend class Graph;
  Node() = default;

  int id_ = 0;
  tensorflow::NodeDef def_;
  const tensorflow::OpDef* op_def_ = nullptr;
  std::vector<DataType> input_types_, output_types_;
  std::vector<Output> inputs_;
  std::vector<Node*> control_inputs_;
  std::vector<Node*> consumers_;
};

class Graph {
 public:
  // An empty graph; versions.producer is the emulated TF's (tf_version.h).
  // extra_ops (copied) supplies OpDefs for ops the registry lacks.
  explicit Graph(const tensorflow::OpList* extra_ops = nullptr);
  ~Graph();
  Graph(const Graph&) = delete;
  Graph& operator=(const Graph&) = delete;

  // Builds a graph from any node order. Each node is validated as by
  // AddNode; edges may point forward; a cycle is allowed only through
  // NextIteration. Default attrs are filled in (attrs the OpDef lacks but
  // that equal extra_ops' default are dropped, as TF's importer does).
  // Errors name the node: INVALID_ARGUMENT for a dangling input, duplicate
  // or invalid name, bad attr, wrong input count or dtype, or a cycle;
  // NOT_FOUND for an op type neither registered nor in extra_ops/library.
  static StatusOr<std::unique_ptr<Graph>> FromGraphDef(
      const tensorflow::GraphDef& graph_def,
      const tensorflow::OpList* extra_ops = nullptr);

  // Validates `node` (op known, attrs typed and allowed, input count and
  // dtypes, inputs existing, name valid and unique), fills default attrs and
  // adds it. Marks the name used for UniqueName. Errors as FromGraphDef.
  StatusOr<Node*> AddNode(tensorflow::NodeDef node);

  // Adds `nodes` as one batch (what an importer needs): each is validated
  // as by AddNode, but inputs may name nodes of the batch in any order, so
  // while loops (edges out of NextIteration) can be added. All or nothing:
  // on error (as AddNode's, or a cycle not through NextIteration) the graph
  // is left as it was. Returns the new nodes in the given order.
  StatusOr<std::vector<Node*>> AddNodes(std::vector<tensorflow::NodeDef> nodes);

  // The graph as a GraphDef: nodes in insertion order, versions, library.
  tensorflow::GraphDef ToGraphDef() const;

  // nullptr if absent.
  Node* FindNode(std::string_view name) const;
  // Python's get_operation_by_name / get_tensor_by_name. NOT_FOUND names the
  // missing name and up to 3 closest existing names (edit distance);
  // tensor() of a bare op name is INVALID_ARGUMENT (op vs tensor).
  StatusOr<Node*> operation(std::string_view name) const;
  StatusOr<Output> tensor(std::string_view name) const;

  const std::vector<Node*>& nodes() const { return order_; }
  int num_nodes() const { return static_cast<int>(order_.size()); }

  // Nodes so that every node follows its data and control inputs, ties in
  // insertion order; edges out of NextIteration are ignored (loop back
  // edges). INVALID_ARGUMENT naming nodes on a cycle otherwise.
  StatusOr<std::vector<Node*>> TopologicalOrder() const;

  const tensorflow::VersionDef& versions() const { return header_.versions(); }
  void set_versions(const tensorflow::VersionDef& v) {
    *header_.mutable_versions() = v;
  }
  const tensorflow::FunctionDefLibrary& library() const {
    return header_.library();
  }
  // Replaces the function library (kept as is; its signatures become
  // callable op types).
  void set_library(const tensorflow::FunctionDefLibrary& library);

  // The OpDef used for op_type: registry, then extra ops, then library
  // functions. NOT_FOUND "Op type not registered 'Foo'".
  StatusOr<const tensorflow::OpDef*> LookUpOpDef(
      std::string_view op_type) const;

  // ---- Names (Python's Graph.unique_name / name_scope) ----
  // Prepends the current name scope, then makes the name unique with TF's
  // rules: case-insensitive counts, "<name>_<i>" for repeats, skipping
  // names already taken. With mark_as_used=false only peeks.
  std::string UniqueName(std::string_view name, bool mark_as_used = true);
  // The current scope without trailing '/' ("" at the root).
  const std::string& name_scope() const { return name_scope_; }
  // Enters a scope like Python's name_scope(name): "" resets to the root,
  // "x/" re-enters exactly "x", otherwise UniqueName(name). Returns the new
  // scope with a trailing '/' (or ""); *previous gets the old one to restore
  // with RestoreNameScope. INVALID_ARGUMENT for an invalid scope name.
  StatusOr<std::string> EnterNameScope(std::string_view name,
                                       std::string* previous);
  void RestoreNameScope(std::string previous) {
    name_scope_ = std::move(previous);
  }

 private:
  Status CheckNewNode(const tensorflow::NodeDef& node) const;
  StatusOr<Node*> AddNodeUnlinked(tensorflow::NodeDef node);
  Status LinkInputs(Node* node);
  // Removes the last `count` nodes added (AddNodes' rollback).
  void RemoveLastNodes(size_t count,
                       const std::vector<std::string>& new_name_keys);
  void DropUnknownDefaultAttrs(tensorflow::NodeDef* node) const;

  std::vector<Node*> order_;
  std::vector<std::unique_ptr<Node>> owned_;
  std::map<std::string, Node*, std::less<>> by_name_;
  std::map<std::string, tensorflow::OpDef, std::less<>> extra_ops_;
  std::map<std::string, tensorflow::OpDef, std::less<>> function_ops_;
  // Everything of the GraphDef but its nodes (versions, library, ...), so
  // present-but-empty fields round-trip.
  tensorflow::GraphDef header_;
  std::map<std::string, int, std::less<>> names_in_use_;  // lower-case keys
  std::string name_scope_;
};

}  // namespace tfpersist

#endif  // TFPERSIST_GRAPH_GRAPH_H_
