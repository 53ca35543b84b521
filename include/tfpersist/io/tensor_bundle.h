// Tensor bundles: TensorFlow's checkpoint V2 format (`P.index` +
// `P.data-SSSSS-of-NNNNN`; spec checkpoint-v2.md, docs/formats/
// tensor_bundle.md). Files written here are byte-identical to TF's.
//
//   BundleWriter writer(Env::Default(), "/ckpt/model.ckpt-10");
//   writer.Add("dense/kernel", kernel);
//   TFP_RETURN_IF_ERROR(writer.Finish());
//
//   TFP_ASSIGN_OR_RETURN(auto reader,
//                        BundleReader::Open(env, "/ckpt/model.ckpt-10"));
//   TFP_ASSIGN_OR_RETURN(Tensor kernel, reader->Lookup("dense/kernel"));
#ifndef TFPERSIST_IO_TENSOR_BUNDLE_H_
#define TFPERSIST_IO_TENSOR_BUNDLE_H_

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "tensorflow/core/protobuf/tensor_bundle.pb.h"
#include "tfpersist/base/env.h"
#include "tfpersist/base/status.h"
#include "tfpersist/base/statusor.h"
#include "tfpersist/core/tensor.h"
#include "tfpersist/io/tensor_slice.h"

namespace tfpersist {

class CrcPipeline;  // Internal (src/io/bundle/crc_pipeline.h)

// Format version (TF's kTensorBundleVersion etc.).
inline constexpr int kTensorBundleVersion = 1;
inline constexpr int kTensorBundleMinProducer = 0;
inline constexpr int kTensorBundleMinConsumer = 0;
// Key of the BundleHeaderProto entry; sorts first.
inline constexpr std::string_view kHeaderEntryKey = "";

// "P.index".
std::string MetaFilename(std::string_view prefix);
// "P.data-00001-of-00002".
std::string DataFilename(std::string_view prefix, int32_t shard_id,
                         int32_t num_shards);

struct BundleWriterOptions {
  // Zero padding after each tensor so offsets are multiples of this.
  // TF (SaveV2) uses 1.
  int data_alignment = 1;
  // fsync both files before renaming them (TF does not).
  bool sync = false;
};

// Writes one bundle with one data file, as TF's BundleWriter / SaveV2.
//
// Tensors may be added in any order; their bytes go to the data file in
// Add order (TF1 Saver adds in sorted key order) and the index is sorted.
// Data goes to `DataFilename(P,0,1).tempstate<random>`; Finish() writes the
// index to `P.index.tempstate<random>` and renames both into place, data
// first. The directory of P is created if missing. On failure, or if the
// writer is destroyed before Finish(), the temporaries are deleted.
//
// Sticky status: the first error is kept; later calls do nothing.
// Thread-safety: not thread-safe. Tensors must not change during Add().
class BundleWriter {
 public:
  using Options = BundleWriterOptions;

  // `env` must outlive the writer.
  BundleWriter(Env* env, std::string_view prefix,
               const Options& options = Options());
  BundleWriter(const BundleWriter&) = delete;
  BundleWriter& operator=(const BundleWriter&) = delete;
  ~BundleWriter();

  // Appends `tensor`'s bytes to the data file under `key`.
  // INVALID_ARGUMENT for the empty key (reserved for the header), a
  // duplicate key, or an uninitialized tensor.
  void Add(std::string_view key, const Tensor& tensor);

  // Stores one slice of a partitioned tensor: the slice data under
  // EncodeTensorNameSlice(full_tensor_key, slice_spec) and the slice in the
  // `slices` of the full tensor's entry (no data). A slice covering the
  // whole tensor is a plain Add(). INVALID_ARGUMENT if slice_tensor's shape
  // is not slice_spec's shape of full_tensor_shape, or dtype/shape differ
  // from earlier slices of the same key.
  void AddSlice(std::string_view full_tensor_key,
                const TensorShape& full_tensor_shape,
                const TensorSlice& slice_spec, const Tensor& slice_tensor);

  // Writes the index and publishes the files. Returns the final status;
  // afterwards status() is FAILED_PRECONDITION ("closed").
  Status Finish();

  const Status& status() const { return status_; }
  const std::string& prefix() const { return prefix_; }

 private:
  void WriteTensorData(const Tensor& tensor,
                       tensorflow::BundleEntryProto* entry);
  // Appends bytes, extending *crc. `owner` (may be null) holds the bytes;
  // large owned ranges are checksummed with help from a second thread.
  void WriteBytes(std::string_view bytes, uint32_t* crc, const Tensor* owner);
  void Pad();
  void Cleanup();

  Env* const env_;
  const Options options_;
  const std::string prefix_;
  std::string data_tmp_;
  std::unique_ptr<WritableFile> data_;
  uint64_t size_ = 0;  // Bytes in the data file
  std::map<std::string, tensorflow::BundleEntryProto> entries_;
  std::unique_ptr<CrcPipeline> pipeline_;  // Created for the first big tensor
  Status status_;
  bool finished_ = false;
};

// Writes a bundle whose tensors are spread over several data files, as a
// sharded TF Saver does: shard i is a one-file bundle at
// "P_temp/part-0000i-of-0000N", then MergeBundles() joins them into P
// (data files P.data-0000i-of-0000N). Shards that received no tensor are
// skipped, and the data files are numbered over the others (so num_shards
// always equals the number of data files). Sticky status; thread-safety and
// Add rules as BundleWriter.
class ShardedBundleWriter {
 public:
  // num_shards < 1 sets INVALID_ARGUMENT. `env` must outlive the writer.
  ShardedBundleWriter(Env* env, std::string_view prefix, int num_shards);
  ~ShardedBundleWriter();

