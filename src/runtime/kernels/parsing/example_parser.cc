#include "runtime/kernels/parsing/example_parser.h"

#include <algorithm>

#include "tensorflow/core/example/example.pb.h"

namespace tfpersist {
namespace {

using tensorflow::Example;
using tensorflow::Feature;

DataType FeatureDtype(const Feature& f) {
  switch (f.kind_case()) {
    case Feature::kBytesList:
      return DT_STRING;
    case Feature::kFloatList:
      return DT_FLOAT;
    case Feature::kInt64List:
      return DT_INT64;
    default:
      return DT_INVALID;
  }
}

int64_t FeatureSize(const Feature& f) {
  switch (f.kind_case()) {
    case Feature::kBytesList:
      return f.bytes_list().value_size();
    case Feature::kFloatList:
      return f.float_list().value_size();
    case Feature::kInt64List:
      return f.int64_list().value_size();
    default:
      return 0;
  }
}

// TF's name for a list type in messages.
const char* TypeWord(DataType t) {
  return t == DT_STRING ? "bytes" : t == DT_FLOAT ? "float" : "int64";
}

// Writes f's values into out's flat elements [offset, offset + size).
void CopyFeature(const Feature& f, int64_t offset, Tensor* out) {
  const int64_t n = FeatureSize(f);
  for (int64_t i = 0; i < n; ++i) {
    switch (out->dtype()) {
      case DT_STRING:
        out->data<std::string>()[offset + i] = f.bytes_list().value(i);
        break;
      case DT_FLOAT:
        out->data<float>()[offset + i] = f.float_list().value(i);
        break;
      default:
        out->data<int64_t>()[offset + i] = f.int64_list().value(i);
        break;
    }
  }
}

// out[offset + i] = src[i % src.NumElements()] for i < n (src non-empty),
// or zero / "" when src is empty.
void Fill(const Tensor& src, int64_t offset, int64_t n, Tensor* out) {
  const int64_t m = src.NumElements();
  for (int64_t i = 0; i < n; ++i) {
    switch (out->dtype()) {
      case DT_STRING:
        out->data<std::string>()[offset + i] =
            m ? src.data<std::string>()[i % m] : "";
        break;
      case DT_FLOAT:
        out->data<float>()[offset + i] = m ? src.data<float>()[i % m] : 0.f;
        break;
      default:
        out->data<int64_t>()[offset + i] = m ? src.data<int64_t>()[i % m] : 0;
        break;
    }
  }
}

std::string Escape(const std::string& bytes) {
  std::string out;
  for (size_t i = 0; i < bytes.size() && i < 64; ++i) {
    const unsigned char c = static_cast<unsigned char>(bytes[i]);
    if (c >= 0x20 && c < 0x7f && c != '\\' && c != '\'') {
      out += static_cast<char>(c);
    } else {
      out +=
          StrCat("\\x", "0123456789abcdef"[c >> 4], "0123456789abcdef"[c & 15]);
    }
  }
  return bytes.size() > 64 ? out + "..." : out;
}

// Per example: the Feature of each configured key (nullptr when missing
// or empty).
class Batch {
 public:
  Status Parse(const Tensor& serialized, const Tensor& names) {
    const auto in = serialized.flat<std::string>();
    examples_.resize(in.size());
    for (size_t b = 0; b < in.size(); ++b) {
      if (!examples_[b].ParseFromString(in[b])) {
        return errors::InvalidArgument(
            "Could not parse example input, value: '", Escape(in[b]), "'");
      }
      names_.push_back(names.NumElements() > static_cast<int64_t>(b)
                           ? names.data<std::string>()[b]
                           : "<unknown>");
    }
    return OkStatus();
  }
  int64_t size() const { return static_cast<int64_t>(examples_.size()); }
  const std::string& name(int64_t b) const { return names_[b]; }
  const Feature* Find(int64_t b, const std::string& key) const {
    const auto& map = examples_[b].features().feature();
    auto it = map.find(key);
    if (it == map.end() || it->second.kind_case() == Feature::KIND_NOT_SET) {
      return nullptr;
    }
    return &it->second;
  }
  Status Error(int64_t b, const std::string& key,
               const std::string& suffix) const {
    return errors::InvalidArgument("Name: ", names_[b], ", Key: ", key,
                                   ", Index: ", b, ".  ", suffix);
  }

