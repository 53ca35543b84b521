// TF1 SavedModels: TF-written ones load and serve; ones we write load back
// (variables through the SaverDef, assets fed, main op run).
#include "tfpersist/train/saved_model.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "testing/fixtures.h"
#include "testing/kernel_test_harness.h"
#include "testing/status_matchers.h"
#include "tfpersist/base/path.h"
#include "tfpersist/graph/ops.h"

namespace tfpersist {
namespace {

using ::testing::HasSubstr;
using testing::StatusIs;
using testing::TensorEq;

std::string FixtureExport(const std::string& name) {
  return JoinPath(testing::FixtureDir(name), "00000123");
}

Tensor Column(std::vector<float> v) {
  return Tensor::FromVector<float>(
      v, TensorShape({static_cast<int64_t>(v.size()), 1}));
}

TEST(LoadSavedModelTest, HalfPlusTwoServingDefault) {
  TFP_REQUIRE_SHARED();
  TFP_ASSERT_OK_AND_ASSIGN(
      auto bundle, LoadSavedModel(FixtureExport("savedmodel-tf1-half-plus-two"),
                                  {kSavedModelTagServe}));
  TFP_ASSERT_OK_AND_ASSIGN(
      auto out,
      bundle->RunSignature("serving_default", {{"x", Column({1, 2, 5})}}));
  EXPECT_THAT(out.at("y"), TensorEq(Column({2.5f, 3.0f, 4.5f})));
  // regress_x2_to_y3: y3 = 0.5 * x2 + 3 (c2 = 3, per the fixture's SOURCE.md).
  TFP_ASSERT_OK_AND_ASSIGN(
      auto y3,
      bundle->RunSignature("regress_x2_to_y3", {{"inputs", Column({2})}}));
  EXPECT_THAT(y3.at("outputs"), TensorEq(Column({4.0f})));
}

TEST(LoadSavedModelTest, CounterKeepsStateAcrossRuns) {
  TFP_REQUIRE_SHARED();
  TFP_ASSERT_OK_AND_ASSIGN(
      auto bundle, LoadSavedModel(FixtureExport("savedmodel-tf1-counter"),
                                  {kSavedModelTagServe}));
  auto run = [&](const std::string& sig,
                 std::map<std::string, Tensor> in = {}) {
    auto out = bundle->RunSignature(sig, in);
    EXPECT_THAT(out.status(), testing::IsOk());
    return out.ok() ? out->at("output").scalar<float>() : -1.0f;
  };
  EXPECT_EQ(run("get_counter"), 0.0f);
  EXPECT_EQ(run("incr_counter"), 1.0f);
  EXPECT_EQ(run("incr_counter_by", {{"delta", Tensor::Scalar<float>(2)}}),
            3.0f);
  EXPECT_EQ(run("get_counter"), 3.0f);
  EXPECT_EQ(run("reset_counter"), 0.0f);
}

TEST(LoadSavedModelTest, ErrorsNameWhatIsMissing) {
  TFP_REQUIRE_SHARED();
  const std::string dir = FixtureExport("savedmodel-tf1-half-plus-two");
  EXPECT_THAT(
      LoadSavedModel(dir, {"train"}).status(),
      StatusIs(StatusCode::kNotFound,
               HasSubstr("Could not find meta graph def matching supplied "
                         "tags: { train }")));
  EXPECT_THAT(LoadSavedModel(testing::NewTempDir("empty"), {"serve"}).status(),
              StatusIs(StatusCode::kNotFound,
                       HasSubstr("SavedModel file does not exist")));
  TFP_ASSERT_OK_AND_ASSIGN(auto bundle, LoadSavedModel(dir, {"serve"}));
  EXPECT_THAT(bundle->RunSignature("nope", {}).status(),
              StatusIs(StatusCode::kNotFound, HasSubstr("serving_default")));
  EXPECT_THAT(
      bundle->RunSignature("serving_default", {{"z", Column({1})}}).status(),
      StatusIs(StatusCode::kInvalidArgument, HasSubstr("'z'")));
}

// y = a * x + b with a = 0.5, b = 2 assigned 3 before saving (so the loaded
// value must come from the variables, not the initializer), plus an asset
// whose path a main op stores in a variable.
class SavedModelBuilderTest : public ::testing::Test {
 protected:
  void SetUp() override {
    asset_ = JoinPath(testing::NewTempDir("asset_src"), "vocab.txt");
    TFP_ASSERT_OK(WriteStringToFile(Env::Default(), asset_, "a\nb\n"));
    a_ = Variable(b_, Tensor::Scalar<float>(0.5f), "a");
    RefVariable bias = Variable(b_, Tensor::Scalar<float>(2.0f), "b");
    x_ = Placeholder(b_, DT_FLOAT, PartialTensorShape({-1, 1}), "x");
    y_ = Identity(b_, Add(b_, Mul(b_, a_.value(), x_), bias.value()), "y");
    asset_const_ = Constant(b_, Tensor::Scalar<tstring>(asset_), "asset_path");
    RefVariable path_var =
        Variable(b_, Tensor::Scalar<tstring>(""), "asset_var", false);
    main_op_ =
        Assign(b_, path_var.variable, asset_const_, true, true, "main_op").node;
    Assign(b_, bias.variable, Constant(b_, Tensor::Scalar<float>(3.0f)), true,
           true, "set_b");
    GlobalVariablesInitializer(b_);
    TFP_ASSERT_OK(b_.status());
    TFP_ASSERT_OK_AND_ASSIGN(session_, Session::Create(graph_.ToGraphDef()));
    TFP_ASSERT_OK(session_->Run({}, {}, {"init", "set_b"}, nullptr));
    export_dir_ = JoinPath(testing::NewTempDir("saved_model"), "export");
  }

