// ExportMetaGraph / ImportMetaGraph. The v1/v2/add program's .meta is
// compared node by node with what TF 1.15 writes (spec meta-graph.md §3,
// §4.1 with the TF >= 1.14 filename nodes; SaverDef and VariableDef bytes
// from the spec).
#include "tfpersist/train/meta_graph.h"

#include <gmock/gmock.h>
#include <google/protobuf/text_format.h>
#include <google/protobuf/util/message_differencer.h>
#include <gtest/gtest.h>

#include "testing/fixtures.h"
#include "testing/kernel_test_harness.h"
#include "testing/status_matchers.h"
#include "tfpersist/base/path.h"
#include "train/testing/models.h"

namespace tfpersist {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using testing::StatusIs;
using testing::TensorEq;

// The nodes TF 1.15 writes for the v1/v2/add program plus tf.train.Saver(),
// as text-format NodeDefs (attrs with `_output_shapes` as
// as_graph_def(add_shapes=True) adds them).
constexpr const char* kTfNodes[] = {
    R"(name: "Const" op: "Const"
       attr { key: "_output_shapes" value { list { shape { dim { size: 1 } } } } }
       attr { key: "dtype" value { type: DT_FLOAT } }
       attr { key: "value" value { tensor { dtype: DT_FLOAT
              tensor_shape { dim { size: 1 } } float_val: 1 } } })",
    R"(name: "v1" op: "VariableV2"
       attr { key: "_output_shapes" value { list { shape { dim { size: 1 } } } } }
       attr { key: "container" value { s: "" } }
       attr { key: "dtype" value { type: DT_FLOAT } }
       attr { key: "shape" value { shape { dim { size: 1 } } } }
       attr { key: "shared_name" value { s: "" } })",
    R"(name: "v1/Assign" op: "Assign" input: "v1" input: "Const"
       attr { key: "T" value { type: DT_FLOAT } }
       attr { key: "_class" value { list { s: "loc:@v1" } } }
       attr { key: "_output_shapes" value { list { shape { dim { size: 1 } } } } }
       attr { key: "use_locking" value { b: true } }
       attr { key: "validate_shape" value { b: true } })",
    R"(name: "v1/read" op: "Identity" input: "v1"
       attr { key: "T" value { type: DT_FLOAT } }
       attr { key: "_class" value { list { s: "loc:@v1" } } }
       attr { key: "_output_shapes" value { list { shape { dim { size: 1 } } } } })",
    R"(name: "Const_1" op: "Const"
       attr { key: "_output_shapes" value { list { shape { dim { size: 1 } } } } }
       attr { key: "dtype" value { type: DT_FLOAT } }
       attr { key: "value" value { tensor { dtype: DT_FLOAT
              tensor_shape { dim { size: 1 } } float_val: 2 } } })",
    R"(name: "v2" op: "VariableV2"
       attr { key: "_output_shapes" value { list { shape { dim { size: 1 } } } } }
       attr { key: "container" value { s: "" } }
       attr { key: "dtype" value { type: DT_FLOAT } }
       attr { key: "shape" value { shape { dim { size: 1 } } } }
       attr { key: "shared_name" value { s: "" } })",
    R"(name: "v2/Assign" op: "Assign" input: "v2" input: "Const_1"
       attr { key: "T" value { type: DT_FLOAT } }
       attr { key: "_class" value { list { s: "loc:@v2" } } }
       attr { key: "_output_shapes" value { list { shape { dim { size: 1 } } } } }
       attr { key: "use_locking" value { b: true } }
       attr { key: "validate_shape" value { b: true } })",
    R"(name: "v2/read" op: "Identity" input: "v2"
       attr { key: "T" value { type: DT_FLOAT } }
       attr { key: "_class" value { list { s: "loc:@v2" } } }
       attr { key: "_output_shapes" value { list { shape { dim { size: 1 } } } } })",
    R"(name: "add" op: "AddV2" input: "v1/read" input: "v2/read"
       attr { key: "T" value { type: DT_FLOAT } }
       attr { key: "_output_shapes" value { list { shape { dim { size: 1 } } } } })",
    R"(name: "init" op: "NoOp" input: "^v1/Assign" input: "^v2/Assign")",
    R"(name: "save/filename/input" op: "Const"
       attr { key: "_output_shapes" value { list { shape { } } } }
       attr { key: "dtype" value { type: DT_STRING } }
       attr { key: "value" value { tensor { dtype: DT_STRING tensor_shape { }
              string_val: "model" } } })",
    R"(name: "save/filename" op: "PlaceholderWithDefault"
       input: "save/filename/input"
       attr { key: "_output_shapes" value { list { shape { } } } }
       attr { key: "dtype" value { type: DT_STRING } }
       attr { key: "shape" value { shape { } } })",
    R"(name: "save/Const" op: "PlaceholderWithDefault" input: "save/filename"
       attr { key: "_output_shapes" value { list { shape { } } } }
       attr { key: "dtype" value { type: DT_STRING } }
       attr { key: "shape" value { shape { } } })",
    R"(name: "save/SaveV2/tensor_names" op: "Const"
       attr { key: "_output_shapes" value { list { shape { dim { size: 2 } } } } }
       attr { key: "dtype" value { type: DT_STRING } }
       attr { key: "value" value { tensor { dtype: DT_STRING
              tensor_shape { dim { size: 2 } } string_val: "v1" string_val: "v2" } } })",
    R"(name: "save/SaveV2/shape_and_slices" op: "Const"
       attr { key: "_output_shapes" value { list { shape { dim { size: 2 } } } } }
       attr { key: "dtype" value { type: DT_STRING } }
       attr { key: "value" value { tensor { dtype: DT_STRING
              tensor_shape { dim { size: 2 } } string_val: "" string_val: "" } } })",
    R"(name: "save/SaveV2" op: "SaveV2" input: "save/Const"
       input: "save/SaveV2/tensor_names" input: "save/SaveV2/shape_and_slices"
       input: "v1" input: "v2"
       attr { key: "dtypes" value { list { type: DT_FLOAT type: DT_FLOAT } } })",
    R"(name: "save/control_dependency" op: "Identity" input: "save/Const"
       input: "^save/SaveV2"
       attr { key: "T" value { type: DT_STRING } }
       attr { key: "_class" value { list { s: "loc:@save/Const" } } }
       attr { key: "_output_shapes" value { list { shape { } } } })",
    R"(name: "save/RestoreV2/tensor_names" op: "Const" device: "/device:CPU:0"
       attr { key: "_output_shapes" value { list { shape { dim { size: 2 } } } } }
       attr { key: "dtype" value { type: DT_STRING } }
       attr { key: "value" value { tensor { dtype: DT_STRING
              tensor_shape { dim { size: 2 } } string_val: "v1" string_val: "v2" } } })",
    R"(name: "save/RestoreV2/shape_and_slices" op: "Const" device: "/device:CPU:0"
       attr { key: "_output_shapes" value { list { shape { dim { size: 2 } } } } }
       attr { key: "dtype" value { type: DT_STRING } }
       attr { key: "value" value { tensor { dtype: DT_STRING
              tensor_shape { dim { size: 2 } } string_val: "" string_val: "" } } })",
    R"(name: "save/RestoreV2" op: "RestoreV2" input: "save/Const"
       input: "save/RestoreV2/tensor_names" input: "save/RestoreV2/shape_and_slices"
       device: "/device:CPU:0"
       attr { key: "_output_shapes" value { list { shape { unknown_rank: true }
              shape { unknown_rank: true } } } }
       attr { key: "dtypes" value { list { type: DT_FLOAT type: DT_FLOAT } } })",
    R"(name: "save/Assign" op: "Assign" input: "v1" input: "save/RestoreV2"
       attr { key: "T" value { type: DT_FLOAT } }
       attr { key: "_class" value { list { s: "loc:@v1" } } }
       attr { key: "_output_shapes" value { list { shape { dim { size: 1 } } } } }
       attr { key: "use_locking" value { b: true } }
       attr { key: "validate_shape" value { b: true } })",
    R"(name: "save/Assign_1" op: "Assign" input: "v2" input: "save/RestoreV2:1"
       attr { key: "T" value { type: DT_FLOAT } }
       attr { key: "_class" value { list { s: "loc:@v2" } } }
       attr { key: "_output_shapes" value { list { shape { dim { size: 1 } } } } }
       attr { key: "use_locking" value { b: true } }
       attr { key: "validate_shape" value { b: true } })",
    R"(name: "save/restore_all" op: "NoOp" input: "^save/Assign"
       input: "^save/Assign_1")",
};

