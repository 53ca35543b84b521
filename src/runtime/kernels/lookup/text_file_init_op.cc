// InitializeTableFromTextFileV2: fills a table from a text file (a
// vocabulary asset), one entry per line. key_index / value_index pick a
// column (split at any character of `delimiter`), -2 the whole line
// (string), -1 the line number + offset (int64). vocab_size > 0 reads that
// many lines and requires them. Lines end at '\n' (a trailing '\r' is
// dropped); the file is read through the session's Env.
#include <algorithm>
#include <charconv>
#include <cstdlib>

#include "runtime/kernel_registry.h"
#include "runtime/kernels/lookup/lookup_table.h"
#include "runtime/op_kernel.h"

namespace tfpersist {
namespace {

constexpr int64_t kWholeLine = -2;
constexpr int64_t kLineNumber = -1;

struct TextFileSpec {
  int64_t key_index, value_index, vocab_size, offset;
  std::string delimiter;
  std::string filename;
};

std::vector<std::string_view> SplitLine(std::string_view line,
                                        std::string_view delims) {
  std::vector<std::string_view> tokens;
  size_t start = 0;
  for (size_t i = 0; i <= line.size(); ++i) {
    if (i == line.size() || delims.find(line[i]) != std::string_view::npos) {
      tokens.push_back(line.substr(start, i - start));
      start = i + 1;
    }
  }
  return tokens;
}

// Parses `field` into element i of `out` (dtype of the table's column).
Status ParseField(std::string_view field, int64_t line, int64_t i,
                  Tensor* out) {
  const DataType dt = out->dtype();
  auto bad = [&]() {
    return errors::InvalidArgument("Field ", field, " in line ", line,
                                   " is not a valid ", DataTypeString(dt), ".");
  };
  const char* b = field.data();
  const char* e = field.data() + field.size();
  if (dt == DT_STRING) {
    out->data<std::string>()[i] = std::string(field);
  } else if (dt == DT_INT64 || dt == DT_INT32) {
    int64_t v = 0;
    auto r = std::from_chars(b, e, v);
    if (r.ec != std::errc() || r.ptr != e ||
        (dt == DT_INT32 && (v < INT32_MIN || v > INT32_MAX))) {
      return bad();
    }
    if (dt == DT_INT64) out->data<int64_t>()[i] = v;
    if (dt == DT_INT32) out->data<int32_t>()[i] = static_cast<int32_t>(v);
  } else if (dt == DT_FLOAT || dt == DT_DOUBLE) {
    double v = 0;
    auto r = std::from_chars(b, e, v);
    if (r.ec != std::errc() || r.ptr != e) return bad();
    if (dt == DT_FLOAT) out->data<float>()[i] = static_cast<float>(v);
    if (dt == DT_DOUBLE) out->data<double>()[i] = v;
  } else {
    return errors::InvalidArgument("Cannot parse a ", DataTypeString(dt),
                                   " column from a text file");
  }
  return OkStatus();
}

// The lines the table reads (vocab_size checked).
StatusOr<std::vector<std::string_view>> Lines(std::string_view text,
                                              const TextFileSpec& s) {
  std::vector<std::string_view> lines;
  while (!text.empty() && (s.vocab_size < 0 ||
                           static_cast<int64_t>(lines.size()) < s.vocab_size)) {
    size_t nl = text.find('\n');
    std::string_view line = text.substr(0, nl);
    text.remove_prefix(nl == std::string_view::npos ? text.size() : nl + 1);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty()) {
      return errors::InvalidArgument("Invalid content in ", s.filename,
                                     ": empty line found at line ",
                                     lines.size(), ".");
    }
    lines.push_back(line);
  }
  if (s.vocab_size > 0 && static_cast<int64_t>(lines.size()) < s.vocab_size) {
    return errors::InvalidArgument("Invalid vocab_size in ", s.filename,
                                   ": expected: ", s.vocab_size,
                                   " but got: ", lines.size());
  }
  return lines;
}

// Element i of `out` from `line` (line number n) per `index`.
Status Column(std::string_view line, int64_t n, int64_t index,
              const TextFileSpec& s, int64_t i, Tensor* out) {
  if (index == kWholeLine) return ParseField(line, n, i, out);
  if (index == kLineNumber) {
    out->data<int64_t>()[i] = n + s.offset;
    return OkStatus();
  }
  std::vector<std::string_view> tokens = SplitLine(line, s.delimiter);
  const int64_t needed = std::max(s.key_index, s.value_index);
  if (needed >= static_cast<int64_t>(tokens.size())) {
    return errors::InvalidArgument("Invalid number of columns in ", s.filename,
                                   " line ", n, " (", line, ") : expected ",
                                   needed, " got ", tokens.size());
  }
  return ParseField(tokens[index], n, i, out);
}

Status CheckIndexType(int64_t index, DataType dtype, const char* what) {
  if (index == kLineNumber && dtype != DT_INT64) {
    return errors::InvalidArgument(
        "Signature mismatch. ", what, " must be dtype int64, got ",
        DataTypeString(dtype), " (the index is the line number)");
  }
  if (index == kWholeLine && dtype != DT_STRING) {
    return errors::InvalidArgument(
        "Signature mismatch. ", what, " must be dtype string, got ",
        DataTypeString(dtype), " (the index is the whole line)");
  }
  return OkStatus();
}

class InitializeTableFromTextFileOp : public OpKernel {
 public:
  explicit InitializeTableFromTextFileOp(OpKernelConstruction* c)
      : OpKernel(c) {
    OP_REQUIRES_OK(c, c->GetAttr("key_index", &spec_.key_index));
    OP_REQUIRES_OK(c, c->GetAttr("value_index", &spec_.value_index));
    OP_REQUIRES_OK(c, c->GetAttr("vocab_size", &spec_.vocab_size));
    OP_REQUIRES_OK(c, c->GetAttr("delimiter", &spec_.delimiter));
    spec_.offset = 0;
    if (c->HasAttr("offset")) {
      OP_REQUIRES_OK(c, c->GetAttr("offset", &spec_.offset));
    }
    OP_REQUIRES(c, spec_.vocab_size != 0,
                errors::InvalidArgument("vocab_size must be > 0 or -1"));
  }

