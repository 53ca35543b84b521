// tf.nn.dynamic_rnn graphs (TF1 while frame + TensorArrayV3 family, see
// dynamic_rnn_graph.h) against an independent numpy RNN/LSTM computed by
// Debian's /usr/bin/python3 during the test.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdlib>
#include <random>

#include "dynamic_rnn_graph.h"
#include "runtime/kernel_registry.h"
#include "testing/fixtures.h"
#include "testing/kernel_test_harness.h"
#include "testing/status_matchers.h"
#include "tfpersist/base/env.h"
#include "tfpersist/core/npy.h"
#include "tfpersist/runtime/session.h"

namespace tfpersist {
namespace {

using ::testing::HasSubstr;
using ::tfpersist::testing::RnnCell;
using ::tfpersist::testing::StatusIs;
using ::tfpersist::testing::TensorNear;

// The cells as written in TF's rnn_cell_impl.py, in numpy, over the
// batch-major input; writes outputs [B, T, U] and the final c and h.
const char kNumpyRnn[] = R"PY(
import sys, numpy as np
d, cell = sys.argv[1], sys.argv[2]
x, w, b = [np.load(d + '/' + n + '.npy').astype(np.float64)
           for n in ('x', 'kernel', 'bias')]
sig = lambda v: 1.0 / (1.0 + np.exp(-v))
batch, time, _ = x.shape
units = w.shape[1] // (4 if cell == 'lstm' else 1)
c = np.zeros((batch, units)); h = np.zeros((batch, units)); outs = []
for t in range(time):
    z = np.concatenate([x[:, t, :], h], axis=1) @ w + b
    if cell == 'lstm':
        i, j, f, o = np.split(z, 4, axis=1)
        c = c * sig(f + 1.0) + sig(i) * np.tanh(j)
        h = np.tanh(c) * sig(o)
    else:
        h = np.tanh(z)
    outs.append(h)
np.save(d + '/outputs.npy', np.stack(outs, axis=1).astype(np.float32))
np.save(d + '/c.npy', c.astype(np.float32))
np.save(d + '/h.npy', h.astype(np.float32))
)PY";

bool HaveDebianNumpy() {
  return std::system("/usr/bin/python3 -c 'import numpy' >/dev/null 2>&1") == 0;
}

Tensor Uniform(const TensorShape& shape, std::mt19937* rng, float scale) {
  Tensor t(DT_FLOAT, shape);
  std::uniform_real_distribution<float> u(-scale, scale);
  for (float& v : t.flat<float>()) v = u(*rng);
  return t;
}

struct Case {
  RnnCell cell;
  int64_t batch, time, depth, units;
};

class DynamicRnnTest : public ::testing::TestWithParam<Case> {};

TEST_P(DynamicRnnTest, MatchesNumpy) {
  if (!HaveDebianNumpy()) GTEST_SKIP() << "/usr/bin/python3 lacks numpy";
  const Case& k = GetParam();
  const bool lstm = k.cell == RnnCell::kBasicLstm;
  const int64_t gates = lstm ? 4 : 1;
  std::mt19937 rng(42);
  Tensor x = Uniform(TensorShape({k.batch, k.time, k.depth}), &rng, 1.0f);
  Tensor w =
      Uniform(TensorShape({k.depth + k.units, gates * k.units}), &rng, 0.5f);
  Tensor b = Uniform(TensorShape({gates * k.units}), &rng, 0.5f);
  const std::string dir = testing::NewTempDir("dynamic_rnn");
  Env* env = Env::Default();
  TFP_ASSERT_OK(WriteNpy(env, dir + "/x.npy", x));
  TFP_ASSERT_OK(WriteNpy(env, dir + "/kernel.npy", w));
  TFP_ASSERT_OK(WriteNpy(env, dir + "/bias.npy", b));
  TFP_ASSERT_OK(WriteStringToFile(env, dir + "/rnn.py", kNumpyRnn));
  ASSERT_EQ(std::system(("/usr/bin/python3 " + dir + "/rnn.py " + dir + " " +
                         (lstm ? "lstm" : "rnn"))
                            .c_str()),
            0);

  TFP_ASSERT_OK_AND_ASSIGN(
      tensorflow::GraphDef g,
      testing::BuildDynamicRnn(k.cell, k.time, w, b,
                               KernelRegistry::Global()->HasKernel("Split")));
  TFP_ASSERT_OK_AND_ASSIGN(auto session, Session::Create(g));
  const std::string h_exit = lstm ? "rnn/while/Exit_4:0" : "rnn/while/Exit_3:0";
  std::vector<Tensor> out;
  TFP_ASSERT_OK(session->Run(
      {{"x", x}}, {"rnn/transpose_1:0", h_exit, "rnn/while/Exit_3:0"}, {},
      &out));
  TFP_ASSERT_OK_AND_ASSIGN(Tensor want, ReadNpy(env, dir + "/outputs.npy"));
  TFP_ASSERT_OK_AND_ASSIGN(Tensor want_h, ReadNpy(env, dir + "/h.npy"));
  TFP_ASSERT_OK_AND_ASSIGN(Tensor want_c, ReadNpy(env, dir + "/c.npy"));
  EXPECT_THAT(out[0], TensorNear(want, 1e-5));
  EXPECT_THAT(out[1], TensorNear(want_h, 1e-5));
  if (lstm) EXPECT_THAT(out[2], TensorNear(want_c, 1e-5));
  // Runs are independent: the TensorArrays of the first run are gone (a
  // second run would fail writing an already-written slot otherwise).
  std::vector<Tensor> again;
  TFP_ASSERT_OK(session->Run({{"x", x}}, {"rnn/transpose_1:0"}, {}, &again));
  EXPECT_THAT(again[0], TensorNear(want, 1e-5));
}

INSTANTIATE_TEST_SUITE_P(
    Cells, DynamicRnnTest,
    ::testing::Values(Case{RnnCell::kBasicRnn, 3, 6, 4, 5},
                      Case{RnnCell::kBasicRnn, 1, 1, 2, 3},
                      Case{RnnCell::kBasicLstm, 2, 7, 3, 4},
                      Case{RnnCell::kBasicLstm, 1, 1, 2, 3}),
    [](const ::testing::TestParamInfo<Case>& info) {
      return StrCat(info.param.cell == RnnCell::kBasicLstm ? "Lstm" : "Rnn",
                    "_T", info.param.time, "_B", info.param.batch);
    });

// A batch with a different size than the last run and a wrong-rank input.
TEST(DynamicRnnErrorsTest, WrongInputRankFailsInTranspose) {
  std::mt19937 rng(1);
  Tensor w = Uniform(TensorShape({5, 3}), &rng, 0.5f);
  Tensor b = Uniform(TensorShape({3}), &rng, 0.5f);
  TFP_ASSERT_OK_AND_ASSIGN(
      tensorflow::GraphDef g,
      testing::BuildDynamicRnn(RnnCell::kBasicRnn, 2, w, b));
  TFP_ASSERT_OK_AND_ASSIGN(auto session, Session::Create(g));
  std::vector<Tensor> out;
  EXPECT_THAT(session->Run({{"x", Tensor(DT_FLOAT, TensorShape({2, 2}))}},
                           {"rnn/transpose_1:0"}, {}, &out),
              StatusIs(StatusCode::kInvalidArgument, HasSubstr("x")));
}

}  // namespace
}  // namespace tfpersist
