// Independent reader: a .pb we freeze loads in OpenCV's dnn module and gives
// the outputs our runtime gives (to 1e-5). Runs when Debian's python3 has
// cv2 (python3-opencv); the comparison is tests/tools/cli/opencv_compare.py.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "testing/fixtures.h"
#include "testing/status_matchers.h"
#include "tfpersist/base/path.h"
#include "tfpersist/core/npy.h"
#include "tfpersist/tools/freeze_graph.h"
#include "tools/cli/cli_test_util.h"

namespace tfpersist {
namespace {

using testing::FixtureDir;
using ::testing::HasSubstr;

TEST(OpenCvTest, FrozenMnistGivesOurOutputsInOpenCv) {
  TFP_REQUIRE_SHARED();
  if (!testing::HaveSystemOpenCv())
    GTEST_SKIP() << "/usr/bin/python3 has no cv2";
  const std::string dir = testing::NewTempDir("opencv");
  const std::string ckpt =
      JoinPath(FixtureDir("ckpt-v2-mnist-fc-feed"), "model.ckpt-1999");
  FreezeGraphOptions o;
  o.input_meta_graph = ckpt + ".meta";
  o.input_checkpoint = ckpt;
  o.output_node_names = {"softmax_linear/add"};
  o.output_graph = JoinPath(dir, "frozen.pb");
  TFP_ASSERT_OK(FreezeGraph(o).status());
  Tensor batch(DT_FLOAT, TensorShape({100, 784}));
  int64_t i = 0;
  for (float& v : batch.flat<float>())
    v = static_cast<float>((i++ * 131) % 997) / 997.0f;
  const std::string in = JoinPath(dir, "batch.npy");
  TFP_ASSERT_OK(WriteNpy(Env::Default(), in, batch));
  auto run = testing::Tfpersist({"run", o.output_graph, "--input",
                                 "Placeholder:0=" + in, "--output",
                                 "softmax_linear/add:0", "--output_dir", dir});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  auto cmp = testing::RunCommand(
      {"/usr/bin/python3", testing::ToolsTestFile("opencv_compare.py"),
       o.output_graph, in, JoinPath(dir, "softmax_linear_add_0.npy"), "--atol",
       "1e-5"});
  EXPECT_EQ(cmp.exit_code, 0) << cmp.out << cmp.err;
  EXPECT_THAT(cmp.out, HasSubstr("shape [100, 10]"));
}

}  // namespace
}  // namespace tfpersist
