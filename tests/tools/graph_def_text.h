// Test helper: a GraphDef from its text format (fails the test on a typo).
#ifndef TFPERSIST_TESTS_TOOLS_GRAPH_DEF_TEXT_H_
#define TFPERSIST_TESTS_TOOLS_GRAPH_DEF_TEXT_H_

#include <google/protobuf/text_format.h>
#include <google/protobuf/util/message_differencer.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "tensorflow/core/framework/graph.pb.h"

namespace tfpersist::testing {

inline tensorflow::GraphDef GraphDefFromText(const std::string& text) {
  tensorflow::GraphDef g;
  EXPECT_TRUE(google::protobuf::TextFormat::ParseFromString(text, &g)) << text;
  return g;
}

inline std::vector<std::string> NodeNames(const tensorflow::GraphDef& g) {
  std::vector<std::string> names;
  for (const auto& n : g.node()) names.push_back(n.name());
  return names;
}

inline const tensorflow::NodeDef* FindNodeDef(const tensorflow::GraphDef& g,
                                              const std::string& name) {
  for (const auto& n : g.node()) {
    if (n.name() == name) return &n;
  }
  return nullptr;
}

// Field-by-field equality (map order ignored).
inline bool ProtoEquals(const google::protobuf::Message& a,
                        const google::protobuf::Message& b) {
  return google::protobuf::util::MessageDifferencer::Equals(a, b);
}

}  // namespace tfpersist::testing

#endif  // TFPERSIST_TESTS_TOOLS_GRAPH_DEF_TEXT_H_
