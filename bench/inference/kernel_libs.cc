// Which library for the float kernels? Times, on one thread, the kernel
// shapes the bench models spend their time in, with each candidate Debian
// ships: oneDNN (matmul / convolution primitives, weights in its blocked
// layout), XNNPACK (fully-connected / convolution operators), OpenBLAS
// cblas_sgemm, and Eigen 3.4 GEMM as this project compiles it (no -march).
// Prints GFLOP/s (median of repeats); results are in bench/README.md.
//   inference_kernel_libs [repeats]
#include <cblas.h>
#include <xnnpack.h>

#include <Eigen/Core>
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <dnnl.hpp>
#include <functional>
#include <random>
#include <string>
#include <vector>

namespace {

struct Shape {  // out[n, oh, ow, oc] = conv(in[n, h, w, c], k x k, stride)
  std::string name;
  int n, h, w, c, oc, k, stride, groups;  // groups == c: depthwise
  bool dense;                             // MatMul [n, c] x [c, oc]
};

int Out(const Shape& s, int size) { return (size + s.stride - 1) / s.stride; }
double Flops(const Shape& s) {
  if (s.dense) return 2.0 * s.n * s.c * s.oc;
  return 2.0 * s.n * Out(s, s.h) * Out(s, s.w) * s.oc * s.k * s.k *
         (s.c / s.groups);
}

double MedianMs(int repeats, const std::function<void()>& fn) {
  fn();
  std::vector<double> t;
  for (int i = 0; i < repeats; ++i) {
    auto a = std::chrono::steady_clock::now();
    fn();
    t.push_back(std::chrono::duration<double, std::milli>(
                    std::chrono::steady_clock::now() - a)
                    .count());
  }
  std::sort(t.begin(), t.end());
  return t[t.size() / 2];
}

std::vector<float> Rand(size_t n) {
  std::mt19937 g(1);
  std::uniform_real_distribution<float> u(-1, 1);
  std::vector<float> v(n);
  for (float& x : v) x = u(g);
  return v;
}

// oneDNN: convolution (or matmul) with weights reordered once.
std::function<void()> OneDnn(const Shape& s, dnnl::engine& eng,
                             dnnl::stream& st) {
  using namespace dnnl;
  using tag = memory::format_tag;
  using dt = memory::data_type;
  auto* keep = new std::vector<float>[4];
  if (s.dense) {
    keep[0] = Rand(s.n * s.c), keep[1] = Rand(s.c * s.oc);
    keep[2].resize(s.n * s.oc);
    memory::desc a({s.n, s.c}, dt::f32, tag::ab),
        b({s.c, s.oc}, dt::f32, tag::any), c({s.n, s.oc}, dt::f32, tag::ab);
    auto pd = matmul::primitive_desc(matmul::desc(a, b, c), eng);
    auto* wm = new memory(pd.weights_desc(), eng);
    memory user({{s.c, s.oc}, dt::f32, tag::ab}, eng, keep[1].data());
    reorder(user, *wm).execute(st, user, *wm);
    auto* p = new matmul(pd);
    memory am(a, eng, keep[0].data()), cm(c, eng, keep[2].data());
    return [=, &st]() {
      p->execute(
          st,
          {{DNNL_ARG_SRC, am}, {DNNL_ARG_WEIGHTS, *wm}, {DNNL_ARG_DST, cm}});
      st.wait();
    };
  }
  const int g = s.groups, oh = Out(s, s.h), ow = Out(s, s.w);
  const int pad = std::max((oh - 1) * s.stride + s.k - s.h, 0);
  keep[0] = Rand(size_t(s.n) * s.h * s.w * s.c);
  keep[1] = Rand(size_t(s.k) * s.k * s.c / g * s.oc);
  keep[2].resize(size_t(s.n) * oh * ow * s.oc);
  memory::desc src({s.n, s.c, s.h, s.w}, dt::f32, tag::nhwc);
  memory::desc dst({s.n, s.oc, oh, ow}, dt::f32, tag::nhwc);
  memory::dims wdims = g == 1 ? memory::dims{s.oc, s.c, s.k, s.k}
                              : memory::dims{g, s.oc / g, s.c / g, s.k, s.k};
  memory::desc wany(wdims, dt::f32, tag::any);
  auto pd = convolution_forward::primitive_desc(
      convolution_forward::desc(prop_kind::forward_inference,
                                algorithm::convolution_direct, src, wany, dst,
                                {s.stride, s.stride}, {pad / 2, pad / 2},
                                {pad - pad / 2, pad - pad / 2}),
      eng);
  auto* wm = new memory(pd.weights_desc(), eng);
  memory user({wdims, dt::f32, g == 1 ? tag::hwio : tag::hwigo}, eng,
              keep[1].data());
  reorder(user, *wm).execute(st, user, *wm);
  auto* p = new convolution_forward(pd);
  memory sm(src, eng, keep[0].data()), dm(dst, eng, keep[2].data());
  return [=, &st]() {
    p->execute(
        st, {{DNNL_ARG_SRC, sm}, {DNNL_ARG_WEIGHTS, *wm}, {DNNL_ARG_DST, dm}});
    st.wait();
  };
}

std::function<void()> Xnn(const Shape& s) {
  auto* keep = new std::vector<float>[4];
  xnn_operator_t op = nullptr;
  const int oh = Out(s, s.h), ow = Out(s, s.w);
  if (s.dense) {
    keep[0] = Rand(s.n * s.c), keep[1] = Rand(s.c * s.oc),
    keep[2].resize(s.n * s.oc);
    xnn_create_fully_connected_nc_f32(s.c, s.oc, s.c, s.oc, keep[1].data(),
                                      nullptr, -INFINITY, INFINITY,
                                      XNN_FLAG_TRANSPOSE_WEIGHTS, &op);
    xnn_setup_fully_connected_nc_f32(op, s.n, keep[0].data(), keep[2].data(),
                                     nullptr);
  } else {
    const int g = s.groups, pad = std::max((oh - 1) * s.stride + s.k - s.h, 0);
    keep[0] = Rand(size_t(s.n) * s.h * s.w * s.c);
    keep[1] = Rand(size_t(s.k) * s.k * s.c / g * s.oc);
    keep[2].resize(size_t(s.n) * oh * ow * s.oc);
    xnn_create_convolution2d_nhwc_f32(
        pad / 2, pad - pad / 2, pad - pad / 2, pad / 2, s.k, s.k, s.stride,
        s.stride, 1, 1, g, s.c / g, s.oc / g, s.c, s.oc, keep[1].data(),
        nullptr, -INFINITY, INFINITY,
        g > 1 ? XNN_FLAG_DEPTHWISE_CONVOLUTION : 0, &op);
    xnn_setup_convolution2d_nhwc_f32(op, s.n, s.h, s.w, keep[0].data(),
                                     keep[2].data(), nullptr);
  }
  return [op]() { xnn_run_operator(op, nullptr); };
}

// im2col (non-dense) + GEMM, m x k x n, through `gemm`.
using GemmFn =
    std::function<void(const float*, const float*, float*, int, int, int)>;
std::function<void()> Im2ColGemm(const Shape& s, GemmFn gemm) {
  if (s.groups != 1) return nullptr;
  const int oh = Out(s, s.h), ow = Out(s, s.w);
  const int m = s.dense ? s.n : s.n * oh * ow,
            k = s.dense ? s.c : s.k * s.k * s.c;
  auto* a = new std::vector<float>(Rand(size_t(m) * k));
  auto* b = new std::vector<float>(Rand(size_t(k) * s.oc));
  auto* c = new std::vector<float>(size_t(m) * s.oc);
  auto* in = new std::vector<float>(Rand(size_t(s.n) * s.h * s.w * s.c));
  return [=]() {
    if (!s.dense && s.k > 1) {  // the patch copy an im2col conv pays
      for (int p = 0; p < m; ++p) {
        for (int t = 0; t < s.k * s.k; ++t) {
          std::copy_n(in->data() + (size_t(p) * s.c) % in->size(), s.c,
                      a->data() + size_t(p) * k + t * s.c);
        }
      }
    }
    gemm(a->data(), b->data(), c->data(), m, k, s.oc);
  };
}

void EigenGemm(const float* a, const float* b, float* c, int m, int k, int n) {
  using M = Eigen::Matrix<float, -1, -1, Eigen::RowMajor>;
  Eigen::Map<M>(c, m, n).noalias() =
      Eigen::Map<const M>(a, m, k) * Eigen::Map<const M>(b, k, n);
}

void Blas(const float* a, const float* b, float* c, int m, int k, int n) {
  cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, m, n, k, 1, a, k, b, n,
              0, c, n);
}

}  // namespace

