#include "convert.h"

#include <cstring>
#include <string>
#include <vector>

#include "google/protobuf/io/coded_stream.h"
#include "google/protobuf/io/zero_copy_stream_impl_lite.h"

namespace tfpersist::python {
namespace {

constexpr int kWriteable = py::detail::npy_api::NPY_ARRAY_WRITEABLE_;
constexpr int kCContiguous = py::detail::npy_api::NPY_ARRAY_C_CONTIGUOUS_;
constexpr int kAligned = py::detail::npy_api::NPY_ARRAY_ALIGNED_;

const char* NumpyName(DataType dtype) {
  switch (dtype) {
    case DT_FLOAT:
      return "float32";
    case DT_DOUBLE:
      return "float64";
    case DT_HALF:
      return "float16";
    case DT_INT8:
    case DT_QINT8:
      return "int8";
    case DT_INT16:
    case DT_QINT16:
      return "int16";
    case DT_INT32:
    case DT_QINT32:
      return "int32";
    case DT_INT64:
      return "int64";
    case DT_UINT8:
    case DT_QUINT8:
      return "uint8";
    case DT_UINT16:
    case DT_QUINT16:
      return "uint16";
    case DT_UINT32:
      return "uint32";
    case DT_UINT64:
      return "uint64";
    case DT_BOOL:
      return "bool";
    case DT_COMPLEX64:
      return "complex64";
    case DT_COMPLEX128:
      return "complex128";
    case DT_STRING:
      return "object";
    default:
      return nullptr;
  }
}

std::vector<py::ssize_t> ShapeOf(const Tensor& t) {
  const auto& dims = t.shape().dim_sizes();
  return std::vector<py::ssize_t>(dims.begin(), dims.end());
}

py::object StringTensorToNumpy(const Tensor& tensor) {
  py::list items;
  for (const std::string& s : tensor.flat<std::string>()) {
    items.append(py::bytes(s));
  }
  py::module_ np = py::module_::import("numpy");
  py::object flat = np.attr("empty")(tensor.NumElements(), "object");
  for (int64_t i = 0; i < tensor.NumElements(); ++i) {
    flat[py::int_(i)] = items[static_cast<size_t>(i)];
  }
  py::tuple shape = py::cast(ShapeOf(tensor));
  py::object arr = flat.attr("reshape")(shape);
  if (tensor.dims() == 0) return arr[py::tuple()];
  return arr;
}

Tensor StringTensorFromNumpy(const py::array& arr) {
  std::vector<int64_t> dims(arr.shape(), arr.shape() + arr.ndim());
  Tensor t(DT_STRING, ValueOrThrow(TensorShape::Build(dims)));
  py::object flat = arr.attr("reshape")(-1);
  auto out = t.flat<std::string>();
  for (size_t i = 0; i < out.size(); ++i) {
    py::object item = flat[py::int_(i)];
    if (py::isinstance<py::bytes>(item)) {
      out[i] = item.cast<std::string>();
    } else if (py::isinstance<py::str>(item)) {
      out[i] = item.cast<std::string>();  // UTF-8, as TF's compat.as_bytes
    } else {
      throw StatusError(errors::InvalidArgument(
          "a string tensor needs bytes or str elements, got ",
          std::string(py::str(item.get_type().attr("__name__")))));
    }
  }
  return t;
}

// A Tensor over the array's own bytes; holds a reference to the array,
// released under the GIL when the last Tensor sharing it goes away.
Tensor WrapArray(const py::array& arr, DataType dtype,
                 const TensorShape& shape) {
  PyObject* owner = arr.ptr();
  Py_INCREF(owner);
  return Tensor::FromExternal(dtype, shape, const_cast<void*>(arr.data()),
                              static_cast<size_t>(arr.nbytes()),
                              [owner](void*, size_t) {
                                if (!Py_IsInitialized())
                                  return;  // interpreter gone: leak
                                py::gil_scoped_acquire gil;
                                Py_DECREF(owner);
                              });
}

// INVALID_ARGUMENT unless a numpy array of DataType `own` can back a
// `dtype` tensor as is (same type, or a quantized type over it).
void CheckSameStorage(const py::array& arr, DataType own, DataType dtype) {
  const char* want = NumpyName(dtype);
  if (want == nullptr || std::string(want) != NumpyName(own)) {
    throw StatusError(errors::InvalidArgument(
        "cannot use a numpy ", std::string(py::str(py::handle(arr.dtype()))),
        " array as a ", DataTypeString(dtype), " tensor"));
  }
}

}  // namespace

void RegisterErrorTranslator() {
  py::register_exception_translator([](std::exception_ptr p) {
    try {
      if (p) std::rethrow_exception(p);
    } catch (const StatusError& e) {
      py::object make =
          py::module_::import("tfpersist.errors").attr("_from_status");
      py::object exc = make(static_cast<int>(e.status().code()),
                            std::string(e.status().message()));
      PyErr_SetObject(reinterpret_cast<PyObject*>(Py_TYPE(exc.ptr())),
                      exc.ptr());
    }
  });
}

py::dtype NumpyDtype(DataType dtype) {
  const char* name = NumpyName(BaseType(dtype));
  if (name == nullptr) {
    throw py::type_error("tfpersist: no numpy type for dtype " +
                         DataTypeString(dtype));
  }
  return py::dtype(name);
}

StatusOr<DataType> DataTypeOfNumpy(const py::dtype& dtype) {
  const char kind = dtype.kind();
  const py::ssize_t size = dtype.itemsize();
  switch (kind) {
    case 'f':
      if (size == 2) return DT_HALF;
      if (size == 4) return DT_FLOAT;
      if (size == 8) return DT_DOUBLE;
      break;
    case 'i':
      if (size == 1) return DT_INT8;
      if (size == 2) return DT_INT16;
      if (size == 4) return DT_INT32;
      if (size == 8) return DT_INT64;
      break;
    case 'u':
      if (size == 1) return DT_UINT8;
      if (size == 2) return DT_UINT16;
      if (size == 4) return DT_UINT32;
      if (size == 8) return DT_UINT64;
      break;
    case 'b':
      return DT_BOOL;
    case 'c':
      if (size == 8) return DT_COMPLEX64;
      if (size == 16) return DT_COMPLEX128;
      break;
    case 'O':
    case 'S':
    case 'U':
      return DT_STRING;
    default:
      break;
  }
  return errors::InvalidArgument("unsupported numpy dtype ",
                                 std::string(py::str(py::handle(dtype))));
}

Tensor NumpyToTensor(const py::handle& value, DataType dtype) {
  py::array arr = py::array::ensure(value);
  if (!arr) throw py::error_already_set();
  const DataType own = ValueOrThrow(DataTypeOfNumpy(arr.dtype()));
  if (dtype == DT_INVALID) dtype = own;
  dtype = BaseType(dtype);
  if (own == DT_STRING || dtype == DT_STRING) {
    if (own != dtype) {
      throw StatusError(errors::InvalidArgument(
          "cannot convert a numpy ",
          std::string(py::str(py::handle(arr.dtype()))), " array to a ",
          DataTypeString(dtype), " tensor"));
    }
    return StringTensorFromNumpy(arr);
  }
  CheckSameStorage(arr, own, dtype);
  if (!arr.dtype().attr("isnative").cast<bool>()) {
    arr = arr.attr("astype")(arr.dtype().attr("newbyteorder")("="));
  }
  std::vector<int64_t> dims(arr.shape(), arr.shape() + arr.ndim());
  const TensorShape shape = ValueOrThrow(TensorShape::Build(dims));
  const int flags = py::detail::array_proxy(arr.ptr())->flags;
  const size_t bytes = static_cast<size_t>(arr.nbytes());
  if ((flags & kCContiguous) && (flags & kAligned) && bytes > 0) {
    return WrapArray(arr, dtype, shape);
  }
  Tensor t = ValueOrThrow(Tensor::Allocate(dtype, shape));
  if (bytes > 0) {
    py::array contiguous = py::array::ensure(arr, kCContiguous);
    std::memcpy(t.raw_data(), contiguous.data(), bytes);
  }
  return t;
}

py::object TensorToNumpy(const Tensor& tensor) {
  if (tensor.dtype() == DT_STRING) return StringTensorToNumpy(tensor);
  py::dtype dtype = NumpyDtype(tensor.dtype());
  py::array arr;
  if (tensor.NumElements() == 0 || tensor.raw_data() == nullptr) {
    arr = py::array(dtype, ShapeOf(tensor));
  } else {
    auto* keep = new Tensor(tensor);  // shares the buffer
    py::capsule owner(keep, [](void* p) { delete static_cast<Tensor*>(p); });
    arr = py::array(dtype, ShapeOf(tensor), {}, tensor.raw_data(), owner);
    py::detail::array_proxy(arr.ptr())->flags &= ~kWriteable;
  }
  if (tensor.dims() == 0) return arr[py::tuple()];  // numpy scalar, as TF
  return arr;
}

void ParseProto(const py::bytes& bytes, google::protobuf::Message* message,
                const char* what) {
  char* data = nullptr;
  py::ssize_t size = 0;
  if (PyBytes_AsStringAndSize(bytes.ptr(), &data, &size) != 0) {
    throw py::error_already_set();
  }
  if (!message->ParseFromArray(data, static_cast<int>(size))) {
    throw StatusError(errors::InvalidArgument("could not parse the ", what,
                                              " (", size, " bytes)"));
  }
}

py::bytes SerializeProto(const google::protobuf::Message& message) {
  std::string out;
  {
    google::protobuf::io::StringOutputStream stream(&out);
    google::protobuf::io::CodedOutputStream coded(&stream);
    coded.SetSerializationDeterministic(true);
    message.SerializeToCodedStream(&coded);
  }
  return py::bytes(out);
}

}  // namespace tfpersist::python
