// Values of V1 slices; field-per-dtype table documented in
// io/v1/slice_data.h.
#include "io/v1/slice_data.h"

#include <cstring>

namespace tfpersist::v1 {
namespace {

using tensorflow::TensorProto;

// Number of values in every typed field of the proto, summed.
int64_t TotalTypedValues(const TensorProto& p) {
  return int64_t{p.float_val_size()} + p.double_val_size() + p.int_val_size() +
         p.int64_val_size() + p.bool_val_size() + p.half_val_size() +
         p.string_val_size() + p.scomplex_val_size() + p.dcomplex_val_size() +
         p.uint32_val_size() + p.uint64_val_size() +
         p.resource_handle_val_size() + p.variant_val_size();
}

// Values of dtype's own field; complex fields count two per element.
int64_t OwnFieldValues(DataType dtype, const TensorProto& p) {
  switch (dtype) {
    case DT_FLOAT:
      return p.float_val_size();
    case DT_DOUBLE:
      return p.double_val_size();
    case DT_INT64:
      return p.int64_val_size();
    case DT_BOOL:
      return p.bool_val_size();
    case DT_UINT32:
      return p.uint32_val_size();
    case DT_UINT64:
      return p.uint64_val_size();
    case DT_HALF:
    case DT_BFLOAT16:
      return p.half_val_size();
    case DT_STRING:
      return p.string_val_size();
    case DT_COMPLEX64:
      return p.scomplex_val_size();
    case DT_COMPLEX128:
      return p.dcomplex_val_size();
    default:
      return p.int_val_size();  // The int_val family.
  }
}

// Stores src[i] converted to Storage at out + i * sizeof(Storage).
template <typename Storage, typename Field>
void Fill(const Field& src, char* out) {
  for (int i = 0; i < src.size(); ++i) {
    const Storage v = static_cast<Storage>(src[i]);
    std::memcpy(out + i * sizeof(Storage), &v, sizeof(Storage));
  }
}

// Fills the int_val family: the low bits of each int32 value.
void FillFromIntVal(DataType dtype, const TensorProto& p, char* out) {
  switch (DataTypeSize(dtype)) {
    case 1:
      return Fill<uint8_t>(p.int_val(), out);
    case 2:
      return Fill<uint16_t>(p.int_val(), out);
    default:
      return Fill<int32_t>(p.int_val(), out);
  }
}

void FillNumeric(DataType dtype, const TensorProto& p, char* out) {
  switch (dtype) {
    case DT_FLOAT:
      return Fill<float>(p.float_val(), out);
    case DT_DOUBLE:
      return Fill<double>(p.double_val(), out);
    case DT_INT64:
      return Fill<int64_t>(p.int64_val(), out);
    case DT_BOOL:
      return Fill<bool>(p.bool_val(), out);
    case DT_UINT32:
      return Fill<uint32_t>(p.uint32_val(), out);
    case DT_UINT64:
      return Fill<uint64_t>(p.uint64_val(), out);
    case DT_HALF:
    case DT_BFLOAT16:
      return Fill<uint16_t>(p.half_val(), out);
    case DT_COMPLEX64:
      return Fill<float>(p.scomplex_val(), out);
    case DT_COMPLEX128:
      return Fill<double>(p.dcomplex_val(), out);
    default:
      return FillFromIntVal(dtype, p, out);
  }
}

Status DecodeContent(DataType dtype, const TensorShape& shape,
                     const TensorProto& data, Tensor* out) {
  const int64_t n = shape.num_elements();
  if (!DataTypeCanMemcpy(dtype) || TotalTypedValues(data) != 0 ||
      data.tensor_content().size() !=
          static_cast<uint64_t>(n) * DataTypeSize(dtype)) {
    return errors::DataLoss("slice data has ", data.tensor_content().size(),
                            " bytes of tensor_content for ", n, " ",
                            DataTypeString(dtype), " values");
  }
  std::memcpy(out->raw_data(), data.tensor_content().data(),
              data.tensor_content().size());
  return OkStatus();
}

}  // namespace

bool IsV1DataType(DataType dtype) {
  switch (dtype) {
    case DT_FLOAT:
    case DT_DOUBLE:
    case DT_INT32:
    case DT_UINT8:
    case DT_INT16:
    case DT_INT8:
    case DT_STRING:
    case DT_COMPLEX64:
    case DT_INT64:
    case DT_BOOL:
    case DT_QINT8:
    case DT_QUINT8:
    case DT_QINT32:
    case DT_QINT16:
    case DT_QUINT16:
    case DT_UINT16:
    case DT_COMPLEX128:
    case DT_HALF:
    case DT_BFLOAT16:
    case DT_UINT32:
    case DT_UINT64:
      return true;
    default:
      return false;
  }
}

StatusOr<Tensor> DecodeSliceValues(DataType dtype,
                                   const TensorShape& slice_shape,
                                   TensorProto* data) {
  const int64_t n = slice_shape.num_elements();
  const bool complex = dtype == DT_COMPLEX64 || dtype == DT_COMPLEX128;
  const int64_t expected = complex ? 2 * n : n;
  if (data->tensor_content().empty()) {
    const int64_t own = OwnFieldValues(dtype, *data);
    if (own != expected || TotalTypedValues(*data) != own) {
      return errors::DataLoss("slice data holds ", TotalTypedValues(*data),
                              " values (", own, " in the field of ",
                              DataTypeString(dtype), ") but its shape ",
                              slice_shape.DebugString(), " needs ", expected);
    }
  }
  // The values were counted in the file, so this allocation is bounded by
  // the file size.
  TFP_ASSIGN_OR_RETURN(Tensor out, Tensor::Allocate(dtype, slice_shape));
  if (!data->tensor_content().empty()) {
    TFP_RETURN_IF_ERROR(DecodeContent(dtype, slice_shape, *data, &out));
  } else if (dtype == DT_STRING) {
    std::span<tstring> strings = out.flat<tstring>();
    for (int64_t i = 0; i < n; ++i) {
      strings[i] = std::move(*data->mutable_string_val(static_cast<int>(i)));
    }
  } else if (n > 0) {
    FillNumeric(dtype, *data, out.raw_data());
  }
  return out;
}

void CopySliceIntoTensor(const Tensor& values, const TensorSlice& slice,
                         Tensor* full) {
  const TensorShape& shape = full->shape();
  const int rank = shape.dims();
  if (values.NumElements() == 0) return;
  if (rank == 0) {
    *full = values;
    return;
  }
  // Row-major strides of the full tensor, in elements.
  std::vector<int64_t> stride(rank, 1);
  for (int d = rank - 2; d >= 0; --d) {
    stride[d] = stride[d + 1] * shape.dim_size(d + 1);
  }
  const int64_t row = values.dim_size(rank - 1);
  const int64_t rows = values.NumElements() / row;
  const bool strings = values.dtype() == DT_STRING;
  const size_t elem = strings ? 0 : DataTypeSize(values.dtype());
  std::vector<int64_t> index(rank, 0);  // Row index within the slice.
  for (int64_t r = 0; r < rows; ++r) {
    int64_t dst = slice.Concrete(rank - 1, shape).first;
    for (int d = 0; d < rank - 1; ++d) {
      dst += (slice.Concrete(d, shape).first + index[d]) * stride[d];
    }
    const int64_t src = r * row;
    if (strings) {
      for (int64_t i = 0; i < row; ++i) {
        full->data<tstring>()[dst + i] = values.data<tstring>()[src + i];
      }
    } else {
      std::memcpy(full->raw_data() + dst * elem, values.raw_data() + src * elem,
                  row * elem);
    }
    for (int d = rank - 2; d >= 0; --d) {  // Next row, odometer style.
      if (++index[d] < values.dim_size(d)) break;
      index[d] = 0;
    }
  }
}

}  // namespace tfpersist::v1
