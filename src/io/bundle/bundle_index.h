// The `.index` file of a tensor bundle as a whole: a table whose first
// entry (key "") is the BundleHeaderProto and whose other entries map keys
// to serialized BundleEntryProtos. Shared by BundleWriter, BundleReader and
// MergeBundles. Pure functions over an Env; thread-safe.
#ifndef TFPERSIST_IO_BUNDLE_BUNDLE_INDEX_H_
#define TFPERSIST_IO_BUNDLE_BUNDLE_INDEX_H_

#include <map>
#include <string>
#include <utility>
#include <vector>

#include "tensorflow/core/protobuf/tensor_bundle.pb.h"
#include "tfpersist/base/env.h"
#include "tfpersist/core/tensor_shape.h"

namespace tfpersist {

struct BundleIndex {
  tensorflow::BundleHeaderProto header;
  // (key, serialized BundleEntryProto), sorted, header excluded.
  std::vector<std::pair<std::string, std::string>> entries;
};

// Reads and verifies the whole index at `path`. NOT_FOUND if missing;
// DATA_LOSS naming the file if the table or the header is corrupt.
StatusOr<BundleIndex> ReadBundleIndex(Env* env, const std::string& path);

// Writes header + entries as TF does (no compression, TF's table options)
// to `path.tempstate<random>` and renames it to `path`. Deletes the
// temporary on failure.
Status WriteBundleIndex(
    Env* env, const std::string& path,
    const tensorflow::BundleHeaderProto& header,
    const std::map<std::string, tensorflow::BundleEntryProto>& entries,
    bool sync);

// The header TF writes for a one-shard, little-endian bundle.
tensorflow::BundleHeaderProto DefaultBundleHeader(int num_shards);

// INVALID_ARGUMENT unless the header's version can be read by this
// implementation (TF's CheckVersions for kTensorBundleVersion).
Status CheckBundleVersion(const tensorflow::BundleHeaderProto& header,
                          const std::string& path);

// TensorShape <-> TensorShapeProto (dims only). The proto is always set,
// even for scalars, as TF writes it.
void ShapeToProto(const TensorShape& shape, tensorflow::TensorShapeProto* p);
// DATA_LOSS for unknown rank, negative dims or an element count overflow.
StatusOr<TensorShape> ShapeFromProto(const tensorflow::TensorShapeProto& p);

}  // namespace tfpersist

#endif  // TFPERSIST_IO_BUNDLE_BUNDLE_INDEX_H_
