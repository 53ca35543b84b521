#include "testing/numpy_eval.h"

#include <cstdlib>
#include <string>

#include "testing/fixtures.h"
#include "tfpersist/base/env.h"
#include "tfpersist/base/str_util.h"
#include "tfpersist/core/npy.h"

namespace tfpersist::testing {
namespace {

constexpr const char* kScript = R"(import sys
import numpy as np
d, n_in = sys.argv[1], int(sys.argv[2])
env = {'np': np}
for i in range(n_in):
    env['a%d' % i] = np.load('%s/in%d.npy' % (d, i))
with open(d + '/exprs.txt') as f:
    exprs = [e for e in f.read().split('\n') if e]
for j, e in enumerate(exprs):
    np.save('%s/out%d.npy' % (d, j), np.ascontiguousarray(np.asarray(eval(e, env))))
)";

}  // namespace

bool HaveNumpy() {
  static const bool have =
      std::system("/usr/bin/python3 -c 'import numpy' >/dev/null 2>&1") == 0;
  return have;
}

StatusOr<std::vector<Tensor>> NumpyEval(const std::vector<Tensor>& inputs,
                                        const std::vector<std::string>& exprs) {
  Env* env = Env::Default();
  const std::string dir = NewTempDir("numpy");
  for (size_t i = 0; i < inputs.size(); ++i) {
    TFP_RETURN_IF_ERROR(
        WriteNpy(env, StrCat(dir, "/in", i, ".npy"), inputs[i]));
  }
  TFP_RETURN_IF_ERROR(
      WriteStringToFile(env, dir + "/exprs.txt", StrJoin(exprs, "\n")));
  TFP_RETURN_IF_ERROR(WriteStringToFile(env, dir + "/eval.py", kScript));
  const std::string cmd = StrCat("/usr/bin/python3 ", dir, "/eval.py ", dir,
                                 " ", inputs.size(), " 2>", dir, "/err");
  if (std::system(cmd.c_str()) != 0) {
    auto err = ReadFileToString(env, dir + "/err");
    return errors::Internal("numpy failed: ", err.ok() ? *err : "");
  }
  std::vector<Tensor> out;
  for (size_t j = 0; j < exprs.size(); ++j) {
    TFP_ASSIGN_OR_RETURN(Tensor t,
                         ReadNpy(env, StrCat(dir, "/out", j, ".npy")));
    out.push_back(std::move(t));
  }
  return out;
}

}  // namespace tfpersist::testing