  void Compute(OpKernelContext* ctx) override {
    OP_REQUIRES_ASSIGN(
        ctx, auto table,
        ctx->resource_manager()->Lookup<LookupTable>(ctx->input_handle(0)));
    const Tensor& filename = ctx->input(1);
    OP_REQUIRES(
        ctx, filename.dims() == 0,
        errors::InvalidArgument("filename should be a single string, but got ",
                                filename.shape().DebugString()));
    TextFileSpec spec = spec_;
    spec.filename = filename.scalar<std::string>();
    OP_REQUIRES_OK(ctx,
                   CheckIndexType(spec.key_index, table->key_dtype(), "Keys"));
    OP_REQUIRES_OK(
        ctx, CheckIndexType(spec.value_index, table->value_dtype(), "Values"));
    OP_REQUIRES_ASSIGN(ctx, std::string text,
                       ReadFileToString(ctx->env(), spec.filename));
    OP_REQUIRES_ASSIGN(ctx, auto lines, Lines(text, spec));
    const TensorShape shape({static_cast<int64_t>(lines.size())});
    Tensor keys(table->key_dtype(), shape);
    Tensor values(table->value_dtype(), shape);
    for (size_t n = 0; n < lines.size(); ++n) {
      const int64_t i = static_cast<int64_t>(n);
      OP_REQUIRES_OK(ctx, Column(lines[n], i, spec.key_index, spec, i, &keys));
      OP_REQUIRES_OK(ctx,
                     Column(lines[n], i, spec.value_index, spec, i, &values));
    }
    OP_REQUIRES_OK(ctx, table->Initialize(keys, values));
  }

 private:
  TextFileSpec spec_;
};

}  // namespace

void RegisterTextFileInitKernels(KernelRegistry* r) {
  r->Register<InitializeTableFromTextFileOp>("InitializeTableFromTextFileV2");
}

}  // namespace tfpersist
