// The persistence story against an *installed* tfpersist: build
// v1, v2, add = v1 + v2; save; restore into a rebuilt graph; freeze to one
// .pb; import it under "Net" and run Net/add:0. Prints "Net/add:0 = 3" and
// exits 0, or prints the error and exits 1. Usage: story OUT_DIR
#include <iostream>
#include <string>
#include <vector>

#include "tfpersist/graph/builder.h"
#include "tfpersist/graph/ops.h"
#include "tfpersist/runtime/session.h"
#include "tfpersist/tools/freeze_graph.h"
#include "tfpersist/tools/graph_io.h"
#include "tfpersist/tools/import_graph_def.h"
#include "tfpersist/train/saver.h"
#include "tfpersist/version.h"

using namespace tfpersist;

// v1, v2, add and the Saver's ops in `graph`.
StatusOr<std::unique_ptr<Saver>> Build(Graph* graph) {
  GraphBuilder b(graph);
  RefVariable v1 = Variable(b, Tensor::FromVector<float>({1.0f}), "v1");
  RefVariable v2 = Variable(b, Tensor::FromVector<float>({2.0f}), "v2");
  Add(b, v1.value(), v2.value());  // "add"
  GlobalVariablesInitializer(b);   // "init"
  TFP_RETURN_IF_ERROR(b.status());
  return Saver::Create(b);
}

Status Story(const std::string& dir) {
  const std::string prefix = dir + "/model.ckpt";
  Graph graph;
  TFP_ASSIGN_OR_RETURN(auto saver, Build(&graph));
  TFP_ASSIGN_OR_RETURN(auto session, Session::Create(graph.ToGraphDef()));
  TFP_RETURN_IF_ERROR(session->Run({}, {}, {"init"}, nullptr));
  TFP_RETURN_IF_ERROR(saver->Save(session.get(), prefix).status());

  Graph rebuilt;  // Restore without running the initializer.
  TFP_ASSIGN_OR_RETURN(auto saver2, Build(&rebuilt));
  TFP_ASSIGN_OR_RETURN(auto session2, Session::Create(rebuilt.ToGraphDef()));
  TFP_RETURN_IF_ERROR(saver2->Restore(session2.get(), prefix));

  FreezeGraphOptions freeze;
  freeze.input_meta_graph = prefix + ".meta";
  freeze.input_checkpoint = prefix;
  freeze.output_node_names = {"add"};
  freeze.output_graph = dir + "/model.pb";
  TFP_RETURN_IF_ERROR(FreezeGraph(freeze).status());

  TFP_ASSIGN_OR_RETURN(auto frozen, ReadGraphDefFile(dir + "/model.pb"));
  Graph net;
  ImportGraphDefOptions options;
  options.name = "Net";
  TFP_RETURN_IF_ERROR(ImportGraphDef(&net, frozen, options).status());
  TFP_ASSIGN_OR_RETURN(auto session3, Session::Create(net.ToGraphDef()));
  std::vector<Tensor> out;
  TFP_RETURN_IF_ERROR(session3->Run({}, {"Net/add:0"}, {}, &out));
  std::cout << "Net/add:0 = " << out[0].SummarizeValue(10) << "\n";
  return out[0].flat<float>()[0] == 3.0f
             ? OkStatus()
             : errors::Internal("expected 3, got ", out[0].SummarizeValue(1));
}

int main(int argc, char** argv) {
  std::cout << "tfpersist " << TFPERSIST_VERSION_STRING << "\n";
  Status status = Story(argc > 1 ? argv[1] : ".");
  if (!status.ok()) {
    std::cerr << status << "\n";
    return 1;
  }
  return 0;
}
