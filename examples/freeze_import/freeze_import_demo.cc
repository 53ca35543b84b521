#include "freeze_import_demo.h"

#include "tfpersist/base/path.h"
#include "tfpersist/core/npy.h"
#include "tfpersist/graph/builder.h"
#include "tfpersist/graph/ops.h"
#include "tfpersist/io/checkpoint_state.h"
#include "tfpersist/runtime/session.h"
#include "tfpersist/tools/freeze_graph.h"
#include "tfpersist/tools/graph_io.h"
#include "tfpersist/tools/graph_util.h"
#include "tfpersist/tools/import_graph_def.h"
#include "tfpersist/tools/summarize_graph.h"
#include "tfpersist/train/saver.h"

namespace tfpersist::examples {
namespace {

// Builds v1/v2/add, initializes and saves it (with its .meta) to `prefix`.
Status SaveAddCheckpoint(const std::string& prefix) {
  Graph graph;
  GraphBuilder b(&graph);
  RefVariable v1 = Variable(b, Tensor::FromVector<float>({1.0f}), "v1");
  RefVariable v2 = Variable(b, Tensor::FromVector<float>({2.0f}), "v2");
  Add(b, v1.value(), v2.value());  // "add"
  GlobalVariablesInitializer(b);   // "init"
  TFP_ASSIGN_OR_RETURN(std::unique_ptr<Saver> saver, Saver::Create(b));
  TFP_RETURN_IF_ERROR_CTX(b.status(), "building v1/v2/add");
  TFP_ASSIGN_OR_RETURN(auto session, Session::Create(graph.ToGraphDef()));
  TFP_RETURN_IF_ERROR(session->Run({}, {}, {"init"}, nullptr));
  return saver->Save(session.get(), prefix).status();
}

// Imports `frozen` into a new graph under prefix "Net" and runs `fetch`
// ("add:0" in the source graph) with `feeds` (names in the new graph).
StatusOr<Tensor> ImportAndRun(
    const tensorflow::GraphDef& frozen, ImportGraphDefOptions options,
    const std::string& fetch, Graph* graph,
    std::vector<std::pair<std::string, Tensor>> feeds) {
  options.name = "Net";
  options.return_elements = {fetch};
  TFP_ASSIGN_OR_RETURN(ImportGraphDefResults r,
                       ImportGraphDef(graph, frozen, options));
  TFP_ASSIGN_OR_RETURN(auto session, Session::Create(graph->ToGraphDef()));
  std::vector<Tensor> out;
  TFP_RETURN_IF_ERROR(
      session->Run(feeds, {r.return_elements[0].tensor.name()}, {}, &out));
  return out[0];
}

}  // namespace

StatusOr<FreezeAddResult> RunFreezeAdd(const std::string& out_dir) {
  Env* env = Env::Default();
  TFP_RETURN_IF_ERROR(env->RecursivelyCreateDir(out_dir));
  FreezeAddResult result;
  result.checkpoint = JoinPath(out_dir, "model.ckpt");
  if (!CheckpointExists(env, result.checkpoint) ||
      !env->FileExists(result.checkpoint + ".meta").ok()) {
    TFP_RETURN_IF_ERROR_CTX(SaveAddCheckpoint(result.checkpoint), "saving ",
                            result.checkpoint);
    result.wrote_checkpoint = true;
  }
  FreezeGraphOptions freeze;
  freeze.input_meta_graph = result.checkpoint + ".meta";
  freeze.input_checkpoint = result.checkpoint;
  freeze.output_node_names = {"add"};
  freeze.output_graph = result.frozen_path = JoinPath(out_dir, "model.pb");
  TFP_ASSIGN_OR_RETURN(result.frozen, FreezeGraph(freeze));
  TFP_ASSIGN_OR_RETURN(result.summary,
                       SummarizeGraph(result.frozen, result.frozen_path));
  // Load the file back, as a user of model.pb would.
  TFP_ASSIGN_OR_RETURN(auto loaded, ReadGraphDefFile(result.frozen_path));
  Graph graph;
  TFP_ASSIGN_OR_RETURN(result.net_add,
                       ImportAndRun(loaded, {}, "add:0", &graph, {}));
  return result;
}

namespace {

// y = feed @ w + b with w, b variables; returns its GraphDef.
StatusOr<tensorflow::GraphDef> BuildFeedGraph() {
  Graph graph;
  GraphBuilder b(&graph);
  Output feed = Placeholder(b, DT_FLOAT, PartialTensorShape({-1, 3}), "feed");
  Tensor w0 =
      Tensor::FromVector<float>({1, 0, 0, 1, 1, 1}, TensorShape({3, 2}));
  RefVariable w = Variable(b, w0, "w");
  RefVariable bias = Variable(b, Tensor::FromVector<float>({0.5f, -0.5f}), "b");
  Add(b, MatMul(b, feed, w.value()), bias.value(), "y");
  GlobalVariablesInitializer(b);
  TFP_RETURN_IF_ERROR_CTX(b.status(), "building the feed graph");
  return graph.ToGraphDef();
}

}  // namespace

StatusOr<FeedBatchResult> RunFeedBatch(const std::string& out_dir) {
  Env* env = Env::Default();
  TFP_RETURN_IF_ERROR(env->RecursivelyCreateDir(out_dir));
  TFP_ASSIGN_OR_RETURN(const tensorflow::GraphDef graph_def, BuildFeedGraph());
  TFP_ASSIGN_OR_RETURN(auto session, Session::Create(graph_def));
  TFP_RETURN_IF_ERROR(session->Run({}, {}, {"init"}, nullptr));
  FeedBatchResult result;
  result.batch =
      Tensor::FromVector<float>({1, 2, 3, 4, 5, 6}, TensorShape({2, 3}));
  std::vector<Tensor> out;
  TFP_RETURN_IF_ERROR(
      session->Run({{"feed:0", result.batch}}, {"y:0"}, {}, &out));
  result.live = out[0];
  TFP_ASSIGN_OR_RETURN(auto frozen, ConvertVariablesToConstants(
                                        session.get(), graph_def, {"y"}));
  result.frozen_path = JoinPath(out_dir, "feed_model.pb");
  result.batch_path = JoinPath(out_dir, "feed_batch.npy");
  TFP_RETURN_IF_ERROR(WriteGraphDefFile(frozen, result.frozen_path));
  TFP_RETURN_IF_ERROR(WriteNpy(env, result.batch_path, result.batch));
  // Import with the placeholder mapped onto a new one, "batch".
  Graph target;
  GraphBuilder tb(&target);
  Output batch =
      Placeholder(tb, DT_FLOAT, PartialTensorShape({-1, 3}), "batch");
  TFP_RETURN_IF_ERROR(tb.status());
  ImportGraphDefOptions options;
  options.input_map["feed:0"] = batch;
  TFP_ASSIGN_OR_RETURN(result.imported,
                       ImportAndRun(frozen, options, "y:0", &target,
                                    {{"batch:0", result.batch}}));
  return result;
}

}  // namespace tfpersist::examples
