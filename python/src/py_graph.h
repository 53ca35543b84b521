// PyGraph: the C++ state behind one Python tf.Graph — a Graph, the
// GraphBuilder that adds nodes to it the way TF1 Python does, its
// collections, and the OpDefs of ops missing from the registry (an imported
// meta graph's stripped_op_list). PySession: a Session over a PyGraph that
// follows the graph as it grows (TF1 Session.extend).
//
// Ownership: Python holds both through std::shared_ptr; a PySession keeps its
// PyGraph alive. Node pointers handed to Python stay valid while the PyGraph
// lives (retired graphs and builders are kept, never freed early).
// Thread-safety: a PyGraph is used under the GIL only. PySession::Run
// releases the GIL while the session runs.
#ifndef TFPERSIST_PYTHON_SRC_PY_GRAPH_H_
#define TFPERSIST_PYTHON_SRC_PY_GRAPH_H_

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "tensorflow/core/framework/op_def.pb.h"
#include "tfpersist/core/tensor_shape.h"
#include "tfpersist/graph/builder.h"
#include "tfpersist/graph/graph.h"
#include "tfpersist/runtime/session.h"
#include "tfpersist/train/collections.h"

namespace tfpersist::python {

class PyGraph {
 public:
  PyGraph();

  Graph& graph() { return *graph_; }
  GraphBuilder& builder() { return *builder_; }
  Collections& collections() { return *collections_; }
  const tensorflow::OpList& extra_ops() const { return extra_ops_; }

  // Throws (StatusError) the builder's error, then starts a fresh builder so
  // the graph stays usable (GraphBuilder's status is sticky).
  void CheckBuilder();
  // Replaces an empty graph by an imported one (import_meta_graph).
  void Adopt(std::unique_ptr<Graph> graph,
             std::unique_ptr<Collections> collections,
             tensorflow::OpList extra_ops);
  // Static shape of a tensor: the builder's, else whole-graph inference
  // (cached until the graph grows).
  PartialTensorShape OutputShape(const Output& output);

 private:
  std::unique_ptr<Graph> graph_;
  std::unique_ptr<GraphBuilder> builder_;
  std::unique_ptr<Collections> collections_;
  tensorflow::OpList extra_ops_;
  std::vector<std::unique_ptr<Graph>> retired_graphs_;
  std::vector<std::unique_ptr<GraphBuilder>> retired_builders_;
  int builder_first_node_ = 0;  // nodes from here on were built by builder_
  std::vector<std::vector<PartialTensorShape>> inferred_;
  int inferred_nodes_ = -1;
};

class PySession {
 public:
  explicit PySession(std::shared_ptr<PyGraph> graph);
  // Adopts a session already holding the graph's nodes (SavedModel load).
  PySession(std::shared_ptr<PyGraph> graph, std::unique_ptr<Session> session);

  const std::shared_ptr<PyGraph>& py_graph() const { return graph_; }
  // Creates the session, or extends it with the nodes added since.
  void Sync();
  Session* session() {
    Sync();
    return session_.get();
  }
  // REQUIRES the GIL; releases it while running.
  std::vector<Tensor> Run(std::vector<std::pair<std::string, Tensor>> feeds,
                          const std::vector<std::string>& fetches,
                          const std::vector<std::string>& targets);
  void Close();
  bool closed() const { return closed_; }

 private:
  std::shared_ptr<PyGraph> graph_;
  std::unique_ptr<Session> session_;
  bool closed_ = false;
};

}  // namespace tfpersist::python

#endif  // TFPERSIST_PYTHON_SRC_PY_GRAPH_H_
