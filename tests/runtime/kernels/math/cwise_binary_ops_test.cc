// Broadcasting binary kernels (Add ... Pow, comparisons, logical ops)
// against the reference loop (reference/broadcast.h) with the same
// functors: results must be identical, over shapes that exercise every
// collapse pattern and the multi-threaded paths.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "runtime/kernels/math/random_tensors.h"
#include "runtime/kernels/reference/numeric.h"
#include "testing/kernel_test_harness.h"
#include "testing/status_matchers.h"

namespace tfpersist {
namespace {

using ::testing::HasSubstr;
using testing::KernelTester;
using testing::RandomTensor;
using testing::StatusIs;
using testing::TensorEq;

struct ShapePair {
  TensorShape x, y;
};

const std::vector<ShapePair>& Shapes() {
  static const auto* shapes = new std::vector<ShapePair>{
      {{2, 3, 4}, {2, 3, 4}}, {{2, 3, 4}, {4}},
      {{2, 3, 4}, {}},        {{}, {3, 4}},
      {{3, 1}, {1, 5}},       {{2, 1, 4}, {1, 3, 1}},
      {{4, 1, 3}, {4, 2, 1}}, {{0, 3}, {3}},
      {{64, 1000}, {1000}},   {{1000, 64}, {1000, 1}},
      {{1, 70000}, {1}},      {{5}, {5}}};
  return *shapes;
}

// Runs `op` on random inputs of type T for every shape pair and compares
// with the reference. `nonzero_y` avoids integer division by zero.
template <typename T, typename Out = T, typename Fn>
void CheckBinary(const std::string& op, Fn fn, double lo = -10, double hi = 10,
                 bool nonzero_y = false, double y_lo = -10, double y_hi = 10) {
  uint32_t seed = 1;
  for (const ShapePair& s : Shapes()) {
    SCOPED_TRACE(op + " " + DataTypeString(DataTypeToEnum<T>::value) + " " +
                 s.x.DebugString() + " vs " + s.y.DebugString());
    Tensor x = RandomTensor<T>(s.x, seed++, lo, hi);
    Tensor y = RandomTensor<T>(s.y, seed++, y_lo, y_hi);
    if (nonzero_y) testing::ReplaceZeros<T>(&y);
    TFP_ASSERT_OK_AND_ASSIGN(Tensor z,
                             KernelTester(op).Input(x).Input(y).RunOutput());
    EXPECT_THAT(z, TensorEq(testing::ReferenceBinary<T, Out>(x, y, fn)));
  }
}

TEST(CwiseBinaryOpsTest, ArithmeticMatchesReference) {
  using namespace reference;  // NOLINT
  CheckBinary<float>("Add", AddFn());
  CheckBinary<int32_t>("Add", AddFn());
  CheckBinary<half>("AddV2", AddFn());
  CheckBinary<uint8_t>("AddV2", AddFn(), 0, 255, false, 0, 255);
  CheckBinary<double>("Sub", SubFn());
  CheckBinary<int64_t>("Sub", SubFn());
  CheckBinary<bfloat16>("Mul", MulFn());
  CheckBinary<int16_t>("Mul", MulFn(), -300, 300, false, -300, 300);
  CheckBinary<float>("Maximum", MaximumFn());
  CheckBinary<int32_t>("Minimum", MinimumFn());
  CheckBinary<float>("SquaredDifference", SquaredDifferenceFn());
}

TEST(CwiseBinaryOpsTest, DivisionMatchesReference) {
  using namespace reference;  // NOLINT
  CheckBinary<float>("RealDiv", DivFn());
  CheckBinary<half>("RealDiv", DivFn());
  CheckBinary<int32_t>("Div", DivFn(), -10, 10, true);
  CheckBinary<double>("Div", DivFn());
  CheckBinary<int64_t>("FloorDiv", FloorDivFn(), -10, 10, true);
  CheckBinary<float>("FloorDiv", FloorDivFn());
  CheckBinary<int32_t>("FloorMod", FloorModFn(), -10, 10, true);
  CheckBinary<uint8_t>("FloorMod", FloorModFn(), 0, 255, true, 0, 255);
  CheckBinary<double>("FloorMod", FloorModFn());
  CheckBinary<float>("Pow", PowFn(), 0.1, 3, false, -2, 2);
  CheckBinary<int32_t>("Pow", PowFn(), -4, 4, false, 0, 5);
}

TEST(CwiseBinaryOpsTest, ComparisonsAndLogicalMatchReference) {
  auto less = [](auto a, auto b) { return a < b; };
  auto ge = [](auto a, auto b) { return a >= b; };
  auto eq = [](auto a, auto b) { return a == b; };
  auto ne = [](auto a, auto b) { return a != b; };
  CheckBinary<float, bool>("Less", less, -3, 3, false, -3, 3);
  CheckBinary<int32_t, bool>("GreaterEqual", ge, -3, 3, false, -3, 3);
  CheckBinary<int64_t, bool>("Equal", eq, -3, 3, false, -3, 3);
  CheckBinary<half, bool>("NotEqual", ne, -3, 3, false, -3, 3);
  CheckBinary<bool, bool>("Equal", eq);
  CheckBinary<bool, bool>("LogicalAnd", [](bool a, bool b) { return a && b; });
  CheckBinary<bool, bool>("LogicalOr", [](bool a, bool b) { return a || b; });
}

TEST(CwiseBinaryOpsTest, StringAddConcatenates) {
  TFP_ASSERT_OK_AND_ASSIGN(Tensor z, KernelTester("Add")
                                         .Input<std::string>({"a", "b"})
                                         .ScalarInput<std::string>("!")
                                         .RunOutput());
  EXPECT_THAT(z, TensorEq(Tensor::FromVector<std::string>({"a!", "b!"})));
}

TEST(CwiseBinaryOpsTest, IncompatibleShapesNameTheNode) {
  EXPECT_THAT(
      KernelTester("Add")
          .Name("my_add")
          .Input<float>(std::vector<float>(6), {2, 3})
          .Input<float>(std::vector<float>(4), {4})
          .Run(),
      StatusIs(StatusCode::kInvalidArgument,
               ::testing::AllOf(HasSubstr("Incompatible shapes: [2,3] vs. [4]"),
                                HasSubstr("my_add"))));
}

TEST(CwiseBinaryOpsTest, IntegerRealDivHasNoKernel) {
  EXPECT_THAT(KernelTester("RealDiv")
                  .Name("d")
                  .Input<int32_t>({1, 2})
                  .Input<int32_t>({1, 2})
                  .Run(),
              StatusIs(StatusCode::kInvalidArgument,
                       ::testing::AllOf(
                           HasSubstr("No OpKernel was registered to support "
                                     "Op 'RealDiv'"),
                           HasSubstr("T=DT_INT32"), HasSubstr("{{node d}}"))));
}

TEST(CwiseBinaryOpsTest, IntegerDivisionByZeroIsRejected) {
  for (const char* op : {"Div", "FloorDiv", "FloorMod"}) {
    EXPECT_THAT(
        KernelTester(op).Input<int32_t>({4, 5}).Input<int32_t>({2, 0}).Run(),
        StatusIs(StatusCode::kInvalidArgument,
                 HasSubstr("Integer division by zero")))
        << op;
  }
  // Float division by zero is IEEE.
  TFP_ASSERT_OK_AND_ASSIGN(
      Tensor z,
      KernelTester("Div").Input<float>({1}).Input<float>({0}).RunOutput());
  EXPECT_TRUE(std::isinf(z.flat<float>()[0]));
}

TEST(CwiseBinaryOpsTest, NegativeIntegerPowerIsRejected) {
  EXPECT_THAT(
      KernelTester("Pow").Input<int64_t>({2}).Input<int64_t>({-1}).Run(),
      StatusIs(StatusCode::kInvalidArgument,
               HasSubstr("Integers to negative integer powers are not "
                         "allowed")));
}

TEST(CwiseBinaryOpsTest, EqualWithoutShapeErrorGivesScalar) {
  for (bool not_equal : {false, true}) {
    TFP_ASSERT_OK_AND_ASSIGN(Tensor z,
                             KernelTester(not_equal ? "NotEqual" : "Equal")
                                 .Attr("incompatible_shape_error", false)
                                 .Input<int32_t>({1, 2})
                                 .Input<int32_t>({1, 2, 3})
                                 .RunOutput());
    EXPECT_THAT(z, TensorEq(Tensor::Scalar<bool>(not_equal)));
  }
}

TEST(CwiseBinaryOpsTest, HostileEmptyShapesDoNotOverflow) {
  // Zero elements each, but the broadcast shape's count overflows int64.
  const int64_t big = int64_t{1} << 40;
  EXPECT_THAT(KernelTester("Add")
                  .Input(Tensor(DT_FLOAT, TensorShape({big, 1, 0})))
                  .Input(Tensor(DT_FLOAT, TensorShape({1, big, 0})))
                  .Run(),
              StatusIs(StatusCode::kInvalidArgument, HasSubstr("overflow")));
  EXPECT_THAT(KernelTester("MatMul")
                  .Input(Tensor(DT_FLOAT, TensorShape({big, 0})))
                  .Input(Tensor(DT_FLOAT, TensorShape({0, big})))
                  .Run(),
              StatusIs(StatusCode::kInvalidArgument, HasSubstr("overflow")));
  EXPECT_THAT(KernelTester("Sum")
                  .Input(Tensor(DT_FLOAT, TensorShape({big, 0, big})))
                  .ScalarInput<int32_t>(1)
                  .Run(),
              StatusIs(StatusCode::kInvalidArgument, HasSubstr("overflow")));
}

TEST(CwiseBinaryOpsTest, HandCheckedValues) {
  TFP_ASSERT_OK_AND_ASSIGN(Tensor z, KernelTester("FloorMod")
                                         .Input<int32_t>({7, -7, 7, -7})
                                         .Input<int32_t>({3, 3, -3, -3})
                                         .RunOutput());
  EXPECT_THAT(z, TensorEq(Tensor::FromVector<int32_t>({1, 2, -2, -1})));
  TFP_ASSERT_OK_AND_ASSIGN(Tensor w,
                           KernelTester("AddV2")
                               .Input<float>({1, 2, 3, 4, 5, 6}, {2, 3})
                               .Input<float>({10, 20, 30})
                               .RunOutput());
  EXPECT_THAT(
      w, TensorEq(Tensor::FromVector<float>({11, 22, 33, 14, 25, 36}, {2, 3})));
}

}  // namespace
}  // namespace tfpersist
