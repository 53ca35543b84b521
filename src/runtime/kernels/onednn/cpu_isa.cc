#include "runtime/kernels/onednn/cpu_isa.h"

#include <cstdlib>
#include <cstring>

namespace tfpersist {
namespace {

CpuIsa Detect() {
  const char* off = std::getenv("TFP_DISABLE_AVX2");
  if (off != nullptr && *off != '\0' && std::strcmp(off, "0") != 0) {
    return CpuIsa::kBaseline;
  }
  __builtin_cpu_init();
  if (__builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512bw") &&
      __builtin_cpu_supports("avx512vl")) {
    return CpuIsa::kAvx512;
  }
  if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma")) {
    return CpuIsa::kAvx2;
  }
  return CpuIsa::kBaseline;
}

}  // namespace

CpuIsa SelectedCpuIsa() {
  static const CpuIsa isa = Detect();
  return isa;
}

const char* CpuIsaName(CpuIsa isa) {
  switch (isa) {
    case CpuIsa::kAvx512:
      return "avx512";
    case CpuIsa::kAvx2:
      return "avx2";
    default:
      return "baseline";
  }
}

}  // namespace tfpersist
