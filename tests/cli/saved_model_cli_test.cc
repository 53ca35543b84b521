// `tfpersist saved_model_cli show|run` on TF2 (Keras) and TF1 SavedModels:
// TF's exact output text (written here from TF's saved_model_cli.py format
// and the fixtures' SignatureDefs), run with .npy and numpy-expression
// inputs, outputs saved as .npy.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>

#include "run_command.h"
#include "testing/fixtures.h"
#include "testing/status_matchers.h"
#include "tfpersist/base/path.h"
#include "tfpersist/core/npy.h"

namespace tfpersist {
namespace {

using testing::CommandResult;
using ::testing::HasSubstr;

CommandResult Cli(const std::vector<std::string>& args) {
  std::vector<std::string> argv = {TFP_CLI_BINARY, "saved_model_cli"};
  argv.insert(argv.end(), args.begin(), args.end());
  return testing::RunCommand(argv);
}

std::string Dense() {
  return testing::FixtureDir("savedmodel-tf2-keras-dense");
}

TEST(SavedModelCliTest, ShowTagSetsAndSignatureKeys) {
  TFP_REQUIRE_SHARED();
  CommandResult r = Cli({"show", "--dir=" + Dense()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out,
            "The given SavedModel contains the following tag-sets:\n'serve'\n");
  r = Cli({"show", "--dir=" + Dense(), "--tag_set=serve"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out,
            "The given SavedModel MetaGraphDef contains SignatureDefs with the "
            "following keys:\nSignatureDef key: \"__saved_model_init_op\"\n"
            "SignatureDef key: \"serving_default\"\n");
}

constexpr char kServingDefault[] =
    "The given SavedModel SignatureDef contains the following input(s):\n"
    "  inputs['input_1'] tensor_info:\n"
    "      dtype: DT_FLOAT\n"
    "      shape: (-1, 5)\n"
    "      name: serving_default_input_1:0\n"
    "The given SavedModel SignatureDef contains the following output(s):\n"
    "  outputs['dense_1'] tensor_info:\n"
    "      dtype: DT_FLOAT\n"
    "      shape: (-1, 1)\n"
    "      name: StatefulPartitionedCall:0\n"
    "Method name is: tensorflow/serving/predict\n";

TEST(SavedModelCliTest, ShowSignatureAndAll) {
  TFP_REQUIRE_SHARED();
  CommandResult r = Cli({"show", "--dir=" + Dense(), "--tag_set=serve",
                         "--signature_def=serving_default"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, kServingDefault);
  r = Cli({"show", "--dir=" + Dense(), "--all"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out,
              HasSubstr("\nMetaGraphDef with tag-set: 'serve' contains the "
                        "following SignatureDefs:\n\n"
                        "signature_def['__saved_model_init_op']:\n"
                        "  The given SavedModel SignatureDef contains the "
                        "following input(s):\n"
                        "  The given SavedModel SignatureDef contains the "
                        "following output(s):\n"
                        "    outputs['__saved_model_init_op'] tensor_info:\n"
                        "        dtype: DT_INVALID\n"
                        "        shape: unknown_rank\n"
                        "        name: NoOp\n"
                        "  Method name is: \n\n"
                        "signature_def['serving_default']:\n"
                        "  The given SavedModel SignatureDef contains the "
                        "following input(s):\n"
                        "    inputs['input_1'] tensor_info:\n"));
}

TEST(SavedModelCliTest, RunWithExpressionsAndNpySavesOutputs) {
  TFP_REQUIRE_SHARED();
  const std::string out = testing::NewTempDir("smcli");
  CommandResult r =
      Cli({"run", "--dir=" + Dense(), "--tag_set=serve",
           "--signature_def=serving_default",
           "--input_exprs=input_1=np.ones((2,5))", "--outdir=" + out});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("Result for output key dense_1:\n[["));
  EXPECT_THAT(
      r.out, HasSubstr("Output dense_1 is saved to " + out + "/dense_1.npy\n"));
  TFP_ASSERT_OK_AND_ASSIGN(Tensor y,
                           ReadNpy(Env::Default(), out + "/dense_1.npy"));
  EXPECT_EQ(y.shape(), TensorShape({2, 1}));
  // The same input from a .npy file gives the same values; the existing
  // output needs --overwrite.
  TFP_ASSERT_OK(WriteNpy(Env::Default(), out + "/x.npy",
                         Tensor::FromVector<float>(std::vector<float>(10, 1.f),
                                                   TensorShape({2, 5}))));
  r = Cli({"run", "--dir=" + Dense(), "--tag_set=serve",
           "--signature_def=serving_default",
           "--inputs=input_1=" + out + "/x.npy", "--outdir=" + out});
  EXPECT_NE(r.exit_code, 0);
  EXPECT_THAT(r.err, HasSubstr("already exists. Add \"--overwrite\""));
  r = Cli({"run", "--dir=" + Dense(), "--tag_set=serve",
           "--signature_def=serving_default",
           "--inputs=input_1=" + out + "/x.npy", "--outdir=" + out,
           "--overwrite"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  TFP_ASSERT_OK_AND_ASSIGN(Tensor y2,
                           ReadNpy(Env::Default(), out + "/dense_1.npy"));
  EXPECT_TRUE(y.IsSameAs(y2));
}

TEST(SavedModelCliTest, RunTf1AndBadInputs) {
  TFP_REQUIRE_SHARED();
  const std::string tf1 =
      testing::FixtureDir("savedmodel-tf1-half-plus-two") + "/00000123";
  CommandResult r =
      Cli({"run", "--dir=" + tf1, "--tag_set=serve",
           "--signature_def=serving_default", "--input_exprs=x=[1, 2, 5]"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("[2.5 3.  4.5]"));
  r = Cli({"run", "--dir=" + Dense(), "--tag_set=serve",
           "--signature_def=serving_default", "--input_exprs=input_2=1"});
  EXPECT_NE(r.exit_code, 0);
  EXPECT_THAT(r.err, HasSubstr("\"input_2\" is not a valid input key. Please "
                               "choose from \"input_1\""));
  r = Cli({"run", "--dir=" + Dense(), "--tag_set=serve",
           "--signature_def=serving_default",
           "--input_exprs=input_1=__import__('os').system('true')"});
  EXPECT_NE(r.exit_code, 0);
  EXPECT_THAT(r.err, HasSubstr("--input_exprs: expected a number"));
}

}  // namespace
}  // namespace tfpersist
