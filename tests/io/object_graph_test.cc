// Object-based (TF2) checkpoints: the object graph of TF-written files
// (ckpt-v2-sharded-tf2, the TF2 SavedModels' variables) lists every saved
// tensor by object path, and what we write reads back through our reader
// and through protoc (an independent decoder) with its object graph intact.
#include "tfpersist/io/object_graph.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdlib>
#include <set>

#include "testing/fixtures.h"
#include "testing/status_matchers.h"
#include "tfpersist/base/path.h"
#include "tfpersist/io/checkpoint_state.h"
#include "tfpersist/io/tensor_bundle.h"

namespace tfpersist {
namespace {

using ::testing::HasSubstr;
using ::tfpersist::testing::StatusIs;

std::unique_ptr<CheckpointReader> Open(const std::string& prefix) {
  auto r = CheckpointReader::Open(Env::Default(), prefix);
  EXPECT_THAT(r.status(), ::tfpersist::testing::IsOk());
  return r.ok() ? std::move(r).value() : nullptr;
}

// Every listed key exists and every stored tensor but the graph is listed.
void ExpectComplete(const CheckpointReader& reader,
                    const std::vector<ObjectGraphTensor>& tensors) {
  std::set<std::string> listed;
  for (const auto& t : tensors) {
    EXPECT_TRUE(reader.HasTensor(t.checkpoint_key)) << t.checkpoint_key;
    listed.insert(t.checkpoint_key);
  }
  for (const std::string& name : reader.TensorNames()) {
    if (name != kObjectGraphProtoKey) EXPECT_TRUE(listed.count(name)) << name;
  }
}

const ObjectGraphTensor* FindPath(const std::vector<ObjectGraphTensor>& ts,
                                  const std::string& path) {
  for (const auto& t : ts) {
    if (t.object_path == path) return &t;
  }
  return nullptr;
}

TEST(ObjectGraphTest, ShardedKerasCheckpointListsObjectPathsAndSlots) {
  TFP_REQUIRE_SHARED();
  auto reader =
      Open(JoinPath(testing::FixtureDir("ckpt-v2-sharded-tf2"), "model.ckpt"));
  ASSERT_NE(reader, nullptr);
  TFP_ASSERT_OK_AND_ASSIGN(auto graph, ReadObjectGraph(*reader));
  TFP_ASSERT_OK_AND_ASSIGN(auto tensors, ListObjectGraphTensors(graph));
  ExpectComplete(*reader, tensors);
  const ObjectGraphTensor* kernel = FindPath(tensors, "layer-1/kernel");
  ASSERT_NE(kernel, nullptr);
  EXPECT_EQ(kernel->checkpoint_key,
            "layer-1/kernel/.ATTRIBUTES/VARIABLE_VALUE");
  EXPECT_EQ(kernel->attribute, "VARIABLE_VALUE");
  const ObjectGraphTensor* m =
      FindPath(tensors, "layer-1/kernel/.OPTIMIZER_SLOT/optimizer/m");
  ASSERT_NE(m, nullptr);
  EXPECT_EQ(m->slot_of, "layer-1/kernel");
  EXPECT_EQ(m->slot_name, "m");
  EXPECT_EQ(m->checkpoint_key,
            "layer-1/kernel/.OPTIMIZER_SLOT/optimizer/m/.ATTRIBUTES/"
            "VARIABLE_VALUE");
}

TEST(ObjectGraphTest, SavedModelVariablesListObjectPaths) {
  TFP_REQUIRE_SHARED();
  for (const char* dir :
       {"savedmodel-tf2-keras-dense", "savedmodel-tf2-keras-multi-io",
        "savedmodel-tf2-half-plus-two/00000123"}) {
    auto reader =
        Open(JoinPath(testing::FixtureDir(dir), "variables/variables"));
    ASSERT_NE(reader, nullptr);
    TFP_ASSERT_OK_AND_ASSIGN(auto graph, ReadObjectGraph(*reader));
    TFP_ASSERT_OK_AND_ASSIGN(auto tensors, ListObjectGraphTensors(graph));
    ExpectComplete(*reader, tensors);
  }
}

TEST(ObjectGraphTest, NonObjectCheckpointIsNotFound) {
  const std::string dir = testing::NewTempDir("plain");
  {
    BundleWriter w(Env::Default(), JoinPath(dir, "p"));
    w.Add("v", Tensor::Scalar<float>(1));
    TFP_ASSERT_OK(w.Finish());
  }
  auto reader = Open(JoinPath(dir, "p"));
  ASSERT_NE(reader, nullptr);
  EXPECT_THAT(ReadObjectGraph(*reader).status(),
              StatusIs(StatusCode::kNotFound,
                       HasSubstr("not an object-based checkpoint")));
}

TEST(ObjectGraphTest, OutOfRangeChildIsInvalidArgument) {
  tensorflow::TrackableObjectGraph g;
  auto* child = g.add_nodes()->add_children();
  child->set_node_id(7);
  child->set_local_name("x");
  EXPECT_THAT(
      ListObjectGraphTensors(g).status(),
      StatusIs(StatusCode::kInvalidArgument, HasSubstr("out of range")));
}

TEST(ObjectGraphTest, WrittenCheckpointReadsBackWithItsObjectGraph) {
  const std::string dir = testing::NewTempDir("objckpt");
  const std::string prefix = JoinPath(dir, "ckpt");
  std::vector<ObjectCheckpointVariable> vars = {
      {"model/dense/kernel",
       Tensor::FromVector<float>({1, 2, 3, 4}, TensorShape({2, 2})),
       "dense/kernel"},
      {"model/dense/bias", Tensor::FromVector<float>({5, 6}), ""},
      {"model/odd.name", Tensor::Scalar<int64_t>(7), ""}};
  TFP_ASSERT_OK(WriteObjectCheckpoint(Env::Default(), prefix, vars));
  auto reader = Open(prefix);
  ASSERT_NE(reader, nullptr);
  TFP_ASSERT_OK_AND_ASSIGN(Tensor k,
                           reader->GetTensor("model/dense/kernel/.ATTRIBUTES/"
                                             "VARIABLE_VALUE"));
  EXPECT_TRUE(k.IsSameAs(vars[0].value));
  TFP_ASSERT_OK_AND_ASSIGN(auto graph, ReadObjectGraph(*reader));
  TFP_ASSERT_OK_AND_ASSIGN(auto tensors, ListObjectGraphTensors(graph));
  ExpectComplete(*reader, tensors);
  ASSERT_NE(FindPath(tensors, "model/odd..name"), nullptr);
  EXPECT_EQ(FindPath(tensors, "model/dense/kernel")->full_name, "dense/kernel");
  // Breadth-first numbering: root, model, then dense and odd.name.
  ASSERT_EQ(graph.nodes_size(), 6);
  EXPECT_EQ(graph.nodes(0).children(0).local_name(), "model");
  EXPECT_EQ(graph.nodes(1).children(0).node_id(), 2);
  // protoc, an independent decoder, reads the stored object graph.
  if (std::system("protoc --version >/dev/null 2>&1") != 0) return;
  TFP_ASSERT_OK_AND_ASSIGN(Tensor bytes,
                           reader->GetTensor(kObjectGraphProtoKey));
  TFP_ASSERT_OK(WriteStringToFile(Env::Default(), JoinPath(dir, "g.pb"),
                                  bytes.scalar<tstring>()));
  const std::string cmd = StrCat(
      "protoc --decode=tensorflow.TrackableObjectGraph -I ", TFP_SOURCE_DIR,
      "/proto tensorflow/core/protobuf/"
      "trackable_object_graph.proto < ",
      dir, "/g.pb > ", dir, "/g.txt");
  ASSERT_EQ(std::system(cmd.c_str()), 0);
  TFP_ASSERT_OK_AND_ASSIGN(
      std::string text,
      ReadFileToString(Env::Default(), JoinPath(dir, "g.txt")));
  EXPECT_THAT(text, HasSubstr("local_name: \"odd.name\""));
  EXPECT_THAT(text, HasSubstr("checkpoint_key: \"model/odd..name/.ATTRIBUTES/"
                              "VARIABLE_VALUE\""));
}

// Written by path, the fixture's variables get exactly TF's keys.
TEST(ObjectGraphTest, RewritingTheShardedFixtureGivesTfKeys) {
  TFP_REQUIRE_SHARED();
  auto reader =
      Open(JoinPath(testing::FixtureDir("ckpt-v2-sharded-tf2"), "model.ckpt"));
  ASSERT_NE(reader, nullptr);
  TFP_ASSERT_OK_AND_ASSIGN(auto graph, ReadObjectGraph(*reader));
  TFP_ASSERT_OK_AND_ASSIGN(auto tensors, ListObjectGraphTensors(graph));
  std::vector<ObjectCheckpointVariable> vars;
  for (const auto& t : tensors) {
    if (!t.slot_of.empty()) continue;
    TFP_ASSERT_OK_AND_ASSIGN(Tensor v, reader->GetTensor(t.checkpoint_key));
    vars.push_back({t.object_path, v, t.full_name});
  }
  ASSERT_GE(vars.size(), 4u);
  const std::string prefix = JoinPath(testing::NewTempDir("rewrite"), "c");
  TFP_ASSERT_OK(WriteObjectCheckpoint(Env::Default(), prefix, vars));
  auto ours = Open(prefix);
  ASSERT_NE(ours, nullptr);
  for (const auto& t : tensors) {
    if (!t.slot_of.empty()) continue;
    TFP_ASSERT_OK_AND_ASSIGN(Tensor a, reader->GetTensor(t.checkpoint_key));
    TFP_ASSERT_OK_AND_ASSIGN(Tensor b, ours->GetTensor(t.checkpoint_key));
    EXPECT_TRUE(a.IsSameAs(b)) << t.checkpoint_key;
  }
}

TEST(ObjectGraphTest, CheckpointManagerNumbersKeepsAndWritesState) {
  const std::string dir = testing::NewTempDir("manager");
  std::vector<ObjectCheckpointVariable> vars = {
      {"model/w", Tensor::Scalar<float>(1.5f), ""}};
  TFP_ASSERT_OK_AND_ASSIGN(std::string p1,
                           SaveObjectCheckpoint(Env::Default(), dir, vars, 1));
  TFP_ASSERT_OK_AND_ASSIGN(std::string p2,
                           SaveObjectCheckpoint(Env::Default(), dir, vars, 1));
  EXPECT_EQ(p2, JoinPath(dir, "ckpt-2"));
  EXPECT_FALSE(Env::Default()->FileExists(p1 + ".index").ok());
  TFP_ASSERT_OK_AND_ASSIGN(
      std::string state,
      ReadFileToString(Env::Default(), JoinPath(dir, "checkpoint")));
  EXPECT_THAT(state, HasSubstr("model_checkpoint_path: \"ckpt-2\"\n"
                               "all_model_checkpoint_paths: \"ckpt-2\"\n"
                               "all_model_checkpoint_timestamps: "));
  auto reader = Open(p2);
  ASSERT_NE(reader, nullptr);
  TFP_ASSERT_OK_AND_ASSIGN(
      Tensor counter,
      reader->GetTensor("save_counter/.ATTRIBUTES/VARIABLE_VALUE"));
  EXPECT_EQ(counter.scalar<int64_t>(), 2);
}

}  // namespace
}  // namespace tfpersist
