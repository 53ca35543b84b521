// Estimator-style serving: serialized tf.Example strings in, ParseExample,
// a vocabulary lookup table initialized from an asset file by the main op,
// a sparse embedding sum, probabilities out. Both a TF-written SavedModel
// (half_plus_two's tf.Example signatures) and one exported with our builder
// serve through their signatures. Expected values are computed by hand.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>

#include "graph/node_def_util.h"
#include "tensorflow/core/example/example.pb.h"
#include "testing/fixtures.h"
#include "testing/status_matchers.h"
#include "tfpersist/base/path.h"
#include "tfpersist/graph/ops.h"
#include "tfpersist/train/saved_model.h"

namespace tfpersist {
namespace {

using ::testing::ElementsAre;
using ::testing::FloatNear;

std::string Example(const std::vector<std::string>& countries,
                    std::optional<float> age, std::string float_key = "age") {
  tensorflow::Example e;
  auto& f = *e.mutable_features()->mutable_feature();
  for (const auto& c : countries) {
    f["country"].mutable_bytes_list()->add_value(c);
  }
  if (age) f[float_key].mutable_float_list()->add_value(*age);
  return e.SerializeAsString();
}

Tensor Examples(std::vector<std::string> serialized) {
  return Tensor::FromVector<std::string>(serialized);
}

// half_plus_two (TF 1.x export): regress_x_to_y parses "x" from tf.Example
// and y = 0.5 * x + 2; regress_x_to_y2 gives 0.5 * x + 3.
TEST(EstimatorServingTest, TensorFlowWrittenExampleSignatures) {
  TFP_REQUIRE_SHARED();
  TFP_ASSERT_OK_AND_ASSIGN(
      auto bundle,
      LoadSavedModel(
          JoinPath(testing::FixtureDir("savedmodel-tf1-half-plus-two"),
                   "00000123"),
          {kSavedModelTagServe}));
  const Tensor in = Examples(
      {Example({}, 1, "x"), Example({}, 4, "x"), Example({}, -2, "x")});
  TFP_ASSERT_OK_AND_ASSIGN(
      auto y, bundle->RunSignature("regress_x_to_y", {{"inputs", in}}));
  auto v = y.at("outputs").flat<float>();
  EXPECT_THAT(std::vector<float>(v.begin(), v.end()),
              ElementsAre(2.5f, 4.0f, 1.0f));
  TFP_ASSERT_OK_AND_ASSIGN(
      auto y2, bundle->RunSignature("regress_x_to_y2", {{"inputs", in}}));
  auto v2 = y2.at("outputs").flat<float>();
  EXPECT_THAT(std::vector<float>(v2.begin(), v2.end()),
              ElementsAre(3.5f, 5.0f, 2.0f));
}

tensorflow::AttrValue ShapesAttr(std::vector<PartialTensorShape> shapes) {
  tensorflow::AttrValue v;
  v.mutable_list();
  for (const auto& s : shapes) {
    auto* p = v.mutable_list()->add_shape();
    for (int64_t d : s.dim_sizes()) p->add_dim()->set_size(d);
  }
  return v;
}

// The model: logit = sum(country_weights[vocab(country)]) + 0.1 * age + 0.2,
// vocab.txt = us, fr, de (ids 0..2), unknown countries -> id 3.
class EstimatorExportTest : public ::testing::Test {
 protected:
  void SetUp() override {
    vocab_ = JoinPath(testing::NewTempDir("estimator_vocab"), "vocab.txt");
    TFP_ASSERT_OK(WriteStringToFile(Env::Default(), vocab_, "us\nfr\nde\n"));
    BuildGraph();
    TFP_ASSERT_OK(b_.status());
    TFP_ASSERT_OK_AND_ASSIGN(session_, Session::Create(graph_.ToGraphDef()));
    TFP_ASSERT_OK(session_->Run({}, {}, {"init"}, nullptr));
    export_dir_ = JoinPath(testing::NewTempDir("estimator_export"), "1");
  }

