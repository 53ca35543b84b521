// Fusion of a contraction with its bias and activation (cf. Grappler's
// remapper): Conv2D -> _FusedConv2D, DepthwiseConv2dNative ->
// _FusedDepthwiseConv2dNative, MatMul -> _FusedMatMul, for
//   contraction + BiasAdd                      fused_ops = [BiasAdd]
//   contraction + BiasAdd + Relu|Relu6|Elu|LeakyRelu
//                                              fused_ops = [BiasAdd, <act>]
// when T is float, the layout NHWC, and every node but the last has that
// pattern's next node as its only consumer and is not preserved. The fused
// node takes the last node's name (its consumers and fetches see the same
// tensor) and the control inputs of all; `_tfp_const_filter` tells the
// kernel the filter is a Const it may pack once. The kernel computes the
// same sums in another order: results agree to float rounding.
#include <string>
#include <vector>

#include "runtime/optimizer/graph_view.h"
#include "runtime/optimizer/passes.h"

namespace tfpersist::optimizer {
namespace {

using tensorflow::NodeDef;

const char* FusedOpFor(const NodeDef& c) {
  if (c.op() == "Conv2D") return "_FusedConv2D";
  if (c.op() == "DepthwiseConv2dNative") return "_FusedDepthwiseConv2dNative";
  if (c.op() == "MatMul") return "_FusedMatMul";
  return nullptr;
}

bool IsActivation(const std::string& op) {
  return op == "Relu" || op == "Relu6" || op == "Elu" || op == "LeakyRelu";
}

bool IsFloatNhwc(const NodeDef& n) {
  auto t = n.attr().find("T");
  auto f = n.attr().find("data_format");
  return t != n.attr().end() && t->second.type() == tensorflow::DT_FLOAT &&
         (f == n.attr().end() || f->second.s() == "NHWC");
}

// The node at data input 0 of n if it may be fused away into n.
NodeDef* FusibleInput(const GraphView& view, const NodeDef& n) {
  if (n.input_size() < 1) return nullptr;
  const InputRef r = ParseInput(n.input(0));
  NodeDef* p = view.node(r.node);
  if (r.control || r.port != 0 || p == nullptr || view.preserved(p->name()) ||
      view.num_data_consumers(p->name()) != 1 ||
      !view.control_consumers(p->name()).empty() || !IsFloatNhwc(*p)) {
    return nullptr;
  }
  return p;
}

void Fuse(GraphView* view, NodeDef* c, NodeDef* bias, NodeDef* act) {
  NodeDef* last = act != nullptr ? act : bias;
  NodeDef fused;
  fused.set_name(last->name());
  fused.set_op(FusedOpFor(*c));
  fused.set_device(c->device());
  fused.add_input(c->input(0));
  fused.add_input(c->input(1));
  fused.add_input(bias->input(1));
  for (const NodeDef* n : {c, bias, act}) {
    if (n == nullptr) continue;
    for (const std::string& in : n->input()) {
      if (ParseInput(in).control) fused.add_input(in);
    }
  }
  auto& attr = *fused.mutable_attr();
  for (const char* name :
       {"T", "strides", "padding", "explicit_paddings", "data_format",
        "dilations", "use_cudnn_on_gpu", "transpose_a", "transpose_b"}) {
    auto it = c->attr().find(name);
    const bool conv_only = std::string(name) == "use_cudnn_on_gpu";
    if (it != c->attr().end() && (!conv_only || c->op() == "Conv2D")) {
      attr[name] = it->second;
    }
  }
  attr["num_args"].set_i(1);
  auto* ops = attr["fused_ops"].mutable_list();
  ops->add_s("BiasAdd");
  if (act != nullptr) {
    ops->add_s(act->op());
    auto alpha = act->attr().find("alpha");
    if (alpha != act->attr().end()) attr["leakyrelu_alpha"] = alpha->second;
  }
  attr["_tfp_const_filter"].set_b(view->IsPlainConstInput(*c, 1));
  view->Remove(c->name());
  if (act != nullptr) view->Remove(bias->name());
  *last = std::move(fused);
}

}  // namespace

StatusOr<int> FuseContractions(tensorflow::GraphDef* graph,
                               const Preserve& preserve) {
  GraphView view(graph, preserve);
  int count = 0;
  for (int i = 0; i < graph->node_size(); ++i) {
    NodeDef* n = graph->mutable_node(i);
    NodeDef* act = nullptr;
    NodeDef* bias = n;
    if (IsActivation(n->op())) {
      act = n;
      bias = FusibleInput(view, *n);
      if (bias == nullptr || bias->op() != "BiasAdd") {
        act = nullptr;
        bias = nullptr;
      }
    } else if (n->op() != "BiasAdd" || !IsFloatNhwc(*n)) {
      continue;
    }
    if (bias == nullptr || bias->input_size() < 2 ||
        ParseInput(bias->input(1)).control) {
      continue;
    }
    // A BiasAdd that will be fused with its activation is handled there.
    if (act == nullptr) {
      const auto& cs = view.data_consumers(bias->name(), 0);
      if (cs.size() == 1 && IsActivation(view.node(cs[0])->op()) &&
          !view.preserved(bias->name()) &&
          view.control_consumers(bias->name()).empty()) {
        continue;
      }
    }
    NodeDef* c = FusibleInput(view, *bias);
    if (c == nullptr || FusedOpFor(*c) == nullptr || c->input_size() < 2) {
      continue;
    }
    Fuse(&view, c, bias, act);
    ++count;
  }
  view.Commit();
  return count;
}

}  // namespace tfpersist::optimizer
