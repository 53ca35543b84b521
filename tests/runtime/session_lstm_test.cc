// A TF2 Keras-LSTM-style graph, laid out as while_v2 and Keras lay it out:
// the input unstacked into a TensorList (TensorListFromTensor), an output
// TensorList (TensorListReserve), a While whose loop variables are the
// time counter, the output list, h, c, the input list and the captured
// kernel / recurrent_kernel / bias resource handles; the body reads the
// variables, computes the gates (i, f, c, o), writes h into the output list
// (TensorListSetItem); after the loop TensorListStack gives the sequence.
// (Keras splits the gates with Split; we slice them, Split not being
// registered here.) Expected values: a numpy LSTM (/usr/bin/python3) over
// the same weights.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>

#include "../cli/run_command.h"
#include "testing/fixtures.h"
#include "testing/function_testlib.h"
#include "testing/status_matchers.h"
#include "tfpersist/base/path.h"
#include "tfpersist/core/npy.h"
#include "tfpersist/runtime/session.h"

namespace tfpersist {
namespace {

using ::tfpersist::testing::ParseGraph;

constexpr int kB = 2, kT = 5, kI = 3, kH = 4;

std::string Node(const std::string& name, const std::string& op,
                 const std::vector<std::string>& inputs,
                 const std::string& attrs) {
  std::string s = "node_def { name: '" + name + "' op: '" + op + "' ";
  for (const auto& in : inputs) s += "input: '" + in + "' ";
  return s + attrs + " }";
}
std::string T(const std::string& type) {
  return "attr { key: 'T' value { type: " + type + " } }";
}
std::string IntVec(const std::string& name, const std::vector<int>& v,
                   bool in_function = true) {
  std::string vals;
  for (int x : v) vals += " int_val: " + std::to_string(x);
  std::string body =
      "name: '" + name +
      "' op: 'Const' attr { key: 'dtype' value { type: DT_INT32 } } attr { "
      "key: 'value' value { tensor { dtype: DT_INT32 tensor_shape { " +
      (v.size() == 1 ? std::string()
                     : "dim { size: " + std::to_string(v.size()) + " }") +
      " }" + vals + " } } }";
  return (in_function ? "node_def { " : "node { ") + body + " }";
}

constexpr char kLoopArgs[] =
    "input_arg { name: 'time' type: DT_INT32 } "
    "input_arg { name: 'out_ta' type: DT_VARIANT } "
    "input_arg { name: 'h' type: DT_FLOAT } "
    "input_arg { name: 'c' type: DT_FLOAT } "
    "input_arg { name: 'in_ta' type: DT_VARIANT } "
    "input_arg { name: 'kernel' type: DT_RESOURCE } "
    "input_arg { name: 'rec' type: DT_RESOURCE } "
    "input_arg { name: 'bias' type: DT_RESOURCE } ";

std::string CondFunction() {
  return "function { signature { name: 'while_cond' " + std::string(kLoopArgs) +
         "output_arg { name: 'more' type: DT_BOOL } } " + IntVec("n", {kT}) +
         Node("less", "Less", {"time", "n:output:0"}, T("DT_INT32")) +
         " ret { key: 'more' value: 'less:z:0' } }";
}

// z[:, g*H:(g+1)*H] activated.
std::string Gate(int g, const std::string& act) {
  const std::string n = "gate" + std::to_string(g);
  return IntVec(n + "_begin", {0, g * kH}) + IntVec(n + "_size", {-1, kH}) +
         Node(n + "_z", "Slice",
              {"z:output:0", n + "_begin:output:0", n + "_size:output:0"},
              T("DT_FLOAT") +
                  " attr { key: 'Index' value { type: DT_INT32 } }") +
         Node(n, act, {n + "_z:output:0"}, T("DT_FLOAT"));
}

std::string BodyFunction() {
  const std::string f = T("DT_FLOAT");
  const std::string read = "attr { key: 'dtype' value { type: DT_FLOAT } }";
  const std::string list =
      "attr { key: 'element_dtype' value { type: "
      "DT_FLOAT } }";
  return "function { signature { name: 'while_body' " + std::string(kLoopArgs) +
         "output_arg { name: 'time_out' type: DT_INT32 } "
         "output_arg { name: 'out_ta_out' type: DT_VARIANT } "
         "output_arg { name: 'h_out' type: DT_FLOAT } "
         "output_arg { name: 'c_out' type: DT_FLOAT } "
         "output_arg { name: 'in_ta_out' type: DT_VARIANT } "
         "output_arg { name: 'kernel_out' type: DT_RESOURCE } "
         "output_arg { name: 'rec_out' type: DT_RESOURCE } "
         "output_arg { name: 'bias_out' type: DT_RESOURCE } } " +
         IntVec("elem_shape", {-1, kI}) +
         Node("x_t", "TensorListGetItem",
              {"in_ta", "time", "elem_shape:output:0"}, list) +
         Node("k", "ReadVariableOp", {"kernel"}, read) +
         Node("r", "ReadVariableOp", {"rec"}, read) +
         Node("b", "ReadVariableOp", {"bias"}, read) +
         Node("xk", "MatMul", {"x_t:item:0", "k:value:0"}, f) +
         Node("hr", "MatMul", {"h", "r:value:0"}, f) +
         Node("sum", "AddV2", {"xk:product:0", "hr:product:0"}, f) +
         Node("z", "BiasAdd", {"sum:z:0", "b:value:0"}, f) +
         Gate(0, "Sigmoid") + Gate(1, "Sigmoid") + Gate(2, "Tanh") +
         Gate(3, "Sigmoid") + Node("fc", "Mul", {"gate1:y:0", "c"}, f) +
         Node("ig", "Mul", {"gate0:y:0", "gate2:y:0"}, f) +
         Node("c_new", "AddV2", {"fc:z:0", "ig:z:0"}, f) +
         Node("tanh_c", "Tanh", {"c_new:z:0"}, f) +
         Node("h_new", "Mul", {"gate3:y:0", "tanh_c:y:0"}, f) +
         Node("set", "TensorListSetItem", {"out_ta", "time", "h_new:z:0"},
              list) +
         IntVec("one", {1}) +
         Node("next", "AddV2", {"time", "one:output:0"}, T("DT_INT32")) +
         " ret { key: 'time_out' value: 'next:z:0' } "
         "ret { key: 'out_ta_out' value: 'set:output_handle:0' } "
         "ret { key: 'h_out' value: 'h_new:z:0' } "
         "ret { key: 'c_out' value: 'c_new:z:0' } "
         "ret { key: 'in_ta_out' value: 'in_ta' } "
         "ret { key: 'kernel_out' value: 'kernel' } "
         "ret { key: 'rec_out' value: 'rec' } "
         "ret { key: 'bias_out' value: 'bias' } }";
}

std::string Var(const std::string& name) {
  return "node { name: '" + name +
         "' op: 'VarHandleOp' attr { key: 'dtype' value { type: DT_FLOAT } } "
         "attr { key: 'shape' value { shape { unknown_rank: true } } } attr "
         "{ key: 'shared_name' value { s: '" +
         name + "' } } }";
}

std::string Top() {
  const std::string list =
      "attr { key: 'element_dtype' value { type: "
      "DT_FLOAT } } attr { key: 'shape_type' value { "
      "type: DT_INT32 } }";
  std::string s =
      "node { name: 'x' op: 'Placeholder' attr { key: 'dtype' value { type: "
      "DT_FLOAT } } }" +
      testing::FloatPlaceholder("h0") + testing::FloatPlaceholder("c0") +
      Var("kernel") + Var("recurrent_kernel") + Var("bias") +
      IntVec("perm", {1, 0, 2}, false) +
      "node { name: 'transpose' op: 'Transpose' input: 'x' input: 'perm' "
      "attr { key: 'T' value { type: DT_FLOAT } } }" +
      IntVec("in_shape", {-1, kI}, false) +
      IntVec("out_shape", {-1, kH}, false) + IntVec("steps", {kT}, false) +
      IntVec("zero", {0}, false) +
      "node { name: 'TensorArrayUnstack/TensorListFromTensor' op: "
      "'TensorListFromTensor' input: 'transpose' input: 'in_shape' " +
      list +
      " } node { name: 'TensorArrayV2' op: 'TensorListReserve' input: "
      "'out_shape' input: 'steps' " +
      list + " }";
  s += "node { name: 'while' op: 'While' input: 'zero' input: 'TensorArrayV2' "
       "input: 'h0' input: 'c0' input: "
       "'TensorArrayUnstack/TensorListFromTensor' input: 'kernel' input: "
       "'recurrent_kernel' input: 'bias' attr { key: 'T' value { list { type: "
       "DT_INT32 type: DT_VARIANT type: DT_FLOAT type: DT_FLOAT type: "
       "DT_VARIANT type: DT_RESOURCE type: DT_RESOURCE type: DT_RESOURCE } } } "
       "attr { key: 'cond' value { func { name: 'while_cond' } } } attr { key: "
       "'body' value { func { name: 'while_body' } } } attr { key: "
       "'parallel_iterations' value { i: 32 } } }";
  s += "node { name: 'TensorArrayV2Stack/TensorListStack' op: "
       "'TensorListStack' input: 'while:1' input: 'out_shape' attr { key: "
       "'element_dtype' value { type: DT_FLOAT } } attr { key: 'num_elements' "
       "value { i: " +
       std::to_string(kT) + " } } }";
  for (const char* v : {"kernel", "recurrent_kernel", "bias"}) {
    s += testing::FloatPlaceholder(std::string(v) + "_value") +
         "node { name: '" + v + "_assign' op: 'AssignVariableOp' input: '" + v +
         "' input: '" + v +
         "_value' attr { key: 'dtype' value { type: "
         "DT_FLOAT } } }";
  }
  return s + "library { " + CondFunction() + BodyFunction() + " }";
}

Tensor Values(const TensorShape& shape, float seed) {
  Tensor t(DT_FLOAT, shape);
  for (int64_t i = 0; i < t.NumElements(); ++i) {
    t.data<float>()[i] = 0.5f * std::sin(0.37f * static_cast<float>(i) + seed);
  }
  return t;
}

constexpr char kNumpyLstm[] = R"(
import numpy as np, sys
d = sys.argv[1]
x, k, r, b, h, c = (np.load(d + '/' + n + '.npy').astype(np.float64)
                    for n in ('x', 'k', 'r', 'b', 'h0', 'c0'))
sig = lambda v: 1 / (1 + np.exp(-v))
H = h.shape[1]
seq = []
for t in range(x.shape[1]):
    z = x[:, t, :] @ k + h @ r + b
    i, f, g, o = (z[:, j * H:(j + 1) * H] for j in range(4))
    c = sig(f) * c + sig(i) * np.tanh(g)
    h = sig(o) * np.tanh(c)
    seq.append(h)
np.save(d + '/seq.npy', np.stack(seq).astype(np.float32))
np.save(d + '/h.npy', h.astype(np.float32))
)";

TEST(SessionLstmTest, WhileV2WithTensorListsMatchesNumpyLstm) {
  if (testing::PythonWithNumpy().empty()) GTEST_SKIP() << "no numpy";
  TFP_ASSERT_OK_AND_ASSIGN(auto session, Session::Create(ParseGraph(Top())));
  const std::map<std::string, Tensor> inputs = {
      {"x", Values(TensorShape({kB, kT, kI}), 0.1f)},
      {"k", Values(TensorShape({kI, 4 * kH}), 1.3f)},
      {"r", Values(TensorShape({kH, 4 * kH}), 2.9f)},
      {"b", Values(TensorShape({4 * kH}), 0.7f)},
      {"h0", Values(TensorShape({kB, kH}), 4.0f)},
      {"c0", Values(TensorShape({kB, kH}), 5.5f)}};
  TFP_ASSERT_OK(session->Run(
      {{"kernel_value", inputs.at("k")},
       {"recurrent_kernel_value", inputs.at("r")},
       {"bias_value", inputs.at("b")}},
      {}, {"kernel_assign", "recurrent_kernel_assign", "bias_assign"},
      nullptr));
  std::vector<Tensor> got;
  TFP_ASSERT_OK(session->Run(
      {{"x", inputs.at("x")}, {"h0", inputs.at("h0")}, {"c0", inputs.at("c0")}},
      {"TensorArrayV2Stack/TensorListStack:0", "while:2", "while:0"}, {},
      &got));
  const std::string dir = testing::NewTempDir("lstm");
  for (const auto& [name, t] : inputs) {
    TFP_ASSERT_OK(WriteNpy(Env::Default(), JoinPath(dir, name + ".npy"), t));
  }
  TFP_ASSERT_OK(
      WriteStringToFile(Env::Default(), JoinPath(dir, "lstm.py"), kNumpyLstm));
  auto r = testing::RunCommand(
      {testing::PythonWithNumpy(), JoinPath(dir, "lstm.py"), dir});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  TFP_ASSERT_OK_AND_ASSIGN(Tensor seq,
                           ReadNpy(Env::Default(), JoinPath(dir, "seq.npy")));
  TFP_ASSERT_OK_AND_ASSIGN(Tensor h,
                           ReadNpy(Env::Default(), JoinPath(dir, "h.npy")));
  ASSERT_EQ(got[0].shape(), TensorShape({kT, kB, kH}));
  for (int64_t i = 0; i < seq.NumElements(); ++i) {
    EXPECT_NEAR(got[0].data<float>()[i], seq.data<float>()[i], 1e-5) << i;
  }
  for (int64_t i = 0; i < h.NumElements(); ++i) {
    EXPECT_NEAR(got[1].data<float>()[i], h.data<float>()[i], 1e-5) << i;
  }
  EXPECT_EQ(got[2].scalar<int32_t>(), kT);
}

}  // namespace
}  // namespace tfpersist
