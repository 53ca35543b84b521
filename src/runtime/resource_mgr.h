// Session-lifetime state that kernels share across Run calls: the resource
// manager, the variable resource `Var`, and resource handles.
//
// TF1 ref variables (VariableV2/Variable) and resource variables
// (VarHandleOp) both live in the session's ResourceMgr as a `Var`, keyed by
// (container, name):
//  * VariableV2: container = attr "container" or the default container,
//    name = attr "shared_name" or else the node name;
//  * VarHandleOp: container likewise, name = attr "shared_name" exactly.
//
// Value discipline (what makes concurrent Run safe): a Var's Tensor is never
// written in place once published. Writers build a new Tensor and install it
// with Var::Set (or under mu() with set_tensor); readers take a snapshot
// (a Tensor sharing the buffer) that later writes do not change.
//
// Thread-safety: ResourceMgr and Var are thread-safe as documented per
// method. ResourceHandle is a value type.
#ifndef TFPERSIST_RUNTIME_RESOURCE_MGR_H_
#define TFPERSIST_RUNTIME_RESOURCE_MGR_H_

#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <utility>

#include "tfpersist/base/statusor.h"
#include "tfpersist/core/tensor.h"

namespace tfpersist {

// TF's default resource container on the local CPU device.
inline constexpr char kDefaultContainer[] = "localhost";

// The value of a DT_RESOURCE tensor: names one resource of a ResourceMgr.
struct ResourceHandle {
  std::string container;
  std::string name;
  // "localhost/v1" style, for messages.
  std::string DebugString() const { return container + "/" + name; }
  friend bool operator==(const ResourceHandle& a, const ResourceHandle& b) {
    return a.container == b.container && a.name == b.name;
  }
};

class ResourceBase {
 public:
  virtual ~ResourceBase() = default;
  // A short description ("float/[2]") for messages.
  virtual std::string DebugString() const = 0;
};

// A variable: a mutable tensor slot, uninitialized until first written.
class Var : public ResourceBase {
 public:
  // `dtype` is the base (non-ref) type. `shape`, when known, is the shape
  // an uninitialized ref variable reports (VariableV2's fully defined "shape"
  // attr); Assign with validate_shape checks against it.
  explicit Var(DataType dtype, std::optional<TensorShape> shape = std::nullopt)
      : dtype_(dtype), uninit_shape_(std::move(shape)) {}

  DataType dtype() const { return dtype_; }

  // Thread-safe convenience accessors (each takes mu()).
  // True once a value was written.
  bool IsInitialized() const;
  // Copies the current value (sharing its buffer) into *out; false when
  // uninitialized (out untouched).
  bool Snapshot(Tensor* out) const;
  // Installs `value` (REQUIRES: value.dtype() == dtype()).
  void Set(Tensor value);
  // Drops the value: the variable is uninitialized again.
  void Reset();

  // For read-modify-write (AssignAdd, training ops): hold mu() while calling
  // the *_locked methods so the update is atomic.
  std::mutex& mu() const { return mu_; }
  // REQUIRES: mu() held.
  bool is_initialized_locked() const { return initialized_; }
  // The current value, or an unallocated tensor when uninitialized.
  // REQUIRES: mu() held.
  const Tensor& tensor_locked() const { return tensor_; }
  // The current shape, else the shape given at construction; nullopt for
  // an uninitialized variable of unknown shape. REQUIRES: mu() held.
  std::optional<TensorShape> shape_locked() const {
    return initialized_ ? std::optional<TensorShape>(tensor_.shape())
                        : uninit_shape_;
  }
  // REQUIRES: mu() held, value.dtype() == dtype().
  void set_tensor_locked(Tensor value);

  std::string DebugString() const override;

 private:
  const DataType dtype_;
  const std::optional<TensorShape> uninit_shape_;
  mutable std::mutex mu_;
  Tensor tensor_;
  bool initialized_ = false;
};

// Owns resources by (container, name). Resources are shared_ptr so a kernel
// holding one keeps it alive after Delete/Clear.
class ResourceMgr {
 public:
  ResourceMgr() = default;
  ResourceMgr(const ResourceMgr&) = delete;
  ResourceMgr& operator=(const ResourceMgr&) = delete;

  // Returns the resource, creating it with `creator` if absent (creator runs
  // under the manager's lock, at most once per key). INVALID_ARGUMENT if the
  // existing resource is not a T ("Resource localhost/v1 is a Var, ...").
  // Thread-safe.
  template <typename T>
  StatusOr<std::shared_ptr<T>> LookupOrCreate(
      const std::string& container, const std::string& name,
      const std::function<StatusOr<std::shared_ptr<T>>()>& creator);

  // NOT_FOUND "Resource localhost/v1 does not exist." when absent;
  // INVALID_ARGUMENT when it is not a T. Thread-safe.
  template <typename T>
  StatusOr<std::shared_ptr<T>> Lookup(const std::string& container,
                                      const std::string& name) const;
  template <typename T>
  StatusOr<std::shared_ptr<T>> Lookup(const ResourceHandle& handle) const {
    return Lookup<T>(handle.container, handle.name);
  }

  // ALREADY_EXISTS if the key is taken. Thread-safe.
  Status Create(const std::string& container, const std::string& name,
                std::shared_ptr<ResourceBase> resource);
  // NOT_FOUND when absent. Thread-safe.
  Status Delete(const std::string& container, const std::string& name);
  // Drops every resource. Thread-safe.
  void Clear();
  // Number of resources held. Thread-safe.
  size_t size() const;

 private:
  using Key = std::pair<std::string, std::string>;
  StatusOr<std::shared_ptr<ResourceBase>> LookupBase(const Key& key) const;
  static Status WrongType(const Key& key, const ResourceBase& found);

  mutable std::mutex mu_;
  std::map<Key, std::shared_ptr<ResourceBase>> resources_;
};

// ---- template implementations ----

template <typename T>
StatusOr<std::shared_ptr<T>> ResourceMgr::Lookup(
    const std::string& container, const std::string& name) const {
  Key key(container, name);
  TFP_ASSIGN_OR_RETURN(std::shared_ptr<ResourceBase> base, LookupBase(key));
  std::shared_ptr<T> typed = std::dynamic_pointer_cast<T>(base);
  if (typed == nullptr) return WrongType(key, *base);
  return typed;
}

template <typename T>
StatusOr<std::shared_ptr<T>> ResourceMgr::LookupOrCreate(
    const std::string& container, const std::string& name,
    const std::function<StatusOr<std::shared_ptr<T>>()>& creator) {
  Key key(container, name);
  std::lock_guard<std::mutex> lock(mu_);
  auto it = resources_.find(key);
  if (it != resources_.end()) {
    std::shared_ptr<T> typed = std::dynamic_pointer_cast<T>(it->second);
    if (typed == nullptr) return WrongType(key, *it->second);
    return typed;
  }
  TFP_ASSIGN_OR_RETURN(std::shared_ptr<T> created, creator());
  resources_.emplace(std::move(key), created);
  return created;
}

}  // namespace tfpersist

#endif  // TFPERSIST_RUNTIME_RESOURCE_MGR_H_