 private:
  std::vector<Example> examples_;
  std::vector<std::string> names_;
};

std::vector<int64_t> Dims(const PartialTensorShape& s, int from) {
  return std::vector<int64_t>(s.dim_sizes().begin() + from,
                              s.dim_sizes().end());
}

StatusOr<Tensor> Allocate(DataType dtype, std::vector<int64_t> dims) {
  TFP_ASSIGN_OR_RETURN(TensorShape shape, TensorShape::Build(dims));
  return Tensor::Allocate(dtype, shape);
}

StatusOr<Tensor> ParseFixedDense(const ExampleParseConfig::Dense& d,
                                 const Batch& batch) {
  const int64_t stride = d.shape.AsTensorShape().num_elements();
  std::vector<int64_t> dims = {batch.size()};
  for (int64_t v : d.shape.dim_sizes()) dims.push_back(v);
  TFP_ASSIGN_OR_RETURN(Tensor out, Allocate(d.dtype, dims));
  for (int64_t b = 0; b < batch.size(); ++b) {
    const Feature* f = batch.Find(b, d.key);
    if (f == nullptr) {
      if (d.default_value.NumElements() == 0) {
        return errors::InvalidArgument("Name: ", batch.name(b),
                                       ", Feature: ", d.key,
                                       " (data type: ", DataTypeString(d.dtype),
                                       ") is required but could not be found.");
      }
      Fill(d.default_value, b * stride, stride, &out);
      continue;
    }
    if (FeatureDtype(*f) != d.dtype) {
      return batch.Error(
          b, d.key,
          StrCat("Data types don't match. Data type: ",
                 DataTypeString(FeatureDtype(*f)),
                 " but expected type: ", DataTypeString(d.dtype)));
    }
    if (FeatureSize(*f) != stride) {
      return batch.Error(
          b, d.key,
          StrCat("Number of ", TypeWord(d.dtype),
                 " values != expected.  Values size: ", FeatureSize(*f),
                 " but output shape: ", d.shape.DebugString()));
    }
    CopyFeature(*f, b * stride, &out);
  }
  return out;
}

StatusOr<Tensor> ParseVarLenDense(const ExampleParseConfig::Dense& d,
                                  const Batch& batch) {
  const std::vector<int64_t> inner = Dims(d.shape, 1);
  int64_t stride = 1;
  for (int64_t v : inner) stride *= v;
  int64_t max_rows = 0;
  for (int64_t b = 0; b < batch.size(); ++b) {
    const Feature* f = batch.Find(b, d.key);
    if (f == nullptr) continue;
    if (FeatureDtype(*f) != d.dtype) {
      return batch.Error(b, d.key,
                         StrCat("Data types don't match. Expected type: ",
                                DataTypeString(d.dtype)));
    }
    if (stride == 0 || FeatureSize(*f) % stride != 0) {
      return batch.Error(
          b, d.key,
          StrCat("Number of ", TypeWord(d.dtype),
                 " values is not a multiple of stride length. Saw ",
                 FeatureSize(*f),
                 " values but output shape is: ", d.shape.DebugString()));
    }
    max_rows = std::max(max_rows, FeatureSize(*f) / stride);
  }
  std::vector<int64_t> dims = {batch.size(), max_rows};
  dims.insert(dims.end(), inner.begin(), inner.end());
  TFP_ASSIGN_OR_RETURN(Tensor out, Allocate(d.dtype, dims));
  Fill(d.default_value, 0, out.NumElements(), &out);
  for (int64_t b = 0; b < batch.size(); ++b) {
    const Feature* f = batch.Find(b, d.key);
    if (f != nullptr) CopyFeature(*f, b * max_rows * stride, &out);
  }
  return out;
}

// Appends (indices, values, shape) of a sparse feature.
Status ParseSparse(const ExampleParseConfig::Sparse& s, const Batch& batch,
                   ExampleParseResult* r) {
  int64_t total = 0, max_count = 0;
  for (int64_t b = 0; b < batch.size(); ++b) {
    const Feature* f = batch.Find(b, s.key);
    if (f == nullptr) continue;
    if (FeatureDtype(*f) != s.dtype) {
      return batch.Error(b, s.key,
                         StrCat("Data types don't match. Expected type: ",
                                DataTypeString(s.dtype), ", Actual type: ",
                                DataTypeString(FeatureDtype(*f))));
    }
    total += FeatureSize(*f);
    max_count = std::max(max_count, FeatureSize(*f));
  }
  TFP_ASSIGN_OR_RETURN(Tensor indices, Allocate(DT_INT64, {total, 2}));
  TFP_ASSIGN_OR_RETURN(Tensor values, Allocate(s.dtype, {total}));
  int64_t at = 0;
  for (int64_t b = 0; b < batch.size(); ++b) {
    const Feature* f = batch.Find(b, s.key);
    if (f == nullptr) continue;
    CopyFeature(*f, at, &values);
    for (int64_t i = 0; i < FeatureSize(*f); ++i, ++at) {
      indices.data<int64_t>()[2 * at] = b;
      indices.data<int64_t>()[2 * at + 1] = i;
    }
  }
  r->sparse_indices.push_back(indices);
  r->sparse_values.push_back(values);
  r->sparse_shapes.push_back(
      Tensor::FromVector<int64_t>({batch.size(), max_count}));
  return OkStatus();
}

Status ParseRagged(const ExampleParseConfig::Ragged& g, const Batch& batch,
                   ExampleParseResult* r) {
  std::vector<int64_t> splits = {0};
  for (int64_t b = 0; b < batch.size(); ++b) {
    const Feature* f = batch.Find(b, g.key);
    if (f != nullptr && FeatureDtype(*f) != g.dtype) {
      return batch.Error(b, g.key,
                         StrCat("Data types don't match. Expected type: ",
                                DataTypeString(g.dtype), ", Actual type: ",
                                DataTypeString(FeatureDtype(*f))));
    }
    splits.push_back(splits.back() + (f ? FeatureSize(*f) : 0));
  }
  TFP_ASSIGN_OR_RETURN(Tensor values, Allocate(g.dtype, {splits.back()}));
  for (int64_t b = 0; b < batch.size(); ++b) {
    const Feature* f = batch.Find(b, g.key);
    if (f != nullptr) CopyFeature(*f, splits[b], &values);
  }
  Tensor row_splits(g.splits_dtype,
                    TensorShape({static_cast<int64_t>(splits.size())}));
  for (size_t i = 0; i < splits.size(); ++i) {
    if (g.splits_dtype == DT_INT32) {
      row_splits.data<int32_t>()[i] = static_cast<int32_t>(splits[i]);
    } else {
      row_splits.data<int64_t>()[i] = splits[i];
    }
  }
  r->ragged_values.push_back(values);
  r->ragged_splits.push_back(row_splits);
  return OkStatus();
}

// Drops the batch dimension (of size 1) for a scalar input.
Status DropBatch(ExampleParseResult* r) {
  for (Tensor& t : r->dense_values) {
    std::vector<int64_t> dims = Dims(PartialTensorShape(t.shape()), 1);
    TFP_ASSIGN_OR_RETURN(t, t.Reshaped(TensorShape(dims)));
  }
  for (size_t i = 0; i < r->sparse_indices.size(); ++i) {
    const Tensor& in = r->sparse_indices[i];
    Tensor out(DT_INT64, TensorShape({in.dim_size(0), 1}));
    for (int64_t k = 0; k < in.dim_size(0); ++k) {
      out.data<int64_t>()[k] = in.data<int64_t>()[2 * k + 1];
    }
    r->sparse_indices[i] = out;
    r->sparse_shapes[i] =
        Tensor::FromVector<int64_t>({r->sparse_shapes[i].data<int64_t>()[1]});
  }
  return OkStatus();
}

}  // namespace

Status ValidateExampleParseConfig(const ExampleParseConfig& config) {
  for (size_t j = 0; j < config.dense.size(); ++j) {
    const auto& d = config.dense[j];
    const PartialTensorShape& s = d.shape;
    bool inner_known = !s.unknown_rank();
    for (int i = 1; inner_known && i < s.dims(); ++i) {
      inner_known = s.dim_size(i) >= 0;
    }
    if (!inner_known) {
      return errors::InvalidArgument("dense_shapes[", j, "] (", s.DebugString(),
                                     ") has unknown inner dimensions");
    }
    if (s.IsFullyDefined()) {
      if (d.default_value.NumElements() != 0 &&
          d.default_value.shape() != s.AsTensorShape()) {
        return errors::InvalidArgument("dense_defaults[", j, "].shape() ",
                                       d.default_value.shape().DebugString(),
                                       " != dense_shapes[", j, "] ",
                                       s.DebugString());
      }
    } else if (d.default_value.NumElements() > 1) {
      return errors::InvalidArgument(
          "dense_defaults[", j, "] of the variable-length feature ", d.key,
          " must be a scalar padding value, got shape ",
          d.default_value.shape().DebugString());
    }
  }
  return OkStatus();
}

Status ParseExamples(const ExampleParseConfig& config, const Tensor& serialized,
                     const Tensor& names, ExampleParseResult* result) {
  if (serialized.dims() > 1) {
    return errors::InvalidArgument(
        "Expected serialized to be a scalar or vector, got shape: ",
        serialized.shape().DebugString());
  }
  const bool scalar = serialized.dims() == 0;
  if (scalar && !config.ragged.empty()) {
    return errors::Unimplemented(
        "ragged features of a scalar serialized Example");
  }
  Batch batch;
  TFP_RETURN_IF_ERROR(batch.Parse(serialized, names));
  *result = ExampleParseResult();
  for (const auto& s : config.sparse) {
    TFP_RETURN_IF_ERROR(ParseSparse(s, batch, result));
  }
  for (const auto& d : config.dense) {
    TFP_ASSIGN_OR_RETURN(Tensor t, d.shape.IsFullyDefined()
                                       ? ParseFixedDense(d, batch)
                                       : ParseVarLenDense(d, batch));
    result->dense_values.push_back(std::move(t));
  }
  for (const auto& g : config.ragged) {
    TFP_RETURN_IF_ERROR(ParseRagged(g, batch, result));
  }
  return scalar ? DropBatch(result) : OkStatus();
}

}  // namespace tfpersist
