// SavedModel fingerprints (fingerprint.pb, TF >= 2.12): read, compute and
// write tensorflow.FingerprintDef as TF's fingerprinting.cc does.
//   saved_model_checksum    Fingerprint64(saved_model.pb bytes)
//   signature_def_hash      FingerprintCat64 over sorted (key, deterministic
//                           SignatureDef bytes)
//   saved_object_graph_hash FingerprintCat64 over concrete functions sorted
//                           by UID suffix (name without UID, bytes)
//   checkpoint_hash         Fingerprint64(variables/variables.index bytes)
//   version.producer        1
// These four equal TF's on the TF 2.14 fixture. graph_def_program_hash
// (TF hashes a regularized GraphDef) is not reproduced and is left 0.
// Thread-safety: reentrant.
#ifndef TFPERSIST_TRAIN_FINGERPRINT_H_
#define TFPERSIST_TRAIN_FINGERPRINT_H_

#include <string>

#include "tensorflow/core/protobuf/fingerprint.pb.h"
#include "tfpersist/base/env.h"
#include "tfpersist/base/statusor.h"

namespace tfpersist {

inline constexpr char kFingerprintFilename[] = "fingerprint.pb";

// <dir>/fingerprint.pb. NOT_FOUND when absent; DATA_LOSS when unparsable.
StatusOr<tensorflow::FingerprintDef> ReadSavedModelFingerprint(
    Env* env, const std::string& dir);

// Computes the fingerprint of the SavedModel in dir (saved_model.pb
// required; checkpoint_hash 0 without variables/variables.index).
// NOT_FOUND / DATA_LOSS for a missing or unparsable saved_model.pb.
StatusOr<tensorflow::FingerprintDef> CreateSavedModelFingerprint(
    Env* env, const std::string& dir);

// Writes CreateSavedModelFingerprint(dir) to <dir>/fingerprint.pb.
Status WriteSavedModelFingerprint(Env* env, const std::string& dir);

}  // namespace tfpersist

#endif  // TFPERSIST_TRAIN_FINGERPRINT_H_
