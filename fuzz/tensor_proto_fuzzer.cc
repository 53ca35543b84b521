// TensorProto bytes -> TensorFromProto -> TensorToProtoContent -> again:
// a parsed tensor must survive the round trip unchanged.
#include <cstddef>
#include <cstdint>

#include "core/tensor_proto.h"
#include "tensorflow/core/framework/tensor.pb.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace tfpersist;  // NOLINT
  tensorflow::TensorProto proto;
  if (!proto.ParseFromArray(data, static_cast<int>(size))) return 0;
  auto t = TensorFromProto(proto);
  if (!t.ok()) return 0;
  tensorflow::TensorProto out;
  TensorToProtoContent(*t, &out);
  auto again = TensorFromProto(out);
  if (!again.ok() || !again->IsSameAs(*t)) __builtin_trap();
  return 0;
}
