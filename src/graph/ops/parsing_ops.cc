// tf.Example parsing (tf.io.parse_example / parse_single_example) and
// StringToNumber: OpDefs as TF's core/ops/parsing_ops.cc.
#include "core/tensor_proto.h"
#include "graph/common_shape_fns.h"
#include "graph/ops/ops.h"

namespace tfpersist {
namespace {

StatusOr<std::vector<PartialTensorShape>> DenseShapes(
    const InferenceContext* c) {
  std::vector<PartialTensorShape> shapes;
  auto it = c->node_def().attr().find("dense_shapes");
  if (it == c->node_def().attr().end()) return shapes;
  for (const auto& proto : it->second.list().shape()) {
    TFP_ASSIGN_OR_RETURN(PartialTensorShape s,
                         PartialTensorShapeFromProto(proto));
    shapes.push_back(s);
  }
  return shapes;
}

// a ++ b (unknown rank if either is).
PartialTensorShape Concat(const PartialTensorShape& a,
                          const PartialTensorShape& b) {
  if (a.unknown_rank() || b.unknown_rank()) return PartialTensorShape();
  std::vector<int64_t> dims = a.dim_sizes();
  dims.insert(dims.end(), b.dim_sizes().begin(), b.dim_sizes().end());
  return PartialTensorShape(std::span<const int64_t>(dims));
}

// Sets outputs [first, first + n) to `shape`.
void SetOutputs(InferenceContext* c, int first, int n,
                const PartialTensorShape& shape) {
  for (int i = first; i < first + n && i < c->num_outputs(); ++i) {
    c->set_output(i, shape);
  }
}

// Outputs: n sparse indices, n values, n shapes, then the dense values
// (batch dims + dense_shapes[j]); `batch` is [] or [B].
Status SetParseOutputs(InferenceContext* c, int num_sparse,
                       const PartialTensorShape& batch) {
  const int64_t rank = batch.unknown_rank() ? -1 : batch.dims() + 1;
  SetOutputs(c, 0, num_sparse, PartialTensorShape({-1, rank}));
  SetOutputs(c, num_sparse, num_sparse, PartialTensorShape({-1}));
  SetOutputs(c, 2 * num_sparse, num_sparse, PartialTensorShape({rank}));
  TFP_ASSIGN_OR_RETURN(std::vector<PartialTensorShape> dense, DenseShapes(c));
  for (size_t j = 0; j < dense.size(); ++j) {
    const int out = 3 * num_sparse + static_cast<int>(j);
    if (out >= c->num_outputs()) break;
    c->set_output(out, Concat(batch, dense[j]));
  }
  return OkStatus();
}

Status ParseExampleShape(InferenceContext* c) {
  PartialTensorShape input, unused;
  TFP_RETURN_IF_ERROR(InferenceContext::WithRank(c->input(0), 1, &input));
  TFP_RETURN_IF_ERROR(InferenceContext::WithRank(c->input(1), 1, &unused));
  int64_t num_sparse = 0;
  auto it = c->node_def().attr().find("Nsparse");
  if (it != c->node_def().attr().end()) num_sparse = it->second.i();
  return SetParseOutputs(c, static_cast<int>(num_sparse), input);
}

Status ParseExampleV2Shape(InferenceContext* c) {
  TFP_RETURN_IF_ERROR(InferenceContext::WithRankAtMost(c->input(0), 1));
  int64_t num_sparse = 0;
  auto it = c->node_def().attr().find("num_sparse");
  if (it != c->node_def().attr().end()) num_sparse = it->second.i();
  const PartialTensorShape& input = c->input(0);
  TFP_RETURN_IF_ERROR(SetParseOutputs(c, static_cast<int>(num_sparse), input));
  // Ragged values and splits (the last outputs) stay unknown but for rank.
  return OkStatus();
}

Status ParseSingleExampleShape(InferenceContext* c) {
  PartialTensorShape unused;
  TFP_RETURN_IF_ERROR(InferenceContext::WithRank(c->input(0), 0, &unused));
  int64_t num_sparse = 0;
  auto it = c->node_def().attr().find("num_sparse");
  if (it != c->node_def().attr().end()) num_sparse = it->second.i();
  return SetParseOutputs(c, static_cast<int>(num_sparse),
                         PartialTensorShape({}));
}

}  // namespace

void RegisterParsingOps(OpRegistry* r) {
  MustRegister(OpDefBuilder("ParseExample")
                   .Input("serialized: string")
                   .Input("names: string")
                   .Input("sparse_keys: Nsparse * string")
                   .Input("dense_keys: Ndense * string")
                   .Input("dense_defaults: Tdense")
                   .Output("sparse_indices: Nsparse * int64")
                   .Output("sparse_values: sparse_types")
                   .Output("sparse_shapes: Nsparse * int64")
                   .Output("dense_values: Tdense")
                   .Attr("Nsparse: int >= 0")
                   .Attr("Ndense: int >= 0")
                   .Attr("sparse_types: list({float,int64,string}) >= 0")
                   .Attr("Tdense: list({float,int64,string}) >= 0")
                   .Attr("dense_shapes: list(shape) >= 0")
                   .SetShapeFn(ParseExampleShape)
                   .Finalize(r));
  MustRegister(OpDefBuilder("ParseExampleV2")
                   .Input("serialized: string")
                   .Input("names: string")
                   .Input("sparse_keys: string")
                   .Input("dense_keys: string")
                   .Input("ragged_keys: string")
                   .Input("dense_defaults: Tdense")
                   .Output("sparse_indices: num_sparse * int64")
                   .Output("sparse_values: sparse_types")
                   .Output("sparse_shapes: num_sparse * int64")
                   .Output("dense_values: Tdense")
                   .Output("ragged_values: ragged_value_types")
                   .Output("ragged_row_splits: ragged_split_types")
                   .Attr("Tdense: list({float,int64,string}) >= 0")
                   .Attr("num_sparse: int >= 0")
                   .Attr("sparse_types: list({float,int64,string}) >= 0")
                   .Attr("ragged_value_types: list({float,int64,string}) >= 0")
                   .Attr("ragged_split_types: list({int32,int64}) >= 0")
                   .Attr("dense_shapes: list(shape) >= 0")
                   .SetShapeFn(ParseExampleV2Shape)
                   .Finalize(r));
  MustRegister(OpDefBuilder("ParseSingleExample")
                   .Input("serialized: string")
                   .Input("dense_defaults: Tdense")
                   .Output("sparse_indices: num_sparse * int64")
                   .Output("sparse_values: sparse_types")
                   .Output("sparse_shapes: num_sparse * int64")
                   .Output("dense_values: Tdense")
                   .Attr("num_sparse: int >= 0")
                   .Attr("sparse_keys: list(string) >= 0")
                   .Attr("dense_keys: list(string) >= 0")
                   .Attr("sparse_types: list({float,int64,string}) >= 0")
                   .Attr("Tdense: list({float,int64,string}) >= 0")
                   .Attr("dense_shapes: list(shape) >= 0")
                   .SetShapeFn(ParseSingleExampleShape)
                   .Finalize(r));
  // Import-only (CSV input pipelines, e.g. inside tf.data map functions).
  MustRegister(OpDefBuilder("DecodeCSV")
                   .Input("records: string")
                   .Input("record_defaults: OUT_TYPE")
                   .Output("output: OUT_TYPE")
                   .Attr("OUT_TYPE: list({float,double,int32,int64,string})")
                   .Attr("field_delim: string = ','")
                   .Attr("use_quote_delim: bool = true")
                   .Attr("na_value: string = ''")
                   .Attr("select_cols: list(int) = []")
                   .SetShapeFn([](InferenceContext* c) {
                     for (int i = 0; i < c->num_outputs(); ++i) {
                       c->set_output(i, c->input(0));
                     }
                     return OkStatus();
                   })
                   .Finalize(r));
  MustRegister(OpDefBuilder("StringToNumber")
                   .Input("string_tensor: string")
                   .Output("output: out_type")
                   .Attr("out_type: {float, double, int32, int64} = DT_FLOAT")
                   .SetShapeFn(UnchangedShape)
                   .Finalize(r));
}

}  // namespace tfpersist
