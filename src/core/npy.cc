// NumPy .npy reading and writing. Layout (numpy/lib/format.py):
//
//   offset 0  "\x93NUMPY"                      magic, 6 bytes
//   offset 6  major, minor                     1.0, 2.0 or 3.0
//   offset 8  header length                    uint16 LE (1.0), uint32 LE
//   offset 10 or 12: header                    Python dict literal, ASCII
//                                              (3.0: UTF-8), padded with
//                                              spaces, ending in '\n'
//   then the elements, C order, at a multiple of 64 bytes (numpy >= 1.x
//   aligns to 64; readers must not rely on it).
#include "tfpersist/core/npy.h"

#include <algorithm>
#include <cstring>
#include <optional>
#include <vector>

#include "core/npy_header.h"
#include "core/npy_pickle.h"

namespace tfpersist {
namespace {

constexpr std::string_view kMagic = "\x93NUMPY";
constexpr size_t kArrayAlign = 64;
// numpy pads the header so the first dimension can grow in place.
constexpr size_t kGrowthAxisMaxDigits = 21;

struct NpyType {
  const char* descr;  // as numpy writes it
  DataType dtype;
};

constexpr NpyType kTypes[] = {
    {"<f2", DT_HALF},      {"<f4", DT_FLOAT},       {"<f8", DT_DOUBLE},
    {"|i1", DT_INT8},      {"<i2", DT_INT16},       {"<i4", DT_INT32},
    {"<i8", DT_INT64},     {"|u1", DT_UINT8},       {"<u2", DT_UINT16},
    {"<u4", DT_UINT32},    {"<u8", DT_UINT64},      {"|b1", DT_BOOL},
    {"<c8", DT_COMPLEX64}, {"<c16", DT_COMPLEX128},
};

// '<f4' -> DT_FLOAT. One-byte types may carry any byte-order mark.
StatusOr<DataType> DtypeFromDescr(std::string_view descr,
                                  std::string_view name) {
  if (descr.size() >= 2) {
    const char order = descr[0];
    const std::string_view code = descr.substr(1);
    for (const NpyType& t : kTypes) {
      if (code != std::string_view(t.descr).substr(1)) continue;
      if (order == '<' || (DataTypeSize(t.dtype) == 1 &&
                           (order == '|' || order == '>' || order == '='))) {
        return t.dtype;
      }
      if (order == '>') {
        return errors::Unimplemented("NumPy file ", name, " is big-endian ('",
                                     descr,
                                     "'); only little-endian is supported");
      }
    }
  }
  return errors::Unimplemented("NumPy file ", name, " has dtype '", descr,
                               "', which tfpersist does not support");
}

// The element size of a fixed-width string descr: "|S5" -> 5 bytes per
// element (kind 'S'), "<U3" -> 12 bytes (kind 'U', UTF-32). nullopt when
// descr is not one.
struct StringDescr {
  char kind;
  size_t width;  // bytes per element
};
std::optional<StringDescr> ParseStringDescr(std::string_view descr) {
  if (descr.size() < 2 || (descr[0] != '|' && descr[0] != '<' &&
                           descr[0] != '=' && descr[0] != '>')) {
    return std::nullopt;
  }
  const char kind = descr[1];
  if (kind != 'S' && kind != 'U') return std::nullopt;
  if (kind == 'U' && descr[0] == '>') return std::nullopt;
  size_t n = 0;
  for (char c : descr.substr(2)) {
    if (c < '0' || c > '9' || n > (size_t{1} << 40)) return std::nullopt;
    n = n * 10 + static_cast<size_t>(c - '0');
  }
  return StringDescr{kind, kind == 'U' ? n * 4 : n};
}

// Appends code point `cp` as UTF-8; false for an invalid code point.
bool AppendUtf8(uint32_t cp, std::string* out) {
  if (cp < 0x80) {
    *out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    *out += static_cast<char>(0xc0 | (cp >> 6));
    *out += static_cast<char>(0x80 | (cp & 0x3f));
  } else if (cp < 0x10000) {
    if (cp >= 0xd800 && cp < 0xe000) return false;
    *out += static_cast<char>(0xe0 | (cp >> 12));
    *out += static_cast<char>(0x80 | ((cp >> 6) & 0x3f));
    *out += static_cast<char>(0x80 | (cp & 0x3f));
  } else if (cp < 0x110000) {
    *out += static_cast<char>(0xf0 | (cp >> 18));
    *out += static_cast<char>(0x80 | ((cp >> 12) & 0x3f));
    *out += static_cast<char>(0x80 | ((cp >> 6) & 0x3f));
    *out += static_cast<char>(0x80 | (cp & 0x3f));
  } else {
    return false;
  }
  return true;
}

// A DT_STRING tensor from fixed-width elements: bytes ('S', trailing NULs
// stripped as numpy does) or UTF-32LE ('U', converted to UTF-8).
StatusOr<Tensor> ParseFixedStrings(std::string_view data, StringDescr d,
                                   const TensorShape& shape,
                                   std::string_view name) {
  const uint64_t n = static_cast<uint64_t>(shape.num_elements());
  if (d.width > 0 && n > data.size() / d.width) {
    return errors::DataLoss("NumPy file ", name, " is truncated: shape ",
                            shape.DebugString(), " of ", d.width,
                            "-byte strings needs more than the ", data.size(),
                            " bytes that follow the header");
  }
  TFP_ASSIGN_OR_RETURN(Tensor t, Tensor::Allocate(DT_STRING, shape));
  std::string* out = t.data<std::string>();
  for (uint64_t i = 0; i < n; ++i) {
    std::string_view e = data.substr(i * d.width, d.width);
    if (d.kind == 'S') {
      while (!e.empty() && e.back() == '\0') e.remove_suffix(1);
      out[i] = std::string(e);
      continue;
    }
    for (size_t k = 0; k + 4 <= e.size(); k += 4) {
      uint32_t cp = 0;
      for (int b = 0; b < 4; ++b) {
        cp |= uint32_t{static_cast<uint8_t>(e[k + b])} << (8 * b);
      }
      if (cp == 0) break;  // numpy pads with NUL code points
      if (!AppendUtf8(cp, &out[i])) {
        return errors::DataLoss("NumPy file ", name, ": element ", i,
                                " holds the invalid code point ", cp);
      }
    }
  }
  return t;
}

// Reads the version and header length; sets *header and *data_offset.
Status ReadPreamble(std::string_view bytes, std::string_view name,
                    std::string_view* header, size_t* data_offset) {
  if (bytes.size() < kMagic.size() || bytes.substr(0, 6) != kMagic) {
    return errors::InvalidArgument(name,
                                   " is not a NumPy .npy file (no "
                                   "\\x93NUMPY magic)");
  }
  if (bytes.size() < 10) {
    return errors::DataLoss("NumPy file ", name,
                            " is truncated in its "
                            "preamble (",
                            bytes.size(), " bytes)");
  }
  const int major = static_cast<uint8_t>(bytes[6]);
  const int minor = static_cast<uint8_t>(bytes[7]);
  if (major < 1 || major > 3 || minor != 0) {
    return errors::Unimplemented("NumPy file ", name, " has format version ",
                                 major, ".", minor, "; supported: 1.0-3.0");
  }
  const size_t len_size = major == 1 ? 2 : 4;
  if (bytes.size() < 8 + len_size) {
    return errors::DataLoss("NumPy file ", name,
                            " is truncated in its header length");
  }
  uint64_t header_len = 0;
  for (size_t i = 0; i < len_size; ++i) {
    header_len |= uint64_t{static_cast<uint8_t>(bytes[8 + i])} << (8 * i);
  }
  const size_t start = 8 + len_size;
  if (header_len > bytes.size() - start) {
    return errors::DataLoss("NumPy file ", name, " is truncated: header of ",
                            header_len, " bytes, but only ",
                            bytes.size() - start, " follow");
  }
  *header = bytes.substr(start, header_len);
  *data_offset = start + header_len;
  return OkStatus();
}

// numpy's repr of a shape tuple: "()", "(5,)", "(2, 3)".
std::string ShapeRepr(const TensorShape& shape) {
  if (shape.dims() == 1) return StrCat("(", shape.dim_size(0), ",)");
  std::string s = "(";
  for (int i = 0; i < shape.dims(); ++i) {
    if (i > 0) s += ", ";
    s += std::to_string(shape.dim_size(i));
  }
  return s + ")";
}

}  // namespace

StatusOr<Tensor> ParseNpy(std::string_view bytes,
                          std::string_view name_for_errors) {
  const std::string_view name = name_for_errors;
  std::string_view header;
  size_t offset = 0;
  TFP_RETURN_IF_ERROR(ReadPreamble(bytes, name, &header, &offset));
  TFP_ASSIGN_OR_RETURN(NpyHeader h, ParseNpyHeader(header, name));
  if (h.fortran_order) {
    return errors::Unimplemented("NumPy file ", name,
                                 " is in Fortran order; only C order is "
                                 "supported");
  }
  StatusOr<TensorShape> shape = TensorShape::Build(h.shape);
  if (!shape.ok()) {
    return errors::DataLoss("NumPy file ", name,
                            " has a bad shape: ", shape.status().message());
  }
  if (h.descr == "|O" || h.descr == "O") {
    return ParseNpyObjectArray(bytes.substr(offset), h.shape, name);
  }
  if (std::optional<StringDescr> sd = ParseStringDescr(h.descr)) {
    return ParseFixedStrings(bytes.substr(offset), *sd, *shape, name);
  }
  TFP_ASSIGN_OR_RETURN(DataType dtype, DtypeFromDescr(h.descr, name));
  const uint64_t n = static_cast<uint64_t>(shape->num_elements());
  const size_t available = bytes.size() - offset;
  if (n > available / DataTypeSize(dtype)) {
    return errors::DataLoss("NumPy file ", name, " is truncated: shape ",
                            shape->DebugString(), " of ", h.descr, " needs ", n,
                            " x ", DataTypeSize(dtype), " bytes, but ",
                            available, " follow the header");
  }
  TFP_ASSIGN_OR_RETURN(Tensor t, Tensor::Allocate(dtype, *shape));
  const size_t data_bytes = static_cast<size_t>(n) * DataTypeSize(dtype);
  if (data_bytes > 0)
    std::memcpy(t.raw_data(), bytes.data() + offset, data_bytes);
  if (dtype == DT_BOOL) {  // numpy treats any nonzero byte as True.
    for (size_t i = 0; i < data_bytes; ++i) {
      t.raw_data()[i] = t.raw_data()[i] != 0;
    }
  }
  return t;
}

StatusOr<std::string> SerializeNpy(const Tensor& tensor) {
  std::string descr;
  size_t width = 1;  // of a string element
  for (const NpyType& t : kTypes) {
    if (t.dtype == tensor.dtype()) descr = t.descr;
  }
  if (tensor.dtype() == DT_STRING) {
    for (const std::string& s : tensor.flat<std::string>()) {
      width = std::max(width, s.size());
    }
    descr = StrCat("|S", width);
  }
  if (descr.empty()) {
    return errors::Unimplemented("NumPy has no dtype for a ",
                                 DataTypeString(tensor.dtype()), " tensor");
  }
  // Keys sorted, as numpy writes them.
  std::string header = StrCat(
      "{'descr': '", descr,
      "', 'fortran_order': False, 'shape': ", ShapeRepr(tensor.shape()), ", }");
  if (tensor.dims() > 0) {
    header.append(
        kGrowthAxisMaxDigits - std::to_string(tensor.dim_size(0)).size(), ' ');
  }
  const bool v1 = header.size() + 1 + kArrayAlign + 10 <= 0xffff;
  const size_t prefix = v1 ? 10 : 12;
  const size_t hlen = header.size() + 1;
  const size_t pad = kArrayAlign - (prefix + hlen) % kArrayAlign;
  header.append(pad, ' ');
  header += '\n';
  std::string out(kMagic);
  out += static_cast<char>(v1 ? 1 : 2);
  out += '\0';
  for (size_t i = 0; i < prefix - 8; ++i) {
    out += static_cast<char>((header.size() >> (8 * i)) & 0xff);
  }
  out += header;
  if (tensor.dtype() != DT_STRING) {
    out += tensor.tensor_data();
    return out;
  }
  for (const std::string& s : tensor.flat<std::string>()) {
    out += s;
    out.append(width - s.size(), '\0');
  }
  return out;
}

StatusOr<Tensor> ReadNpy(Env* env, const std::string& path) {
  TFP_ASSIGN_OR_RETURN(std::string bytes, ReadFileToString(env, path));
  return ParseNpy(bytes, path);
}

Status WriteNpy(Env* env, const std::string& path, const Tensor& tensor) {
  StatusOr<std::string> bytes = SerializeNpy(tensor);
  if (!bytes.ok()) return bytes.status().WithContext(StrCat("writing ", path));
  return WriteStringToFile(env, path, *bytes);
}

}  // namespace tfpersist
