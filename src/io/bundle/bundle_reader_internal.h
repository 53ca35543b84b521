// Private pieces of BundleReader shared by bundle_reader.cc and
// bundle_lookup.cc.
#ifndef TFPERSIST_IO_BUNDLE_BUNDLE_READER_INTERNAL_H_
#define TFPERSIST_IO_BUNDLE_BUNDLE_READER_INTERNAL_H_

#include <memory>
#include <string>

#include "tfpersist/io/tensor_bundle.h"

namespace tfpersist {

// An opened data file and its size (read once).
struct BundleReader::DataFile {
  std::unique_ptr<RandomAccessFile> file;
  uint64_t size = 0;
};

// One stored slice of a partitioned tensor, validated by PlanSlices.
struct BundleReader::SlicePart {
  TensorSlice slice;
  std::string key;  // EncodeTensorNameSlice(full key, slice)
  tensorflow::BundleEntryProto entry;
  TensorShape shape;  // slice.SliceShape(full shape)
};

}  // namespace tfpersist

#endif  // TFPERSIST_IO_BUNDLE_BUNDLE_READER_INTERNAL_H_
