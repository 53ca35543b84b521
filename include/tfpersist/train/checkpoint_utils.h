// Inspecting checkpoints without a graph, as TF's tf.train.list_variables /
// tf.train.load_variable (python/training/checkpoint_utils.py).
//
// `ckpt_dir_or_file` is a directory (resolved through its `checkpoint`
// state file to the newest checkpoint), a V2 prefix, or a V1 file/pattern
// (see tfpersist/io/checkpoint_reader.h).
// Thread-safety: pure functions; safe to call concurrently.
#ifndef TFPERSIST_TRAIN_CHECKPOINT_UTILS_H_
#define TFPERSIST_TRAIN_CHECKPOINT_UTILS_H_

#include <string>
#include <utility>
#include <vector>

#include "tfpersist/base/env.h"
#include "tfpersist/base/statusor.h"
#include "tfpersist/core/tensor.h"

namespace tfpersist {

// Every tensor in the checkpoint as (name, shape), sorted by name
// (partitioned variables once, under their full name). NOT_FOUND if there
// is no checkpoint at ckpt_dir_or_file; DATA_LOSS if it is corrupt.
// `env` nullptr = Env::Default().
StatusOr<std::vector<std::pair<std::string, TensorShape>>> ListVariables(
    const std::string& ckpt_dir_or_file, Env* env = nullptr);

// The value of tensor `name` ("w" or "w:0"). NOT_FOUND naming the key and
// the checkpoint when absent.
StatusOr<Tensor> LoadVariable(const std::string& ckpt_dir_or_file,
                              const std::string& name, Env* env = nullptr);

}  // namespace tfpersist

#endif  // TFPERSIST_TRAIN_CHECKPOINT_UTILS_H_
