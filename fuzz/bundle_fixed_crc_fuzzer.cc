// V2 checkpoint like bundle_fuzzer, but every checksum the reader verifies
// is recomputed first (table block trailers of the .index; the crc32c of
// each non-string tensor entry), so mutations reach the index parser, the
// entry checks and the tensor decoders instead of stopping at a checksum.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "fuzz/checkpoint_fuzz_util.h"
#include "fuzz/fuzz_util.h"
#include "io/coding.h"
#include "io/crc32c.h"
#include "io/table/block.h"
#include "io/table/format.h"
#include "tensorflow/core/protobuf/tensor_bundle.pb.h"

namespace tfpersist::fuzz {
namespace {

using table::BlockHandle;
using table::kBlockTrailerSize;

// The contents of the uncompressed block at h, or false if out of range.
bool BlockAt(const std::string& file, const BlockHandle& h,
             std::string* contents) {
  if (h.offset() > file.size() || h.size() > file.size() - h.offset() ||
      kBlockTrailerSize > file.size() - h.offset() - h.size()) {
    return false;
  }
  if (static_cast<uint8_t>(file[h.offset() + h.size()]) !=
      table::kNoCompression) {
    return false;
  }
  *contents = file.substr(h.offset(), h.size());
  return true;
}

// Rewrites the trailer crc of the block at h (contents + type byte).
void FixTrailer(std::string* file, const BlockHandle& h) {
  std::string contents;
  if (!BlockAt(*file, h, &contents)) return;
  const char* p = file->data() + h.offset();
  const uint32_t crc = crc32c::Mask(crc32c::Value(p, h.size() + 1));
  EncodeFixed32(file->data() + h.offset() + h.size() + 1, crc);
}

// Sets each entry's crc32c (field 6, fixed32) in the data block at h to
// the checksum of its bytes in `data`, in place.
void FixEntryCrcs(std::string* index, const BlockHandle& h,
                  const std::string& data) {
  std::string contents;
  if (!BlockAt(*index, h, &contents)) return;
  auto block = table::Block::Create(contents);
  if (!block.ok()) return;
  const std::string& stored = contents;  // Block keeps its own copy
  auto it = (*block)->NewIterator();
  for (it->SeekToFirst(); it->Valid(); it->Next()) {
    if (it->key().empty()) continue;  // the header entry
    tensorflow::BundleEntryProto entry;
    const std::string_view v = it->value();
    if (!entry.ParseFromArray(v.data(), static_cast<int>(v.size()))) continue;
    if (entry.dtype() == tensorflow::DT_STRING ||
        entry.offset() > data.size() ||
        entry.size() > data.size() - entry.offset()) {
      continue;
    }
    // Locate the value in the file by its bytes (values are stored whole).
    const size_t at = stored.find(v);
    if (at == std::string::npos) continue;
    const uint32_t crc =
        crc32c::Mask(crc32c::Value(data.data() + entry.offset(), entry.size()));
    for (size_t k = v.size(); k >= 5; --k) {  // last field 6 tag: 0x35
      const size_t tag = k - 5;
      if (static_cast<uint8_t>(v[tag]) != 0x35 ||
          DecodeFixed32(v.data() + tag + 1) != entry.crc32c()) {
        continue;
      }
      EncodeFixed32(index->data() + h.offset() + at + tag + 1, crc);
      break;
    }
  }
  FixTrailer(index, h);
}

void FixChecksums(std::string* index, const std::string& data) {
  if (index->size() < table::Footer::kEncodedLength) return;
  table::Footer footer;
  if (!footer
           .DecodeFrom(std::string_view(*index).substr(
               index->size() - table::Footer::kEncodedLength))
           .ok()) {
    return;
  }
  FixTrailer(index, footer.metaindex_handle());
  std::string contents;
  if (!BlockAt(*index, footer.index_handle(), &contents)) return;
  auto block = table::Block::Create(contents);
  if (block.ok()) {
    auto it = (*block)->NewIterator();
    for (it->SeekToFirst(); it->Valid(); it->Next()) {
      std::string_view v = it->value();
      BlockHandle h;
      if (h.DecodeFrom(&v).ok()) FixEntryCrcs(index, h, data);
    }
  }
  FixTrailer(index, footer.index_handle());
}

}  // namespace
}  // namespace tfpersist::fuzz

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace tfpersist;  // NOLINT
  auto parts = fuzz::SplitParts(data, size, 2);
  fuzz::FixChecksums(&parts[0], parts[1]);
  std::unique_ptr<Env> env = NewMemEnv();
  fuzz::PutFile(env.get(), "/f/ckpt.index", parts[0]);
  fuzz::PutFile(env.get(), "/f/ckpt.data-00000-of-00001", parts[1]);
  fuzz::ReadWholeCheckpoint(env.get(), "/f/ckpt");
  return 0;
}
