// Einsum: matmul, batch matmul, transposes, traces/diagonals, reductions,
// outer products and broadcast ellipses, against the naive label-by-label
// reference (reference/einsum.h) and numpy.einsum; TF's equation errors.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <map>
#include <string>
#include <vector>

#include "runtime/kernels/math/random_tensors.h"
#include "runtime/kernels/reference/einsum.h"
#include "testing/kernel_test_harness.h"
#include "testing/numpy_eval.h"
#include "testing/status_matchers.h"

namespace tfpersist {
namespace {

// The tensor of a run, or an empty Tensor (failing the test) on error.
Tensor Ok(StatusOr<Tensor> t) {
  EXPECT_TRUE(t.ok()) << t.status();
  return t.ok() ? *std::move(t) : Tensor();
}

using ::testing::HasSubstr;
using ::tfpersist::testing::KernelTester;
using ::tfpersist::testing::NumpyEval;
using ::tfpersist::testing::RandomTensor;
using ::tfpersist::testing::StatusIs;
using ::tfpersist::testing::TensorNear;

const std::map<char, int64_t> kSizes = {{'a', 2}, {'b', 3}, {'i', 4},
                                        {'j', 5}, {'k', 3}, {'l', 2}};

std::vector<int64_t> DimsOf(const std::string& labels) {
  std::vector<int64_t> d;
  for (char c : labels) d.push_back(kSizes.at(c));
  return d;
}

// Runs `equation` (no ellipsis) on random operands of dtype T and compares
// with the reference computed in double.
template <typename T>
void CheckEquation(const std::string& equation, double tol, uint32_t seed) {
  const size_t arrow = equation.find("->");
  const std::string lhs = equation.substr(0, arrow);
  const std::string out = equation.substr(arrow + 2);
  std::vector<std::string> labels;
  for (size_t p = 0, q; p <= lhs.size(); p = q + 1) {
    q = lhs.find(',', p);
    if (q == std::string::npos) q = lhs.size();
    labels.push_back(lhs.substr(p, q - p));
  }
  std::vector<Tensor> ins;
  std::vector<std::vector<double>> ops;
  for (size_t k = 0; k < labels.size(); ++k) {
    ins.push_back(
        RandomTensor<T>(TensorShape(DimsOf(labels[k])), seed + k, -3, 3));
    std::vector<double> v;
    for (const T& x : ins.back().flat<T>())
      v.push_back(reference::ToCompute(x));
    ops.push_back(v);
  }
  std::map<char, int64_t> used;
  for (const std::string& l : labels) {
    for (char c : l) used[c] = kSizes.at(c);
  }
  const std::vector<double> want = reference::Einsum(ops, labels, out, used);
  TFP_ASSERT_OK_AND_ASSIGN(Tensor got, KernelTester("Einsum")
                                           .Attr("equation", equation)
                                           .InputList(ins)
                                           .RunOutput());
  Tensor got_d = KernelTester("Cast")
                     .Attr("DstT", DT_DOUBLE)
                     .Input(got)
                     .RunOutput()
                     .value();
  EXPECT_THAT(
      got_d,
      TensorNear(Tensor::FromVector(want, TensorShape(DimsOf(out))), tol))
      << equation;
}

TEST(EinsumTest, CommonFormsMatchReference) {
  for (const char* eq :
       {"ij,jk->ik", "ij,kj->ki",     "aij,ajk->aik", "abij,abjk->abik",
        "ij->ji",    "aij->jai",      "ij->i",        "ij->",
        "ii->i",     "ii->",          "i,j->ij",      "ij,j->i",
        "ij,ij->ij", "ij,ij->",       "aij,jk->aik",  "ij,jk->",
        "aibj->ab",  "abi,bjl->ajil", "ik,jk->kij",   "bij,jb->bi",
        "iij,jk->ik"}) {
    CheckEquation<float>(eq, 1e-4, 1);
    CheckEquation<double>(eq, 1e-10, 2);
  }
  CheckEquation<int32_t>("aij,ajk->aik", 0, 3);
  CheckEquation<int64_t>("ij,j->i", 0, 4);
  CheckEquation<half>("ij,jk->ik", 0.1, 5);
  CheckEquation<bfloat16>("ij->j", 0.5, 6);
}

TEST(EinsumTest, EllipsisBroadcastMatchesNumpy) {
  TFP_REQUIRE_NUMPY();
  const Tensor a = RandomTensor<double>(TensorShape({2, 1, 3, 4}), 11);
  const Tensor b = RandomTensor<double>(TensorShape({5, 4, 2}), 12);
  const Tensor c = RandomTensor<double>(TensorShape({3, 3, 6}), 13);
  TFP_ASSERT_OK_AND_ASSIGN(
      std::vector<Tensor> want,
      NumpyEval(
          {a, b, c},
          {"np.einsum('...ij,...jk->...ik', a0, a1)",
           "np.einsum('...ij->...ji', a0)", "np.einsum('bi...->i...b', a0)",
           "np.einsum('ii...->...', a2)", "np.einsum('...ij->...', a0)"}));
  const auto run = [&](const std::string& eq, std::vector<Tensor> ins) {
    return KernelTester("Einsum")
        .Attr("equation", eq)
        .InputList(ins)
        .RunOutput();
  };
  EXPECT_THAT(Ok(run("...ij,...jk->...ik", {a, b})),
              TensorNear(want[0], 1e-10));
  EXPECT_THAT(Ok(run("...ij->...ji", {a})), TensorNear(want[1], 1e-12));
  EXPECT_THAT(Ok(run("bi...->i...b", {a})), TensorNear(want[2], 1e-12));
  EXPECT_THAT(Ok(run("ii...->...", {c})), TensorNear(want[3], 1e-10));
  EXPECT_THAT(Ok(run("...ij->...", {a})), TensorNear(want[4], 1e-10));
}

TEST(EinsumTest, Errors) {
  const Tensor a = RandomTensor<float>(TensorShape({2, 3}), 21);
  const auto run = [&](const std::string& eq, std::vector<Tensor> ins) {
    return KernelTester("Einsum").Attr("equation", eq).InputList(ins).Run();
  };
  EXPECT_THAT(run("ij,jk", {a, a}),
              StatusIs(StatusCode::kInvalidArgument,
                       HasSubstr("Expecting exactly one '->' in einsum "
                                 "equation: ij,jk")));
  EXPECT_THAT(run("ij,jk->ik", {a, a}),
              StatusIs(StatusCode::kInvalidArgument,
                       HasSubstr("Expected dimension 3 for label 'j' but got "
                                 "dimension 2")));
  EXPECT_THAT(run("ijk->i", {a}),
              StatusIs(StatusCode::kInvalidArgument,
                       HasSubstr("Input 0 to einsum has rank 2 which does not "
                                 "match its subscript with 3 labels")));
  EXPECT_THAT(run("ij->iz", {a}),
              StatusIs(StatusCode::kInvalidArgument,
                       HasSubstr("Output subscript contains a label not "
                                 "present in any input subscript")));
  EXPECT_THAT(run("ij,j->i", {a}),
              StatusIs(StatusCode::kInvalidArgument,
                       HasSubstr("Expecting 1 input subscripts")));
}

}  // namespace
}  // namespace tfpersist
