// Resource limits of Session::Run (docs/errors.md): a hostile shape fails
// fast with RESOURCE_EXHAUSTED naming the node and the size. Each TEST runs
// in its own process (gtest_discover_tests), so the process-wide caps set
// here do not leak into other tests.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "testing/kernel_test_harness.h"
#include "testing/status_matchers.h"
#include "tfpersist/core/memory_limits.h"
#include "tfpersist/graph/ops.h"
#include "tfpersist/runtime/session.h"

namespace tfpersist {
namespace {

using ::testing::AllOf;
using ::testing::HasSubstr;
using ::tfpersist::testing::StatusIs;
using ::tfpersist::testing::TensorEq;

// fill = Fill(dims, 1.0f); twice = fill + fill.
std::unique_ptr<Session> FillSession(const Tensor& dims) {
  Graph g;
  GraphBuilder b(&g);
  Output d = Constant(b, dims, "dims");
  Output v = Constant(b, Tensor::Scalar<float>(1), "value");
  Output fill = AddOp(b, "Fill", "fill", {d, v}, {});
  AddOp(b, "AddV2", "twice", {fill, fill}, {});
  EXPECT_TRUE(b.status().ok()) << b.status();
  auto session = Session::Create(g.ToGraphDef());
  EXPECT_TRUE(session.ok()) << session.status();
  return std::move(session).value();
}

TEST(SessionLimitsTest, TwoToTheFortyElementFillFailsFast) {
  auto session = FillSession(Tensor::FromVector<int64_t>({int64_t{1} << 40}));
  std::vector<Tensor> out;
  EXPECT_THAT(session->Run({}, {"twice:0"}, {}, &out),
              StatusIs(StatusCode::kResourceExhausted,
                       AllOf(HasSubstr("OOM when allocating tensor with "
                                       "shape[1099511627776] and type float"),
                             HasSubstr("{{node fill}}"))));
}

TEST(SessionLimitsTest, PerTensorAndPerRunCaps) {
  auto session = FillSession(Tensor::FromVector<int32_t>({1000}));
  std::vector<Tensor> out;
  TFP_ASSERT_OK(session->Run({}, {"twice:0"}, {}, &out));
  EXPECT_THAT(
      out[0],
      TensorEq(Tensor::FromVector<float>(std::vector<float>(1000, 2.0f))));
  // fill and twice are 4000 bytes each: the run needs 8000.
  SetMaxRunBytes(6000);
  EXPECT_THAT(session->Run({}, {"twice:0"}, {}, &out),
              StatusIs(StatusCode::kResourceExhausted,
                       AllOf(HasSubstr("shape[1000] and type float: 4000 "
                                       "bytes would take this run's "
                                       "allocations above the per-run limit "
                                       "of 6000 bytes"),
                             HasSubstr("4000 bytes allocated so far"),
                             HasSubstr("{{node twice}}"))));
  TFP_EXPECT_OK(session->Run({}, {"fill:0"}, {}, &out));  // 4000 fit
  SetMaxRunBytes(0);
  SetMaxTensorBytes(3999);
  EXPECT_THAT(session->Run({}, {"fill:0"}, {}, &out),
              StatusIs(StatusCode::kResourceExhausted,
                       AllOf(HasSubstr("4000 bytes exceed the per-tensor "
                                       "limit of 3999 bytes"),
                             HasSubstr("{{node fill}}"))));
  SetMaxTensorBytes(0);
  TFP_EXPECT_OK(session->Run({}, {"twice:0"}, {}, &out));
}

}  // namespace
}  // namespace tfpersist
