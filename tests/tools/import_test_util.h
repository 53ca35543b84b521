// Shared by the ImportGraphDef tests: a small source graph and a runner.
#ifndef TFPERSIST_TESTS_TOOLS_IMPORT_TEST_UTIL_H_
#define TFPERSIST_TESTS_TOOLS_IMPORT_TEST_UTIL_H_

#include <gmock/gmock.h>

#include <string>
#include <utility>
#include <vector>

#include "testing/status_matchers.h"
#include "tfpersist/graph/graph.h"
#include "tfpersist/runtime/session.h"

namespace tfpersist::testing {

// add = x + c, with a colocated Identity and a control edge.
inline constexpr char kSource[] = R"pb(
  node {
    name: "x"
    op: "Placeholder"
    attr {
      key: "dtype"
      value { type: DT_INT32 }
    }
  }
  node {
    name: "c"
    op: "Const"
    device: "/device:CPU:0"
    attr {
      key: "dtype"
      value { type: DT_INT32 }
    }
    attr {
      key: "value"
      value {
        tensor {
          dtype: DT_INT32
          tensor_shape {}
          int_val: 40
        }
      }
    }
  }
  node {
    name: "c/read"
    op: "Identity"
    input: "c"
    attr {
      key: "T"
      value { type: DT_INT32 }
    }
    attr {
      key: "_class"
      value { list { s: "loc:@c" } }
    }
  }
  node {
    name: "add"
    op: "AddV2"
    input: "x"
    input: "c/read"
    input: "^c"
    attr {
      key: "T"
      value { type: DT_INT32 }
    }
  }
  versions { producer: 27 }
)pb";

inline Tensor RunGraph(const Graph& graph, const std::string& fetch,
                       std::vector<std::pair<std::string, Tensor>> feeds = {}) {
  auto session = Session::Create(graph.ToGraphDef());
  EXPECT_THAT(session.status(), testing::IsOk());
  if (!session.ok()) return Tensor();
  std::vector<Tensor> out;
  EXPECT_THAT((*session)->Run(feeds, {fetch}, {}, &out), testing::IsOk());
  return out.empty() ? Tensor() : out[0];
}

}  // namespace tfpersist::testing

#endif  // TFPERSIST_TESTS_TOOLS_IMPORT_TEST_UTIL_H_
