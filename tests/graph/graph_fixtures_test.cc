// Every TF-written graph of the fixture corpus imports into a Graph and
// comes back out node for node; truncated graph bytes never crash.
#include <google/protobuf/util/message_differencer.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <set>

#include "core/tensor_proto.h"
#include "graph/graph_def_io.h"
#include "graph/node_def_util.h"
#include "graph/shape_refiner.h"
#include "graph/tensor_id.h"
#include "graph_test_util.h"
#include "testing/status_matchers.h"
#include "tfpersist/graph/graph.h"

namespace tfpersist {
namespace {

using ::google::protobuf::util::MessageDifferencer;
using ::tfpersist::testing::AllFixtureGraphs;
using ::tfpersist::testing::FixtureGraph;

// What TF's importer + ToGraphDef make of a NodeDef: defaults filled in,
// "x:0" written "x", control inputs deduplicated and sorted.
tensorflow::NodeDef Canonical(tensorflow::NodeDef node,
                              const tensorflow::OpDef& op_def) {
  AddDefaultsToNodeDef(op_def, &node);
  std::vector<std::string> data, control;
  for (const std::string& in : node.input()) {
    TensorId id = *ParseTensorName(in);
    if (id.is_control()) {
      if (std::find(control.begin(), control.end(), id.node) == control.end()) {
        control.push_back(id.node);
      }
    } else {
      data.push_back(id.ToString(/*keep_zero=*/false));
    }
  }
  std::sort(control.begin(), control.end());
  node.clear_input();
  for (const std::string& d : data) node.add_input(d);
  for (const std::string& c : control) node.add_input("^" + c);
  return node;
}

Status Import(const FixtureGraph& f, std::unique_ptr<Graph>* out) {
  auto g = Graph::FromGraphDef(f.graph_def, f.is_meta ? &f.op_list : nullptr);
  if (!g.ok()) return g.status();
  *out = std::move(g).value();
  return OkStatus();
}

TEST(GraphFixturesTest, EveryFixtureGraphImportsAndRoundTrips) {
  TFP_REQUIRE_SHARED();
  const std::vector<FixtureGraph> graphs = AllFixtureGraphs();
  ASSERT_GE(graphs.size(), 25u);
  for (const FixtureGraph& f : graphs) {
    SCOPED_TRACE(f.label);
    std::unique_ptr<Graph> g;
    TFP_ASSERT_OK(Import(f, &g));
    const tensorflow::GraphDef out = g->ToGraphDef();
    ASSERT_EQ(out.node_size(), f.graph_def.node_size());
    for (int i = 0; i < out.node_size(); ++i) {
      const tensorflow::NodeDef expected =
          Canonical(f.graph_def.node(i), g->nodes()[i]->op_def());
      std::string diff;
      MessageDifferencer d;
      d.ReportDifferencesToString(&diff);
      ASSERT_TRUE(d.Compare(out.node(i), expected))
          << "node " << expected.name() << ": " << diff;
    }
    EXPECT_TRUE(
        MessageDifferencer::Equals(out.library(), f.graph_def.library()));
    EXPECT_TRUE(
        MessageDifferencer::Equals(out.versions(), f.graph_def.versions()));
    EXPECT_EQ(out.has_versions(), f.graph_def.has_versions());
    TFP_EXPECT_OK(g->TopologicalOrder().status());
  }
}

// Frozen graphs (no op list) need every op registered.
TEST(GraphFixturesTest, FrozenGraphsUseOnlyRegisteredOps) {
  TFP_REQUIRE_SHARED();
  int frozen = 0;
  for (const FixtureGraph& f : AllFixtureGraphs()) {
    if (f.is_meta) continue;
    ++frozen;
    TFP_EXPECT_OK(Graph::FromGraphDef(f.graph_def).status()) << f.label;
  }
  EXPECT_EQ(frozen, 11);
}

// Static shapes of every TF-written graph: the registered shape functions
// accept what TF built.
TEST(GraphFixturesTest, ShapeInferenceAcceptsEveryFixtureGraph) {
  TFP_REQUIRE_SHARED();
  for (const FixtureGraph& f : AllFixtureGraphs()) {
    SCOPED_TRACE(f.label);
    std::unique_ptr<Graph> g;
    TFP_ASSERT_OK(Import(f, &g));
    auto shapes = InferGraphShapes(*g);
    TFP_ASSERT_OK(shapes.status());
    EXPECT_EQ(shapes->size(), static_cast<size_t>(g->num_nodes()));
  }
}

// TF records `_output_shapes` in meta graphs. Inferred from the GraphDef
// alone, our shapes never contradict them (TF's Python knew more, e.g.
// set_shape calls); refined by them, as TF's importer does, they are equal.
TEST(GraphFixturesTest, InferredShapesAgreeWithTfOutputShapes) {
  TFP_REQUIRE_SHARED();
  int checked = 0;
  for (const FixtureGraph& f : AllFixtureGraphs()) {
    if (!f.is_meta) continue;
    SCOPED_TRACE(f.label);
    std::unique_ptr<Graph> g;
    TFP_ASSERT_OK(Import(f, &g));
    TFP_ASSERT_OK_AND_ASSIGN(auto plain, InferGraphShapes(*g, false));
    TFP_ASSERT_OK_AND_ASSIGN(auto refined, InferGraphShapes(*g, true));
    for (const Node* n : g->nodes()) {
      const auto& attrs = f.graph_def.node(n->id()).attr();
      auto it = attrs.find("_output_shapes");
      if (it == attrs.end()) continue;
      const auto& theirs = it->second.list().shape();
      for (int i = 0; i < theirs.size() && i < n->num_outputs(); ++i) {
        TFP_ASSERT_OK_AND_ASSIGN(PartialTensorShape tf,
                                 PartialTensorShapeFromProto(theirs[i]));
        EXPECT_TRUE(plain[n->id()][i].IsCompatibleWith(tf))
            << n->op() << " " << n->name() << ":" << i << " ours "
            << plain[n->id()][i].DebugString() << " TF " << tf.DebugString();
        EXPECT_EQ(refined[n->id()][i], tf)
            << n->op() << " " << n->name() << ":" << i << " ours "
            << refined[n->id()][i].DebugString() << " TF " << tf.DebugString();
        ++checked;
      }
    }
  }
  EXPECT_GT(checked, 4000);
}

// Cut points: every length up to 64, then 64 spread over the file.
std::vector<size_t> CutPoints(size_t size) {
  std::vector<size_t> cuts;
  for (size_t n = 0; n < std::min<size_t>(size, 64); ++n) cuts.push_back(n);
  for (size_t k = 1; k <= 64; ++k) cuts.push_back(size * k / 65);
  cuts.push_back(size - 1);
  return cuts;
}

TEST(GraphFixturesTest, TruncatedGraphBytesNeverCrash) {
  TFP_REQUIRE_SHARED();
  for (const FixtureGraph& f : AllFixtureGraphs()) {
    SCOPED_TRACE(f.label);
    const std::string bytes = f.graph_def.SerializeAsString();
    int rejected = 0;
    for (size_t n : CutPoints(bytes.size())) {
      auto parsed =
          ParseGraphDef(std::string_view(bytes).substr(0, n), f.label);
      if (!parsed.ok()) {
        EXPECT_TRUE(parsed.status().code() == StatusCode::kDataLoss ||
                    parsed.status().code() == StatusCode::kInvalidArgument)
            << parsed.status();
        ++rejected;
        continue;
      }
      // A prefix that parses (cut between fields) is a smaller graph: it
      // imports or fails cleanly (e.g. an input node cut off).
      auto g = Graph::FromGraphDef(*parsed, f.is_meta ? &f.op_list : nullptr);
      if (!g.ok()) {
        EXPECT_TRUE(g.status().code() == StatusCode::kInvalidArgument ||
                    g.status().code() == StatusCode::kNotFound)
            << g.status();
      }
    }
    EXPECT_GT(rejected, 0);
  }
}

}  // namespace
}  // namespace tfpersist
