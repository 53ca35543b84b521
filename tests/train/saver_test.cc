// Saver: save/restore round trips through the graph's own ops, renames,
// partial restores, errors naming what mismatches, retention, sharding.
#include "tfpersist/train/saver.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "graph/node_def_util.h"
#include "testing/fixtures.h"
#include "testing/kernel_test_harness.h"
#include "testing/status_matchers.h"
#include "tfpersist/base/path.h"
#include "tfpersist/io/checkpoint_state.h"
#include "tfpersist/io/tensor_bundle.h"
#include "train/testing/models.h"

namespace tfpersist {
namespace {

using ::testing::AllOf;
using testing::BuildV1V2Model;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using testing::StatusIs;
using testing::TensorEq;

Tensor Floats(std::vector<float> v) { return Tensor::FromVector<float>(v); }

class SaverTest : public ::testing::Test {
 protected:
  std::unique_ptr<Session> NewSession(const Graph& graph, bool init,
                                      const std::string& init_op = "init") {
    auto session = Session::Create(graph.ToGraphDef());
    EXPECT_THAT(session.status(), testing::IsOk());
    if (init) {
      EXPECT_THAT((*session)->Run({}, {}, {init_op}, nullptr), testing::IsOk());
    }
    return std::move(session).value();
  }
  Tensor Fetch(Session* session, const std::string& name) {
    std::vector<Tensor> out;
    Status s = session->Run({}, {name}, {}, &out);
    EXPECT_THAT(s, testing::IsOk());
    return s.ok() ? out[0] : Tensor();
  }
  // Saves the v1/v2/add model (v1 = 1, v2 = 2) to dir_/model.ckpt.
  std::string SaveReference() {
    auto m = BuildV1V2Model();
    auto saver = Saver::Create(*m->b);
    EXPECT_THAT(saver.status(), testing::IsOk());
    auto session = NewSession(*m->graph, true);
    auto path = (*saver)->Save(session.get(), JoinPath(dir_, "model.ckpt"));
    EXPECT_THAT(path.status(), testing::IsOk());
    return path.ok() ? *path : "";
  }

