// CpuDevice: the intra-op thread pool kernels use through
// OpKernelContext::eigen_device(). Keeps Eigen out of headers.
//
// Thread-safety: eigen_device() may be used from many threads at once.
#ifndef TFPERSIST_RUNTIME_CPU_DEVICE_H_
#define TFPERSIST_RUNTIME_CPU_DEVICE_H_

#include <memory>

namespace Eigen {
struct ThreadPoolDevice;
}  // namespace Eigen

namespace tfpersist {

class CpuDevice {
 public:
  // num_threads <= 0 means one thread per hardware core.
  explicit CpuDevice(int num_threads);
  ~CpuDevice();
  CpuDevice(const CpuDevice&) = delete;
  CpuDevice& operator=(const CpuDevice&) = delete;

  // Owned by this object; valid for its lifetime.
  const Eigen::ThreadPoolDevice* eigen_device() const;
  int num_threads() const;

 private:
  struct Rep;
  std::unique_ptr<Rep> rep_;
};

}  // namespace tfpersist

#endif  // TFPERSIST_RUNTIME_CPU_DEVICE_H_
