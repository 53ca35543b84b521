#include "io/bundle/tensor_data.h"

#include <algorithm>
#include <cstring>
#include <limits>
#include <tuple>
#include <vector>

#include "io/coding.h"
#include "io/crc32c.h"

namespace tfpersist {
namespace {

// Reads land in the destination in pieces small enough to still be in L2
// when the checksum runs over them.
constexpr size_t kReadChunk = 1 << 20;

}  // namespace

StatusOr<uint32_t> ReadWithChecksum(const RandomAccessFile& file,
                                    uint64_t offset, size_t n, char* dst) {
  uint32_t crc = 0;
  for (size_t done = 0; done < n;) {
    const size_t len = std::min(kReadChunk, n - done);
    std::string_view got;
    Status s = file.Read(offset + done, len, &got, dst + done);
    if (got.size() != len) {
      if (!s.ok() && !errors::IsOutOfRange(s)) return s;
      return errors::DataLoss("read only ", done + got.size(), " of ", n,
                              " bytes at offset ", offset, " of ", file.name(),
                              " (truncated file)");
    }
    TFP_RETURN_IF_ERROR(s);
    if (got.data() != dst + done) std::memcpy(dst + done, got.data(), len);
    crc = crc32c::Extend(crc, dst + done, len);
    done += len;
  }
  return crc;
}

namespace {

// Parses n varint64 lengths from the front of *in and returns the crc32c of
// them as TF computes it (fixed32 LE each, fixed64 if > 2^32-1, in the
// writer's byte order) and their sum in *total (saturating).
StatusOr<uint32_t> ParseStringLengths(std::string_view* in, bool swap_bytes,
                                      std::span<uint64_t> lengths,
                                      uint64_t* total) {
  uint32_t crc = 0;
  *total = 0;
  for (size_t i = 0; i < lengths.size(); ++i) {
    if (!GetVarint64(in, &lengths[i])) {
      return errors::DataLoss("string length ", i,
                              " is truncated or malformed");
    }
    char fixed[8];
    if (lengths[i] <= std::numeric_limits<uint32_t>::max()) {
      const uint32_t v = static_cast<uint32_t>(lengths[i]);
      EncodeFixed32(fixed, swap_bytes ? __builtin_bswap32(v) : v);
      crc = crc32c::Extend(crc, fixed, 4);
    } else {
      const uint64_t v = lengths[i];
      EncodeFixed64(fixed, swap_bytes ? __builtin_bswap64(v) : v);
      crc = crc32c::Extend(crc, fixed, 8);
    }
    if (__builtin_add_overflow(*total, lengths[i], total)) *total = ~0ull;
  }
  return crc;
}

}  // namespace

StatusOr<uint32_t> DecodeStringTensor(std::string_view stored, bool swap_bytes,
                                      std::span<std::string> out) {
  const size_t n = out.size();
  if (n > stored.size()) {
    return errors::DataLoss(n, " string lengths cannot fit in ", stored.size(),
                            " bytes");
  }
  std::vector<uint64_t> lengths(n);
  std::string_view in = stored;
  uint64_t total = 0;
  TFP_ASSIGN_OR_RETURN(uint32_t crc,
                       ParseStringLengths(&in, swap_bytes, lengths, &total));
  uint32_t raw;
  if (!GetFixed32(&in, &raw)) {
    return errors::DataLoss("the string lengths checksum is truncated");
  }
  const uint32_t stored_crc = swap_bytes ? __builtin_bswap32(raw) : raw;
  if (crc32c::Unmask(stored_crc) != crc) {
    return errors::DataLoss(
        "the string lengths checksum does not match: "
        "stored ",
        crc32c::Unmask(stored_crc), " vs. calculated ", crc);
  }
  crc = crc32c::Extend(crc, in.data() - 4, 4);
  if (total != in.size()) {
    return errors::DataLoss("the string lengths add up to ", total,
                            " bytes but ", in.size(), " bytes are stored");
  }
  for (size_t i = 0; i < n; ++i) {
    out[i].assign(in.data(), lengths[i]);
    crc = crc32c::Extend(crc, in.data(), lengths[i]);
    in.remove_prefix(lengths[i]);
  }
  return crc;
}

void ByteSwapTensorData(DataType dtype, char* data, size_t bytes) {
  size_t unit = DataTypeSize(dtype);
  if (dtype == DT_COMPLEX64 || dtype == DT_COMPLEX128) unit /= 2;
  if (unit <= 1) return;
  for (size_t i = 0; i + unit <= bytes; i += unit) {
    std::reverse(data + i, data + i + unit);
  }
}

void CopySliceIntoFull(const Tensor& part, const TensorSlice& slice,
                       Tensor* full) {
  const TensorShape& shape = full->shape();
  const int rank = shape.dims();
  std::vector<int64_t> start(rank), len(rank), stride(rank);
  for (int d = rank - 1; d >= 0; --d) {
    std::tie(start[d], len[d]) = slice.Concrete(d, shape);
    stride[d] = d == rank - 1 ? 1 : stride[d + 1] * shape.dim_size(d + 1);
  }
  // Dims k..rank-1 form contiguous runs: every dim after k is whole.
  int k = rank - 1;
  while (k > 0 && start[k] == 0 && len[k] == shape.dim_size(k)) --k;
  int64_t run = 1;
  for (int d = std::max(k, 0); d < rank; ++d) run *= len[d];
  const int64_t total = part.NumElements();
  if (total == 0) return;
  std::vector<int64_t> index(std::max(k, 0), 0);  // odometer over dims < k
  const bool strings = part.dtype() == DT_STRING;
  const size_t elem = strings ? 0 : DataTypeSize(part.dtype());
  for (int64_t src = 0; src < total; src += run) {
    int64_t dst = rank > 0 ? start[k] * stride[k] : 0;
    for (int d = 0; d < k; ++d) dst += (start[d] + index[d]) * stride[d];
    if (strings) {
      const std::string* from = part.data<std::string>() + src;
      std::copy(from, from + run, full->data<std::string>() + dst);
    } else {
      std::memcpy(full->raw_data() + dst * elem, part.raw_data() + src * elem,
                  run * elem);
    }
    for (int d = k - 1; d >= 0 && ++index[d] == len[d]; --d) index[d] = 0;
  }
}

}  // namespace tfpersist
