#include "graph/tensor_id.h"

#include <gtest/gtest.h>

#include "testing/status_matchers.h"

namespace tfpersist {
namespace {

using ::testing::HasSubstr;
using ::tfpersist::testing::StatusIs;

TEST(TensorIdTest, ParsesAllForms) {
  TFP_ASSERT_OK_AND_ASSIGN(TensorId a, ParseTensorName("Net/add"));
  EXPECT_EQ(a.node, "Net/add");
  EXPECT_EQ(a.index, 0);
  TFP_ASSERT_OK_AND_ASSIGN(TensorId b, ParseTensorName("save/RestoreV2:12"));
  EXPECT_EQ(b.node, "save/RestoreV2");
  EXPECT_EQ(b.index, 12);
  TFP_ASSERT_OK_AND_ASSIGN(TensorId c, ParseTensorName("^init"));
  EXPECT_TRUE(c.is_control());
  EXPECT_EQ(c.node, "init");
  TFP_ASSERT_OK_AND_ASSIGN(TensorId d, ParseTensorName("x:0"));
  EXPECT_EQ(d, (TensorId{"x", 0}));
}

TEST(TensorIdTest, ToString) {
  EXPECT_EQ((TensorId{"a", 0}).ToString(), "a:0");
  EXPECT_EQ((TensorId{"a", 0}).ToString(/*keep_zero=*/false), "a");
  EXPECT_EQ((TensorId{"a", 2}).ToString(false), "a:2");
  EXPECT_EQ((TensorId{"a", -1}).ToString(), "^a");
  EXPECT_TRUE((TensorId{"a", 1}) < (TensorId{"a", 2}));
}

TEST(TensorIdTest, RejectsMalformedNames) {
  for (const char* bad :
       {"n:", "n:-1", "n:x", "n:1x", "^n:1", "n:99999999999"}) {
    EXPECT_THAT(ParseTensorName(bad),
                StatusIs(StatusCode::kInvalidArgument,
                         HasSubstr("Malformed tensor name")))
        << bad;
  }
  for (const char* empty : {"", ":0", "^"}) {
    EXPECT_THAT(ParseTensorName(empty), StatusIs(StatusCode::kInvalidArgument,
                                                 HasSubstr("empty node name")))
        << empty;
  }
}

TEST(TensorIdTest, ValidNodeNames) {
  for (const char* ok :
       {"a", "A1", ".x", "0", "a/b_c-d.e", "a>b", "Net/add_1"}) {
    EXPECT_TRUE(IsValidNodeName(ok)) << ok;
  }
  for (const char* bad :
       {"", "_a", "-a", "/a", "a b", "a\\b", "a>", "a>_b", "a:0", "^a"}) {
    EXPECT_FALSE(IsValidNodeName(bad)) << bad;
  }
}

}  // namespace
}  // namespace tfpersist
