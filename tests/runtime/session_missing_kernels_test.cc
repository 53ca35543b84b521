// Load-time validation: a graph whose ops all have OpDefs imports; a run
// that needs nodes without kernels fails before running anything, with one
// error naming every missing op type and up to three nodes of each; nodes
// the run does not need never fail.
#include <gmock/gmock.h>
#include <google/protobuf/text_format.h>
#include <gtest/gtest.h>

#include "testing/status_matchers.h"
#include "tfpersist/runtime/session.h"

namespace tfpersist {
namespace {

using ::testing::AllOf;
using ::testing::HasSubstr;
using ::testing::Not;
using ::tfpersist::testing::StatusIs;

constexpr char kGraph[] = R"pb(
  node {
    name: "c"
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
          float_val: 1
        }
      }
    }
  }
  node {
    name: "v"
    op: "VariableV2"
    attr {
      key: "dtype"
      value { type: DT_FLOAT }
    }
    attr {
      key: "shape"
      value { shape {} }
    }
  }
  node {
    name: "v/Assign"
    op: "Assign"
    input: "v"
    input: "c"
    attr {
      key: "T"
      value { type: DT_FLOAT }
    }
  }
  node {
    name: "v/initialized"
    op: "IsVariableInitialized"
    input: "v"
    attr {
      key: "dtype"
      value { type: DT_FLOAT }
    }
  }
  node { name: "a0" op: "OpA" input: "c" }
  node { name: "a1" op: "OpA" input: "c" }
  node { name: "a2" op: "OpA" input: "c" }
  node { name: "a3" op: "OpA" input: "c" }
  node { name: "a4" op: "OpA" input: "c" }
  node { name: "b" op: "OpB" input: "c" }
  node { name: "unused" op: "OpC" input: "c" }
  node {
    name: "sink"
    op: "NoOp"
    input: "^v/Assign"
    input: "^a0"
    input: "^a1"
    input: "^a2"
    input: "^a3"
    input: "^a4"
    input: "^b"
  }
  node { name: "just_b" op: "NoOp" input: "^b" }
  node { name: "safe" op: "NoOp" input: "^v/Assign" }
)pb";

SessionOptions WithExtraOps() {
  SessionOptions options;
  for (const char* name : {"OpA", "OpB", "OpC"}) {
    tensorflow::OpDef* op = options.extra_ops.add_op();
    op->set_name(name);
    op->add_input_arg()->set_name("x");
    op->mutable_input_arg(0)->set_type(tensorflow::DT_FLOAT);
  }
  return options;
}

class SessionMissingKernelsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    tensorflow::GraphDef g;
    ASSERT_TRUE(google::protobuf::TextFormat::ParseFromString(kGraph, &g));
    TFP_ASSERT_OK_AND_ASSIGN(session_, Session::Create(g, WithExtraOps()));
  }
  bool VariableInitialized() {
    std::vector<Tensor> out;
    Status s = session_->Run({}, {"v/initialized:0"}, {}, &out);
    EXPECT_TRUE(s.ok()) << s;
    return s.ok() && out[0].scalar<bool>();
  }
  std::unique_ptr<Session> session_;
};

TEST_F(SessionMissingKernelsTest, OneErrorListsEveryMissingOpType) {
  EXPECT_THAT(
      session_->Run({}, {}, {"sink"}, nullptr),
      StatusIs(StatusCode::kUnimplemented,
               AllOf(HasSubstr("No kernel registered for op 'OpA' (nodes "
                               "'a0', 'a1', 'a2' and 2 more), op 'OpB' "
                               "(node 'b') (2 op types), needed by this run; "
                               "nothing was run"),
                     Not(HasSubstr("OpC")))));
  // Nothing ran: the Assign the same run needed did not happen.
  EXPECT_FALSE(VariableInitialized());
  // The same signature fails the same way again (the plan is not cached).
  EXPECT_THAT(session_->Run({}, {}, {"sink"}, nullptr),
              StatusIs(StatusCode::kUnimplemented, HasSubstr("'OpA'")));
}

TEST_F(SessionMissingKernelsTest, SingleMissingOpKeepsTheShortMessage) {
  EXPECT_THAT(session_->Run({}, {}, {"just_b"}, nullptr),
              StatusIs(StatusCode::kUnimplemented,
                       HasSubstr("No kernel registered for op 'OpB' (node "
                                 "'b'), needed by this run")));
}

TEST_F(SessionMissingKernelsTest, NodesTheRunDoesNotNeedNeverFail) {
  TFP_EXPECT_OK(session_->Run({}, {}, {"safe"}, nullptr));
  EXPECT_TRUE(VariableInitialized());
}

}  // namespace
}  // namespace tfpersist
