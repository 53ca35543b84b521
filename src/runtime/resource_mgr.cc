#include "runtime/resource_mgr.h"

#include <typeinfo>

namespace tfpersist {

// ---- Var ----

bool Var::IsInitialized() const {
  std::lock_guard<std::mutex> lock(mu_);
  return initialized_;
}

bool Var::Snapshot(Tensor* out) const {
  std::lock_guard<std::mutex> lock(mu_);
  if (!initialized_) return false;
  *out = tensor_;
  return true;
}

void Var::Set(Tensor value) {
  std::lock_guard<std::mutex> lock(mu_);
  set_tensor_locked(std::move(value));
}

void Var::Reset() {
  std::lock_guard<std::mutex> lock(mu_);
  tensor_ = Tensor();
  initialized_ = false;
}

void Var::set_tensor_locked(Tensor value) {
  TFP_DCHECK(value.dtype() == dtype_) << DataTypeString(value.dtype());
  tensor_ = std::move(value);
  initialized_ = true;
}

std::string Var::DebugString() const {
  std::lock_guard<std::mutex> lock(mu_);
  std::optional<TensorShape> shape = shape_locked();
  return StrCat(DataTypeString(dtype_), "/",
                shape ? shape->DebugString() : std::string("<unknown>"));
}

// ---- ResourceMgr ----

StatusOr<std::shared_ptr<ResourceBase>> ResourceMgr::LookupBase(
    const Key& key) const {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = resources_.find(key);
  if (it == resources_.end()) {
    return errors::NotFound("Resource ", key.first, "/", key.second,
                            " does not exist.");
  }
  return it->second;
}

Status ResourceMgr::WrongType(const Key& key, const ResourceBase& found) {
  return errors::InvalidArgument("Resource ", key.first, "/", key.second,
                                 " has an unexpected type (it holds ",
                                 found.DebugString(), ")");
}

Status ResourceMgr::Create(const std::string& container,
                           const std::string& name,
                           std::shared_ptr<ResourceBase> resource) {
  std::lock_guard<std::mutex> lock(mu_);
  auto [it, inserted] =
      resources_.emplace(Key(container, name), std::move(resource));
  if (!inserted) {
    return errors::AlreadyExists("Resource ", container, "/", name,
                                 " already exists");
  }
  return OkStatus();
}

Status ResourceMgr::Delete(const std::string& container,
                           const std::string& name) {
  std::lock_guard<std::mutex> lock(mu_);
  if (resources_.erase(Key(container, name)) == 0) {
    return errors::NotFound("Resource ", container, "/", name,
                            " does not exist.");
  }
  return OkStatus();
}

void ResourceMgr::Clear() {
  std::map<Key, std::shared_ptr<ResourceBase>> doomed;
  {
    std::lock_guard<std::mutex> lock(mu_);
    doomed.swap(resources_);
  }
  // Resources are destroyed outside the lock.
}

size_t ResourceMgr::size() const {
  std::lock_guard<std::mutex> lock(mu_);
  return resources_.size();
}

}  // namespace tfpersist
