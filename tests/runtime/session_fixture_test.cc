// End to end over real TF-written graphs (../shared/fixtures/tf).
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "runtime/kernel_registry.h"
#include "testing/fixtures.h"
#include "testing/kernel_test_harness.h"
#include "testing/status_matchers.h"
#include "tfpersist/runtime/session.h"

namespace tfpersist {
namespace {

using ::tfpersist::testing::FixtureDir;
using ::tfpersist::testing::TensorEq;

TEST(SessionFixtureTest, RustAdditionAddsInt32Scalars) {
  TFP_REQUIRE_SHARED();
  // fixtures/tf/graph-rust-addition/SOURCE.md: z = x + y (AddV2, int32),
  // the tensorflow/rust example feeds 2 and 40 and reads 42.
  std::ifstream in(FixtureDir("graph-rust-addition") + "/model.pb",
                   std::ios::binary);
  ASSERT_TRUE(in.good());
  std::stringstream bytes;
  bytes << in.rdbuf();
  tensorflow::GraphDef graph;
  ASSERT_TRUE(graph.ParseFromString(bytes.str()));
  TFP_ASSERT_OK_AND_ASSIGN(auto session, Session::Create(graph));
  std::vector<Tensor> out;
  TFP_ASSERT_OK(session->Run(
      {{"x", Tensor::Scalar<int32_t>(2)}, {"y", Tensor::Scalar<int32_t>(40)}},
      {"z"}, {}, &out));
  EXPECT_THAT(out[0], TensorEq(Tensor::Scalar<int32_t>(42)));
}

}  // namespace
}  // namespace tfpersist
