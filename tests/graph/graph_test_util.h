// Helpers for graph tests: TF-written graphs from ../shared/fixtures/tf.
#ifndef TFPERSIST_TESTS_GRAPH_GRAPH_TEST_UTIL_H_
#define TFPERSIST_TESTS_GRAPH_GRAPH_TEST_UTIL_H_

#include <google/protobuf/text_format.h>

#include <string>
#include <vector>

#include "tensorflow/core/framework/graph.pb.h"
#include "tensorflow/core/protobuf/meta_graph.pb.h"
#include "tensorflow/core/protobuf/saved_model.pb.h"
#include "testing/fixtures.h"
#include "tfpersist/base/env.h"

namespace tfpersist::testing {

// A graph found in a fixture: the GraphDef and, for meta graphs, the
// stripped_op_list (empty for frozen graphs).
struct FixtureGraph {
  std::string label;  // path relative to fixtures/tf (+ "#<i>" in SavedModels)
  std::string path;
  tensorflow::GraphDef graph_def;
  tensorflow::OpList op_list;
  bool is_meta = false;
};

inline std::string ReadBytes(const std::string& path) {
  auto bytes = ReadFileToString(Env::Default(), path);
  return bytes.ok() ? *bytes : std::string();
}

inline std::string Relative(const std::string& path) {
  const std::string root = SharedDir() + "/fixtures/tf/";
  return path.starts_with(root) ? path.substr(root.size()) : path;
}

// Every graph of the corpus: frozen/plain *.pb GraphDefs, *.meta meta
// graphs, and each meta graph of every saved_model.pb.
inline std::vector<FixtureGraph> AllFixtureGraphs() {
  std::vector<FixtureGraph> out;
  for (const std::string& p : FixtureFilesWithSuffix(".meta")) {
    tensorflow::MetaGraphDef mg;
    if (!mg.ParseFromString(ReadBytes(p))) continue;
    out.push_back({Relative(p), p, mg.graph_def(),
                   mg.meta_info_def().stripped_op_list(), true});
  }
  for (const std::string& p : FixtureFilesWithSuffix(".pb")) {
    if (p.ends_with("fingerprint.pb")) continue;
    if (p.ends_with("saved_model.pb")) {
      tensorflow::SavedModel sm;
      if (!sm.ParseFromString(ReadBytes(p))) continue;
      for (int i = 0; i < sm.meta_graphs_size(); ++i) {
        const auto& mg = sm.meta_graphs(i);
        out.push_back({Relative(p) + "#" + std::to_string(i), p, mg.graph_def(),
                       mg.meta_info_def().stripped_op_list(), true});
      }
      continue;
    }
    tensorflow::GraphDef gd;
    if (!gd.ParseFromString(ReadBytes(p))) continue;
    out.push_back({Relative(p), p, gd, {}, false});
  }
  return out;
}

inline tensorflow::NodeDef NodeFromText(const std::string& text) {
  tensorflow::NodeDef node;
  google::protobuf::TextFormat::ParseFromString(text, &node);
  return node;
}

inline tensorflow::GraphDef GraphFromText(const std::string& text) {
  tensorflow::GraphDef graph;
  google::protobuf::TextFormat::ParseFromString(text, &graph);
  return graph;
}

}  // namespace tfpersist::testing

#endif  // TFPERSIST_TESTS_GRAPH_GRAPH_TEST_UTIL_H_
