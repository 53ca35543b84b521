// Conversions at the Python boundary of the tfpersist extension:
//  * Status -> the tf.errors exception of its code (this is the only place a
//    Status becomes a Python exception): ThrowIfError / ValueOrThrow throw a
//    StatusError that the translator registered by RegisterErrorTranslator
//    turns into tfpersist.errors.<Class>(message) with TF's name and code.
//  * numpy <-> Tensor. TensorToNumpy never copies numeric tensors: the array
//    views the Tensor's buffer and a capsule keeps that buffer alive; it is
//    read-only because the buffer may be shared with the session (a Const or
//    a variable). NumpyToTensor wraps a C-contiguous, aligned numeric array
//    without copying (the Tensor holds a reference to the array, released
//    under the GIL); other layouts are copied once. Strings (numpy bytes,
//    str or object arrays) are copied element by element.
// protobuf messages cross as serialized bytes (ParseProto / SerializeProto).
//
// REQUIRES: the GIL is held for every function here.
#ifndef TFPERSIST_PYTHON_SRC_CONVERT_H_
#define TFPERSIST_PYTHON_SRC_CONVERT_H_

#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <exception>
#include <string>
#include <utility>

#include "google/protobuf/message.h"
#include "tfpersist/base/statusor.h"
#include "tfpersist/core/tensor.h"

namespace tfpersist::python {

namespace py = pybind11;

// A non-OK Status on its way to Python.
class StatusError : public std::exception {
 public:
  explicit StatusError(Status status)
      : status_(std::move(status)), what_(status_.ToString()) {}
  const Status& status() const { return status_; }
  const char* what() const noexcept override { return what_.c_str(); }

 private:
  Status status_;
  std::string what_;
};

inline void ThrowIfError(const Status& status) {
  if (!status.ok()) throw StatusError(status);
}

template <typename T>
T ValueOrThrow(StatusOr<T> value) {
  if (!value.ok()) throw StatusError(value.status());
  return std::move(value).value();
}

// Translates StatusError into tfpersist.errors._from_status(code, message).
void RegisterErrorTranslator();

// The numpy dtype of a DataType; TypeError for types numpy lacks.
py::dtype NumpyDtype(DataType dtype);
// The DataType of a numpy dtype (bytes/str/object -> DT_STRING).
StatusOr<DataType> DataTypeOfNumpy(const py::dtype& dtype);

// See the file comment. `dtype` DT_INVALID: take the array's own.
Tensor NumpyToTensor(const py::handle& value, DataType dtype = DT_INVALID);
py::object TensorToNumpy(const Tensor& tensor);

// Parses `bytes` into *message; INVALID_ARGUMENT naming `what` otherwise.
void ParseProto(const py::bytes& bytes, google::protobuf::Message* message,
                const char* what);
// Deterministic serialization (map entries sorted), as Python bytes.
py::bytes SerializeProto(const google::protobuf::Message& message);

}  // namespace tfpersist::python

#endif  // TFPERSIST_PYTHON_SRC_CONVERT_H_