std::string Bytes(std::initializer_list<std::string_view> parts) {
  std::string out;
  for (std::string_view p : parts) out += p;
  return out;
}

// VariableDef bytes as the spec lists them for v1 (and likewise v2).
std::string VariableDefBytes(const std::string& v, const std::string& init) {
  return Bytes({"\x0a", std::string(1, char(v.size() + 2)), v, ":0", "\x12",
                std::string(1, char(v.size() + 7)), v, "/Assign", "\x1a",
                std::string(1, char(v.size() + 7)), v, "/read:0", "\x32",
                std::string(1, char(init.size())), init, "\x38\x01"});
}

class V1V2MetaGraphTest : public ::testing::Test {
 protected:
  void SetUp() override {
    model_ = testing::BuildV1V2Model();
    TFP_ASSERT_OK_AND_ASSIGN(saver_, Saver::Create(*model_->b));
    TFP_ASSERT_OK_AND_ASSIGN(auto session,
                             Session::Create(model_->graph->ToGraphDef()));
    TFP_ASSERT_OK(session->Run({}, {}, {"init"}, nullptr));
    prefix_ = JoinPath(testing::NewTempDir("meta"), "model.ckpt");
    TFP_ASSERT_OK(saver_->Save(session.get(), prefix_).status());
    TFP_ASSERT_OK_AND_ASSIGN(meta_,
                             ReadMetaGraph(Env::Default(), prefix_ + ".meta"));
  }

