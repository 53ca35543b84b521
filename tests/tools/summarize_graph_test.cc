// summarize_graph's text (TF's format) on small graphs.
#include "tfpersist/tools/summarize_graph.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "testing/status_matchers.h"
#include "tools/graph_def_text.h"

namespace tfpersist {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using testing::StatusIs;

TEST(HumanReadableNumTest, MatchesTfsRules) {
  EXPECT_EQ(HumanReadableNum(999), "999");
  EXPECT_EQ(HumanReadableNum(1000), "1.00k");
  EXPECT_EQ(HumanReadableNum(104938), "104.94k");
  EXPECT_EQ(HumanReadableNum(1863690), "1.86M");
  EXPECT_EQ(HumanReadableNum(-2500), "-2.50k");
}

constexpr char kGraph[] = R"pb(
  node {
    name: "x"
    op: "Placeholder"
    attr {
      key: "dtype"
      value { type: DT_FLOAT }
    }
    attr {
      key: "shape"
      value {
        shape {
          dim { size: -1 }
          dim { size: 3 }
        }
      }
    }
  }
  node {
    name: "w"
    op: "VariableV2"
    device: "/device:CPU:0"
    attr {
      key: "dtype"
      value { type: DT_FLOAT }
    }
    attr {
      key: "shape"
      value {
        shape {
          dim { size: 3 }
          dim { size: 2 }
        }
      }
    }
  }
  node {
    name: "c"
    op: "Const"
    attr {
      key: "dtype"
      value { type: DT_INT32 }
    }
    attr {
      key: "value"
      value {
        tensor {
          dtype: DT_INT32
          tensor_shape { dim { size: 4 } }
          int_val: 1
        }
      }
    }
  }
  node { name: "init" op: "NoOp" }
  node { name: "y" op: "MatMul" input: "x" input: "w" input: "^init" }
  node { name: "z" op: "Identity" input: "c" }
)pb";

TEST(SummarizeGraphTest, PrintsTfsLines) {
  TFP_ASSERT_OK_AND_ASSIGN(
      std::string s, SummarizeGraph(testing::GraphDefFromText(kGraph), "g.pb"));
  EXPECT_THAT(s, HasSubstr("Found 1 possible inputs: (name=x, type=float(1), "
                           "shape=[?,3]) \n"));
  EXPECT_THAT(
      s,
      HasSubstr("Found 1 variables: (name=w, type=float(1), shape=[3,2]) \n"));
  EXPECT_THAT(s, HasSubstr("Found 2 possible outputs: (name=y, op=MatMul) "
                           "(name=z, op=Identity) \n"));
  EXPECT_THAT(
      s, HasSubstr("Found 4 (4) const parameters, 6 (6) variable parameters, "
                   "and 1 control_edges\n"));
  EXPECT_THAT(
      s, HasSubstr("Parameter bytes: 16 (16 B) const, 24 (24 B) variable\n"));
  EXPECT_THAT(s, HasSubstr("1 nodes assigned to device '/device:CPU:0'\n"));
  EXPECT_THAT(s,
              HasSubstr("Op types used: 1 Const, 1 Identity, 1 MatMul, 1 NoOp, "
                        "1 Placeholder, 1 VariableV2\n"));
  EXPECT_THAT(
      s, HasSubstr("tfpersist run g.pb --input x:0=<file.npy> --output y:0 "
                   "--output z:0\n"));
  EXPECT_THAT(LikelyOutputNodes(testing::GraphDefFromText(kGraph)),
              ElementsAre("y", "z"));
}

TEST(SummarizeGraphTest, StructureInExecutionOrder) {
  auto g = testing::GraphDefFromText(R"pb(
    node { name: "b" op: "Identity" input: "a" }
    node {
      name: "a"
      op: "Const"
      attr {
        key: "dtype"
        value { type: DT_FLOAT }
      }
      attr {
        key: "value"
        value {
          tensor {
            dtype: DT_FLOAT
            tensor_shape {}
            float_val: 2
          }
        }
      }
    }
  )pb");
  TFP_ASSERT_OK_AND_ASSIGN(std::string s, SummarizeGraph(g, "g.pb", true));
  EXPECT_THAT(
      s,
      HasSubstr("a (Const): [], value=Tensor<type: float shape: [] values: 2>\n"
                "b (Identity): [a]\n"));
}

TEST(SummarizeGraphTest, InvalidInputsAreInternalAsInTf) {
  auto g = testing::GraphDefFromText(
      R"pb(node { name: "b" op: "Identity" input: "nope:1" })pb");
  EXPECT_THAT(SummarizeGraph(g, "g.pb"),
              StatusIs(StatusCode::kInternal,
                       HasSubstr("Invalid input nope:1 for node b")));
}

}  // namespace
}  // namespace tfpersist
