// freeze_graph on TF1 graphs that needed more than the outputs' subgraph:
// resource variables read through "<v>/Read/ReadVariableOp" (outside that
// subgraph), ops known only from the meta graph's stripped_op_list, and
// training-mode ref ops (--fix_training_ops). Expected values are the
// checkpoint values written here, combined by hand.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "testing/fixtures.h"
#include "testing/status_matchers.h"
#include "tfpersist/base/path.h"
#include "tfpersist/io/tensor_bundle.h"
#include "tfpersist/tools/freeze_graph.h"
#include "tfpersist/tools/graph_io.h"
#include "tools/graph_def_text.h"

namespace tfpersist {
namespace {

using ::testing::ElementsAre;
using testing::FindNodeDef;
using ::testing::HasSubstr;
using testing::StatusIs;

constexpr char kFloatAttr[] =
    R"(attr { key: "dtype" value { type: DT_FLOAT } })";

std::string WriteCheckpoint(const std::string& dir, const std::string& key,
                            const Tensor& value) {
  const std::string prefix = JoinPath(dir, "model.ckpt");
  BundleWriter w(Env::Default(), prefix);
  w.Add(key, value);
  EXPECT_TRUE(w.Finish().ok());
  return prefix;
}

std::vector<float> RunFrozen(
    const tensorflow::GraphDef& g, const std::string& fetch,
    std::vector<std::pair<std::string, Tensor>> feeds) {
  auto session = Session::Create(g);
  EXPECT_TRUE(session.ok()) << session.status();
  if (!session.ok()) return {};
  std::vector<Tensor> out;
  Status s = (*session)->Run(feeds, {fetch}, {}, &out);
  EXPECT_TRUE(s.ok()) << s;
  if (!s.ok()) return {};
  auto f = out[0].flat<float>();
  return std::vector<float>(f.begin(), f.end());
}

// tf.compat.v1.get_variable("w", use_resource=True) and y = x * w: the
// output reads w through "mul/ReadVariableOp"; "w/Read/ReadVariableOp",
// which convert_variables_to_constants fetches, is outside y's subgraph.
TEST(FreezeFixesTest, ResourceVariablesAreReadThroughTheFullGraph) {
  const std::string dir = testing::NewTempDir("freeze_resource");
  const std::string graph = JoinPath(dir, "graph.pbtxt");
  TFP_ASSERT_OK(WriteGraphDefFile(
      testing::GraphDefFromText(
          StrCat(R"pb(
                   node { name: "w" op: "VarHandleOp"
                          attr {
                            key: "shape"
                            value { shape { dim { size: 2 } } }
                          }
                          attr {
                            key: "shared_name"
                            value { s: "w" }
                          }
                 )pb",
                 kFloatAttr, R"pb(
                   }
                   node { name: "w/Read/ReadVariableOp" op: "ReadVariableOp" input: "w"
           )pb",
                 kFloatAttr, R"pb(}
                                  node { name: "x" op: "Placeholder" )pb",
                 kFloatAttr, R"pb(}
                                  node { name: "mul/ReadVariableOp" op: "ReadVariableOp" input: "w"
           )pb",
                 kFloatAttr, R"pb(}
                                  node {
      name: "y"
      op: "Mul"
      input: "x"
      input: "mul/ReadVariableOp"
      attr { key: "T" value { type: DT_FLOAT } }
    }
  )pb")),
      graph));
  FreezeGraphOptions o;
  o.input_graph = graph;
  o.input_checkpoint =
      WriteCheckpoint(dir, "w", Tensor::FromVector<float>({3, -2}));
  o.output_node_names = {"y"};
  TFP_ASSERT_OK_AND_ASSIGN(tensorflow::GraphDef frozen, FreezeGraph(o));
  ASSERT_NE(FindNodeDef(frozen, "w"), nullptr);
  EXPECT_EQ(FindNodeDef(frozen, "w")->op(), "Const");
  EXPECT_EQ(FindNodeDef(frozen, "mul/ReadVariableOp")->op(), "Identity");
  EXPECT_EQ(FindNodeDef(frozen, "w/Read/ReadVariableOp"), nullptr);
  EXPECT_THAT(
      RunFrozen(frozen, "y:0", {{"x:0", Tensor::FromVector<float>({2, 5})}}),
      ElementsAre(6.f, -10.f));
}

// A meta graph whose output uses an op tfpersist has no OpDef for: the
// session imports it with the meta graph's stripped_op_list, as TF's
// import_meta_graph does, and the op is kept in the frozen graph.
TEST(FreezeFixesTest, MetaGraphOpsComeFromTheStrippedOpList) {
  const std::string dir = testing::NewTempDir("freeze_stripped");
  tensorflow::MetaGraphDef meta;
  *meta.mutable_graph_def() = testing::GraphDefFromText(
      StrCat(R"pb(
               node { name: "v" op: "VariableV2"
                      attr {
                        key: "shape"
                        value { shape { dim { size: 1 } } }
                      }
             )pb",
             kFloatAttr, R"pb(
        }
        node { name: "out" op: "MyCustomOp" input: "v" }
  )pb"));
  tensorflow::OpDef* op =
      meta.mutable_meta_info_def()->mutable_stripped_op_list()->add_op();
  op->set_name("MyCustomOp");
  op->add_input_arg()->set_name("x");
  op->mutable_input_arg(0)->set_type(tensorflow::DT_FLOAT);
  const std::string path = JoinPath(dir, "model.meta");
  TFP_ASSERT_OK(
      WriteStringToFile(Env::Default(), path, meta.SerializeAsString()));
  FreezeGraphOptions o;
  o.input_meta_graph = path;
  o.input_checkpoint =
      WriteCheckpoint(dir, "v", Tensor::FromVector<float>({4}));
  o.output_node_names = {"out"};
  TFP_ASSERT_OK_AND_ASSIGN(tensorflow::GraphDef frozen, FreezeGraph(o));
  EXPECT_EQ(FindNodeDef(frozen, "v")->op(), "Const");
  EXPECT_EQ(FindNodeDef(frozen, "out")->op(), "MyCustomOp");
  meta.mutable_meta_info_def()->clear_stripped_op_list();
  TFP_ASSERT_OK(
      WriteStringToFile(Env::Default(), path, meta.SerializeAsString()));
  EXPECT_THAT(FreezeGraph(o),
              StatusIs(StatusCode::kNotFound, HasSubstr("MyCustomOp")));
}

// Training-mode batch norm as TF1 leaves it: the moving mean is read
// through a RefSwitch and updated by an AssignSub feeding the output.
TEST(FreezeFixesTest, FixTrainingOpsMakesFrozenRefOpsRun) {
  const std::string dir = testing::NewTempDir("freeze_training");
  const std::string graph = JoinPath(dir, "graph.pbtxt");
  TFP_ASSERT_OK(WriteGraphDefFile(
      testing::GraphDefFromText(StrCat(R"pb(
                                         node {
                                           name: "mm"
                                           op: "VariableV2"
                                           attr {
                                             key: "shape"
                                             value { shape { dim { size: 2 } } }
                                           }
                                       )pb",
                                       kFloatAttr, R"pb(
        }
        node {
      name: "pred"
      op: "Const"
      attr { key: "dtype" value { type: DT_BOOL } }
      attr { key: "value" value { tensor { dtype: DT_BOOL tensor_shape {} bool_val: true } } }
    }
    node {
      name: "delta"
      op: "Const"
      attr { key: "dtype" value { type: DT_FLOAT } }
      attr { key: "value" value { tensor { dtype: DT_FLOAT
        tensor_shape { dim { size: 2 } } float_val: 0.5 float_val: 1 } } }
    }
    node { name: "sw" op: "RefSwitch" input: "mm" input: "pred"
           attr { key: "T" value { type: DT_FLOAT } } }
    node { name: "read" op: "Identity" input: "sw:1"
           attr { key: "T" value { type: DT_FLOAT } } }
    node { name: "update" op: "AssignSub" input: "mm" input: "delta"
           attr { key: "T" value { type: DT_FLOAT } }
           attr { key: "use_locking" value { b: false } } }
    node { name: "result" op: "Add" input: "read" input: "update"
           attr { key: "T" value { type: DT_FLOAT } } }
  )pb")),
      graph));
  FreezeGraphOptions o;
  o.input_graph = graph;
  o.input_checkpoint =
      WriteCheckpoint(dir, "mm", Tensor::FromVector<float>({10, 20}));
  o.output_node_names = {"result"};
  TFP_ASSERT_OK_AND_ASSIGN(tensorflow::GraphDef plain, FreezeGraph(o));
  EXPECT_THAT(Session::Create(plain).status(),
              StatusIs(StatusCode::kInvalidArgument, HasSubstr("ref")));
  o.fix_training_ops = true;
  TFP_ASSERT_OK_AND_ASSIGN(tensorflow::GraphDef fixed, FreezeGraph(o));
  EXPECT_EQ(FindNodeDef(fixed, "sw")->op(), "Switch");
  EXPECT_EQ(FindNodeDef(fixed, "update")->op(), "Sub");
  EXPECT_FALSE(FindNodeDef(fixed, "update")->attr().contains("use_locking"));
  EXPECT_EQ(FindNodeDef(fixed, "read"), nullptr);  // remove_training_nodes
  // mm + (mm - delta) = [10 + 9.5, 20 + 19].
  EXPECT_THAT(RunFrozen(fixed, "result:0", {}), ElementsAre(19.5f, 39.f));
}

}  // namespace
}  // namespace tfpersist
