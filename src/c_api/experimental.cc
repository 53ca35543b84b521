// c_api_experimental.h: config helpers and debug strings. XLA switches are
// accepted and ignored (tfpersist has no XLA).
#include <cstdlib>
#include <cstring>

#include "c_api/c_api_internal.h"
#include "tensorflow/c/c_api_experimental.h"

namespace {

bool xla_lazy = false;
bool xla_cpu_jit = false;
bool xla_constant_folding_disabled = false;

void AppendVarintField(std::string* out, int field, uint64_t value) {
  uint64_t tag = static_cast<uint64_t>(field) << 3;  // wire type 0
  for (uint64_t v : {tag, value}) {
    while (v >= 0x80) {
      out->push_back(static_cast<char>((v & 0x7f) | 0x80));
      v >>= 7;
    }
    out->push_back(static_cast<char>(v));
  }
}

char* CopyString(const std::string& s, size_t* len) {
  char* out = static_cast<char*>(std::malloc(s.size() + 1));
  if (out == nullptr) return nullptr;
  std::memcpy(out, s.c_str(), s.size() + 1);
  if (len != nullptr) *len = s.size();
  return out;
}

}  // namespace

extern "C" {

void TF_EnableXLACompilation(TF_SessionOptions*, unsigned char) {}
unsigned char TF_SetXlaEnableLazyCompilation(unsigned char enable) {
  const bool old = xla_lazy;
  xla_lazy = enable != 0;
  return old ? 1 : 0;
}
unsigned char TF_SetTfXlaCpuGlobalJit(unsigned char enable) {
  const bool old = xla_cpu_jit;
  xla_cpu_jit = enable != 0;
  return old ? 1 : 0;
}
void TF_SetXlaAutoJitMode(const char*) {}
unsigned char TF_GetXlaConstantFoldingDisabled(void) {
  return xla_constant_folding_disabled ? 1 : 0;
}
void TF_SetXlaConstantFoldingDisabled(unsigned char should_enable) {
  xla_constant_folding_disabled = should_enable != 0;
}
void TF_SetXlaMinClusterSize(int) {}

TF_Buffer* TF_CreateConfig(unsigned char enable_xla_compilation,
                           unsigned char gpu_memory_allow_growth,
                           unsigned int num_cpu_devices) {
  (void)enable_xla_compilation;
  (void)gpu_memory_allow_growth;
  // ConfigProto.device_count (field 1): map<string,int32> entry {"CPU": n}.
  std::string entry;
  entry.push_back(static_cast<char>(1 << 3 | 2));  // key, length-delimited
  entry.push_back(3);
  entry += "CPU";
  AppendVarintField(&entry, 2, num_cpu_devices);
  std::string config;
  config.push_back(static_cast<char>(1 << 3 | 2));
  config.push_back(static_cast<char>(entry.size()));
  config += entry;
  return TF_NewBufferFromString(config.data(), config.size());
}

TF_Buffer* TF_CreateRunOptions(unsigned char enable_full_trace) {
  std::string options;
  // RunOptions.trace_level (field 1): FULL_TRACE = 3.
  if (enable_full_trace != 0) AppendVarintField(&options, 1, 3);
  return TF_NewBufferFromString(options.data(), options.size());
}

const char* TF_GraphDebugString(TF_Graph* graph, size_t* len) {
  if (graph == nullptr) return CopyString("", len);
  std::string text;
  {
    std::lock_guard<std::mutex> lock(graph->mu);
    text = graph->graph->ToGraphDef().DebugString();
  }
  return CopyString(text, len);
}

char* TF_FunctionDebugString(TF_Function*, size_t* len) {
  return CopyString("", len);
}

}  // extern "C"
