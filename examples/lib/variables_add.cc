#include "lib/variables_add.h"

#include "tfpersist/graph/ops.h"
#include "tfpersist/runtime/session.h"

namespace tfpersist::examples {

StatusOr<VariablesAddResult> RunVariablesAdd() {
  Graph graph;
  GraphBuilder b(&graph);
  RefVariable v1 = Variable(b, Tensor::FromVector<float>({1.0f}), "v1");
  RefVariable v2 = Variable(b, Tensor::FromVector<float>({2.0f}), "v2");
  Add(b, v1.value(), v2.value());  // "add"
  GlobalVariablesInitializer(b);   // "init"
  TFP_RETURN_IF_ERROR_CTX(b.status(), "building the graph");

  VariablesAddResult result;
  result.graph = graph.ToGraphDef();
  TFP_ASSIGN_OR_RETURN(std::unique_ptr<Session> session,
                       Session::Create(result.graph));
  std::vector<Tensor> out;
  result.before_init = session->Run({}, {"add:0"}, {}, &out);
  TFP_RETURN_IF_ERROR_CTX(session->Run({}, {}, {"init"}, nullptr),
                          "running init");
  TFP_RETURN_IF_ERROR_CTX(session->Run({}, {"add:0"}, {}, &out), "running add");
  result.after_init = out[0];
  return result;
}

}  // namespace tfpersist::examples
