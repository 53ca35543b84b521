// Runs a fuzzed graph: zero-filled feeds for its placeholders, one fetch.
#ifndef TFPERSIST_FUZZ_GRAPH_FUZZ_UTIL_H_
#define TFPERSIST_FUZZ_GRAPH_FUZZ_UTIL_H_

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "fuzz/fuzz_util.h"
#include "tfpersist/core/tensor_shape.h"
#include "tfpersist/graph/graph.h"
#include "tfpersist/runtime/session.h"

namespace tfpersist::fuzz {

// Session options for untrusted graphs: in-memory files, byte caps, one
// intra-op thread.
inline SessionOptions FuzzSessionOptions(Env* env) {
  SessionOptions options;
  options.env = env;
  options.intra_op_threads = 1;
  options.max_tensor_bytes = kFuzzMaxTensorBytes;
  options.max_run_bytes = kFuzzMaxRunBytes;
  return options;
}

// A zero tensor for a Placeholder's dtype and "shape" attr (unknown
// dimensions become 1); false when it cannot be built.
inline bool ZeroFeed(const Node& node, Tensor* out) {
  if (node.op() != "Placeholder" && node.op() != "PlaceholderV2") return false;
  const auto& attrs = node.def().attr();
  auto dtype = attrs.find("dtype");
  if (dtype == attrs.end()) return false;
  std::vector<int64_t> dims;
  auto shape = attrs.find("shape");
  if (shape != attrs.end() && !shape->second.shape().unknown_rank()) {
    int64_t elements = 1;
    for (const auto& d : shape->second.shape().dim()) {
      const int64_t size = d.size() < 0 ? 1 : d.size();
      if (size > (int64_t{1} << 16)) return false;
      elements *= size;
      if (elements > (int64_t{1} << 16)) return false;
      dims.push_back(size);
    }
  }
  auto t = TensorShape::Build(dims);
  if (!t.ok()) return false;
  const auto dt = static_cast<DataType>(dtype->second.type());
  if (!DataTypeIsStorable(dt)) return false;
  *out = Tensor::Zeros(dt, *t);
  return true;
}

// True for graphs with a while loop: a hostile loop may never end (as in
// TensorFlow), which a fuzzer would report as a hang.
inline bool HasLoop(const tensorflow::GraphDef& def) {
  for (const auto& n : def.node()) {
    if (n.op() == "NextIteration" || n.op() == "RefNextIteration") return true;
  }
  return false;
}

// Creates a session on `def`, feeds zeros to every placeholder and fetches
// the first plain output of the last node that has one.
inline void RunGraph(const tensorflow::GraphDef& def,
                     const SessionOptions& options) {
  if (HasLoop(def)) return;
  auto graph = Graph::FromGraphDef(def, &options.extra_ops);
  if (!graph.ok()) return;
  std::vector<std::pair<std::string, Tensor>> feeds;
  std::string fetch;
  for (const Node* node : (*graph)->nodes()) {
    Tensor zero;
    if (ZeroFeed(*node, &zero)) feeds.emplace_back(node->name() + ":0", zero);
    for (int i = 0; i < node->num_outputs(); ++i) {
      const DataType dt = node->output_types()[i];
      if (IsRefType(dt) || dt == DT_RESOURCE) continue;
      fetch = node->name() + ":" + std::to_string(i);
      break;
    }
  }
  auto session = Session::Create(def, options);
  if (!session.ok() || fetch.empty()) return;
  std::vector<Tensor> out;
  (void)(*session)->Run(feeds, {fetch}, {}, &out);
}

}  // namespace tfpersist::fuzz

#endif  // TFPERSIST_FUZZ_GRAPH_FUZZ_UTIL_H_
