// TensorSliceReader: reads TensorFlow V1 ("tensor slice") checkpoints, as
// TF's checkpoint::TensorSliceReader (spec checkpoint-v1.md).
//
// A V1 checkpoint is one file, or several (sharded saves, named
// "P-00000-of-00002", ...), each an SSTable (io/table) whose entries are
// serialized SavedTensorSlices:
//   key ""                       -> { meta: tensors, shapes, dtypes, slices }
//   EncodeTensorNameSlice(n, s)  -> { data: name, slice, TensorProto values }
// Open() globs the pattern, opens every file and reads its metadata; tensor
// values are read on GetTensor(), which reassembles partitioned tensors
// from all their slices (in any file).
//
// Validation: every file byte is untrusted. Corrupt or truncated files,
// inconsistent metadata (overlapping slices, conflicting dtype/shape across
// files, slices outside the shape) and data entries that are missing or hold
// the wrong number of values are DATA_LOSS naming the file and tensor; more
// than kMaxSlicesPerTensor slices is RESOURCE_EXHAUSTED. A tensor's memory is
// allocated only after its values were found in the files, so a hostile shape
// cannot cause a huge allocation.
//
// Thread-safety: immutable after Open; all methods may be called
// concurrently.
#ifndef TFPERSIST_IO_V1_TENSOR_SLICE_READER_H_
#define TFPERSIST_IO_V1_TENSOR_SLICE_READER_H_

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "io/table/table.h"
#include "tensorflow/core/util/saved_tensor_slice.pb.h"
#include "tfpersist/base/env.h"
#include "tfpersist/core/tensor.h"
#include "tfpersist/io/tensor_slice.h"

namespace tfpersist::v1 {

// TF_CHECKPOINT_VERSION and TF_CHECKPOINT_VERSION_MIN_PRODUCER.
inline constexpr int kCheckpointVersion = 1;
inline constexpr int kCheckpointVersionMinProducer = 0;
// Slices one tensor may have (overlap checks are quadratic in it); TF's
// partitioned variables have a few dozen at most.
inline constexpr size_t kMaxSlicesPerTensor = 4096;

class TensorSliceReader {
 public:
  struct StoredSlice {
    TensorSlice slice;
    int file = 0;  // Index into filenames().
  };
  struct TensorInfo {
    DataType dtype = DT_INVALID;
    TensorShape shape;
    std::vector<StoredSlice> slices;  // Non-overlapping, inside shape.
  };

  // Opens every file matching `filepattern` (a path, or a glob with
  // wildcards in the last component). `env` must outlive the reader.
  // NOT_FOUND if nothing matches; DATA_LOSS for a file that is not a valid
  // V1 checkpoint; INVALID_ARGUMENT for an unsupported format version.
  static StatusOr<std::unique_ptr<TensorSliceReader>> Open(
      Env* env, const std::string& filepattern);
  ~TensorSliceReader();

  const std::string& filepattern() const { return filepattern_; }
  // The matched files, sorted.
  const std::vector<std::string>& filenames() const { return filenames_; }
  // Every tensor of the checkpoint, by name.
  const std::map<std::string, TensorInfo>& tensors() const { return tensors_; }
  bool HasTensor(const std::string& name) const {
    return tensors_.count(name) > 0;
  }

  // The full tensor `name`, assembled from all its stored slices.
  // NOT_FOUND for an unknown name; DATA_LOSS if the slices do not cover the
  // tensor or their data entries are missing or corrupt.
  StatusOr<Tensor> GetTensor(const std::string& name) const;

 private:
  struct File;
  TensorSliceReader(Env* env, std::string filepattern);
  Status LoadFile(const std::string& filename);
  // Registers every slice of one meta entry of file number `file`.
  Status RegisterTensor(const tensorflow::SavedSliceMeta& ssm, int file);
  Status RegisterSlice(const std::string& name, DataType dtype,
                       const TensorShape& shape, const TensorSlice& slice,
                       int file);
  StatusOr<Tensor> ReadSlice(const std::string& name, const TensorInfo& info,
                             const StoredSlice& stored) const;

  Env* const env_;
  const std::string filepattern_;
  std::vector<std::string> filenames_;
  std::vector<std::unique_ptr<File>> files_;
  std::map<std::string, TensorInfo> tensors_;
};

}  // namespace tfpersist::v1

#endif  // TFPERSIST_IO_V1_TENSOR_SLICE_READER_H_
