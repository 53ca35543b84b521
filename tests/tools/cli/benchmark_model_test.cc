// `tfpersist benchmark_model` on the mlp bench model: TF's output sections
// (init time, first run, latency line, Run Order / Top by Computation
// Time tables naming the fused nodes, FLOPs), inputs from random values and
// from --input_file, and usage errors.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "testing/fixtures.h"
#include "tfpersist/base/path.h"
#include "tools/cli/cli_test_util.h"

namespace tfpersist {
namespace {

using ::testing::HasSubstr;

std::string Model(const std::string& name) {
  return JoinPath(JoinPath(testing::SharedDir(), "bench-models"), name);
}

TEST(BenchmarkModelTest, PrintsLatencyAndPerNodeTables) {
  TFP_REQUIRE_SHARED();
  auto r = testing::Tfpersist(
      {"benchmark_model", "--graph=" + Model("mlp.pb"), "--input_layer=input",
       "--input_layer_shape=1,784", "--output_layer=output", "--num_threads=1",
       "--max_num_runs=5", "--warmup_runs=1", "--show_flops"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("Initialized session in "));
  EXPECT_THAT(r.out, HasSubstr("First run: "));
  EXPECT_THAT(r.out, HasSubstr("count=5 first="));
  EXPECT_THAT(r.out, HasSubstr("== Run Order =="));
  EXPECT_THAT(r.out, HasSubstr("== Top by Computation Time =="));
  EXPECT_THAT(r.out, HasSubstr("== Summary by node type =="));
  // MatMul + BiasAdd + Relu run as one fused node named after the Relu.
  EXPECT_THAT(r.out, HasSubstr("_FusedMatMul"));
  // 2 * (784*1024 + 1024*1024 + 1024*10) = 3.73 MFLOP per example.
  EXPECT_THAT(r.out, HasSubstr("FLOPs estimate: 3.7"));
}

TEST(BenchmarkModelTest, ReadsInputFile) {
  TFP_REQUIRE_SHARED();
  auto r = testing::Tfpersist(
      {"benchmark_model", "--graph=" + Model("cnn.pb"), "--input_layer=input",
       "--input_file=" + Model("cnn_input.npy"), "--output_layer=output",
       "--max_num_runs=2", "--show_summary=false"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("count=2 first="));
  EXPECT_THAT(r.out, ::testing::Not(HasSubstr("Run Order")));
}

TEST(BenchmarkModelTest, Errors) {
  auto missing = testing::Tfpersist({"benchmark_model", "--graph=x.pb"});
  EXPECT_EQ(missing.exit_code, 1);
  EXPECT_THAT(missing.err, HasSubstr("--input_layer and --output_layer are "
                                     "required"));
  TFP_REQUIRE_SHARED();
  auto bad_shape = testing::Tfpersist(
      {"benchmark_model", "--graph=" + Model("mlp.pb"), "--input_layer=input",
       "--input_layer_shape=1,x", "--output_layer=output"});
  EXPECT_EQ(bad_shape.exit_code, 1);
  EXPECT_THAT(bad_shape.err, HasSubstr("is not a list of sizes"));
}

}  // namespace
}  // namespace tfpersist
