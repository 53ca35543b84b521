// Folding per-channel affine ops into the preceding contraction
// (cf. Grappler's remapper / arithmetic optimizer and OpenCV's importer):
//  * FusedBatchNorm / V2 / V3 (is_training = false, NHWC, float) after a
//    Conv2D or DepthwiseConv2dNative with a Const filter: with
//    f = scale / sqrt(variance + epsilon) per output channel, the filter
//    becomes filter * f and the batch norm becomes BiasAdd(conv,
//    offset - mean * f) under the batch norm's name;
//  * Mul(contraction, k) with a Const k of 1 or out-channel elements: the
//    filter becomes filter * k and the Mul an Identity of the contraction;
//  * Add / AddV2(BiasAdd(x, Const b), k): the bias becomes b + k and the
//    Add an Identity; Add / AddV2(contraction, k): becomes BiasAdd;
//  * Mul(BiasAdd(contraction, Const b), k): filter * k, bias b * k, and
//    the Mul an Identity.
// Contractions are Conv2D / DepthwiseConv2dNative (NHWC) and MatMul, float,
// whose only consumer is the folded op and which are not preserved (their
// own value changes). New Consts get fresh names (<node>/_tfp_folded_*).
// The math differs from the original by float rounding only.
#include <cmath>
#include <string>
#include <vector>

#include "runtime/optimizer/graph_view.h"
#include "runtime/optimizer/passes.h"

