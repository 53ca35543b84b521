#include "py_graph.h"

#include "convert.h"
#include "tfpersist/graph/op_catalog.h"

namespace tfpersist::python {

PyGraph::PyGraph()
    : graph_(std::make_unique<Graph>()),
      builder_(std::make_unique<GraphBuilder>(graph_.get())),
      collections_(std::make_unique<Collections>()) {}

void PyGraph::CheckBuilder() {
  if (builder_->ok()) return;
  Status error = builder_->status();
  auto fresh = std::make_unique<GraphBuilder>(graph_.get());
  for (const RefVariable& v : builder_->variables()) fresh->AddVariable(v);
  retired_builders_.push_back(std::move(builder_));
  builder_ = std::move(fresh);
  builder_first_node_ = graph_->num_nodes();
  throw StatusError(error);
}

void PyGraph::Adopt(std::unique_ptr<Graph> graph,
                    std::unique_ptr<Collections> collections,
                    tensorflow::OpList extra_ops) {
  retired_builders_.push_back(std::move(builder_));
  retired_graphs_.push_back(std::move(graph_));
  graph_ = std::move(graph);
  builder_ = std::make_unique<GraphBuilder>(graph_.get());
  collections_ = std::move(collections);
  extra_ops_ = std::move(extra_ops);
  builder_first_node_ = graph_->num_nodes();
  inferred_nodes_ = -1;
}

PartialTensorShape PyGraph::OutputShape(const Output& output) {
  PartialTensorShape shape = builder_->GetShape(output);
  if (!shape.unknown_rank()) return shape;
  if (inferred_nodes_ != graph_->num_nodes()) {
    auto shapes = GraphOutputShapes(*graph_);
    inferred_ = shapes.ok() ? std::move(shapes).value()
                            : std::vector<std::vector<PartialTensorShape>>();
    inferred_nodes_ = graph_->num_nodes();
  }
  const auto& nodes = graph_->nodes();
  for (size_t i = 0; i < nodes.size() && i < inferred_.size(); ++i) {
    if (nodes[i] == output.node &&
        output.index < static_cast<int>(inferred_[i].size())) {
      return inferred_[i][output.index];
    }
  }
  return shape;
}

PySession::PySession(std::shared_ptr<PyGraph> graph)
    : graph_(std::move(graph)) {}

PySession::PySession(std::shared_ptr<PyGraph> graph,
                     std::unique_ptr<Session> session)
    : graph_(std::move(graph)), session_(std::move(session)) {}

void PySession::Sync() {
  if (closed_) {
    throw StatusError(errors::Cancelled("Attempted to use a closed Session."));
  }
  Graph& g = graph_->graph();
  if (session_ == nullptr) {
    SessionOptions options;
    options.extra_ops = graph_->extra_ops();
    session_ = ValueOrThrow(Session::Create(g.ToGraphDef(), options));
    return;
  }
  const int have = session_->graph_def().node_size();
  if (have >= g.num_nodes()) return;
  tensorflow::GraphDef full = g.ToGraphDef();
  tensorflow::GraphDef delta;
  for (int i = have; i < full.node_size(); ++i) {
    *delta.add_node() = std::move(*full.mutable_node(i));
  }
  ThrowIfError(session_->Extend(delta));
}

std::vector<Tensor> PySession::Run(
    std::vector<std::pair<std::string, Tensor>> feeds,
    const std::vector<std::string>& fetches,
    const std::vector<std::string>& targets) {
  Sync();
  std::vector<Tensor> outputs;
  Status status;
  {
    py::gil_scoped_release release;
    status = session_->Run(feeds, fetches, targets, &outputs);
  }
  ThrowIfError(status);
  return outputs;
}

void PySession::Close() {
  if (closed_) return;
  closed_ = true;
  if (session_ != nullptr) {
    Status s = session_->Close();
    session_.reset();
    ThrowIfError(s);
  }
}

}  // namespace tfpersist::python
