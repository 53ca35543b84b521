// Writes small V1 checkpoints for reader tests, the way TF's
// TensorSliceWriter lays them out (spec checkpoint-v1.md §3): key "" holds
// the meta, each slice's values sit under EncodeTensorNameSlice in the typed
// field of the dtype. Tests may damage the result on purpose through the
// `Mutate*` hooks.
#ifndef TFPERSIST_TESTS_IO_V1_V1_TEST_WRITER_H_
#define TFPERSIST_TESTS_IO_V1_V1_TEST_WRITER_H_

#include <gtest/gtest.h>

#include <map>
#include <string>

#include "io/bundle/tensor_slice_key.h"
#include "io/table/table_builder.h"
#include "tensorflow/core/util/saved_tensor_slice.pb.h"
#include "tfpersist/base/env.h"
#include "tfpersist/core/tensor.h"
#include "tfpersist/io/tensor_slice.h"

namespace tfpersist::testing {

class V1TestWriter {
 public:
  V1TestWriter() { meta_.mutable_versions()->set_producer(1); }

  // Adds one slice (values shaped as the slice) of tensor `name`.
  void AddSlice(const std::string& name, const TensorShape& full,
                const TensorSlice& slice, const Tensor& values) {
    tensorflow::SavedSliceMeta* ssm = FindOrAddMeta(name, values.dtype(), full);
    slice.AsProto(ssm->add_slice());
    tensorflow::SavedTensorSlices data;
    data.mutable_data()->set_name(name);
    slice.AsProto(data.mutable_data()->mutable_slice());
    FillValues(values, data.mutable_data()->mutable_data());
    data_[EncodeTensorNameSlice(name, slice)] = data;
  }
  void Add(const std::string& name, const Tensor& values) {
    AddSlice(name, values.shape(), TensorSlice(values.dims()), values);
  }

  tensorflow::SavedTensorSliceMeta* mutable_meta() { return &meta_; }
  std::map<std::string, tensorflow::SavedTensorSlices>* mutable_data() {
    return &data_;
  }

  Status Write(Env* env, const std::string& path,
               table::CompressionType compression = table::kNoCompression) {
    table::TableOptions options;
    options.compression = compression;
    TFP_ASSIGN_OR_RETURN(auto file, env->NewWritableFile(path));
    table::TableBuilder builder(options, file.get());
    tensorflow::SavedTensorSlices meta;
    *meta.mutable_meta() = meta_;
    builder.Add("", meta.SerializeAsString());
    for (const auto& [key, value] : data_) {
      builder.Add(key, value.SerializeAsString());
    }
    TFP_RETURN_IF_ERROR(builder.Finish());
    return file->Close();
  }

 private:
  tensorflow::SavedSliceMeta* FindOrAddMeta(const std::string& name,
                                            DataType dtype,
                                            const TensorShape& full) {
    for (auto& t : *meta_.mutable_tensor()) {
      if (t.name() == name) return &t;
    }
    tensorflow::SavedSliceMeta* t = meta_.add_tensor();
    t->set_name(name);
    t->set_type(static_cast<tensorflow::DataType>(dtype));
    for (int64_t d : full.dim_sizes())
      t->mutable_shape()->add_dim()->set_size(d);
    return t;
  }

  static void FillValues(const Tensor& t, tensorflow::TensorProto* p) {
    for (int64_t i = 0; i < t.NumElements(); ++i) {
      switch (t.dtype()) {
        case DT_FLOAT:
          p->add_float_val(t.data<float>()[i]);
          break;
        case DT_DOUBLE:
          p->add_double_val(t.data<double>()[i]);
          break;
        case DT_INT32:
          p->add_int_val(t.data<int32_t>()[i]);
          break;
        case DT_INT8:
          p->add_int_val(t.data<int8_t>()[i]);
          break;
        case DT_UINT16:
          p->add_int_val(t.data<uint16_t>()[i]);
          break;
        case DT_INT64:
          p->add_int64_val(t.data<int64_t>()[i]);
          break;
        case DT_UINT64:
          p->add_uint64_val(t.data<uint64_t>()[i]);
          break;
        case DT_BOOL:
          p->add_bool_val(t.data<bool>()[i]);
          break;
        case DT_HALF:
          p->add_half_val(t.data<half>()[i].bits);
          break;
        case DT_STRING:
          p->add_string_val(t.data<tstring>()[i]);
          break;
        case DT_COMPLEX64:
          p->add_scomplex_val(t.data<complex64>()[i].real());
          p->add_scomplex_val(t.data<complex64>()[i].imag());
          break;
        default:
          ADD_FAILURE() << "V1TestWriter: add " << t.dtype();
          return;
      }
    }
  }

  tensorflow::SavedTensorSliceMeta meta_;
  std::map<std::string, tensorflow::SavedTensorSlices> data_;
};

}  // namespace tfpersist::testing

#endif  // TFPERSIST_TESTS_IO_V1_V1_TEST_WRITER_H_
