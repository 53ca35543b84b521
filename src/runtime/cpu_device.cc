#include "runtime/cpu_device.h"

#define EIGEN_USE_THREADS
#include <thread>
#include <unsupported/Eigen/CXX11/Tensor>

namespace tfpersist {

struct CpuDevice::Rep {
  explicit Rep(int n) : pool(n), device(&pool, n) {}
  Eigen::ThreadPool pool;
  Eigen::ThreadPoolDevice device;
};

CpuDevice::CpuDevice(int num_threads) {
  if (num_threads <= 0) {
    num_threads = static_cast<int>(std::thread::hardware_concurrency());
    if (num_threads <= 0) num_threads = 1;
  }
  rep_ = std::make_unique<Rep>(num_threads);
}

CpuDevice::~CpuDevice() = default;

const Eigen::ThreadPoolDevice* CpuDevice::eigen_device() const {
  return &rep_->device;
}

int CpuDevice::num_threads() const { return rep_->device.numThreads(); }

}  // namespace tfpersist