  void BuildGraph() {
    examples_ = Placeholder(b_, DT_STRING, PartialTensorShape({-1}),
                            "input_example_tensor");
    Node* parse = b_.AddNode(
        "ParseExample", "ParseExample/ParseExample",
        {examples_, Constant(b_, Tensor(DT_STRING, TensorShape({0}))),
         std::vector<Output>{Constant(b_, Tensor::Scalar<tstring>("country"))},
         std::vector<Output>{Constant(b_, Tensor::Scalar<tstring>("age"))},
         std::vector<Output>{Constant(b_, Tensor::FromVector<float>({0}))}},
        {{"sparse_types", MakeAttr(std::vector<DataType>{DT_STRING})},
         {"dense_shapes", ShapesAttr({PartialTensorShape({1})})}});
    Node* table = b_.AddNode("HashTableV2", "country_lookup/hash_table", {},
                             {{"key_dtype", MakeAttr(DT_STRING)},
                              {"value_dtype", MakeAttr(DT_INT64)}});
    asset_ =
        Constant(b_, Tensor::Scalar<tstring>(vocab_), "country_lookup/Const");
    table_init_ =
        b_.AddNode("InitializeTableFromTextFileV2", "country_lookup/table_init",
                   {table->output(0), asset_},
                   {{"key_index", MakeAttr(int64_t{-2})},
                    {"value_index", MakeAttr(int64_t{-1})}});
    Node* ids = b_.AddNode("LookupTableFindV2", "country_lookup/Find",
                           {table->output(0), parse->output(1),
                            Constant(b_, Tensor::Scalar<int64_t>(3))},
                           {});
    Node* rows = b_.AddNode(
        "Slice", "rows",
        {parse->output(0), Constant(b_, Tensor::FromVector<int64_t>({0, 0})),
         Constant(b_, Tensor::FromVector<int64_t>({-1, 1}))},
        {});
    RefVariable weights = Variable(
        b_,
        Tensor::FromVector<float>({0.5f, -1, 2, 0.25f}, TensorShape({4, 1})),
        "country_weights");
    Node* sum =
        b_.AddNode("SparseSegmentSum", "country_sum",
                   {weights.value(), ids->output(0),
                    Reshape(b_, rows->output(0),
                            Constant(b_, Tensor::FromVector<int32_t>({-1})))},
                   {});
    RefVariable w_age = Variable(b_, Tensor::Scalar<float>(0.1f), "w_age");
    RefVariable bias = Variable(b_, Tensor::Scalar<float>(0.2f), "bias");
    Output logits = Add(
        b_, Add(b_, sum->output(0), Mul(b_, parse->output(3), w_age.value())),
        bias.value(), "logits");
    probabilities_ =
        b_.AddNode("Sigmoid", "probabilities", {logits}, {})->output(0);
    GlobalVariablesInitializer(b_);
  }

  Graph graph_;
  GraphBuilder b_{&graph_};
  Output examples_, asset_, probabilities_;
  Node* table_init_ = nullptr;
  std::string vocab_, export_dir_;
  std::unique_ptr<Session> session_;
};

float Sigmoid(double x) { return static_cast<float>(1 / (1 + std::exp(-x))); }

TEST_F(EstimatorExportTest, ServesSerializedExamplesThroughItsSignature) {
  SavedModelBuilder builder(export_dir_);
  SavedModelMetaGraphOptions options;
  options.main_op = table_init_;
  options.assets = {asset_};
  TFP_ASSERT_OK(builder.AddMetaGraphAndVariables(
      session_.get(), b_, {kSavedModelTagServe},
      {{kDefaultServingSignatureDefKey,
        PredictSignatureDef(b_, {{"examples", examples_}},
                            {{"probabilities", probabilities_}})}},
      options));
  TFP_ASSERT_OK(builder.Save());
  // The table must come from the exported assets/ copy.
  TFP_ASSERT_OK(Env::Default()->DeleteFile(vocab_));
  TFP_ASSERT_OK_AND_ASSIGN(auto bundle,
                           LoadSavedModel(export_dir_, {kSavedModelTagServe}));
  TFP_ASSERT_OK_AND_ASSIGN(
      auto out,
      bundle->RunSignature(
          kDefaultServingSignatureDefKey,
          {{"examples", Examples({Example({"fr"}, 10), Example({"zz"}, 20),
                                  Example({"us", "de"}, std::nullopt)})}}));
  const Tensor& p = out.at("probabilities");
  ASSERT_EQ(p.shape(), TensorShape({3, 1}));
  // fr: -1 + 1 + 0.2; zz (OOV): 0.25 + 2 + 0.2; us + de: 0.5 + 2 + 0 + 0.2.
  EXPECT_THAT(
      std::vector<float>(p.flat<float>().begin(), p.flat<float>().end()),
      ElementsAre(FloatNear(Sigmoid(0.2), 1e-6), FloatNear(Sigmoid(2.45), 1e-6),
                  FloatNear(Sigmoid(2.7), 1e-6)));
}

}  // namespace
}  // namespace tfpersist
