// The TF 1.7 Estimator checkpoint (ckpt-v2-estimator-wide-deep: input
// pipeline in the graph, vocabulary tables, partitioned variables) freezes
// to head/predictions/probabilities with --input_meta_graph, keeping the
// table initializers as extra outputs (what TF's freeze_graph users run as
// --initializer_nodes); the frozen graph's tables initialize in a session.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "testing/fixtures.h"
#include "testing/status_matchers.h"
#include "tfpersist/base/path.h"
#include "tfpersist/tools/freeze_graph.h"
#include "tfpersist/tools/graph_io.h"
#include "tools/graph_def_text.h"

namespace tfpersist {
namespace {

using testing::FindNodeDef;
using ::testing::HasSubstr;

constexpr const char* kTableInits[] = {
    "linear/linear_model/country/country_lookup/hash_table/table_init",
    "linear/linear_model/exchange/exchange_lookup/hash_table/table_init",
    "linear/linear_model/industry/industry_lookup/hash_table/table_init",
    "dnn/input_from_feature_columns/input_layer/country_indicator/"
    "country_lookup/hash_table/table_init",
    "dnn/input_from_feature_columns/input_layer/exchange_indicator/"
    "exchange_lookup/hash_table/table_init",
    "dnn/input_from_feature_columns/input_layer/industry_indicator/"
    "industry_lookup/hash_table/table_init"};

TEST(FreezeEstimatorTest, WideDeepFreezesAndItsTablesInitialize) {
  TFP_REQUIRE_SHARED();
  const std::string dir = testing::FixtureDir("ckpt-v2-estimator-wide-deep");
  FreezeGraphOptions o;
  o.input_meta_graph = JoinPath(dir, "model.ckpt-3760.meta");
  o.input_checkpoint = JoinPath(dir, "model.ckpt-3760");
  o.output_node_names = {"head/predictions/probabilities"};
  o.output_node_names.insert(o.output_node_names.end(), std::begin(kTableInits),
                             std::end(kTableInits));
  TFP_ASSERT_OK_AND_ASSIGN(tensorflow::GraphDef frozen, FreezeGraph(o));
  // Partitioned variables (part_0) became Consts holding the checkpoint's
  // full tensors; no variable is left.
  const tensorflow::NodeDef* kernel =
      FindNodeDef(frozen, "dnn/hiddenlayer_0/kernel/part_0");
  ASSERT_NE(kernel, nullptr);
  EXPECT_EQ(kernel->op(), "Const");
  EXPECT_EQ(kernel->attr().at("value").tensor().tensor_shape().dim(0).size(),
            235);
  for (const auto& n : frozen.node()) {
    EXPECT_NE(n.op(), "VariableV2") << n.name();
  }
  ASSERT_NE(FindNodeDef(frozen, "IteratorGetNext"), nullptr);
  // The frozen graph imports (with the meta graph's op list for ops
  // tfpersist has no OpDef for yet) and its vocabulary tables (HashTableV2 +
  // InitializeTableV2) initialize.
  TFP_ASSERT_OK_AND_ASSIGN(auto meta, ReadMetaGraphDefFile(o.input_meta_graph));
  SessionOptions options;
  options.extra_ops = meta.meta_info_def().stripped_op_list();
  TFP_ASSERT_OK_AND_ASSIGN(auto session, Session::Create(frozen, options));
  std::vector<std::string> inits(std::begin(kTableInits),
                                 std::end(kTableInits));
  TFP_EXPECT_OK(session->Run({}, {}, inits, nullptr));
  // Fetching the iterator itself needs its kernel: one up-front error.
  std::vector<Tensor> out;
  EXPECT_THAT(
      session->Run({}, {"IteratorGetNext:0"}, {}, &out),
      testing::StatusIs(StatusCode::kUnimplemented,
                        ::testing::AllOf(HasSubstr("op 'Iterator' (node"),
                                         HasSubstr("needed by this run"))));
}

}  // namespace
}  // namespace tfpersist
