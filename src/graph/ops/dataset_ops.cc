// tf.data input-pipeline ops (datasets and iterators) as TF's
// core/ops/dataset_ops.cc registers them. They are import-only: graphs that
// still hold their input pipeline (Estimator checkpoints, TF1 training
// graphs) load, and a run that feeds the tensors downstream of
// IteratorGetNext never needs them. SetDoNotOptimize() in TF marks the op
// stateful, written SetIsStateful() here.
#include "core/tensor_proto.h"
#include "graph/common_shape_fns.h"
#include "graph/ops/ops.h"

namespace tfpersist {
namespace {

// Scalar output after checking that inputs [first, first + n) are scalars.
ShapeFn ScalarInputsThenScalar(int first, int n) {
  return [first, n](InferenceContext* c) -> Status {
    for (int i = first; i < first + n && i < c->num_inputs(); ++i) {
      PartialTensorShape unused;
      TFP_RETURN_IF_ERROR(InferenceContext::WithRank(c->input(i), 0, &unused));
    }
    return ScalarShape(c);
  };
}

// TF's DatasetIteratorShape: output i has shape output_shapes[i].
Status DatasetIteratorShape(InferenceContext* c) {
  auto it = c->node_def().attr().find("output_shapes");
  if (it == c->node_def().attr().end()) return UnknownShape(c);
  const auto& shapes = it->second.list().shape();
  if (shapes.size() != c->num_outputs()) {
    return errors::InvalidArgument(
        "`output_shapes` must be the same length as `output_types` (",
        shapes.size(), " vs. ", c->num_outputs());
  }
  for (int i = 0; i < c->num_outputs(); ++i) {
    TFP_ASSIGN_OR_RETURN(PartialTensorShape s,
                         PartialTensorShapeFromProto(shapes[i]));
    c->set_output(i, s);
  }
  return OkStatus();
}

// A dataset transformation: input_dataset + `inputs`, handle: variant, the
// `attrs` in order, output_types/output_shapes where TF places them.
struct DatasetOp {
  const char* name;
  std::vector<const char*> inputs;
  std::vector<const char*> attrs;  // "@types" marks the output_* pair
  ShapeFn shape_fn = ScalarShape;
  bool stateful = false;
};

void RegisterDatasetOp(const DatasetOp& op, OpRegistry* r) {
  OpDefBuilder b(op.name);
  for (const char* in : op.inputs) b.Input(in);
  b.Output("handle: variant");
  for (const char* attr : op.attrs) {
    if (std::string_view(attr) == "@types") {
      b.Attr("output_types: list(type) >= 1");
      b.Attr("output_shapes: list(shape) >= 1");
    } else {
      b.Attr(attr);
    }
  }
  if (op.stateful) b.SetIsStateful();
  MustRegister(b.SetShapeFn(op.shape_fn).Finalize(r));
}

constexpr const char* kIn = "input_dataset: variant";
constexpr const char* kMeta = "metadata: string = ''";

void RegisterSourceDatasets(OpRegistry* r) {
  RegisterDatasetOp({"TensorDataset",
                     {"components: Toutput_types"},
                     {"Toutput_types: list(type) >= 1",
                      "output_shapes: list(shape) >= 1", kMeta},
                     ScalarShape,
                     true},
                    r);
  RegisterDatasetOp(
      {"TensorSliceDataset",
       {"components: Toutput_types"},
       {"Toutput_types: list(type) >= 1", "output_shapes: list(shape) >= 1",
        "is_files: bool = false", kMeta},
       ScalarShape,
       true},
      r);
  RegisterDatasetOp(
      {"SparseTensorSliceDataset",
       {"indices: int64", "values: Tvalues", "dense_shape: int64"},
       {"Tvalues: type"},
       ScalarShape,
       true},
      r);
  RegisterDatasetOp({"RangeDataset",
                     {"start: int64", "stop: int64", "step: int64"},
                     {"@types", kMeta},
                     ScalarInputsThenScalar(0, 3),
                     true},
                    r);
  const char* kLines[] = {"TextLineDataset", "TFRecordDataset"};
  for (const char* name : kLines) {
    RegisterDatasetOp({name,
                       {"filenames: string", "compression_type: string",
                        "buffer_size: int64"},
                       {kMeta},
                       ScalarInputsThenScalar(1, 2),
                       true},
                      r);
  }
  RegisterDatasetOp(
      {"FixedLengthRecordDataset",
       {"filenames: string", "header_bytes: int64", "record_bytes: int64",
        "footer_bytes: int64", "buffer_size: int64"},
       {kMeta},
       ScalarInputsThenScalar(1, 4),
       true},
      r);
}

void RegisterFunctionDatasets(OpRegistry* r) {
  const char* kArgs = "other_arguments: Targuments";
  const char* kTargs = "Targuments: list(type) >= 0";
  RegisterDatasetOp(
      {"MapDataset",
       {kIn, kArgs},
       {"f: func", kTargs, "@types", "use_inter_op_parallelism: bool = true",
        "preserve_cardinality: bool = false", kMeta}},
      r);
  RegisterDatasetOp(
      {"ParallelMapDataset",
       {kIn, kArgs, "num_parallel_calls: int32"},
       {"f: func", kTargs, "@types", "use_inter_op_parallelism: bool = true",
        "sloppy: bool = false", "preserve_cardinality: bool = false", kMeta}},
      r);
  RegisterDatasetOp(
      {"ParallelMapDatasetV2",
       {kIn, kArgs, "num_parallel_calls: int64"},
       {"f: func", kTargs, "@types", "use_inter_op_parallelism: bool = true",
        "deterministic: string = 'default'",
        "preserve_cardinality: bool = false", kMeta}},
      r);
  RegisterDatasetOp(
      {"FlatMapDataset", {kIn, kArgs}, {"f: func", kTargs, "@types", kMeta}},
      r);
  RegisterDatasetOp({"InterleaveDataset",
                     {kIn, kArgs, "cycle_length: int64", "block_length: int64"},
                     {"f: func", kTargs, "@types", kMeta}},
                    r);
  RegisterDatasetOp({"FilterDataset",
                     {kIn, kArgs},
                     {"predicate: func", kTargs, "@types", kMeta}},
                    r);
}

void RegisterTransformDatasets(OpRegistry* r) {
  RegisterDatasetOp({"ZipDataset",
                     {"input_datasets: N * variant"},
                     {"@types", "N: int >= 1", kMeta}},
                    r);
  RegisterDatasetOp({"ConcatenateDataset",
                     {kIn, "another_dataset: variant"},
                     {"@types", kMeta}},
                    r);
  for (const char* name : {"RepeatDataset", "TakeDataset", "SkipDataset"}) {
    RegisterDatasetOp({name,
                       {kIn, "count: int64"},
                       {"@types", kMeta},
                       ScalarInputsThenScalar(1, 1)},
                      r);
  }
  RegisterDatasetOp(
      {"PrefetchDataset",
       {kIn, "buffer_size: int64"},
       {"@types", "slack_period: int = 0", "legacy_autotune: bool = true",
        "buffer_size_min: int = 0", kMeta},
       ScalarInputsThenScalar(1, 1)},
      r);
  RegisterDatasetOp({"BatchDataset",
                     {kIn, "batch_size: int64"},
                     {"@types", kMeta},
                     ScalarInputsThenScalar(1, 1)},
                    r);
  RegisterDatasetOp({"BatchDatasetV2",
                     {kIn, "batch_size: int64", "drop_remainder: bool"},
                     {"parallel_copy: bool = false", "@types", kMeta},
                     ScalarInputsThenScalar(1, 2)},
                    r);
  RegisterDatasetOp({"PaddedBatchDataset",
                     {kIn, "batch_size: int64", "padded_shapes: N * int64",
                      "padding_values: Toutput_types"},
                     {"Toutput_types: list(type) >= 1",
                      "output_shapes: list(shape) >= 1", "N: int >= 1", kMeta},
                     ScalarInputsThenScalar(1, 1)},
                    r);
  RegisterDatasetOp(
      {"PaddedBatchDatasetV2",
       {kIn, "batch_size: int64", "padded_shapes: N * int64",
        "padding_values: Toutput_types", "drop_remainder: bool"},
       {"parallel_copy: bool = false", "Toutput_types: list(type) >= 1",
        "output_shapes: list(shape) >= 1", "N: int >= 1", kMeta},
       ScalarInputsThenScalar(1, 1)},
      r);
  RegisterDatasetOp({"ShuffleDataset",
                     {kIn, "buffer_size: int64", "seed: int64", "seed2: int64"},
                     {"reshuffle_each_iteration: bool = true", "@types", kMeta},
                     ScalarInputsThenScalar(1, 3)},
                    r);
  RegisterDatasetOp({"ShuffleAndRepeatDataset",
                     {kIn, "buffer_size: int64", "seed: int64", "seed2: int64",
                      "count: int64"},
                     {"@types", "reshuffle_each_iteration: bool = true", kMeta},
                     ScalarInputsThenScalar(1, 4)},
                    r);
  RegisterDatasetOp({"CacheDataset",
                     {kIn, "filename: string"},
                     {"@types", kMeta},
                     ScalarInputsThenScalar(1, 1)},
                    r);
  RegisterDatasetOp({"OptimizeDataset",
                     {kIn, "optimizations: string"},
                     {"@types", "optimization_configs: list(string) = []"}},
                    r);
  RegisterDatasetOp({"ModelDataset",
                     {kIn},
                     {"algorithm: int = 0", "cpu_budget: int = 0",
                      "ram_budget: int = 0", "@types"}},
                    r);
}

void RegisterIteratorOps(OpRegistry* r) {
  for (const char* name : {"Iterator", "IteratorV2"}) {
    MustRegister(OpDefBuilder(name)
                     .Output("handle: resource")
                     .Attr("shared_name: string")
                     .Attr("container: string")
                     .Attr("output_types: list(type) >= 1")
                     .Attr("output_shapes: list(shape) >= 1")
                     .SetShapeFn(ScalarShape)
                     .Finalize(r));
  }
  MustRegister(OpDefBuilder("AnonymousIterator")
                   .Output("handle: resource")
                   .Attr("output_types: list(type) >= 1")
                   .Attr("output_shapes: list(shape) >= 1")
                   .SetShapeFn(ScalarShape)
                   .Finalize(r));
  MustRegister(OpDefBuilder("AnonymousIteratorV2")
                   .Output("handle: resource")
                   .Output("deleter: variant")
                   .Attr("output_types: list(type) >= 1")
                   .Attr("output_shapes: list(shape) >= 1")
                   .SetShapeFn(ScalarShape)
                   .Finalize(r));
  MustRegister(OpDefBuilder("DeleteIterator")
                   .Input("handle: resource")
                   .Input("deleter: variant")
                   .SetShapeFn(NoOutputs)
                   .Finalize(r));
  MustRegister(OpDefBuilder("MakeIterator")
                   .Input("dataset: variant")
                   .Input("iterator: resource")
                   .SetShapeFn(NoOutputs)
                   .Finalize(r));
  MustRegister(OpDefBuilder("OneShotIterator")
                   .Output("handle: resource")
                   .Attr("dataset_factory: func")
                   .Attr("output_types: list(type) >= 1")
                   .Attr("output_shapes: list(shape) >= 1")
                   .Attr("container: string = ''")
                   .Attr("shared_name: string = ''")
                   .SetIsStateful()
                   .SetShapeFn(ScalarShape)
                   .Finalize(r));
  for (const char* name : {"IteratorGetNext", "IteratorGetNextSync"}) {
    MustRegister(OpDefBuilder(name)
                     .Input("iterator: resource")
                     .Output("components: output_types")
                     .Attr("output_types: list(type) >= 1")
                     .Attr("output_shapes: list(shape) >= 1")
                     .SetShapeFn(DatasetIteratorShape)
                     .Finalize(r));
  }
  MustRegister(OpDefBuilder("DatasetToSingleElement")
                   .Input("dataset: variant")
                   .Output("components: output_types")
                   .Attr("output_types: list(type) >= 1")
                   .Attr("output_shapes: list(shape) >= 1")
                   .Attr("metadata: string = ''")
                   .SetIsStateful()
                   .SetShapeFn(DatasetIteratorShape)
                   .Finalize(r));
  MustRegister(OpDefBuilder("IteratorToStringHandle")
                   .Input("resource_handle: resource")
                   .Output("string_handle: string")
                   .SetShapeFn(ScalarShape)
                   .Finalize(r));
  for (const char* name :
       {"IteratorFromStringHandle", "IteratorFromStringHandleV2"}) {
    MustRegister(OpDefBuilder(name)
                     .Input("string_handle: string")
                     .Output("resource_handle: resource")
                     .Attr("output_types: list(type) >= 0 = []")
                     .Attr("output_shapes: list(shape) >= 0 = []")
                     .SetShapeFn(ScalarShape)
                     .Finalize(r));
  }
}

}  // namespace

void RegisterDatasetOps(OpRegistry* r) {
  RegisterSourceDatasets(r);
  RegisterFunctionDatasets(r);
  RegisterTransformDatasets(r);
  RegisterIteratorOps(r);
}

}  // namespace tfpersist
