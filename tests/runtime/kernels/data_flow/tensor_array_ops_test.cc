// TensorArrayV3 family kernels, run alone on one shared ResourceMgr (the
// harness's step container). Expected values are written by hand: a
// TensorArray only moves tensors, so the reference is the input itself.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "testing/kernel_test_harness.h"
#include "testing/status_matchers.h"

namespace tfpersist {
namespace {

using ::testing::HasSubstr;
using ::tfpersist::testing::HoldsTensor;
using ::tfpersist::testing::KernelRun;
using ::tfpersist::testing::KernelTester;
using ::tfpersist::testing::StatusIs;

const Tensor kFlow = Tensor::Scalar<float>(0.0f);

MATCHER_P(HoldsSize, n, "is OK and holds " + std::to_string(n)) {
  if (!arg.ok()) {
    *result_listener << "status is " << arg.status();
    return false;
  }
  return *arg == n;
}

class TensorArrayTest : public ::testing::Test {
 protected:
  KernelTester Op(const std::string& op) {
    KernelTester t(op);
    t.WithResourceMgr(&rm_);
    return t;
  }
  // Creates a TensorArray and returns its handle.
  ResourceHandle Create(int32_t size, DataType dtype = DT_FLOAT,
                        PartialTensorShape element = PartialTensorShape(),
                        bool dynamic = false, bool clear = true,
                        bool identical = false) {
    KernelRun r = Op("TensorArrayV3")
                      .Name("ta")
                      .ScalarInput<int32_t>(size)
                      .Attr("dtype", dtype)
                      .Attr("element_shape", element)
                      .Attr("dynamic_size", dynamic)
                      .Attr("clear_after_read", clear)
                      .Attr("identical_element_shapes", identical)
                      .RunValues();
    EXPECT_TRUE(r.status.ok()) << r.status;
    EXPECT_THAT(r.outputs[1].tensor, testing::TensorEq(kFlow));
    return *r.outputs[0].handle;
  }
  Status Write(const ResourceHandle& h, int32_t i, Tensor v) {
    return Op("TensorArrayWriteV3")
        .ResourceInput(h)
        .ScalarInput<int32_t>(i)
        .Input(std::move(v))
        .Input(kFlow)
        .Run()
        .status();
  }
  StatusOr<Tensor> Read(const ResourceHandle& h, int32_t i,
                        DataType dtype = DT_FLOAT) {
    return Op("TensorArrayReadV3")
        .ResourceInput(h)
        .ScalarInput<int32_t>(i)
        .Input(kFlow)
        .Attr("dtype", dtype)
        .RunOutput();
  }
  StatusOr<Tensor> Gather(const ResourceHandle& h, std::vector<int32_t> idx,
                          PartialTensorShape element = PartialTensorShape()) {
    return Op("TensorArrayGatherV3")
        .ResourceInput(h)
        .Input(Tensor::FromVector(idx))
        .Input(kFlow)
        .Attr("dtype", DT_FLOAT)
        .Attr("element_shape", element)
        .RunOutput();
  }
  StatusOr<int32_t> Size(const ResourceHandle& h) {
    TFP_ASSIGN_OR_RETURN(
        Tensor t,
        Op("TensorArraySizeV3").ResourceInput(h).Input(kFlow).RunOutput());
    return t.scalar<int32_t>();
  }
  ResourceMgr rm_;
};

TEST_F(TensorArrayTest, EachCreationIsANewArray) {
  ResourceHandle a = Create(2), b = Create(2);
  EXPECT_EQ(a.container, "_tensor_arrays");
  EXPECT_NE(a.name, b.name);
  EXPECT_THAT(a.name, HasSubstr("ta_"));
  EXPECT_EQ(rm_.size(), 2u);
}

TEST_F(TensorArrayTest, WriteForwardsFlowAndReadReturnsTheValue) {
  ResourceHandle h = Create(3);
  EXPECT_THAT(Op("TensorArrayWriteV3")
                  .ResourceInput(h)
                  .ScalarInput<int32_t>(1)
                  .Input<float>({1, 2})
                  .ScalarInput<float>(7.0f)
                  .RunOutput(),
              HoldsTensor(Tensor::Scalar<float>(7.0f)));
  EXPECT_THAT(Read(h, 1), HoldsTensor(Tensor::FromVector<float>({1, 2})));
  EXPECT_THAT(Size(h), HoldsSize(3));
}

TEST_F(TensorArrayTest, ClearAfterReadForbidsASecondRead) {
  ResourceHandle h = Create(1);
  TFP_ASSERT_OK(Write(h, 0, Tensor::Scalar<float>(1)));
  TFP_ASSERT_OK(Read(h, 0).status());
  EXPECT_THAT(Read(h, 0), StatusIs(StatusCode::kInvalidArgument,
                                   HasSubstr("Could not read index 0 twice "
                                             "because it was cleared after a "
                                             "previous read")));
  EXPECT_THAT(Write(h, 0, Tensor::Scalar<float>(2)),
              StatusIs(StatusCode::kInvalidArgument,
                       HasSubstr("because it has already been read.")));
  ResourceHandle keep = Create(1, DT_FLOAT, {}, false, /*clear=*/false);
  TFP_ASSERT_OK(Write(keep, 0, Tensor::Scalar<float>(3)));
  TFP_ASSERT_OK(Read(keep, 0).status());
  EXPECT_THAT(Read(keep, 0), HoldsTensor(Tensor::Scalar<float>(3)));
}

TEST_F(TensorArrayTest, WriteErrorsAreTfs) {
  ResourceHandle h = Create(2, DT_FLOAT, PartialTensorShape({2}));
  EXPECT_THAT(Write(h, 2, Tensor::FromVector<float>({1, 2})),
              StatusIs(StatusCode::kInvalidArgument,
                       HasSubstr(": Tried to write to index 2 but array is not "
                                 "resizeable and size is: 2")));
  EXPECT_THAT(Write(h, -1, Tensor::FromVector<float>({1, 2})),
              StatusIs(StatusCode::kInvalidArgument,
                       HasSubstr("Tried to write to index -1")));
  EXPECT_THAT(Write(h, 0, Tensor::FromVector<int32_t>({1, 2})),
              StatusIs(StatusCode::kInvalidArgument,
                       HasSubstr("TensorArray dtype is float but Op is trying "
                                 "to write dtype int32.")));
  EXPECT_THAT(Write(h, 0, Tensor::FromVector<float>({1, 2, 3})),
              StatusIs(StatusCode::kInvalidArgument,
                       HasSubstr("because the value shape is [3] which is "
                                 "incompatible with the TensorArray's inferred "
                                 "element shape: [2]")));
  TFP_ASSERT_OK(Write(h, 0, Tensor::FromVector<float>({1, 2})));
  EXPECT_THAT(Write(h, 0, Tensor::FromVector<float>({1, 2})),
              StatusIs(StatusCode::kInvalidArgument,
                       HasSubstr("because it has already been written to.")));
}

TEST_F(TensorArrayTest, ReadErrorsAndZerosForUnwrittenSlots) {
  ResourceHandle h = Create(2);
  EXPECT_THAT(Read(h, 5), StatusIs(StatusCode::kInvalidArgument,
                                   HasSubstr("Tried to read from index 5 but "
                                             "array size is: 2")));
  EXPECT_THAT(Read(h, 0),
              StatusIs(StatusCode::kInvalidArgument,
                       HasSubstr("Furthermore, the element shape "
                                 "is not fully defined: <unknown>")));
  EXPECT_THAT(Read(h, 0, DT_INT32),
              StatusIs(StatusCode::kInvalidArgument,
                       HasSubstr("TensorArray dtype is float but Op requested "
                                 "dtype int32.")));
  ResourceHandle z = Create(2, DT_FLOAT, PartialTensorShape({2}));
  EXPECT_THAT(Read(z, 1), HoldsTensor(Tensor::FromVector<float>({0, 0})));
}

TEST_F(TensorArrayTest, DynamicSizeGrowsOnWrite) {
  ResourceHandle h = Create(0, DT_FLOAT, {}, /*dynamic=*/true);
  TFP_ASSERT_OK(Write(h, 4, Tensor::Scalar<float>(1)));
  EXPECT_THAT(Size(h), HoldsSize(5));
}

TEST_F(TensorArrayTest, HostileSizeAllocatesNothing) {
  ResourceHandle h = Create(2147483647);
  EXPECT_THAT(Size(h), HoldsSize(2147483647));
  TFP_ASSERT_OK(Write(h, 2147483646, Tensor::Scalar<float>(1)));
  EXPECT_THAT(Op("TensorArrayV3")
                  .ScalarInput<int32_t>(-1)
                  .Attr("dtype", DT_FLOAT)
                  .Run(),
              StatusIs(StatusCode::kInvalidArgument,
                       HasSubstr("Size should be >= 0.")));
  EXPECT_THAT(
      Op("TensorArrayV3").Input<int32_t>({1, 2}).Attr("dtype", DT_FLOAT).Run(),
      StatusIs(StatusCode::kInvalidArgument,
               HasSubstr("TensorArray size must be scalar, but had "
                         "shape: [2]")));
}

TEST_F(TensorArrayTest, IdenticalElementShapesLearnsTheFirstShape) {
  ResourceHandle h = Create(2, DT_FLOAT, {}, false, true, /*identical=*/true);
  TFP_ASSERT_OK(Write(h, 0, Tensor::FromVector<float>({1, 2})));
  EXPECT_THAT(Write(h, 1, Tensor::FromVector<float>({1})),
              StatusIs(StatusCode::kInvalidArgument,
                       HasSubstr("inferred element shape: [2]")));
}

TEST_F(TensorArrayTest, CloseMakesLaterUsesFail) {
  ResourceHandle h = Create(2);
  TFP_ASSERT_OK(Op("TensorArrayCloseV3").ResourceInput(h).Run().status());
  EXPECT_THAT(Size(h), StatusIs(StatusCode::kInvalidArgument,
                                HasSubstr("has already been closed.")));
  EXPECT_THAT(Size(ResourceHandle{"_tensor_arrays", "nope"}),
              StatusIs(StatusCode::kNotFound, HasSubstr("does not exist")));
}

TEST_F(TensorArrayTest, ScatterThenGatherRoundTripsRows) {
  ResourceHandle h = Create(3, DT_FLOAT);
  EXPECT_THAT(Op("TensorArrayScatterV3")
                  .ResourceInput(h)
                  .Input<int32_t>({2, 0, 1})
                  .Input<float>({1, 2, 3, 4, 5, 6}, TensorShape({3, 2}))
                  .Input(kFlow)
                  .RunOutput(),
              HoldsTensor(kFlow));
  EXPECT_THAT(Gather(h, {0, 1, 2}),
              HoldsTensor(Tensor::FromVector<float>({3, 4, 5, 6, 1, 2},
                                                    TensorShape({3, 2}))));
}

TEST_F(TensorArrayTest, GatherOfNothingNeedsAFullElementShape) {
  ResourceHandle h = Create(0);
  EXPECT_THAT(Gather(h, {}), StatusIs(StatusCode::kUnimplemented,
                                      HasSubstr("TensorArray has size zero, "
                                                "but element shape <unknown> "
                                                "is not fully defined")));
  EXPECT_THAT(Gather(h, {}, PartialTensorShape({2, 3})),
              HoldsTensor(Tensor(DT_FLOAT, TensorShape({0, 2, 3}))));
}

TEST_F(TensorArrayTest, GatherRejectsRaggedElements) {
  ResourceHandle h = Create(2);
  TFP_ASSERT_OK(Write(h, 0, Tensor::FromVector<float>({1, 2})));
  TFP_ASSERT_OK(Write(h, 1, Tensor::FromVector<float>({1})));
  EXPECT_THAT(Gather(h, {0, 1}),
              StatusIs(StatusCode::kInvalidArgument,
                       HasSubstr("TensorArray has inconsistent shapes.  Index "
                                 "0 has shape: [2] but index 1 has shape: "
                                 "[1]")));
}

TEST_F(TensorArrayTest, ScatterErrors) {
  ResourceHandle h = Create(2);
  auto scatter = [&](std::vector<int32_t> idx, Tensor v) {
    return Op("TensorArrayScatterV3")
        .ResourceInput(h)
        .Input(Tensor::FromVector(idx))
        .Input(std::move(v))
        .Input(kFlow)
        .Run()
        .status();
  };
  EXPECT_THAT(scatter({0}, Tensor::FromVector<float>({1, 2})),
              StatusIs(StatusCode::kInvalidArgument,
                       HasSubstr("Expected len(indices) == values.shape[0], "
                                 "but saw: 1 vs. 2")));
  EXPECT_THAT(scatter({0, 5}, Tensor::FromVector<float>({1, 2})),
              StatusIs(StatusCode::kInvalidArgument,
                       HasSubstr("Max scatter index must be < array size (5 "
                                 "vs. 2)")));
  EXPECT_THAT(scatter({}, Tensor::Scalar<float>(1)),
              StatusIs(StatusCode::kInvalidArgument,
                       HasSubstr("must be at least a vector")));
}

TEST_F(TensorArrayTest, SplitThenConcatRoundTripsWithLengths) {
  ResourceHandle h = Create(3, DT_STRING);
  Tensor value = Tensor::FromVector<std::string>({"a", "b", "c", "d"});
  TFP_ASSERT_OK(Op("TensorArraySplitV3")
                    .ResourceInput(h)
                    .Input(value)
                    .Input<int64_t>({1, 0, 3})
                    .Input(kFlow)
                    .Run()
                    .status());
  TFP_ASSERT_OK_AND_ASSIGN(std::vector<Tensor> out,
                           Op("TensorArrayConcatV3")
                               .ResourceInput(h)
                               .Input(kFlow)
                               .Attr("dtype", DT_STRING)
                               .Run());
  EXPECT_THAT(out[0], testing::TensorEq(value));
  EXPECT_THAT(out[1],
              testing::TensorEq(Tensor::FromVector<int64_t>({1, 0, 3})));
}

TEST_F(TensorArrayTest, SplitAndConcatErrors) {
  ResourceHandle h = Create(2);
  auto split = [&](Tensor v, std::vector<int64_t> lengths) {
    return Op("TensorArraySplitV3")
        .ResourceInput(h)
        .Input(std::move(v))
        .Input(Tensor::FromVector(lengths))
        .Input(kFlow)
        .Run()
        .status();
  };
  EXPECT_THAT(split(Tensor::FromVector<float>({1, 2, 3}), {1, 1}),
              StatusIs(StatusCode::kInvalidArgument,
                       HasSubstr("Expected sum of lengths to be equal to "
                                 "values.shape[0], but sum of lengths is: 2 "
                                 "and value's shape is: [3]")));
  EXPECT_THAT(split(Tensor::FromVector<float>({1, 2, 3}), {3}),
              StatusIs(StatusCode::kInvalidArgument,
                       HasSubstr("TensorArray's size is not equal to the size "
                                 "of lengths (2 vs. 1)")));
  EXPECT_THAT(split(Tensor::FromVector<float>({1, 2}), {4, -2}),
              StatusIs(StatusCode::kInvalidArgument,
                       HasSubstr("Expected lengths to be in [0, 2]")));
  EXPECT_THAT(split(Tensor::Scalar<float>(1), {1, 0}),
              StatusIs(StatusCode::kInvalidArgument,
                       HasSubstr("Expected value to be at least a vector")));
  ResourceHandle s = Create(1);
  TFP_ASSERT_OK(Write(s, 0, Tensor::Scalar<float>(1)));
  EXPECT_THAT(Op("TensorArrayConcatV3")
                  .ResourceInput(s)
                  .Input(kFlow)
                  .Attr("dtype", DT_FLOAT)
                  .Run(),
              StatusIs(StatusCode::kInvalidArgument,
                       HasSubstr("Concat saw a scalar shape at index 0")));
}

}  // namespace
}  // namespace tfpersist