  // INVALID_ARGUMENT for a shard outside [0, num_shards) and as
  // BundleWriter::Add (also for a key already added to another shard).
  void Add(int shard, std::string_view key, const Tensor& tensor);
  Status Finish();
  const Status& status() const { return status_; }

 private:
  Env* const env_;
  const std::string prefix_;
  const int num_shards_;
  std::vector<std::string> shard_prefixes_;
  std::vector<std::unique_ptr<BundleWriter>> writers_;  // Null until used
  std::map<std::string, int, std::less<>> keys_;
  Status status_;
};

// Merges the bundles at `prefixes` (in order) into one bundle at
// `merged_prefix`, as TF's MergeV2Checkpoints: data files are renamed to
// merged_prefix.data-<new id>-of-<count>, entries get new shard ids, slice
// metadata of the same key is concatenated, the merged index is written,
// the input indexes are deleted and, with delete_old_dirs, the inputs'
// directories that differ from merged_prefix's are removed (if empty).
// With allow_missing_files, prefixes without an index are skipped (at least
// one must exist). Errors: INVALID_ARGUMENT for duplicate tensors or
// mismatched endianness/versions; DATA_LOSS for corrupt inputs.
Status MergeBundles(Env* env, const std::vector<std::string>& prefixes,
                    std::string_view merged_prefix, bool delete_old_dirs = true,
                    bool allow_missing_files = false);

struct DtypeAndShape {
  DataType dtype = DT_INVALID;
  TensorShape shape;
};

// Reads a bundle written by TF or BundleWriter.
//
// Open() reads and verifies the whole index (it is small: ~50 bytes per
// tensor) and checks the header's version. Data files are opened on first
// use. Every read verifies the crc32c; corrupt or truncated files give
// DATA_LOSS naming the tensor and file; nothing is allocated from a size
// before it is checked against the data file's size.
//
// Thread-safety: all methods are const and may be called concurrently.
class BundleReader {
 public:
  // NOT_FOUND if P.index does not exist; DATA_LOSS if it is corrupt;
  // INVALID_ARGUMENT for an unsupported format version.
  static StatusOr<std::unique_ptr<BundleReader>> Open(Env* env,
                                                      std::string_view prefix);
  ~BundleReader();

  const std::string& prefix() const { return prefix_; }
  const tensorflow::BundleHeaderProto& header() const { return header_; }
  int num_shards() const { return header_.num_shards(); }

  // Every key except the header, bytewise sorted (includes the encoded
  // per-slice keys of partitioned tensors).
  std::vector<std::string> Keys() const;
  // The tensors a user sees: Keys() minus the per-slice keys that some
  // entry's `slices` refers to (as TF's CheckpointReader lists them).
  StatusOr<std::vector<std::string>> TensorNames() const;
  bool Contains(std::string_view key) const;

  // The raw entry (for inspection tools). NOT_FOUND for an unknown key,
  // DATA_LOSS if it does not parse or its shape is invalid.
  StatusOr<tensorflow::BundleEntryProto> GetBundleEntryProto(
      std::string_view key) const;
  StatusOr<DtypeAndShape> LookupDtypeAndShape(std::string_view key) const;

  // Reads the tensor stored under key; partitioned tensors are reassembled
  // from their slices.
  StatusOr<Tensor> Lookup(std::string_view key) const;
  // Reads into *out without an extra copy (one pread into its buffer, then
  // crc32c over it). REQUIRES: *out is allocated with the entry's dtype and
  // shape (INVALID_ARGUMENT otherwise).
  Status LookupInto(std::string_view key, Tensor* out) const;

 private:
  struct DataFile;
  struct SlicePart;
  BundleReader(Env* env, std::string prefix);
  Status ReadIndex();
  // NOT_FOUND for an unknown key, DATA_LOSS if the entry does not parse.
  StatusOr<tensorflow::BundleEntryProto> ParseEntry(std::string_view key) const;
  // Validates an entry's dtype, shape, shard and size (not the data file).
  StatusOr<DtypeAndShape> CheckEntry(
      std::string_view key, const tensorflow::BundleEntryProto& e) const;
  StatusOr<const DataFile*> GetDataFile(int32_t shard_id) const;
  // The entry's data file, after checking the entry lies inside it.
  StatusOr<const DataFile*> Locate(std::string_view key,
                                   const tensorflow::BundleEntryProto& e) const;
  // Reads a non-sliced entry into *out (allocated with its dtype/shape).
  Status ReadEntry(std::string_view key, const tensorflow::BundleEntryProto& e,
                   Tensor* out) const;
  // One stored slice of partitioned tensor `key` (entry `full`, `shape`),
  // with its entry checked against the slice and its data file.
  StatusOr<SlicePart> CheckSlice(
      std::string_view key, const tensorflow::BundleEntryProto& full,
      const TensorShape& shape,
      const tensorflow::TensorSliceProto& slice_proto) const;
  // The stored slices of a partitioned tensor, validated to cover it once.
  StatusOr<std::vector<SlicePart>> PlanSlices(
      std::string_view key, const tensorflow::BundleEntryProto& e,
      const TensorShape& shape) const;
  Status ReadSlices(const std::vector<SlicePart>& parts, Tensor* out) const;

  Env* const env_;
  const std::string prefix_;
  tensorflow::BundleHeaderProto header_;
  bool swap_bytes_ = false;
  // Sorted (key, serialized BundleEntryProto), header excluded.
  std::vector<std::pair<std::string, std::string>> entries_;
  mutable std::mutex mu_;
  mutable std::map<int32_t, std::unique_ptr<DataFile>> data_files_;
};

}  // namespace tfpersist

#endif  // TFPERSIST_IO_TENSOR_BUNDLE_H_
