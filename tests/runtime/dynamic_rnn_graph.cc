#include "dynamic_rnn_graph.h"

#include <string>
#include <vector>

#include "graph/node_def_util.h"
#include "tfpersist/graph/builder.h"
#include "tfpersist/graph/ops.h"

namespace tfpersist::testing {
namespace {

constexpr char kFrame[] = "rnn/while/while_context";

Output I32(GraphBuilder& b, std::vector<int32_t> v, std::string_view name,
           bool scalar = false) {
  return Constant(
      b, scalar ? Tensor::Scalar<int32_t>(v[0]) : Tensor::FromVector(v), name);
}

// x[begin:end] of a 1-D tensor; shrink to a scalar as Python's x[i].
Output Slice1(GraphBuilder& b, Output x, int32_t begin, std::string_view name) {
  return AddOp(b, "StridedSlice", name,
               {x, I32(b, {begin}, StrCat(name, "/stack")),
                I32(b, {begin + 1}, StrCat(name, "/stack_1")),
                I32(b, {1}, StrCat(name, "/stack_2"))},
               {{"Index", MakeAttr(DT_INT32)},
                {"shrink_axis_mask", MakeAttr(int64_t{1})}});
}

// A Const inside the loop body: it hangs off the pivot by a control edge so
// it runs in the body's frame, as Python's while_loop arranges.
Output BodyConst(GraphBuilder& b, const Tensor& v, std::string_view name,
                 Node* pivot) {
  Node* n = b.AddNode("Const", name, {},
                      {{"value", MakeAttr(v)}, {"dtype", MakeAttr(v.dtype())}},
                      {pivot});
  return Output{n, 0};
}

Output Enter(GraphBuilder& b, Output x, bool is_constant,
             std::string_view name) {
  return AddOp(b, "Enter", name, {x},
               {{"frame_name", MakeAttr(kFrame)},
                {"is_constant", MakeAttr(is_constant)},
                {"parallel_iterations", MakeAttr(int64_t{32})}});
}

struct Loop {
  std::vector<Output> merges, identities, exits;
  Node* pivot = nullptr;  // Identity (of the iteration counter)
};

// Enter/Merge/Switch/Identity/Exit for the loop variables, with the
// condition counter < n && time < min(max(1, n), n).
Loop BuildFrame(GraphBuilder& b, const std::vector<Output>& vars, Output n,
                Output bound) {
  Loop l;
  for (size_t k = 0; k < vars.size(); ++k) {
    std::string sfx = k == 0 ? "" : StrCat("_", k);
    Output e = Enter(b, vars[k], false, "Enter" + sfx);
    l.merges.push_back(AddOp(b, "Merge", "Merge" + sfx, {std::vector{e, e}}));
  }
  Output less =
      AddOp(b, "Less", "Less", {l.merges[0], Enter(b, n, true, "Less/Enter")});
  Output less1 = AddOp(b, "Less", "Less_1",
                       {l.merges[1], Enter(b, bound, true, "Less_1/Enter")});
  Output cond = AddOp(b, "LoopCond", "LoopCond",
                      {AddOp(b, "LogicalAnd", "LogicalAnd", {less, less1})});
  for (size_t k = 0; k < vars.size(); ++k) {
    std::string sfx = k == 0 ? "" : StrCat("_", k);
    Node* sw = b.AddNode("Switch", "Switch" + sfx, {l.merges[k], cond}, {});
    l.identities.push_back(
        AddOp(b, "Identity", "Identity" + sfx, {Output{sw, 1}}));
    l.exits.push_back(AddOp(b, "Exit", "Exit" + sfx, {Output{sw, 0}}));
  }
  l.pivot = l.identities[0].node;
  return l;
}

// BasicRNNCell: h = tanh(W [x, h] + b). BasicLSTMCell: i, j, f, o = split(
// W [x, h] + b); c' = c * sigmoid(f + 1) + sigmoid(i) * tanh(j);
// h' = tanh(c') * sigmoid(o). Returns the new state (c', h') or (h').
std::vector<Output> BuildCell(GraphBuilder& b, RnnCell cell, Output x,
                              const std::vector<Output>& state, Output kernel,
                              Output bias, Node* pivot, bool use_split) {
  const bool lstm = cell == RnnCell::kBasicLstm;
  auto scope = b.NameScope(lstm ? "basic_lstm_cell" : "basic_rnn_cell");
  Output h = state.back();
  Output axis = BodyConst(b, Tensor::Scalar<int32_t>(1), "concat/axis", pivot);
  Output cat = AddOp(b, "ConcatV2", "concat", {std::vector{x, h}, axis});
  Output mm = AddOp(b, "MatMul", "MatMul",
                    {cat, Enter(b, kernel, true, "MatMul/Enter")});
  Output pre = AddOp(b, "BiasAdd", "BiasAdd",
                     {mm, Enter(b, bias, true, "BiasAdd/Enter")});
  if (!lstm) return {AddOp(b, "Tanh", "Tanh", {pre})};
  std::vector<Output> gates;
  if (use_split) {
    Output dim = BodyConst(b, Tensor::Scalar<int32_t>(1), "Const", pivot);
    Node* split = b.AddNode("Split", "split", {dim, pre},
                            {{"num_split", MakeAttr(int64_t{4})}});
    for (int k = 0; k < 4; ++k) gates.push_back(Output{split, k});
  } else {
    // Without a Split kernel: the same four column blocks by Slice.
    const int32_t units = static_cast<int32_t>(b.GetShape(pre).dim_size(1) / 4);
    for (int k = 0; k < 4; ++k) {
      gates.push_back(
          AddOp(b, "Slice", StrCat("split_", k),
                {pre,
                 BodyConst(b, Tensor::FromVector<int32_t>({0, k * units}),
                           StrCat("split_", k, "/begin"), pivot),
                 BodyConst(b, Tensor::FromVector<int32_t>({-1, units}),
                           StrCat("split_", k, "/size"), pivot)}));
    }
  }
  auto gate = [&](int k) { return gates[k]; };
  Output one = BodyConst(b, Tensor::Scalar<float>(1.0f), "Const_1", pivot);
  Output fs =
      AddOp(b, "Sigmoid", "Sigmoid", {AddOp(b, "Add", "Add", {gate(2), one})});
  Output keep = AddOp(b, "Mul", "Mul", {state[0], fs});
  Output in = AddOp(b, "Mul", "Mul_1",
                    {AddOp(b, "Sigmoid", "Sigmoid_1", {gate(0)}),
                     AddOp(b, "Tanh", "Tanh", {gate(1)})});
  Output c = AddOp(b, "Add", "Add_1", {keep, in});
  Output out = AddOp(b, "Mul", "Mul_2",
                     {AddOp(b, "Tanh", "Tanh_1", {c}),
                      AddOp(b, "Sigmoid", "Sigmoid_2", {gate(3)})});
  return {c, out};
}

// Zero state [batch, units] as BasicLSTMCellZeroState builds it.
Output ZeroState(GraphBuilder& b, Output batch, int64_t units,
                 std::string_view name) {
  auto scope = b.NameScope(name);
  Output dims = AddOp(
      b, "ConcatV2", "concat",
      {std::vector{ExpandDims(b, batch, I32(b, {0}, "ExpandDims/dim", true)),
                   I32(b, {static_cast<int32_t>(units)}, "Const")},
       I32(b, {0}, "concat/axis", true)});
  return Fill(b, dims, Constant(b, Tensor::Scalar<float>(0), "zeros/Const"),
              "zeros");
}

Output NewTensorArray(GraphBuilder& b, Output size, int64_t dim,
                      std::string_view ta_name, std::string_view name) {
  return AddOp(b, "TensorArrayV3", name, {size},
               {{"dtype", MakeAttr(DT_FLOAT)},
                {"element_shape", MakeAttr(PartialTensorShape({-1, dim}))},
                {"identical_element_shapes", MakeAttr(true)},
                {"tensor_array_name", MakeAttr(ta_name)}});
}

// Points input 1 of every "rnn/while/Merge*" at its NextIteration, as
// Python's while_loop does once the body exists.
void CloseLoops(tensorflow::GraphDef* g, size_t num_vars) {
  for (tensorflow::NodeDef& n : *g->mutable_node()) {
    for (size_t k = 0; k < num_vars; ++k) {
      std::string sfx = k == 0 ? "" : StrCat("_", k);
      if (n.name() == "rnn/while/Merge" + sfx) {
        n.set_input(1, "rnn/while/NextIteration" + sfx);
      }
    }
  }
}

}  // namespace

StatusOr<tensorflow::GraphDef> BuildDynamicRnn(RnnCell cell, int64_t time,
                                               const Tensor& kernel_value,
                                               const Tensor& bias_value,
                                               bool use_split) {
  const bool lstm = cell == RnnCell::kBasicLstm;
  const int64_t units = bias_value.dim_size(0) / (lstm ? 4 : 1);
  const int64_t depth = kernel_value.dim_size(0) - units;
  Graph graph;
  GraphBuilder b(&graph);
  Output x =
      Placeholder(b, DT_FLOAT, PartialTensorShape({-1, time, depth}), "x");
  std::string cell_name = lstm ? "rnn/basic_lstm_cell" : "rnn/basic_rnn_cell";
  Output kernel = Constant(b, kernel_value, cell_name + "/kernel");
  Output bias = Constant(b, bias_value, cell_name + "/bias");
  auto rnn = b.NameScope("rnn");
  Output xt = Transpose(b, x, I32(b, {1, 0, 2}, "concat"));
  Output shape = Shape(b, xt);
  Output steps = Slice1(b, shape, 0, "strided_slice");
  Output batch = Slice1(b, shape, 1, "strided_slice_1");
  std::vector<Output> vars = {I32(b, {0}, "while/iteration_counter", true),
                              I32(b, {0}, "time", true)};
  Node* out_ta =
      NewTensorArray(b, steps, units, "rnn/dynamic_rnn/output_0", "TensorArray")
          .node;
  Node* in_ta = NewTensorArray(b, steps, depth, "rnn/dynamic_rnn/input_0",
                               "TensorArray_1")
                    .node;
  Output scattered;
  {
    auto s = b.NameScope("TensorArrayUnstack");
    Output n = Slice1(b, Shape(b, xt), 0, "strided_slice");
    Output range = AddOp(b, "Range", "range",
                         {I32(b, {0}, "range/start", true), n,
                          I32(b, {1}, "range/delta", true)});
    scattered = AddOp(b, "TensorArrayScatterV3",
                      "TensorArrayScatter/TensorArrayScatterV3",
                      {Output{in_ta, 0}, range, xt, Output{in_ta, 1}});
  }
  Output bound = AddOp(b, "Minimum", "Minimum",
                       {steps, AddOp(b, "Maximum", "Maximum",
                                     {I32(b, {1}, "Maximum/x", true), steps})});
  vars.push_back(Output{out_ta, 1});
  if (lstm)
    vars.push_back(ZeroState(b, batch, units, "BasicLSTMCellZeroState"));
  vars.push_back(
      ZeroState(b, batch, units,
                lstm ? "BasicLSTMCellZeroState" : "BasicRNNCellZeroState"));
  Loop loop;
  {
    auto w = b.NameScope("while");
    loop = BuildFrame(b, vars, steps, bound);
    const auto& id = loop.identities;
    Output one = BodyConst(b, Tensor::Scalar<int32_t>(1), "add/y", loop.pivot);
    Output counter = AddOp(b, "AddV2", "add", {id[0], one});
    Output xin =
        AddOp(b, "TensorArrayReadV3", "TensorArrayReadV3",
              {Enter(b, Output{in_ta, 0}, true, "TensorArrayReadV3/Enter"),
               id[1], Enter(b, scattered, true, "TensorArrayReadV3/Enter_1")},
              {{"dtype", MakeAttr(DT_FLOAT)}});
    std::vector<Output> state(id.begin() + 3, id.end());
    std::vector<Output> next =
        BuildCell(b, cell, xin, state, kernel, bias, loop.pivot, use_split);
    Output flow =
        AddOp(b, "TensorArrayWriteV3", "TensorArrayWrite/TensorArrayWriteV3",
              {Enter(b, Output{out_ta, 0}, true,
                     "TensorArrayWrite/TensorArrayWriteV3/Enter"),
               id[1], next.back(), id[2]});
    Output one1 =
        BodyConst(b, Tensor::Scalar<int32_t>(1), "add_1/y", loop.pivot);
    std::vector<Output> back = {
        counter, AddOp(b, "AddV2", "add_1", {id[1], one1}), flow};
    back.insert(back.end(), next.begin(), next.end());
    for (size_t k = 0; k < back.size(); ++k) {
      AddOp(b, "NextIteration",
            k == 0 ? "NextIteration" : StrCat("NextIteration_", k), {back[k]});
    }
  }
  {
    auto s = b.NameScope("TensorArrayStack");
    Output size = AddOp(b, "TensorArraySizeV3", "TensorArraySizeV3",
                        {Output{out_ta, 0}, loop.exits[2]});
    Output range = AddOp(b, "Range", "range",
                         {I32(b, {0}, "range/start", true), size,
                          I32(b, {1}, "range/delta", true)});
    AddOp(b, "TensorArrayGatherV3", "TensorArrayGatherV3",
          {Output{out_ta, 0}, range, loop.exits[2]},
          {{"dtype", MakeAttr(DT_FLOAT)},
           {"element_shape", MakeAttr(PartialTensorShape({-1, units}))}});
  }
  Output stacked =
      Output{graph.FindNode("rnn/TensorArrayStack/TensorArrayGatherV3"), 0};
  Transpose(b, stacked, I32(b, {1, 0, 2}, "concat_2"), "transpose_1");
  TFP_RETURN_IF_ERROR(b.status());
  tensorflow::GraphDef g = graph.ToGraphDef();
  CloseLoops(&g, vars.size());
  return g;
}

}  // namespace tfpersist::testing