  std::string dir_ = testing::NewTempDir("saver");
  Env* env_ = Env::Default();
};

TEST_F(SaverTest, SaveWritesBundleMetaAndState) {
  const std::string path = SaveReference();
  EXPECT_EQ(path, JoinPath(dir_, "model.ckpt"));
  for (const char* suffix : {".index", ".data-00000-of-00001", ".meta"}) {
    TFP_EXPECT_OK(env_->FileExists(path + suffix));
  }
  TFP_ASSERT_OK_AND_ASSIGN(std::string latest, LatestCheckpoint(env_, dir_));
  EXPECT_EQ(latest, path);
  TFP_ASSERT_OK_AND_ASSIGN(auto reader, BundleReader::Open(env_, path));
  EXPECT_THAT(reader->Keys(), ElementsAre("v1", "v2"));
  TFP_ASSERT_OK_AND_ASSIGN(Tensor v2, reader->Lookup("v2"));
  EXPECT_THAT(v2, TensorEq(Floats({2})));
}

TEST_F(SaverTest, RestoreNeedsNoInitializer) {
  const std::string path = SaveReference();
  auto m = BuildV1V2Model("v1", "v2", 10, 20);
  TFP_ASSERT_OK_AND_ASSIGN(auto saver, Saver::Create(*m->b));
  auto session = NewSession(*m->graph, /*init=*/false);
  TFP_ASSERT_OK(saver->Restore(session.get(), path));
  EXPECT_THAT(Fetch(session.get(), "add:0"), TensorEq(Floats({3})));
}

TEST_F(SaverTest, RestoresIntoRenamedVariablesThroughAMap) {
  const std::string path = SaveReference();
  auto m = BuildV1V2Model("other-v1", "other-v2", 10, 20);
  SaverOptions options;
  options.var_map = {{"v1", "other-v1"}, {"v2", "other-v2"}};
  TFP_ASSERT_OK_AND_ASSIGN(auto saver, Saver::Create(*m->b, options));
  auto session = NewSession(*m->graph, false);
  TFP_ASSERT_OK(saver->Restore(session.get(), path));
  EXPECT_THAT(Fetch(session.get(), "other-v1:0"), TensorEq(Floats({1})));
  EXPECT_THAT(Fetch(session.get(), "other-v2:0"), TensorEq(Floats({2})));
}

TEST_F(SaverTest, RestoresOnlyTheListedVariables) {
  const std::string path = SaveReference();
  auto m = BuildV1V2Model("v1", "v2", 10, 20);
  SaverOptions options;
  options.var_list = {"v1"};
  TFP_ASSERT_OK_AND_ASSIGN(auto saver, Saver::Create(*m->b, options));
  auto session = NewSession(*m->graph, true);
  TFP_ASSERT_OK(saver->Restore(session.get(), path));
  EXPECT_THAT(Fetch(session.get(), "add:0"), TensorEq(Floats({21})));
}

TEST_F(SaverTest, MissingKeyIsNotFoundNamingKeyAndCheckpoint) {
  const std::string path = SaveReference();
  auto m = BuildV1V2Model("v1", "v3");
  TFP_ASSERT_OK_AND_ASSIGN(auto saver, Saver::Create(*m->b));
  auto session = NewSession(*m->graph, false);
  EXPECT_THAT(saver->Restore(session.get(), path),
              StatusIs(StatusCode::kNotFound,
                       HasSubstr("Key v3 not found in checkpoint " + path)));
}

TEST_F(SaverTest, ShapeMismatchNamesTheVariableAndBothShapes) {
  const std::string path = SaveReference();
  auto m = std::make_unique<testing::V1V2Model>();
  GraphBuilder& b = *m->b;
  Variable(b, Floats({1, 1}), "v1");
  Variable(b, Floats({2}), "v2");
  TFP_ASSERT_OK_AND_ASSIGN(auto saver, Saver::Create(b));
  auto session = NewSession(*m->graph, false);
  EXPECT_THAT(
      saver->Restore(session.get(), path),
      StatusIs(StatusCode::kInvalidArgument,
               AllOf(HasSubstr("'v1'"), HasSubstr("[2]"), HasSubstr("[1]"))));
}

TEST_F(SaverTest, DtypeMismatchNamesTheVariable) {
  const std::string path = SaveReference();
  auto m = std::make_unique<testing::V1V2Model>();
  Variable(*m->b, Tensor::FromVector<int32_t>({1}), "v1");
  SaverOptions options;
  options.var_list = {"v1"};
  TFP_ASSERT_OK_AND_ASSIGN(auto saver, Saver::Create(*m->b, options));
  auto session = NewSession(*m->graph, false);
  EXPECT_THAT(saver->Restore(session.get(), path),
              StatusIs(StatusCode::kInvalidArgument,
                       AllOf(HasSubstr("'v1'"), HasSubstr("int32"),
                             HasSubstr("float"))));
}

TEST_F(SaverTest, RestoreOfAMissingCheckpointIsNotFound) {
  auto m = BuildV1V2Model();
  TFP_ASSERT_OK_AND_ASSIGN(auto saver, Saver::Create(*m->b));
  auto session = NewSession(*m->graph, false);
  EXPECT_THAT(
      saver->Restore(session.get(), JoinPath(dir_, "nothing")),
      StatusIs(StatusCode::kNotFound, HasSubstr("not a valid checkpoint")));
}

TEST_F(SaverTest, MaxToKeepDeletesOldCheckpoints) {
  auto m = BuildV1V2Model();
  SaverOptions options;
  options.max_to_keep = 2;
  TFP_ASSERT_OK_AND_ASSIGN(auto saver, Saver::Create(*m->b, options));
  auto session = NewSession(*m->graph, true);
  const std::string prefix = JoinPath(dir_, "model.ckpt");
  for (int step = 1; step <= 4; ++step) {
    TFP_ASSERT_OK_AND_ASSIGN(std::string p,
                             saver->Save(session.get(), prefix, step));
    EXPECT_EQ(p, StrCat(prefix, "-", step));
  }
  for (int step : {1, 2}) {
    EXPECT_FALSE(CheckpointExists(env_, StrCat(prefix, "-", step)));
    EXPECT_FALSE(env_->FileExists(StrCat(prefix, "-", step, ".meta")).ok());
  }
  EXPECT_THAT(saver->last_checkpoints(),
              ElementsAre(prefix + "-3", prefix + "-4"));
  TFP_ASSERT_OK_AND_ASSIGN(CheckpointState state,
                           GetCheckpointState(env_, dir_));
  EXPECT_EQ(state.model_checkpoint_path, prefix + "-4");
  EXPECT_THAT(state.all_model_checkpoint_paths,
              ElementsAre(prefix + "-3", prefix + "-4"));
}

TEST_F(SaverTest, KeepEveryNHoursKeepsFilesButNotStateEntries) {
  auto m = BuildV1V2Model();
  SaverOptions options;
  options.max_to_keep = 1;
  options.keep_checkpoint_every_n_hours = 1e-12f;
  TFP_ASSERT_OK_AND_ASSIGN(auto saver, Saver::Create(*m->b, options));
  auto session = NewSession(*m->graph, true);
  const std::string prefix = JoinPath(dir_, "m");
  for (int step = 1; step <= 3; ++step) {
    TFP_ASSERT_OK(saver->Save(session.get(), prefix, step).status());
  }
  for (int step = 1; step <= 3; ++step) {
    EXPECT_TRUE(CheckpointExists(env_, StrCat(prefix, "-", step))) << step;
  }
  TFP_ASSERT_OK_AND_ASSIGN(CheckpointState state,
                           GetCheckpointState(env_, dir_));
  EXPECT_THAT(state.all_model_checkpoint_paths, ElementsAre(prefix + "-3"));
}

TEST_F(SaverTest, MaxToKeepZeroKeepsEverythingAndListsTheNewest) {
  auto m = BuildV1V2Model();
  SaverOptions options;
  options.max_to_keep = 0;
  TFP_ASSERT_OK_AND_ASSIGN(auto saver, Saver::Create(*m->b, options));
  auto session = NewSession(*m->graph, true);
  const std::string prefix = JoinPath(dir_, "m");
  for (int step = 1; step <= 7; ++step) {
    TFP_ASSERT_OK(saver->Save(session.get(), prefix, step).status());
  }
  for (int step = 1; step <= 7; ++step) {
    EXPECT_TRUE(CheckpointExists(env_, StrCat(prefix, "-", step)));
  }
  TFP_ASSERT_OK_AND_ASSIGN(CheckpointState state,
                           GetCheckpointState(env_, dir_));
  EXPECT_THAT(state.all_model_checkpoint_paths, ElementsAre(prefix + "-7"));
}

TEST_F(SaverTest, GlobalStepFromATensorAndPadding) {
  auto m = BuildV1V2Model();
  Variable(*m->b, Tensor::Scalar<int64_t>(42), "global_step", false);
  Node* init = GlobalVariablesInitializer(*m->b, "init_all");
  ASSERT_NE(init, nullptr);
  SaverOptions options;
  options.pad_step_number = true;
  TFP_ASSERT_OK_AND_ASSIGN(auto saver, Saver::Create(*m->b, options));
  auto session = NewSession(*m->graph, true, "init_all");
  SaveOptions save;
  save.global_step_tensor = "global_step";
  TFP_ASSERT_OK_AND_ASSIGN(
      std::string p, saver->Save(session.get(), JoinPath(dir_, "m"), save));
  EXPECT_EQ(p, JoinPath(dir_, "m-00000042"));
  TFP_EXPECT_OK(env_->FileExists(p + ".meta"));
}

TEST_F(SaverTest, RejectsASavePathThatIsTheStateFile) {
  auto m = BuildV1V2Model();
  TFP_ASSERT_OK_AND_ASSIGN(auto saver, Saver::Create(*m->b));
  auto session = NewSession(*m->graph, true);
  EXPECT_THAT(saver->Save(session.get(), JoinPath(dir_, "checkpoint")).status(),
              StatusIs(StatusCode::kInvalidArgument, HasSubstr("collides")));
}

TEST_F(SaverTest, ShardedSaveMergesIntoOneBundle) {
  auto m = BuildV1V2Model();
  SaverOptions options;
  options.sharded = true;
  TFP_ASSERT_OK_AND_ASSIGN(auto saver, Saver::Create(*m->b, options));
  EXPECT_EQ(saver->saver_def().save_tensor_name(), "save/Identity:0");
  EXPECT_TRUE(saver->saver_def().sharded());
  ASSERT_NE(m->graph->FindNode("save/MergeV2Checkpoints"), nullptr);
  auto session = NewSession(*m->graph, true);
  TFP_ASSERT_OK_AND_ASSIGN(
      std::string p, saver->Save(session.get(), JoinPath(dir_, "sharded")));
  TFP_ASSERT_OK_AND_ASSIGN(auto children, env_->GetChildren(dir_));
  for (const std::string& child : children) {
    EXPECT_EQ(child.find("_temp_"), std::string::npos) << child;
  }
  auto fresh = NewSession(*m->graph, false);
  TFP_ASSERT_OK(saver->Restore(fresh.get(), p));
  EXPECT_THAT(Fetch(fresh.get(), "add:0"), TensorEq(Floats({3})));
}

TEST_F(SaverTest, V1SaverWritesOneTensorSliceFile) {
  auto m = BuildV1V2Model();
  SaverOptions options;
  options.write_version = tensorflow::SaverDef::V1;
  TFP_ASSERT_OK_AND_ASSIGN(auto saver, Saver::Create(*m->b, options));
  ASSERT_NE(m->graph->FindNode("save/save"), nullptr);
  EXPECT_EQ(m->graph->FindNode("save/save")->op(), "SaveSlices");
  EXPECT_EQ(saver->saver_def().version(), tensorflow::SaverDef::V1);
  auto session = NewSession(*m->graph, true);
  TFP_ASSERT_OK_AND_ASSIGN(
      std::string p, saver->Save(session.get(), JoinPath(dir_, "v1.ckpt")));
  EXPECT_EQ(p, JoinPath(dir_, "v1.ckpt"));
  EXPECT_FALSE(env_->FileExists(p + ".index").ok());
  auto fresh = NewSession(*m->graph, false);
  TFP_ASSERT_OK(saver->Restore(fresh.get(), p));
  EXPECT_THAT(Fetch(fresh.get(), "add:0"), TensorEq(Floats({3})));
}

TEST_F(SaverTest, ShardedV1SaverReturnsAFilePattern) {
  auto m = BuildV1V2Model();
  SaverOptions options;
  options.write_version = tensorflow::SaverDef::V1;
  options.sharded = true;
  options.max_to_keep = 1;
  TFP_ASSERT_OK_AND_ASSIGN(auto saver, Saver::Create(*m->b, options));
  EXPECT_EQ(saver->saver_def().save_tensor_name(), "save/ShardedFilespec:0");
  auto session = NewSession(*m->graph, true);
  const std::string prefix = JoinPath(dir_, "s");
  TFP_ASSERT_OK_AND_ASSIGN(std::string p1,
                           saver->Save(session.get(), prefix, 1));
  EXPECT_EQ(p1, prefix + "-1-?????-of-00001");
  TFP_EXPECT_OK(env_->FileExists(prefix + "-1-00000-of-00001"));
  TFP_EXPECT_OK(env_->FileExists(prefix + "-1.meta"));
  TFP_ASSERT_OK_AND_ASSIGN(std::string latest, LatestCheckpoint(env_, dir_));
  EXPECT_EQ(latest, p1);
  auto fresh = NewSession(*m->graph, false);
  TFP_ASSERT_OK(saver->Restore(fresh.get(), latest));
  EXPECT_THAT(Fetch(fresh.get(), "add:0"), TensorEq(Floats({3})));
  TFP_ASSERT_OK(saver->Save(session.get(), prefix, 2).status());
  EXPECT_FALSE(env_->FileExists(prefix + "-1-00000-of-00001").ok());
  EXPECT_FALSE(env_->FileExists(prefix + "-1.meta").ok());
}

// A TF1 resource variable (use_resource=True): VarHandleOp "r", its
// initializer AssignVariableOp and a ReadVariableOp.
TEST_F(SaverTest, ResourceVariablesSaveThroughReadsAndRestoreThroughAssigns) {
  Graph graph;
  GraphBuilder b(&graph);
  Node* handle = b.AddNode("VarHandleOp", "r", {},
                           {{"dtype", MakeAttr(DT_FLOAT)},
                            {"shape", MakeAttr(PartialTensorShape({2}))},
                            {"shared_name", MakeAttr("r")}});
  ASSERT_NE(handle, nullptr);
  b.AddNode("AssignVariableOp", "r/Assign",
            {Output{handle, 0}, Constant(b, Floats({4, 5}))}, {});
  AddOp(b, "ReadVariableOp", "r/Read/ReadVariableOp", {Output{handle, 0}},
        {{"dtype", MakeAttr(DT_FLOAT)}});
  SaverOptions options;
  options.var_list = {"r"};
  TFP_ASSERT_OK_AND_ASSIGN(auto saver, Saver::Create(b, options));
  for (const char* name :
       {"save/Read/ReadVariableOp", "save/Identity", "save/Identity_1",
        "save/Identity_2", "save/AssignVariableOp"}) {
    EXPECT_NE(graph.FindNode(name), nullptr) << name;
  }
  EXPECT_EQ(graph.FindNode("save/Identity_1")->device(), "/device:CPU:0");
  auto session = NewSession(graph, true, "r/Assign");
  TFP_ASSERT_OK_AND_ASSIGN(std::string p,
                           saver->Save(session.get(), JoinPath(dir_, "res")));
  auto fresh = NewSession(graph, false);
  TFP_ASSERT_OK(saver->Restore(fresh.get(), p));
  EXPECT_THAT(Fetch(fresh.get(), "r/Read/ReadVariableOp:0"),
              TensorEq(Floats({4, 5})));
}

TEST_F(SaverTest, SecondSaverGetsItsOwnScope) {
  auto m = BuildV1V2Model();
  TFP_ASSERT_OK_AND_ASSIGN(auto first, Saver::Create(*m->b));
  TFP_ASSERT_OK_AND_ASSIGN(auto second, Saver::Create(*m->b));
  EXPECT_EQ(first->saver_def().restore_op_name(), "save/restore_all");
  EXPECT_EQ(second->saver_def().restore_op_name(), "save_1/restore_all");
  EXPECT_EQ(second->saver_def().filename_tensor_name(), "save_1/Const:0");
}

TEST_F(SaverTest, SaverAddedAfterTheSessionExtendsIt) {
  const std::string path = SaveReference();
  auto m = BuildV1V2Model("v1", "v2", 10, 20);
  auto session = NewSession(*m->graph, false);
  TFP_ASSERT_OK_AND_ASSIGN(auto saver, Saver::Create(*m->b));
  TFP_ASSERT_OK(saver->Restore(session.get(), path));
  EXPECT_THAT(Fetch(session.get(), "add:0"), TensorEq(Floats({3})));
}

TEST_F(SaverTest, NoVariablesIsAnErrorUnlessAllowed) {
  Graph graph;
  GraphBuilder b(&graph);
  Constant(b, Floats({1}));
  EXPECT_THAT(Saver::Create(b).status(),
              StatusIs(StatusCode::kInvalidArgument,
                       HasSubstr("No variables to save")));
  SaverOptions options;
  options.allow_empty = true;
  TFP_ASSERT_OK_AND_ASSIGN(auto saver, Saver::Create(b, options));
  EXPECT_TRUE(saver->is_empty());
}

TEST_F(SaverTest, UnknownOrNonVariableNamesAreRejected) {
  auto m = BuildV1V2Model();
  SaverOptions options;
  options.var_list = {"nope"};
  EXPECT_THAT(Saver::Create(*m->b, options).status(),
              StatusIs(StatusCode::kNotFound, HasSubstr("'nope'")));
  options.var_list = {"add"};
  EXPECT_THAT(
      Saver::Create(*m->b, options).status(),
      StatusIs(StatusCode::kInvalidArgument, HasSubstr("not a variable")));
  options.var_list = {};
  options.var_map = {{"a", "v1"}, {"b", "v1"}};
  EXPECT_THAT(Saver::Create(*m->b, options).status(),
              StatusIs(StatusCode::kInvalidArgument, HasSubstr("two names")));
}

}  // namespace
}  // namespace tfpersist
