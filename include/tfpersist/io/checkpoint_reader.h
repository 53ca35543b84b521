// CheckpointReader: one reader for every TensorFlow checkpoint layout, as
// TF's checkpoint::CheckpointReader / tf.train.load_checkpoint.
//
//   TFP_ASSIGN_OR_RETURN(auto reader, CheckpointReader::Open(env, "/ckpt"));
//   for (const std::string& name : reader->TensorNames()) { ... }
//   TFP_ASSIGN_OR_RETURN(Tensor w, reader->GetTensor("dense/kernel"));
//
// Accepted paths (in this order):
//  * a directory: resolved through its `checkpoint` state file to the
//    newest checkpoint (LatestCheckpoint);
//  * a V2 prefix P, when P.index exists (tensor bundle);
//  * otherwise a V1 file, or a V1 file pattern such as
//    "model.ckpt-?????-of-00002" (every matching shard is read).
//
// Partitioned variables are listed once, under their full name, and
// GetTensor assembles them from their slices.
//
// Thread-safety: immutable after Open; every method may be called
// concurrently.
#ifndef TFPERSIST_IO_CHECKPOINT_READER_H_
#define TFPERSIST_IO_CHECKPOINT_READER_H_

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "tfpersist/base/env.h"
#include "tfpersist/base/statusor.h"
#include "tfpersist/core/tensor.h"

namespace tfpersist {

class BundleReader;
namespace v1 {
class TensorSliceReader;
}  // namespace v1

class CheckpointReader {
 public:
  enum class Format { kV1, kV2 };

  // Opens the checkpoint at `path` (see above). `env` must outlive the
  // reader. NOT_FOUND if nothing is found at path (or the directory has no
  // usable state file); DATA_LOSS if the checkpoint's files are corrupt;
  // INVALID_ARGUMENT for an unsupported format version.
  static StatusOr<std::unique_ptr<CheckpointReader>> Open(
      Env* env, const std::string& path);
  ~CheckpointReader();
  CheckpointReader(const CheckpointReader&) = delete;
  CheckpointReader& operator=(const CheckpointReader&) = delete;

  Format format() const { return format_; }
  // The V2 prefix or V1 file pattern actually read (for a directory: the
  // checkpoint its state file names).
  const std::string& path() const { return path_; }

  // Every tensor name, bytewise sorted.
  std::vector<std::string> TensorNames() const;
  const std::map<std::string, TensorShape>& GetVariableToShapeMap() const {
    return shapes_;
  }
  const std::map<std::string, DataType>& GetVariableToDataTypeMap() const {
    return dtypes_;
  }
  bool HasTensor(const std::string& name) const {
    return shapes_.count(name) > 0;
  }

  // The full value of tensor `name`. NOT_FOUND "Key <name> not found in
  // checkpoint <path>" for an unknown name; DATA_LOSS (naming the tensor and
  // file) if its data is corrupt.
  StatusOr<Tensor> GetTensor(const std::string& name) const;

  // One line per tensor in name order, "<name> (<DT_ENUM>) <shape>\n" with
  // TF's shape form "[2,3]", plus ", <n> slices" for a partitioned tensor
  // (TF's TensorSliceReader::DebugString).
  std::string DebugString() const;

 private:
  CheckpointReader(Format format, std::string path);
  Status BuildMaps();

  const Format format_;
  const std::string path_;
  std::unique_ptr<BundleReader> v2_;
  std::unique_ptr<v1::TensorSliceReader> v1_;
  std::map<std::string, TensorShape> shapes_;
  std::map<std::string, DataType> dtypes_;
  std::map<std::string, int> num_slices_;  // Only partitioned tensors.
};

}  // namespace tfpersist

#endif  // TFPERSIST_IO_CHECKPOINT_READER_H_