namespace tfpersist::optimizer {
namespace {

using tensorflow::NodeDef;

DataType AttrType(const NodeDef& n, const char* name) {
  auto it = n.attr().find(name);
  return it == n.attr().end() ? DT_INVALID
                              : static_cast<DataType>(it->second.type());
}

bool IsNhwc(const NodeDef& n) {
  auto it = n.attr().find("data_format");
  return it == n.attr().end() || it->second.s() == "NHWC";
}

// The contraction at input `i` of `n` that may be rewritten, or nullptr.
NodeDef* FoldableContraction(const GraphView& view, const NodeDef& n, int i) {
  if (i >= n.input_size()) return nullptr;
  const InputRef r = ParseInput(n.input(i));
  NodeDef* c = view.node(r.node);
  if (r.control || r.port != 0 || c == nullptr) return nullptr;
  const bool conv = c->op() == "Conv2D" || c->op() == "DepthwiseConv2dNative";
  if (!(conv && IsNhwc(*c)) && c->op() != "MatMul") return nullptr;
  if (AttrType(*c, "T") != DT_FLOAT || view.preserved(c->name())) {
    return nullptr;
  }
  if (view.num_data_consumers(c->name()) != 1 ||
      !view.control_consumers(c->name()).empty() ||
      !view.IsPlainConstInput(*c, 1)) {
    return nullptr;
  }
  return c;
}

// Output channel of flat filter element i: HWIO / [h, w, in, mult] and
// MatMul [k, n] -> i % channels; MatMul with transpose_b [n, k] -> i / k.
int64_t ChannelOf(const NodeDef& c, const Tensor& f, int64_t i,
                  int64_t channels) {
  auto it = c.attr().find("transpose_b");
  if (c.op() == "MatMul" && it != c.attr().end() && it->second.b()) {
    return i / f.dim_size(1);
  }
  return i % channels;
}

int64_t Channels(const NodeDef& c, const Tensor& f) {
  if (f.dims() < 2) return 0;
  if (c.op() == "DepthwiseConv2dNative") {
    return f.dims() == 4 ? f.dim_size(2) * f.dim_size(3) : 0;
  }
  auto it = c.attr().find("transpose_b");
  const bool tb = c.op() == "MatMul" && it != c.attr().end() && it->second.b();
  return tb ? f.dim_size(0) : f.dim_size(f.dims() - 1);
}

// Per-channel factors (1 or `channels` values, broadcast) of Const k whose
// shape broadcasts along the last dimension only.
bool ChannelVector(const Tensor& k, int64_t channels, std::vector<float>* v) {
  if (k.dtype() != DT_FLOAT) return false;
  for (int d = 0; d + 1 < k.dims(); ++d) {
    if (k.dim_size(d) != 1) return false;
  }
  const int64_t n = k.NumElements();
  if (n != 1 && n != channels) return false;
  v->resize(channels);
  for (int64_t c = 0; c < channels; ++c) {
    (*v)[c] = k.data<float>()[n == 1 ? 0 : c];
  }
  return true;
}

// Scales c's filter by `factor` per channel into a new Const.
Status ScaleFilter(GraphView* view, NodeDef* c, const std::vector<float>& f,
                   const std::string& name) {
  TFP_ASSIGN_OR_RETURN(Tensor w, view->ConstValue(*view->producer(*c, 1)));
  const int64_t channels = Channels(*c, w);
  Tensor scaled(DT_FLOAT, w.shape());
  for (int64_t i = 0; i < w.NumElements(); ++i) {
    scaled.data<float>()[i] =
        w.data<float>()[i] * f[ChannelOf(*c, w, i, channels)];
  }
  view->Add(MakeConst(name, scaled));
  c->set_input(1, name);
  return OkStatus();
}

StatusOr<int64_t> FilterChannels(const GraphView& view, const NodeDef& c) {
  TFP_ASSIGN_OR_RETURN(Tensor w, view.ConstValue(*view.producer(c, 1)));
  if (w.dtype() != DT_FLOAT) return int64_t{0};
  return Channels(c, w);
}

// Turns `n` into op(inputs..., n's control inputs) with attrs T (+ NHWC).
void Become(NodeDef* n, const std::string& op,
            const std::vector<std::string>& inputs) {
  std::vector<std::string> controls;
  for (const std::string& in : n->input()) {
    if (ParseInput(in).control) controls.push_back(in);
  }
  n->clear_input();
  for (const std::string& in : inputs) n->add_input(in);
  for (const std::string& in : controls) n->add_input(in);
  n->set_op(op);
  n->clear_attr();
  (*n->mutable_attr())["T"].set_type(tensorflow::DT_FLOAT);
  if (op == "BiasAdd") (*n->mutable_attr())["data_format"].set_s("NHWC");
}

StatusOr<bool> FoldBatchNorm(GraphView* view, NodeDef* bn) {
  auto training = bn->attr().find("is_training");
  if ((training != bn->attr().end() && training->second.b()) || !IsNhwc(*bn) ||
      AttrType(*bn, "T") != DT_FLOAT || bn->input_size() < 5) {
    return false;
  }
  for (int port = 1; port < 6; ++port) {
    if (!view->data_consumers(bn->name(), port).empty()) return false;
  }
  NodeDef* c = FoldableContraction(*view, *bn, 0);
  if (c == nullptr || c->op() == "MatMul") return false;
  std::vector<std::vector<float>> p(4);
  TFP_ASSIGN_OR_RETURN(int64_t channels, FilterChannels(*view, *c));
  for (int i = 0; i < 4; ++i) {
    if (!view->IsPlainConstInput(*bn, i + 1)) return false;
    TFP_ASSIGN_OR_RETURN(Tensor t,
                         view->ConstValue(*view->producer(*bn, i + 1)));
    if (t.dims() != 1 || !ChannelVector(t, channels, &p[i])) return false;
  }
  auto eps_attr = bn->attr().find("epsilon");
  const float eps = eps_attr == bn->attr().end() ? 1e-4f : eps_attr->second.f();
  std::vector<float> factor(channels);
  Tensor bias(DT_FLOAT, TensorShape({channels}));
  for (int64_t k = 0; k < channels; ++k) {
    factor[k] = p[0][k] / std::sqrt(p[3][k] + eps);
    bias.data<float>()[k] = p[1][k] - p[2][k] * factor[k];
  }
  TFP_RETURN_IF_ERROR(
      ScaleFilter(view, c, factor, bn->name() + "/_tfp_folded_filter"));
  const std::string bias_name = bn->name() + "/_tfp_folded_bias";
  view->Add(MakeConst(bias_name, bias));
  Become(bn, "BiasAdd", {c->name(), bias_name});
  return true;
}

// Mul / Add with input `ci` the folded side and 1 - ci the Const.
StatusOr<bool> FoldMulOrAdd(GraphView* view, NodeDef* n, int ci) {
  if (AttrType(*n, "T") != DT_FLOAT || n->input_size() < 2 ||
      ParseInput(n->input(1)).control || !view->IsPlainConstInput(*n, 1 - ci)) {
    return false;
  }
  TFP_ASSIGN_OR_RETURN(Tensor k, view->ConstValue(*view->producer(*n, 1 - ci)));
  const bool mul = n->op() == "Mul";
  NodeDef* c = FoldableContraction(*view, *n, ci);
  if (c != nullptr) {
    if (k.dims() > (c->op() == "MatMul" ? 2 : 4)) return false;
    TFP_ASSIGN_OR_RETURN(int64_t channels, FilterChannels(*view, *c));
    std::vector<float> v;
    if (channels == 0 || !ChannelVector(k, channels, &v)) return false;
    const std::string name =
        n->name() + "/_tfp_folded_" + (mul ? "filter" : "bias");
    if (mul) {
      TFP_RETURN_IF_ERROR(ScaleFilter(view, c, v, name));
      Become(n, "Identity", {c->name()});
    } else {
      Tensor b(DT_FLOAT, TensorShape({channels}));
      std::copy(v.begin(), v.end(), b.data<float>());
      view->Add(MakeConst(name, b));
      Become(n, "BiasAdd", {c->name(), name});
    }
    return true;
  }
  NodeDef* b = view->producer(*n, ci);
  if (b == nullptr || b->op() != "BiasAdd" || !IsNhwc(*b) ||
      ParseInput(n->input(ci)).port != 0 || view->preserved(b->name()) ||
      view->num_data_consumers(b->name()) != 1 ||
      !view->control_consumers(b->name()).empty() ||
      AttrType(*b, "T") != DT_FLOAT || !view->IsPlainConstInput(*b, 1)) {
    return false;
  }
  TFP_ASSIGN_OR_RETURN(Tensor bias, view->ConstValue(*view->producer(*b, 1)));
  std::vector<float> v, old;
  if (bias.dims() != 1 || k.dims() > 1 ||
      !ChannelVector(bias, bias.NumElements(), &old) ||
      !ChannelVector(k, bias.NumElements(), &v)) {
    return false;
  }
  NodeDef* bc = mul ? FoldableContraction(*view, *b, 0) : nullptr;
  if (mul && bc == nullptr) return false;
  if (mul) {
    TFP_ASSIGN_OR_RETURN(int64_t channels, FilterChannels(*view, *bc));
    if (channels != bias.NumElements()) return false;
  }
  if (mul) {  // (x * w + b) * k = x * (w * k) + b * k
    TFP_RETURN_IF_ERROR(
        ScaleFilter(view, bc, v, n->name() + "/_tfp_folded_filter"));
  }
  Tensor sum(DT_FLOAT, bias.shape());
  for (size_t i = 0; i < v.size(); ++i) {
    sum.data<float>()[i] = mul ? old[i] * v[i] : old[i] + v[i];
  }
  const std::string name = n->name() + "/_tfp_folded_bias";
  view->Add(MakeConst(name, sum));
  b->set_input(1, name);
  Become(n, "Identity", {b->name()});
  return true;
}

}  // namespace

StatusOr<int> FoldScalesIntoWeights(tensorflow::GraphDef* graph,
                                    const Preserve& preserve) {
  GraphView view(graph, preserve);
  int count = 0;
  const int size = graph->node_size();  // nodes added below are Consts
  for (int i = 0; i < size; ++i) {
    NodeDef* n = graph->mutable_node(i);
    bool done = false;
    if (n->op().rfind("FusedBatchNorm", 0) == 0) {
      TFP_ASSIGN_OR_RETURN(done, FoldBatchNorm(&view, n));
    } else if (n->op() == "Mul" || n->op() == "Add" || n->op() == "AddV2") {
      for (int ci = 0; ci < 2 && !done; ++ci) {
        TFP_ASSIGN_OR_RETURN(done, FoldMulOrAdd(&view, n, ci));
      }
    }
    if (done) ++count;
  }
  view.Commit();
  return count;
}

}  // namespace tfpersist::optimizer
