// The three bench models (../shared/bench-models) through `tfpersist run`,
// compared with the recorded OpenCV outputs as their README suggests:
// softmax output to 1e-5, logits to 1e-4.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>

#include "testing/fixtures.h"
#include "testing/status_matchers.h"
#include "tfpersist/base/path.h"
#include "tfpersist/core/npy.h"
#include "tools/cli/cli_test_util.h"

namespace tfpersist {
namespace {

struct Model {
  std::string name, logits;
};
void PrintTo(const Model& m, std::ostream* os) { *os << m.name; }

double MaxAbsDiff(const Tensor& a, const Tensor& b) {
  double m = 0;
  for (int64_t i = 0; i < a.NumElements(); ++i) {
    m = std::max(m, std::fabs(a.ElementAsDouble(i) - b.ElementAsDouble(i)));
  }
  return m;
}

class BenchModelsTest : public ::testing::TestWithParam<Model> {};

TEST_P(BenchModelsTest, MatchesOpenCvReference) {
  TFP_REQUIRE_SHARED();
  const std::string models = JoinPath(testing::SharedDir(), "bench-models");
  const std::string& name = GetParam().name;
  const std::string dir = testing::NewTempDir("bench_" + name);
  auto r = testing::Tfpersist(
      {"run", JoinPath(models, name + ".pb"), "--input",
       "input:0=" + JoinPath(models, name + "_input.npy"), "--output",
       "output:0", "--output", GetParam().logits + ":0", "--output_dir", dir});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  Env* env = Env::Default();
  std::string logits_file = GetParam().logits + "_0.npy";
  for (char& c : logits_file)
    if (c == '/') c = '_';
  TFP_ASSERT_OK_AND_ASSIGN(Tensor out,
                           ReadNpy(env, JoinPath(dir, "output_0.npy")));
  TFP_ASSERT_OK_AND_ASSIGN(Tensor logits,
                           ReadNpy(env, JoinPath(dir, logits_file)));
  TFP_ASSERT_OK_AND_ASSIGN(
      Tensor ref_out,
      ReadNpy(env, JoinPath(models, name + "_output_opencv.npy")));
  TFP_ASSERT_OK_AND_ASSIGN(
      Tensor ref_logits,
      ReadNpy(env, JoinPath(models, name + "_logits_opencv.npy")));
  ASSERT_EQ(out.shape(), ref_out.shape());
  ASSERT_EQ(logits.shape(), ref_logits.shape());
  const double d_out = MaxAbsDiff(out, ref_out);
  const double d_logits = MaxAbsDiff(logits, ref_logits);
  RecordProperty("max_abs_diff_output", std::to_string(d_out));
  RecordProperty("max_abs_diff_logits", std::to_string(d_logits));
  EXPECT_LE(d_out, 1e-5);
  EXPECT_LE(d_logits, 1e-4);
}

INSTANTIATE_TEST_SUITE_P(
    Models, BenchModelsTest,
    ::testing::Values(Model{"mlp", "logits/BiasAdd"},
                      Model{"cnn", "logits/BiasAdd"},
                      Model{"mobilenet", "MobilenetV1/Logits/fc/BiasAdd"}),
    [](const auto& info) { return info.param.name; });

}  // namespace
}  // namespace tfpersist
