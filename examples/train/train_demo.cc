#include "train_demo.h"

#include <algorithm>

#include "tfpersist/base/path.h"
#include "tfpersist/graph/builder.h"
#include "tfpersist/graph/ops.h"
#include "tfpersist/runtime/session.h"
#include "tfpersist/train/checkpoint_utils.h"
#include "tfpersist/train/meta_graph.h"
#include "tfpersist/train/moving_averages.h"
#include "tfpersist/train/saved_model.h"
#include "tfpersist/train/saver.h"

namespace tfpersist::examples {
namespace {

struct Model {
  Graph graph;
  GraphBuilder b{&graph};
};

// v1 = tf.Variable(tf.constant(i1, shape=[1]), name=n1), v2 likewise,
// add = v1 + v2, init.
Status BuildAdd(Model* m, const std::string& n1, const std::string& n2,
                float i1, float i2) {
  GraphBuilder& b = m->b;
  RefVariable v1 =
      Variable(b, Constant(b, Tensor::FromVector<float>({i1})), n1);
  RefVariable v2 =
      Variable(b, Constant(b, Tensor::FromVector<float>({i2})), n2);
  Add(b, v1.value(), v2.value());
  GlobalVariablesInitializer(b);
  return b.status();
}

StatusOr<Tensor> Fetch(Session* session, const std::string& name) {
  std::vector<Tensor> out;
  TFP_RETURN_IF_ERROR(session->Run({}, {name}, {}, &out));
  return out[0];
}

// Builds n1/n2 with initial values 10 and 20, restores `path` through a
// Saver made with `options` and fetches `fetch`.
StatusOr<std::vector<Tensor>> RestoreInto(
    const std::string& path, const std::string& n1, const std::string& n2,
    const SaverOptions& options, bool init,
    const std::vector<std::string>& fetch) {
  Model m;
  TFP_RETURN_IF_ERROR(BuildAdd(&m, n1, n2, 10, 20));
  TFP_ASSIGN_OR_RETURN(auto saver, Saver::Create(m.b, options));
  TFP_ASSIGN_OR_RETURN(auto session, Session::Create(m.graph.ToGraphDef()));
  if (init) TFP_RETURN_IF_ERROR(session->Run({}, {}, {"init"}, nullptr));
  TFP_RETURN_IF_ERROR(saver->Restore(session.get(), path));
  std::vector<Tensor> out;
  TFP_RETURN_IF_ERROR(session->Run({}, fetch, {}, &out));
  return out;
}

Status SaveAdd(const std::string& prefix) {
  Model m;
  TFP_RETURN_IF_ERROR(BuildAdd(&m, "v1", "v2", 1, 2));
  TFP_ASSIGN_OR_RETURN(auto saver, Saver::Create(m.b));
  TFP_ASSIGN_OR_RETURN(auto session, Session::Create(m.graph.ToGraphDef()));
  TFP_RETURN_IF_ERROR(session->Run({}, {}, {"init"}, nullptr));
  return saver->Save(session.get(), prefix).status();
}

Status DeleteRecursively(Env* env, const std::string& path) {
  if (!env->IsDirectory(path)) {
    return env->FileExists(path).ok() ? env->DeleteFile(path) : OkStatus();
  }
  TFP_ASSIGN_OR_RETURN(auto children, env->GetChildren(path));
  for (const std::string& c : children) {
    TFP_RETURN_IF_ERROR(DeleteRecursively(env, JoinPath(path, c)));
  }
  return env->DeleteDir(path);
}

}  // namespace

StatusOr<SaveRestoreResult> RunSaveRestore(const std::string& out_dir) {
  Env* env = Env::Default();
  SaveRestoreResult r;
  r.checkpoint = JoinPath(out_dir, "model.ckpt");
  TFP_RETURN_IF_ERROR_CTX(SaveAdd(r.checkpoint), "saving ", r.checkpoint);
  TFP_ASSIGN_OR_RETURN(auto children, env->GetChildren(out_dir));
  std::sort(children.begin(), children.end());
  for (const std::string& c : children) {
    if (c.starts_with("model.ckpt") || c == "checkpoint") r.files.push_back(c);
  }
  TFP_ASSIGN_OR_RETURN(r.listed, ListVariables(out_dir));
  TFP_ASSIGN_OR_RETURN(auto rebuilt, RestoreInto(r.checkpoint, "v1", "v2", {},
                                                 false, {"add:0"}));
  r.rebuilt_add = rebuilt[0];
  TFP_ASSIGN_OR_RETURN(auto imported, ImportMetaGraph(r.checkpoint + ".meta"));
  TFP_ASSIGN_OR_RETURN(auto session, imported->NewSession());
  TFP_RETURN_IF_ERROR(imported->saver->Restore(session.get(), r.checkpoint));
  TFP_ASSIGN_OR_RETURN(r.imported_add, Fetch(session.get(), "add:0"));
  SaverOptions only_v1;
  only_v1.var_list = {"v1"};
  TFP_ASSIGN_OR_RETURN(auto partial, RestoreInto(r.checkpoint, "v1", "v2",
                                                 only_v1, true, {"add:0"}));
  r.only_v1_add = partial[0];
  SaverOptions renamed;
  renamed.var_map = {{"v1", "other-v1"}, {"v2", "other-v2"}};
  TFP_ASSIGN_OR_RETURN(
      auto other, RestoreInto(r.checkpoint, "other-v1", "other-v2", renamed,
                              false, {"other-v1:0", "other-v2:0"}));
  r.renamed_v1 = other[0];
  r.renamed_v2 = other[1];
  return r;
}

namespace {

// y = w * x, one gradient-descent step w -= lr * (w*x - y) * x, then the
// moving average of w (decay 0.99, num_updates = global_step).
StatusOr<Node*> BuildEmaTraining(GraphBuilder& b, Collections* collections) {
  Output x = Placeholder(b, DT_FLOAT, PartialTensorShape(TensorShape()), "x");
  Output y = Placeholder(b, DT_FLOAT, PartialTensorShape(TensorShape()), "y");
  RefVariable w = Variable(b, Tensor::Scalar<float>(0), "w");
  RefVariable step =
      Variable(b, Tensor::Scalar<int32_t>(0), "global_step", false);
  collections->AddVariables(b.variables());
  collections->AddVariableDef(GraphKeys::kGlobalStep, ToVariableDef(step));
  Output grad = Mul(b, Sub(b, Mul(b, w.value(), x), y), x, "grad");
  Output delta = Mul(b, Constant(b, Tensor::Scalar<float>(0.05f)), grad);
  Node* train = AssignSub(b, w.variable, delta, "train").node;
  Node* inc =
      AssignAdd(b, step.variable, Constant(b, Tensor::Scalar<int32_t>(1)),
                "increment_step")
          .node;
  TFP_RETURN_IF_ERROR(b.status());
  ExponentialMovingAverage ema(0.99f, step.value());
  auto after_step = b.ControlDependencies({train, inc});
  TFP_ASSIGN_OR_RETURN(Node * train_op, ema.Apply(b, {w}, collections));
  collections->AddNodeName(GraphKeys::kTrainOp, train_op->name());
  return train_op;
}

}  // namespace

StatusOr<EmaRestoreResult> RunEmaRestore(const std::string& out_dir) {
  EmaRestoreResult r;
  Model m;
  Collections collections;
  TFP_ASSIGN_OR_RETURN(Node * train_op, BuildEmaTraining(m.b, &collections));
  GlobalVariablesInitializer(m.b);
  TFP_ASSIGN_OR_RETURN(auto saver, Saver::Create(m.b, {}, &collections));
  TFP_ASSIGN_OR_RETURN(auto session, Session::Create(m.graph.ToGraphDef()));
  TFP_RETURN_IF_ERROR(session->Run({}, {}, {"init"}, nullptr));
  for (r.steps = 0; r.steps < 25; ++r.steps) {
    const float x = 1.0f + (r.steps % 5) * 0.5f;
    TFP_RETURN_IF_ERROR(session->Run({{"x:0", Tensor::Scalar<float>(x)},
                                      {"y:0", Tensor::Scalar<float>(3 * x)}},
                                     {}, {train_op->name()}, nullptr));
  }
  SaveOptions save;
  save.global_step_tensor = "global_step";
  TFP_ASSIGN_OR_RETURN(
      r.checkpoint,
      saver->Save(session.get(), JoinPath(out_dir, "ema", "model.ckpt"), save));
  TFP_ASSIGN_OR_RETURN(Tensor w, LoadVariable(r.checkpoint, "w"));
  TFP_ASSIGN_OR_RETURN(
      Tensor shadow, LoadVariable(r.checkpoint, "w/ExponentialMovingAverage"));
  r.trained_w = w.scalar<float>();
  r.shadow_w = shadow.scalar<float>();
  // Evaluation graph: plain w (and the step), restored from the shadow.
  Model eval;
  Variable(eval.b, Tensor::Scalar<float>(0), "w");
  Variable(eval.b, Tensor::Scalar<int32_t>(0), "global_step", false);
  ExponentialMovingAverage ema(0.99f);
  SaverOptions options;
  options.var_map = ema.VariablesToRestore(eval.b);
  TFP_ASSIGN_OR_RETURN(auto eval_saver, Saver::Create(eval.b, options));
  TFP_ASSIGN_OR_RETURN(auto eval_session,
                       Session::Create(eval.graph.ToGraphDef()));
  TFP_RETURN_IF_ERROR(eval_saver->Restore(eval_session.get(), r.checkpoint));
  TFP_ASSIGN_OR_RETURN(Tensor restored, Fetch(eval_session.get(), "w:0"));
  r.restored_w = restored.scalar<float>();
  return r;
}

StatusOr<SavedModelResult> RunSavedModel(const std::string& out_dir) {
  SavedModelResult r;
  r.export_dir = JoinPath(out_dir, "saved_model");
  TFP_RETURN_IF_ERROR(DeleteRecursively(Env::Default(), r.export_dir));
  Model m;
  GraphBuilder& b = m.b;
  RefVariable a = Variable(b, Tensor::Scalar<float>(0.5f), "a");
  RefVariable bias = Variable(b, Tensor::Scalar<float>(2.0f), "b");
  Output x = Placeholder(b, DT_FLOAT, PartialTensorShape({-1, 1}), "x");
  Output y = Identity(b, Add(b, Mul(b, a.value(), x), bias.value()), "y");
  GlobalVariablesInitializer(b);
  TFP_RETURN_IF_ERROR(b.status());
  TFP_ASSIGN_OR_RETURN(auto session, Session::Create(m.graph.ToGraphDef()));
  TFP_RETURN_IF_ERROR(session->Run({}, {}, {"init"}, nullptr));
  SavedModelBuilder builder(r.export_dir);
  TFP_RETURN_IF_ERROR(builder.AddMetaGraphAndVariables(
      session.get(), b, {kSavedModelTagServe},
      {{kDefaultServingSignatureDefKey,
        PredictSignatureDef(b, {{"x", x}}, {{"y", y}})}}));
  TFP_RETURN_IF_ERROR(builder.Save());
  TFP_ASSIGN_OR_RETURN(auto bundle,
                       LoadSavedModel(r.export_dir, {kSavedModelTagServe}));
  r.x = Tensor::FromVector<float>({1, 2, 5}, TensorShape({3, 1}));
  TFP_ASSIGN_OR_RETURN(
      auto out,
      bundle->RunSignature(kDefaultServingSignatureDefKey, {{"x", r.x}}));
  r.y = out.at("y");
  return r;
}

}  // namespace tfpersist::examples
