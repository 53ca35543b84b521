#include "tfpersist/io/tensor_slice.h"

#include <charconv>

#include "tfpersist/base/logging.h"
#include "tfpersist/base/str_util.h"

namespace tfpersist {

TensorSlice::TensorSlice(int rank) : extents_(rank, {0, kFullExtent}) {}

TensorSlice::TensorSlice(
    std::initializer_list<std::pair<int64_t, int64_t>> extents)
    : extents_(extents) {
  for (const auto& [start, length] : extents_) {
    TFP_CHECK(start >= 0 && (length >= 0 || length == kFullExtent))
        << "bad extent " << start << "," << length;
  }
}

namespace {

bool ParseInt64(std::string_view s, int64_t* out) {
  const char* end = s.data() + s.size();
  auto [ptr, ec] = std::from_chars(s.data(), end, *out);
  return ec == std::errc() && ptr == end && !s.empty();
}

}  // namespace

StatusOr<TensorSlice> TensorSlice::Parse(std::string_view spec) {
  TensorSlice slice;
  for (const std::string& item : StrSplit(spec, ':', /*skip_empty=*/true)) {
    if (item == "-") {
      slice.extents_.emplace_back(0, kFullExtent);
      continue;
    }
    std::vector<std::string> parts = StrSplit(item, ',', true);
    int64_t start, length;
    if (parts.size() != 2 || !ParseInt64(parts[0], &start) ||
        !ParseInt64(parts[1], &length)) {
      return errors::InvalidArgument(
          "Expected a pair of numbers or '-' but "
          "got '",
          item, "': string = ", spec);
    }
    if (start < 0 || length <= 0) {
      return errors::InvalidArgument(
          "Expected non-negative start and positive length but got start = ",
          start, ", length = ", length, ": string = ", spec);
    }
    slice.extents_.emplace_back(start, length);
  }
  return slice;
}

StatusOr<TensorSlice> TensorSlice::FromProto(
    const tensorflow::TensorSliceProto& proto) {
  TensorSlice slice;
  for (const auto& e : proto.extent()) {
    if (!e.has_length()) {
      if (e.start() != 0) {
        return errors::InvalidArgument("full extent with start ", e.start());
      }
      slice.extents_.emplace_back(0, kFullExtent);
    } else if (e.start() < 0 || e.length() < 0) {
      return errors::InvalidArgument("bad extent: start ", e.start(),
                                     ", length ", e.length());
    } else {
      slice.extents_.emplace_back(e.start(), e.length());
    }
  }
  return slice;
}

void TensorSlice::AsProto(tensorflow::TensorSliceProto* proto) const {
  proto->Clear();
  for (int d = 0; d < dims(); ++d) {
    auto* e = proto->add_extent();
    if (!IsFullAt(d)) {
      e->set_start(start(d));
      e->set_length(length(d));
    }
  }
}

bool TensorSlice::IsFull() const {
  for (int d = 0; d < dims(); ++d) {
    if (!IsFullAt(d)) return false;
  }
  return true;
}

StatusOr<TensorShape> TensorSlice::SliceShape(const TensorShape& full) const {
  if (full.dims() != dims()) {
    return errors::InvalidArgument(
        "slice ", DebugString(), " has rank ", dims(), " but the tensor shape ",
        full.DebugString(), " has rank ", full.dims());
  }
  std::vector<int64_t> dims_out;
  for (int d = 0; d < dims(); ++d) {
    auto [start, length] = Concrete(d, full);
    if (start > full.dim_size(d) || length > full.dim_size(d) - start) {
      return errors::InvalidArgument("slice ", DebugString(),
                                     " is outside a tensor of shape ",
                                     full.DebugString(), " in dimension ", d);
    }
    dims_out.push_back(length);
  }
  return TensorShape::Build(dims_out);
}

bool TensorSlice::CoversAll(const TensorShape& full) const {
  StatusOr<TensorShape> shape = SliceShape(full);
  return shape.ok() && *shape == full;
}

std::string TensorSlice::DebugString() const {
  std::string out;
  for (int d = 0; d < dims(); ++d) {
    if (d > 0) out += ":";
    out += IsFullAt(d) ? std::string("-") : StrCat(start(d), ",", length(d));
  }
  return out;
}

}  // namespace tfpersist
