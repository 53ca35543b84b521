// The freeze/import examples (examples/freeze_import/) produce what they
// claim: model.pb imports under "Net" and gives v1 + v2, and the fed batch
// gives the same values through the frozen, imported graph as live.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "freeze_import_demo.h"
#include "testing/fixtures.h"
#include "testing/status_matchers.h"
#include "tfpersist/base/path.h"
#include "tfpersist/core/npy.h"
#include "tfpersist/tools/graph_io.h"

namespace tfpersist {
namespace {

using ::testing::ElementsAre;

TEST(FreezeImportExamplesTest, FreezeAddSavesFreezesImportsAndRuns) {
  const std::string dir = testing::NewTempDir("example_freeze_add");
  TFP_ASSERT_OK_AND_ASSIGN(auto r, examples::RunFreezeAdd(dir));
  EXPECT_TRUE(r.wrote_checkpoint);
  EXPECT_THAT(r.net_add.flat<float>(), ElementsAre(3.0f));  // [1] + [2]
  TFP_ASSERT_OK_AND_ASSIGN(auto file,
                           ReadGraphDefFile(JoinPath(dir, "model.pb")));
  EXPECT_EQ(file.node_size(), 5);
  // A second run reuses the checkpoint (as after the train example).
  TFP_ASSERT_OK_AND_ASSIGN(auto again, examples::RunFreezeAdd(dir));
  EXPECT_FALSE(again.wrote_checkpoint);
  EXPECT_TRUE(again.net_add.IsSameAs(r.net_add));
}

TEST(FreezeImportExamplesTest, FeedBatchGivesLiveValuesThroughImport) {
  const std::string dir = testing::NewTempDir("example_feed_batch");
  TFP_ASSERT_OK_AND_ASSIGN(auto r, examples::RunFeedBatch(dir));
  EXPECT_EQ(r.imported.shape(), TensorShape({2, 2}));
  EXPECT_TRUE(r.imported.IsSameAs(r.live)) << r.imported.DebugString();
  TFP_ASSERT_OK_AND_ASSIGN(Tensor batch, ReadNpy(Env::Default(), r.batch_path));
  EXPECT_TRUE(batch.IsSameAs(r.batch));
}

}  // namespace
}  // namespace tfpersist