  std::unique_ptr<testing::V1V2Model> model_;
  std::unique_ptr<Saver> saver_;
  std::string prefix_;
  tensorflow::MetaGraphDef meta_;
};

TEST_F(V1V2MetaGraphTest, NodesMatchTensorFlowNodeByNode) {
  const auto& nodes = meta_.graph_def().node();
  ASSERT_EQ(nodes.size(), static_cast<int>(std::size(kTfNodes)));
  for (int i = 0; i < nodes.size(); ++i) {
    tensorflow::NodeDef want;
    ASSERT_TRUE(
        google::protobuf::TextFormat::ParseFromString(kTfNodes[i], &want));
    std::string diff;
    google::protobuf::util::MessageDifferencer d;
    d.ReportDifferencesToString(&diff);
    EXPECT_TRUE(d.Compare(want, nodes[i])) << want.name() << ":\n" << diff;
  }
  EXPECT_EQ(meta_.graph_def().versions().producer(), 134);
}

TEST_F(V1V2MetaGraphTest, SaverDefBytesMatchTheSpec) {
  const std::string want =
      Bytes({"\x0a\x0c", "save/Const:0", "\x12\x19",
             "save/control_dependency:0", "\x1a\x10", "save/restore_all",
             std::string("\x20\x05\x35\x00\x40\x1c\x46\x38\x02", 9)});
  EXPECT_EQ(meta_.saver_def().SerializeAsString(), want);
}

TEST_F(V1V2MetaGraphTest, VariableCollectionsHoldTfVariableDefs) {
  ASSERT_EQ(meta_.collection_def_size(), 2);
  for (const char* key : {"variables", "trainable_variables"}) {
    const auto& values = meta_.collection_def().at(key).bytes_list().value();
    ASSERT_EQ(values.size(), 2) << key;
    EXPECT_EQ(values[0], VariableDefBytes("v1", "Const:0"));
    EXPECT_EQ(values[1], VariableDefBytes("v2", "Const_1:0"));
  }
}

TEST_F(V1V2MetaGraphTest, MetaInfoNamesTheEmulatedTfAndSortedOps) {
  const auto& info = meta_.meta_info_def();
  EXPECT_EQ(info.tensorflow_version(), "1.15.0");
  EXPECT_FALSE(info.stripped_default_attrs());
  std::vector<std::string> ops;
  for (const auto& op : info.stripped_op_list().op()) ops.push_back(op.name());
  EXPECT_THAT(ops, ElementsAre("AddV2", "Assign", "Const", "Identity", "NoOp",
                               "PlaceholderWithDefault", "RestoreV2", "SaveV2",
                               "VariableV2"));
}

