// Status: the result of an operation, with TensorFlow's canonical error codes.
//
// The numeric codes equal TF_Code / absl::StatusCode / tensorflow::error::Code,
// so they cross the C API unchanged. Choosing a code (docs/errors.md):
//   kInvalidArgument    bad caller input (wrong shape, malformed name or proto)
//   kNotFound           a named file, tensor, node or key does not exist
//   kFailedPrecondition the system is in the wrong state (uninitialized value)
//   kDataLoss           a file is corrupt or truncated (checksum, bad footer)
//   kOutOfRange         reading past the end of valid data
//   kUnimplemented      a valid request we do not support (unknown op kernel)
//   kResourceExhausted  a hostile size that would exceed memory limits
//   kInternal           a broken invariant of ours
//
// Thread-safety: Status is a value type; distinct objects may be used from
// different threads, a const object may be shared.
#ifndef TFPERSIST_BASE_STATUS_H_
#define TFPERSIST_BASE_STATUS_H_

#include <memory>
#include <ostream>
#include <string>
#include <string_view>

#include "tfpersist/base/str_util.h"

namespace tfpersist {

enum class StatusCode : int {
  kOk = 0,
  kCancelled = 1,
  kUnknown = 2,
  kInvalidArgument = 3,
  kDeadlineExceeded = 4,
  kNotFound = 5,
  kAlreadyExists = 6,
  kPermissionDenied = 7,
  kResourceExhausted = 8,
  kFailedPrecondition = 9,
  kAborted = 10,
  kOutOfRange = 11,
  kUnimplemented = 12,
  kInternal = 13,
  kUnavailable = 14,
  kDataLoss = 15,
  kUnauthenticated = 16,
};

// "INVALID_ARGUMENT" etc., as TensorFlow prints them.
std::string_view StatusCodeName(StatusCode code);

class [[nodiscard]] Status {
 public:
  // An OK status. Cheap: holds no allocation.
  Status() = default;
  // REQUIRES: code != kOk, or message is ignored.
  Status(StatusCode code, std::string_view message);

  Status(const Status& other);
  Status& operator=(const Status& other);
  Status(Status&&) noexcept = default;
  Status& operator=(Status&&) noexcept = default;

  bool ok() const { return rep_ == nullptr; }
  StatusCode code() const { return ok() ? StatusCode::kOk : rep_->code; }
  // The message without the code name; empty for OK.
  std::string_view message() const;
  // "OK" or "NOT_FOUND: message".
  std::string ToString() const;

  // Returns a copy whose message is "context: message" (OK stays OK). Used at
  // layer boundaries so errors read like "restoring 'w' from m.index: ...".
  Status WithContext(std::string_view context) const;

  // If this is OK, takes `other` (keeps the first error: sticky status).
  void Update(const Status& other) {
    if (ok() && !other.ok()) *this = other;
  }

  friend bool operator==(const Status& a, const Status& b) {
    return a.code() == b.code() && a.message() == b.message();
  }

 private:
  struct Rep {
    StatusCode code;
    std::string message;
  };
  std::unique_ptr<Rep> rep_;
};

inline Status OkStatus() { return Status(); }
std::ostream& operator<<(std::ostream& os, const Status& s);

// Constructors for each code, concatenating their arguments with StrCat:
//   return errors::NotFound("Key ", name, " not found in checkpoint ", path);
namespace errors {
#define TFP_DECLARE_ERROR(Name, Code)                     \
  template <typename... Args>                             \
  Status Name(const Args&... args) {                      \
    return Status(StatusCode::Code, StrCat(args...));     \
  }                                                       \
  inline bool Is##Name(const Status& s) {                 \
    return s.code() == StatusCode::Code;                  \
  }
TFP_DECLARE_ERROR(Cancelled, kCancelled)
TFP_DECLARE_ERROR(Unknown, kUnknown)
TFP_DECLARE_ERROR(InvalidArgument, kInvalidArgument)
TFP_DECLARE_ERROR(NotFound, kNotFound)
TFP_DECLARE_ERROR(AlreadyExists, kAlreadyExists)
TFP_DECLARE_ERROR(PermissionDenied, kPermissionDenied)
TFP_DECLARE_ERROR(ResourceExhausted, kResourceExhausted)
TFP_DECLARE_ERROR(FailedPrecondition, kFailedPrecondition)
TFP_DECLARE_ERROR(Aborted, kAborted)
TFP_DECLARE_ERROR(OutOfRange, kOutOfRange)
TFP_DECLARE_ERROR(Unimplemented, kUnimplemented)
TFP_DECLARE_ERROR(Internal, kInternal)
TFP_DECLARE_ERROR(Unavailable, kUnavailable)
TFP_DECLARE_ERROR(DataLoss, kDataLoss)
#undef TFP_DECLARE_ERROR
}  // namespace errors

}  // namespace tfpersist

// Propagation macros (cf. absl status_macros.h).
//   TFP_RETURN_IF_ERROR(expr);                  returns the error of expr
//   TFP_RETURN_IF_ERROR_CTX(expr, "ctx ", x);   returns it as "ctx x: msg"
//   TFP_ASSIGN_OR_RETURN(auto v, StatusOrExpr); declares v or returns error
#define TFP_STATUS_CONCAT_INNER(a, b) a##b
#define TFP_STATUS_CONCAT(a, b) TFP_STATUS_CONCAT_INNER(a, b)

#define TFP_RETURN_IF_ERROR(expr)                       \
  do {                                                  \
    ::tfpersist::Status tfp_status_ = (expr);           \
    if (!tfp_status_.ok()) return tfp_status_;          \
  } while (0)

#define TFP_RETURN_IF_ERROR_CTX(expr, ...)                          \
  do {                                                              \
    ::tfpersist::Status tfp_status_ = (expr);                       \
    if (!tfp_status_.ok())                                          \
      return tfp_status_.WithContext(::tfpersist::StrCat(__VA_ARGS__)); \
  } while (0)

#define TFP_ASSIGN_OR_RETURN(lhs, expr) \
  TFP_ASSIGN_OR_RETURN_IMPL(TFP_STATUS_CONCAT(tfp_sor_, __LINE__), lhs, expr)
#define TFP_ASSIGN_OR_RETURN_IMPL(var, lhs, expr) \
  auto var = (expr);                              \
  if (!var.ok()) return std::move(var).status();  \
  lhs = std::move(var).value()

#endif  // TFPERSIST_BASE_STATUS_H_