int main(int argc, char** argv) {
  const int repeats = argc > 1 ? std::atoi(argv[1]) : 9;
  openblas_set_num_threads(1);
  xnn_initialize(nullptr);
  dnnl::engine eng(dnnl::engine::kind::cpu, 0);
  dnnl::stream st(eng);
  const std::vector<Shape> shapes = {
      {"MatMul 1x784x1024 (mlp b1)", 1, 1, 1, 784, 1024, 1, 1, 1, true},
      {"MatMul 32x1024x1024 (mlp b32)", 32, 1, 1, 1024, 1024, 1, 1, 1, true},
      {"MatMul 32x3136x1024 (cnn b32)", 32, 1, 1, 3136, 1024, 1, 1, 1, true},
      {"Conv 5x5 14x14x32->64 b32 (cnn)", 32, 14, 14, 32, 64, 5, 1, 1, false},
      {"Conv 3x3/2 224x224x3->32 b1 (mobilenet)", 1, 224, 224, 3, 32, 3, 2, 1,
       false},
      {"Conv 1x1 56x56x128->128 b1 (mobilenet)", 1, 56, 56, 128, 128, 1, 1, 1,
       false},
      {"Conv 1x1 14x14x512->512 b32 (mobilenet)", 32, 14, 14, 512, 512, 1, 1, 1,
       false},
      {"Depthwise 3x3 112x112x64 b1 (mobilenet)", 1, 112, 112, 64, 64, 3, 1, 64,
       false},
      {"Depthwise 3x3/2 56x56x128 b32 (mobilenet)", 32, 56, 56, 128, 128, 3, 2,
       128, false},
  };
  std::printf("| shape | GFLOP | oneDNN | XNNPACK | OpenBLAS | Eigen |\n");
  std::printf("|---|---|---|---|---|---|\n");
  for (const Shape& s : shapes) {
    const double gf = Flops(s) / 1e9;
    auto rate = [&](const std::function<void()>& fn) {
      if (!fn) return std::string("n/a");
      char buf[32];
      std::snprintf(buf, sizeof buf, "%.1f",
                    gf / (MedianMs(repeats, fn) / 1e3));
      return std::string(buf);
    };
    std::printf("| %s | %.3f | %s | %s | %s | %s |\n", s.name.c_str(), gf,
                rate(OneDnn(s, eng, st)).c_str(), rate(Xnn(s)).c_str(),
                rate(Im2ColGemm(s, Blas)).c_str(),
                rate(Im2ColGemm(s, EigenGemm)).c_str());
    std::fflush(stdout);
  }
  return 0;
}