  Status Export(bool as_text) {
    SavedModelBuilder builder(export_dir_);
    SavedModelMetaGraphOptions options;
    options.main_op = main_op_;
    options.assets = {asset_const_};
    TFP_RETURN_IF_ERROR(builder.AddMetaGraphAndVariables(
        session_.get(), b_, {kSavedModelTagServe},
        {{kDefaultServingSignatureDefKey,
          PredictSignatureDef(b_, {{"x", x_}}, {{"y", y_}})}},
        options));
    return builder.Save(as_text);
  }

  Graph graph_;
  GraphBuilder b_{&graph_};
  RefVariable a_;
  Output x_, y_, asset_const_;
  Node* main_op_ = nullptr;
  std::string asset_, export_dir_;
  std::unique_ptr<Session> session_;
};

TEST_F(SavedModelBuilderTest, WrittenModelLoadsBack) {
  TFP_ASSERT_OK(Export(/*as_text=*/false));
  TFP_EXPECT_OK(Env::Default()->FileExists(
      JoinPath(export_dir_, "variables", "variables.data-00000-of-00001")));
  TFP_ASSERT_OK_AND_ASSIGN(auto bundle, LoadSavedModel(export_dir_, {"serve"}));
  const tensorflow::SaverDef& saver = bundle->meta_graph_def.saver_def();
  EXPECT_TRUE(saver.sharded());
  EXPECT_EQ(saver.save_tensor_name(), "save/Identity:0");
  TFP_ASSERT_OK_AND_ASSIGN(
      auto out,
      bundle->RunSignature("serving_default", {{"x", Column({1, 2})}}));
  EXPECT_THAT(out.at("y"),
              TensorEq(Column({0.5f * 1 + 3.0f, 0.5f * 2 + 3.0f})));
  std::vector<Tensor> path;
  TFP_ASSERT_OK(bundle->session->Run({}, {"asset_var:0"}, {}, &path));
  const std::string copied = JoinPath(export_dir_, "assets", "vocab.txt");
  EXPECT_EQ(path[0].scalar<tstring>(), copied);
  TFP_ASSERT_OK_AND_ASSIGN(std::string bytes,
                           ReadFileToString(Env::Default(), copied));
  EXPECT_EQ(bytes, "a\nb\n");
}

TEST_F(SavedModelBuilderTest, TextFormatLoadsBack) {
  TFP_ASSERT_OK(Export(/*as_text=*/true));
  TFP_EXPECT_OK(
      Env::Default()->FileExists(JoinPath(export_dir_, "saved_model.pbtxt")));
  TFP_ASSERT_OK_AND_ASSIGN(auto bundle, LoadSavedModel(export_dir_, {"serve"}));
  TFP_ASSERT_OK_AND_ASSIGN(
      auto out, bundle->RunSignature("serving_default", {{"x", Column({4})}}));
  EXPECT_THAT(out.at("y"), TensorEq(Column({0.5f * 4 + 3.0f})));
}

TEST_F(SavedModelBuilderTest, RefusesToSaveVariablesTwiceOrIntoAFullDirectory) {
  SavedModelBuilder builder(export_dir_);
  TFP_ASSERT_OK(
      builder.AddMetaGraphAndVariables(session_.get(), b_, {"serve"}, {}));
  EXPECT_THAT(
      builder.AddMetaGraphAndVariables(session_.get(), b_, {"train"}, {}),
      StatusIs(StatusCode::kFailedPrecondition,
               HasSubstr("already been saved")));
  TFP_ASSERT_OK(builder.AddMetaGraph(b_, {"train"}, {}));
  TFP_ASSERT_OK(builder.Save());
  SavedModelBuilder again(export_dir_);
  EXPECT_THAT(
      again.AddMetaGraphAndVariables(session_.get(), b_, {"serve"}, {}),
      StatusIs(StatusCode::kFailedPrecondition, HasSubstr("already exists")));
  TFP_ASSERT_OK_AND_ASSIGN(auto train, LoadSavedModel(export_dir_, {"train"}));
  EXPECT_EQ(train->meta_graph_def.meta_info_def().tags(0), "train");
}

TEST_F(SavedModelBuilderTest, RejectsSignaturesNamingUnknownTensors) {
  tensorflow::SignatureDef sig;
  (*sig.mutable_inputs())["x"].set_name("nope:0");
  SavedModelBuilder builder(export_dir_);
  EXPECT_THAT(builder.AddMetaGraphAndVariables(session_.get(), b_, {"serve"},
                                               {{"bad", sig}}),
              StatusIs(StatusCode::kNotFound, HasSubstr("nope")));
}

}  // namespace
}  // namespace tfpersist
