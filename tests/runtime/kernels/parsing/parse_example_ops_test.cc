// ParseExample / ParseExampleV2 / ParseSingleExample on tf.Examples built
// here with the generated protos; the expected tensors are written out by
// hand from the features put in.
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tensorflow/core/example/example.pb.h"
#include "testing/kernel_test_harness.h"
#include "testing/status_matchers.h"

namespace tfpersist {
namespace {

using ::testing::HasSubstr;
using ::tfpersist::testing::KernelTester;
using ::tfpersist::testing::StatusIs;
using ::tfpersist::testing::TensorEq;

std::string MakeExample(float age, const std::vector<std::string>& tags,
                        const std::vector<int64_t>& ids) {
  tensorflow::Example e;
  auto& f = *e.mutable_features()->mutable_feature();
  f["age"].mutable_float_list()->add_value(age);
  for (const auto& t : tags) f["tags"].mutable_bytes_list()->add_value(t);
  for (int64_t id : ids) f["ids"].mutable_int64_list()->add_value(id);
  return e.SerializeAsString();
}

tensorflow::AttrValue Shapes(std::vector<PartialTensorShape> shapes) {
  tensorflow::AttrValue v;
  v.mutable_list();  // an empty list is still a list
  for (const auto& s : shapes) {
    *v.mutable_list()->add_shape() = MakeAttr(s).shape();
  }
  return v;
}

Tensor Str(std::vector<std::string> v) { return Tensor::FromVector(v); }
Tensor I64(std::vector<int64_t> v, TensorShape s) {
  return Tensor::FromVector(v, s);
}

// Sparse "tags" (string), dense "age" (float, [1], default -1) and dense
// "ids" ([-1], varlen, pad 0) over two examples, the second without age.
KernelTester V1(const std::vector<std::string>& serialized) {
  KernelTester t("ParseExample");
  t.Input(Str(serialized))
      .Input(Str({}))
      .InputList({Tensor::Scalar<std::string>("tags")})
      .InputList({Tensor::Scalar<std::string>("age"),
                  Tensor::Scalar<std::string>("ids")})
      .InputList({Tensor::FromVector<float>({-1}), Tensor::Scalar<int64_t>(0)})
      .Attr("sparse_types", std::vector<DataType>{DT_STRING})
      .AttrValue("dense_shapes",
                 Shapes({PartialTensorShape({1}), PartialTensorShape({-1})}));
  return t;
}

TEST(ParseExampleTest, SparseDenseAndVarLen) {
  tensorflow::Example no_age;
  (*no_age.mutable_features()->mutable_feature())["ids"]
      .mutable_int64_list()
      ->add_value(9);
  auto out = V1({MakeExample(3.5f, {"a", "b", "c"}, {4, 5}),
                 no_age.SerializeAsString()})
                 .Run();
  TFP_ASSERT_OK(out.status());
  ASSERT_EQ(out->size(), 5u);
  EXPECT_THAT((*out)[0],
              TensorEq(I64({0, 0, 0, 1, 0, 2}, TensorShape({3, 2}))));
  EXPECT_THAT((*out)[1], TensorEq(Str({"a", "b", "c"})));
  EXPECT_THAT((*out)[2], TensorEq(Tensor::FromVector<int64_t>({2, 3})));
  EXPECT_THAT((*out)[3], TensorEq(Tensor::FromVector<float>(
                             {3.5f, -1.f}, TensorShape({2, 1}))));
  EXPECT_THAT((*out)[4], TensorEq(I64({4, 5, 9, 0}, TensorShape({2, 2}))));
}

TEST(ParseExampleTest, Errors) {
  EXPECT_THAT(V1({"\xff\xff\xff"}).Run(),
              StatusIs(StatusCode::kInvalidArgument,
                       HasSubstr("Could not parse example input")));
  tensorflow::Example wrong;
  (*wrong.mutable_features()->mutable_feature())["age"]
      .mutable_int64_list()
      ->add_value(1);
  EXPECT_THAT(V1({wrong.SerializeAsString()}).Run(),
              StatusIs(StatusCode::kInvalidArgument,
                       HasSubstr("Name: <unknown>, Key: age, Index: 0.  Data "
                                 "types don't match. Data type: int64 but "
                                 "expected type: float")));
  tensorflow::Example two;
  (*two.mutable_features()->mutable_feature())["age"]
      .mutable_float_list()
      ->add_value(1);
  (*two.mutable_features()->mutable_feature())["age"]
      .mutable_float_list()
      ->add_value(2);
  EXPECT_THAT(V1({two.SerializeAsString()}).Run(),
              StatusIs(StatusCode::kInvalidArgument,
                       HasSubstr("Number of float values != expected.  Values "
                                 "size: 2 but output shape: [1]")));
  // A required feature (empty default).
  KernelTester required("ParseExample");
  required.Input(Str({MakeExample(1, {}, {})}))
      .Input(Str({"ex0"}))
      .InputList({})
      .InputList({Tensor::Scalar<std::string>("missing")})
      .InputList({Tensor(DT_FLOAT, TensorShape({0}))})
      .Attr("sparse_types", std::vector<DataType>{})
      .AttrValue("dense_shapes", Shapes({PartialTensorShape({1})}));
  EXPECT_THAT(required.Run(),
              StatusIs(StatusCode::kInvalidArgument,
                       HasSubstr("Name: ex0, Feature: missing (data type: "
                                 "float) is required but could not be "
                                 "found.")));
}

TEST(ParseExampleTest, EmptyBatch) {
  auto out = V1({}).Run();
  TFP_ASSERT_OK(out.status());
  EXPECT_THAT((*out)[0], TensorEq(Tensor(DT_INT64, TensorShape({0, 2}))));
  EXPECT_THAT((*out)[2], TensorEq(Tensor::FromVector<int64_t>({0, 0})));
  EXPECT_THAT((*out)[3], TensorEq(Tensor(DT_FLOAT, TensorShape({0, 1}))));
  EXPECT_THAT((*out)[4], TensorEq(Tensor(DT_INT64, TensorShape({0, 0}))));
}

TEST(ParseExampleV2Test, ScalarInputAndRagged) {
  const std::string ex = MakeExample(2.f, {"x"}, {7, 8, 9});
  KernelTester t("ParseExampleV2");
  t.Input(Tensor::Scalar<std::string>(ex))
      .Input(Str({}))
      .Input(Str({"tags"}))
      .Input(Str({"age"}))
      .Input(Str({}))
      .InputList({Tensor::FromVector<float>({0})})
      .Attr("num_sparse", int64_t{1})
      .Attr("sparse_types", std::vector<DataType>{DT_STRING})
      .Attr("ragged_value_types", std::vector<DataType>{})
      .Attr("ragged_split_types", std::vector<DataType>{})
      .AttrValue("dense_shapes", Shapes({PartialTensorShape({1})}));
  auto out = t.Run();
  TFP_ASSERT_OK(out.status());
  EXPECT_THAT((*out)[0], TensorEq(I64({0}, TensorShape({1, 1}))));
  EXPECT_THAT((*out)[1], TensorEq(Str({"x"})));
  EXPECT_THAT((*out)[2], TensorEq(Tensor::FromVector<int64_t>({1})));
  EXPECT_THAT((*out)[3], TensorEq(Tensor::FromVector<float>({2.f})));

  KernelTester ragged("ParseExampleV2");
  ragged.Input(Str({ex, MakeExample(1.f, {}, {1})}))
      .Input(Str({}))
      .Input(Str({}))
      .Input(Str({}))
      .Input(Str({"ids"}))
      .InputList({})
      .Attr("num_sparse", int64_t{0})
      .Attr("sparse_types", std::vector<DataType>{})
      .Attr("ragged_value_types", std::vector<DataType>{DT_INT64})
      .Attr("ragged_split_types", std::vector<DataType>{DT_INT32})
      .AttrValue("dense_shapes", Shapes({}));
  auto r = ragged.Run();
  TFP_ASSERT_OK(r.status());
  EXPECT_THAT((*r)[0], TensorEq(Tensor::FromVector<int64_t>({7, 8, 9, 1})));
  EXPECT_THAT((*r)[1], TensorEq(Tensor::FromVector<int32_t>({0, 3, 4})));
}

TEST(ParseSingleExampleTest, KeysFromAttrs) {
  KernelTester t("ParseSingleExample");
  t.Input(Tensor::Scalar<std::string>(MakeExample(4.f, {"p", "q"}, {})))
      .InputList({Tensor::FromVector<float>({0})})
      .Attr("num_sparse", int64_t{1})
      .Attr("sparse_keys", std::vector<std::string>{"tags"})
      .Attr("dense_keys", std::vector<std::string>{"age"})
      .Attr("sparse_types", std::vector<DataType>{DT_STRING})
      .AttrValue("dense_shapes", Shapes({PartialTensorShape({1})}));
  auto out = t.Run();
  TFP_ASSERT_OK(out.status());
  EXPECT_THAT((*out)[0], TensorEq(I64({0, 1}, TensorShape({2, 1}))));
  EXPECT_THAT((*out)[1], TensorEq(Str({"p", "q"})));
  EXPECT_THAT((*out)[2], TensorEq(Tensor::FromVector<int64_t>({2})));
  EXPECT_THAT((*out)[3], TensorEq(Tensor::FromVector<float>({4.f})));
}

TEST(StringToNumberTest, TensorFlowRules) {
  EXPECT_THAT(
      KernelTester("StringToNumber")
          .Input(Str({" 1.5", "-2e3", "+7", "inf"}))
          .RunOutput()
          .value(),
      TensorEq(Tensor::FromVector<float>(
          {1.5f, -2000.f, 7.f, std::numeric_limits<float>::infinity()})));
  EXPECT_THAT(KernelTester("StringToNumber")
                  .Attr("out_type", DT_INT32)
                  .Input(Str({"12", " -3 "}))
                  .RunOutput()
                  .value(),
              TensorEq(Tensor::FromVector<int32_t>({12, -3})));
  EXPECT_THAT(KernelTester("StringToNumber")
                  .Attr("out_type", DT_INT32)
                  .Input(Str({"3000000000"}))
                  .Run(),
              StatusIs(StatusCode::kInvalidArgument,
                       HasSubstr("StringToNumberOp could not correctly "
                                 "convert string: 3000000000")));
  EXPECT_THAT(KernelTester("StringToNumber").Input(Str({"1.5x"})).Run(),
              StatusIs(StatusCode::kInvalidArgument, HasSubstr("1.5x")));
}

}  // namespace
}  // namespace tfpersist
