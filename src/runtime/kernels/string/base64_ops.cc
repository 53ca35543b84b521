// EncodeBase64 / DecodeBase64 (web-safe alphabet, '-' and '_', as TF's
// tf.io.encode_base64; '=' padding optional on both sides) and
// StringLength (bytes or UTF-8 characters).
#include "runtime/kernel_registry.h"
#include "runtime/op_kernel.h"

namespace tfpersist {
namespace {

constexpr char kAlphabet[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

std::string Encode(std::string_view in, bool pad) {
  std::string out;
  size_t i = 0;
  for (; i + 3 <= in.size(); i += 3) {
    const uint32_t v = uint32_t(uint8_t(in[i])) << 16 |
                       uint32_t(uint8_t(in[i + 1])) << 8 | uint8_t(in[i + 2]);
    for (int s = 18; s >= 0; s -= 6) out += kAlphabet[(v >> s) & 63];
  }
  const size_t rest = in.size() - i;
  if (rest > 0) {
    uint32_t v = uint32_t(uint8_t(in[i])) << 16;
    if (rest == 2) v |= uint32_t(uint8_t(in[i + 1])) << 8;
    out += kAlphabet[(v >> 18) & 63];
    out += kAlphabet[(v >> 12) & 63];
    if (rest == 2) out += kAlphabet[(v >> 6) & 63];
    if (pad) out.append(3 - rest, '=');
  }
  return out;
}

int DecodeChar(char c) {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a' + 26;
  if (c >= '0' && c <= '9') return c - '0' + 52;
  if (c == '-') return 62;
  if (c == '_') return 63;
  return -1;
}

StatusOr<std::string> Decode(std::string_view in) {
  while (!in.empty() && in.back() == '=') in.remove_suffix(1);
  if (in.size() % 4 == 1) {
    return errors::InvalidArgument("Invalid base64 string length: ", in.size(),
                                   " characters after removing "
                                   "padding");
  }
  std::string out;
  uint32_t acc = 0;
  int bits = 0;
  for (char c : in) {
    const int v = DecodeChar(c);
    if (v < 0) {
      return errors::InvalidArgument("Invalid character found in base64.");
    }
    acc = (acc << 6) | static_cast<uint32_t>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += static_cast<char>((acc >> bits) & 0xff);
    }
  }
  return out;
}

class EncodeBase64Op : public OpKernel {
 public:
  explicit EncodeBase64Op(OpKernelConstruction* c) : OpKernel(c) {
    OP_REQUIRES_OK(c, c->GetAttr("pad", &pad_));
  }
  void Compute(OpKernelContext* ctx) override {
    const Tensor& in = ctx->input(0);
    OP_REQUIRES_ASSIGN(ctx, Tensor * out, ctx->allocate_output(0, in.shape()));
    for (int64_t i = 0; i < in.NumElements(); ++i) {
      out->data<std::string>()[i] = Encode(in.data<std::string>()[i], pad_);
    }
  }

 private:
  bool pad_ = false;
};

class DecodeBase64Op : public OpKernel {
 public:
  using OpKernel::OpKernel;
  void Compute(OpKernelContext* ctx) override {
    const Tensor& in = ctx->input(0);
    OP_REQUIRES_ASSIGN(ctx, Tensor * out, ctx->allocate_output(0, in.shape()));
    for (int64_t i = 0; i < in.NumElements(); ++i) {
      OP_REQUIRES_ASSIGN(ctx, out->data<std::string>()[i],
                         Decode(in.data<std::string>()[i]));
    }
  }
};

class StringLengthOp : public OpKernel {
 public:
  explicit StringLengthOp(OpKernelConstruction* c) : OpKernel(c) {
    std::string unit;
    OP_REQUIRES_OK(c, c->GetAttr("unit", &unit));
    utf8_ = unit == "UTF8_CHAR";
  }
  void Compute(OpKernelContext* ctx) override {
    const Tensor& in = ctx->input(0);
    OP_REQUIRES_ASSIGN(ctx, Tensor * out, ctx->allocate_output(0, in.shape()));
    for (int64_t i = 0; i < in.NumElements(); ++i) {
      const std::string& s = in.data<std::string>()[i];
      int64_t n = static_cast<int64_t>(s.size());
      if (utf8_) {
        n = 0;  // characters = bytes that do not continue a sequence
        for (char c : s) n += (static_cast<uint8_t>(c) & 0xc0) != 0x80;
      }
      out->data<int32_t>()[i] = static_cast<int32_t>(n);
    }
  }

 private:
  bool utf8_ = false;
};

}  // namespace

void RegisterBase64Kernels(KernelRegistry* r) {
  r->Register<EncodeBase64Op>("EncodeBase64");
  r->Register<DecodeBase64Op>("DecodeBase64");
  r->Register<StringLengthOp>("StringLength");
}

}  // namespace tfpersist