TEST_F(V1V2MetaGraphTest, ImportedGraphRestoresWithoutRebuilding) {
  TFP_ASSERT_OK_AND_ASSIGN(auto imported, ImportMetaGraph(prefix_ + ".meta"));
  ASSERT_NE(imported->saver, nullptr);
  TFP_ASSERT_OK_AND_ASSIGN(auto session, imported->NewSession());
  TFP_ASSERT_OK(imported->saver->Restore(session.get(), prefix_));
  std::vector<Tensor> out;
  TFP_ASSERT_OK(session->Run({}, {"add:0"}, {}, &out));
  EXPECT_THAT(out[0], TensorEq(Tensor::FromVector<float>({3})));
  TFP_ASSERT_OK_AND_ASSIGN(auto names, imported->collections->GetVariableNames(
                                           GraphKeys::kTrainableVariables));
  EXPECT_THAT(names, ElementsAre("v1", "v2"));
}

TEST_F(V1V2MetaGraphTest, ImportScopePrefixesNodesCollectionsAndSaver) {
  ImportMetaGraphOptions options;
  options.import_scope = "net";
  TFP_ASSERT_OK_AND_ASSIGN(auto imported,
                           ImportMetaGraph(prefix_ + ".meta", options));
  EXPECT_NE(imported->graph->FindNode("net/v1/read"), nullptr);
  EXPECT_EQ(imported->saver->saver_def().restore_op_name(),
            "net/save/restore_all");
  TFP_ASSERT_OK_AND_ASSIGN(auto names, imported->collections->GetVariableNames(
                                           GraphKeys::kGlobalVariables));
  EXPECT_THAT(names, ElementsAre("net/v1", "net/v2"));
  TFP_ASSERT_OK_AND_ASSIGN(auto session, imported->NewSession());
  TFP_ASSERT_OK(imported->saver->Restore(session.get(), prefix_));
  std::vector<Tensor> out;
  TFP_ASSERT_OK(session->Run({}, {"net/add:0"}, {}, &out));
  EXPECT_THAT(out[0], TensorEq(Tensor::FromVector<float>({3})));
}

TEST(MetaGraphIoTest, ReadsTextFormatAndRejectsGarbage) {
  const std::string dir = testing::NewTempDir("meta_io");
  Env* env = Env::Default();
  TFP_ASSERT_OK(
      WriteStringToFile(env, JoinPath(dir, "t.meta"),
                        "meta_info_def { tensorflow_version: \"1.15.0\" }"));
  TFP_ASSERT_OK_AND_ASSIGN(auto mg,
                           ReadMetaGraph(env, JoinPath(dir, "t.meta")));
  EXPECT_EQ(mg.meta_info_def().tensorflow_version(), "1.15.0");
  TFP_ASSERT_OK(
      WriteStringToFile(env, JoinPath(dir, "bad.meta"), "\xff\xff garbage {"));
  EXPECT_THAT(ReadMetaGraph(env, JoinPath(dir, "bad.meta")).status(),
              StatusIs(StatusCode::kDataLoss, HasSubstr("bad.meta")));
  EXPECT_THAT(ImportMetaGraph(JoinPath(dir, "missing.meta")).status(),
              StatusIs(StatusCode::kNotFound, HasSubstr("missing.meta")));
}

TEST(MetaGraphExportTest, ClearDevicesAndStripDefaultAttrs) {
  auto m = testing::BuildV1V2Model();
  TFP_ASSERT_OK_AND_ASSIGN(auto saver, Saver::Create(*m->b));
  MetaGraphExportOptions options;
  options.clear_devices = true;
  options.strip_default_attrs = true;
  TFP_ASSERT_OK_AND_ASSIGN(auto mg, ExportMetaGraph(*m->graph, options));
  EXPECT_TRUE(mg.meta_info_def().stripped_default_attrs());
  for (const auto& node : mg.graph_def().node()) {
    EXPECT_EQ(node.device(), "") << node.name();
    if (node.op() == "Assign") {
      EXPECT_FALSE(node.attr().contains("use_locking")) << node.name();
    }
  }
}

}  // namespace
}  // namespace tfpersist
