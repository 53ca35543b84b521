// StringToNumber: parses each string as out_type (float, double, int32,
// int64), as TF's strings::SafeStringToNumeric: surrounding ASCII
// whitespace is ignored, a leading '+' is allowed, floats accept inf/nan and
// saturate to +-inf (or 0) when out of range, integers must be in range.
// INVALID_ARGUMENT "StringToNumberOp could not correctly convert string: s".
#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <limits>

#include "runtime/kernel_registry.h"
#include "runtime/op_kernel.h"

namespace tfpersist {
namespace {

std::string_view Trim(std::string_view s) {
  auto space = [](char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
           c == '\v';
  };
  while (!s.empty() && space(s.front())) s.remove_prefix(1);
  while (!s.empty() && space(s.back())) s.remove_suffix(1);
  return s;
}

template <typename T>
bool ParseInt(std::string_view s, T* out) {
  s = Trim(s);
  if (s.size() > 1 && s[0] == '+' && s[1] != '-') s.remove_prefix(1);
  auto r = std::from_chars(s.data(), s.data() + s.size(), *out);
  return !s.empty() && r.ec == std::errc() && r.ptr == s.data() + s.size();
}

template <typename T>
bool ParseFloat(std::string_view s, T* out) {
  s = Trim(s);
  if (s.size() > 1 && s[0] == '+' && s[1] != '-') s.remove_prefix(1);
  if (s.empty()) return false;
  auto r = std::from_chars(s.data(), s.data() + s.size(), *out);
  if (r.ptr != s.data() + s.size()) return false;
  if (r.ec == std::errc::result_out_of_range) {
    // Saturate as strtod does: +-HUGE_VAL, or a tiny value towards 0.
    const std::string copy(s);
    errno = 0;
    const double d = std::strtod(copy.c_str(), nullptr);
    *out = static_cast<T>(d);
    return true;
  }
  return r.ec == std::errc();
}

template <typename T>
bool Parse(std::string_view s, T* out) {
  if constexpr (std::is_floating_point_v<T>) {
    return ParseFloat(s, out);
  } else {
    return ParseInt(s, out);
  }
}

class StringToNumberOp : public OpKernel {
 public:
  explicit StringToNumberOp(OpKernelConstruction* c) : OpKernel(c) {
    OP_REQUIRES_OK(c, c->GetAttr("out_type", &out_type_));
  }

  void Compute(OpKernelContext* ctx) override {
    const Tensor& in = ctx->input(0);
    OP_REQUIRES_ASSIGN(ctx, Tensor * out, ctx->allocate_output(0, in.shape()));
    switch (out_type_) {
      case DT_FLOAT:
        return Convert<float>(ctx, in, out);
      case DT_DOUBLE:
        return Convert<double>(ctx, in, out);
      case DT_INT32:
        return Convert<int32_t>(ctx, in, out);
      case DT_INT64:
        return Convert<int64_t>(ctx, in, out);
      default:
        ctx->SetStatus(
            errors::InvalidArgument("StringToNumber does not support out_type ",
                                    DataTypeString(out_type_)));
    }
  }

 private:
  template <typename T>
  static void Convert(OpKernelContext* ctx, const Tensor& in, Tensor* out) {
    auto src = in.flat<std::string>();
    auto dst = out->flat<T>();
    for (size_t i = 0; i < src.size(); ++i) {
      OP_REQUIRES(
          ctx, Parse(src[i], &dst[i]),
          errors::InvalidArgument(
              "StringToNumberOp could not correctly convert string: ", src[i]));
    }
  }

  DataType out_type_ = DT_FLOAT;
};

}  // namespace

void RegisterStringToNumberKernels(KernelRegistry* r) {
  r->Register<StringToNumberOp>("StringToNumber");
}

}  // namespace tfpersist
