// Run-time ISA dispatch (kernels/onednn/cpu_isa.h): the selected ISA
// follows the CPU unless TFP_DISABLE_AVX2 is set, and then oneDNN runs its
// SSE4.1 code. CTest runs this binary a second time with the variable set
// (runtime_kernels_nn_test_baseline_isa), so every kernel test here also
// passes on the baseline path.
#include "runtime/kernels/onednn/cpu_isa.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <cstring>
#include <dnnl.hpp>

#include "runtime/kernels/onednn/onednn.h"

namespace tfpersist {
namespace {

bool Disabled() {
  const char* v = std::getenv("TFP_DISABLE_AVX2");
  return v != nullptr && *v != '\0' && std::strcmp(v, "0") != 0;
}

TEST(CpuIsaTest, FollowsCpuUnlessDisabled) {
  onednn::Engine();  // applies the cap
  const dnnl::cpu_isa effective = dnnl::get_effective_cpu_isa();
  if (Disabled()) {
    EXPECT_EQ(SelectedCpuIsa(), CpuIsa::kBaseline);
    if (__builtin_cpu_supports("sse4.1")) {
      EXPECT_EQ(effective, dnnl::cpu_isa::sse41);
    }
    return;
  }
  __builtin_cpu_init();
  if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma")) {
    EXPECT_NE(SelectedCpuIsa(), CpuIsa::kBaseline);
    EXPECT_NE(effective, dnnl::cpu_isa::sse41);
  } else {
    EXPECT_EQ(SelectedCpuIsa(), CpuIsa::kBaseline);
  }
  EXPECT_STRNE(CpuIsaName(SelectedCpuIsa()), "");
}

}  // namespace
}  // namespace tfpersist
