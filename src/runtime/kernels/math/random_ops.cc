// RandomUniform, RandomStandardNormal, TruncatedNormal with TF's seeded
// streams (reference/philox.h). As TF's GuardedPhiloxRandom: seed = seed2
// = 0 picks fresh random seeds; every Compute reserves 256 Philox blocks
// per output element, so successive runs continue the stream. Outputs are
// filled in groups (4 values for 32/16-bit types, 2 for double) that do
// not depend on threading.
#include <array>
#include <cstdint>
#include <mutex>
#include <random>
#include <type_traits>

#include "runtime/kernel_registry.h"
#include "runtime/kernels/kernel_util.h"
#include "runtime/kernels/math/dtype_dispatch.h"
#include "runtime/kernels/math/math_kernels.h"
#include "runtime/kernels/math/parallel.h"
#include "runtime/kernels/reference/numeric.h"
#include "runtime/kernels/reference/philox.h"
#include "runtime/op_kernel.h"

namespace tfpersist {
namespace {

using reference::Philox;

enum class Dist { kUniform, kNormal, kTruncatedNormal };
constexpr int kReservedBlocksPerOutput = 256;

template <typename T>
constexpr int GroupSize() {
  return std::is_same_v<T, double> ? 2 : 4;
}

// One group of uniform or normal values from one Philox block.
template <typename T, Dist kDist>
std::array<double, 4> FixedGroup(Philox* gen) {
  const Philox::Block s = gen->Next();
  std::array<double, 4> v{};
  if constexpr (kDist == Dist::kUniform) {
    for (int i = 0; i < GroupSize<T>(); ++i) {
      if constexpr (std::is_same_v<T, double>) {
        v[i] = reference::Uint64ToDouble(s[2 * i], s[2 * i + 1]);
      } else if constexpr (std::is_same_v<T, half>) {
        v[i] = reference::Uint16ToHalfValue(s[i]);
      } else if constexpr (std::is_same_v<T, bfloat16>) {
        v[i] = reference::Uint16ToBFloat16Value(s[i]);
      } else {
        v[i] = reference::Uint32ToFloat(s[i]);
      }
    }
  } else if constexpr (std::is_same_v<T, double>) {
    reference::BoxMullerDouble(s[0], s[1], s[2], s[3], &v[0], &v[1]);
  } else {
    float f[4];
    reference::BoxMullerFloat(s[0], s[1], &f[0], &f[1]);
    reference::BoxMullerFloat(s[2], s[3], &f[2], &f[3]);
    for (int i = 0; i < 4; ++i) v[i] = f[i];
  }
  return v;
}

// One group of normals with |x| < 2, drawing single words.
template <typename T>
std::array<double, 4> TruncatedGroup(Philox* gen) {
  reference::PhiloxSingle single(gen);
  std::array<double, 4> v{};
  int n = 0;
  while (true) {
    double pair[2];
    if constexpr (std::is_same_v<T, double>) {
      const uint32_t x0 = single(), x1 = single(), x2 = single(), x3 = single();
      reference::BoxMullerDouble(x0, x1, x2, x3, &pair[0], &pair[1]);
    } else {
      const uint32_t x0 = single(), x1 = single();
      float f0, f1;
      reference::BoxMullerFloat(x0, x1, &f0, &f1);
      pair[0] = f0;
      pair[1] = f1;
    }
    for (double x : pair) {
      if (std::abs(x) < 2.0) {
        v[n++] = x;
        if (n == GroupSize<T>()) return v;
      }
    }
  }
}

// Fills out[0, size) from the stream starting at `base`.
template <typename T, Dist kDist>
void Fill(const OpKernelContext* ctx, const Philox& base, T* out,
          int64_t size) {
  constexpr int kGroup = GroupSize<T>();
  const int64_t groups = (size + kGroup - 1) / kGroup;
  ParallelFor(ctx, groups, 40 * kGroup, [&](int64_t g0, int64_t g1) {
    Philox gen = base;
    if (kDist != Dist::kTruncatedNormal) gen.Skip(g0);
    for (int64_t g = g0; g < g1; ++g) {
      std::array<double, 4> v;
      if constexpr (kDist == Dist::kTruncatedNormal) {
        gen = base;
        gen.Skip(g * (kGroup * kReservedBlocksPerOutput / 4));
        v = TruncatedGroup<T>(&gen);
      } else {
        v = FixedGroup<T, kDist>(&gen);
      }
      for (int i = 0; i < kGroup && g * kGroup + i < size; ++i) {
        out[g * kGroup + i] = reference::FromCompute<T>(
            static_cast<reference::ComputeType<T>>(v[i]));
      }
    }
  });
}

template <Dist kDist>
class RandomOp : public OpKernel {
 public:
  explicit RandomOp(OpKernelConstruction* c) : OpKernel(c), generator_(0, 0) {
    int64_t seed = 0, seed2 = 0;
    OP_REQUIRES_OK(c, c->GetAttr("seed", &seed));
    OP_REQUIRES_OK(c, c->GetAttr("seed2", &seed2));
    if (!RequireDType(c, FloatTypes{}, "dtype", c->output_type(0))) return;
    if (seed == 0 && seed2 == 0) {
      std::random_device rd;
      seed = (int64_t{rd()} << 32) | rd();
      seed2 = (int64_t{rd()} << 32) | rd();
    }
    generator_ =
        Philox(static_cast<uint64_t>(seed), static_cast<uint64_t>(seed2));
  }

  void Compute(OpKernelContext* ctx) override {
    OP_REQUIRES(ctx, ctx->input(0).dims() <= 1,
                errors::InvalidArgument("shape must be a vector of {int32,"
                                        "int64}, got shape ",
                                        ctx->input(0).shape().DebugString()));
    OP_REQUIRES_ASSIGN(ctx, std::vector<int64_t> dims,
                       ReadIndexTensor(ctx->input(0), "shape"));
    OP_REQUIRES_ASSIGN(ctx, TensorShape shape, TensorShape::Build(dims));
    OP_REQUIRES_ASSIGN(ctx, Tensor * out, ctx->allocate_output(0, shape));
    Philox base(0, 0);
    {
      std::lock_guard<std::mutex> lock(mu_);
      base = generator_;
      generator_.Skip(static_cast<uint64_t>(out->NumElements()) *
                      kReservedBlocksPerOutput);
    }
    DispatchDType(FloatTypes{}, out->dtype(), [&](auto tag) {
      using T = typename decltype(tag)::type;
      Fill<T, kDist>(ctx, base, out->data<T>(), out->NumElements());
    });
  }

 private:
  std::mutex mu_;
  Philox generator_;  // guarded by mu_
};

}  // namespace

void RegisterRandomKernels(KernelRegistry* r) {
  r->Register<RandomOp<Dist::kUniform>>("RandomUniform");
  r->Register<RandomOp<Dist::kNormal>>("RandomStandardNormal");
  r->Register<RandomOp<Dist::kTruncatedNormal>>("TruncatedNormal");
}

}  // namespace tfpersist
