// StatusOr<T>: either a value of type T or a non-OK Status.
//
// Accessing value() of a non-OK StatusOr aborts with the status message
// (a programming error, like absl). Thread-safety as for T.
#ifndef TFPERSIST_BASE_STATUSOR_H_
#define TFPERSIST_BASE_STATUSOR_H_

#include <cstdio>
#include <cstdlib>
#include <optional>
#include <utility>

#include "tfpersist/base/status.h"

namespace tfpersist {

template <typename T>
class [[nodiscard]] StatusOr {
 public:
  // REQUIRES: !status.ok(). An OK status here becomes kInternal.
  StatusOr(Status status) : status_(std::move(status)) {  // NOLINT
    if (status_.ok()) {
      status_ = errors::Internal("StatusOr constructed from an OK Status");
    }
  }
  StatusOr(const T& value) : value_(value) {}        // NOLINT
  StatusOr(T&& value) : value_(std::move(value)) {}  // NOLINT
  template <typename U,
            typename = std::enable_if_t<std::is_convertible_v<U&&, T> &&
                                        !std::is_same_v<std::decay_t<U>, T> &&
                                        !std::is_same_v<std::decay_t<U>, Status>>>
  StatusOr(U&& value) : value_(std::forward<U>(value)) {}  // NOLINT

  bool ok() const { return status_.ok(); }
  const Status& status() const& { return status_; }
  Status status() && { return std::move(status_); }

  const T& value() const& { Check(); return *value_; }
  T& value() & { Check(); return *value_; }
  T&& value() && { Check(); return std::move(*value_); }
  const T& operator*() const& { return value(); }
  T& operator*() & { return value(); }
  const T* operator->() const { return &value(); }
  T* operator->() { return &value(); }

 private:
  void Check() const {
    if (!status_.ok()) {
      std::fprintf(stderr, "StatusOr::value() on error: %s\n",
                   status_.ToString().c_str());
      std::abort();
    }
  }
  Status status_;
  std::optional<T> value_;
};

}  // namespace tfpersist

#endif  // TFPERSIST_BASE_STATUSOR_H_
