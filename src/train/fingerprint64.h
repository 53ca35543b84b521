// TensorFlow's Fingerprint64 (FarmHash's farmhashna::Hash64, as
// tensorflow/core/platform/fingerprint.h) and FingerprintCat64, used by the
// SavedModel fingerprint (fingerprint.pb). Checked against the hashes TF
// 2.14 wrote for savedmodel-tf2-half-plus-two.
// Thread-safety: pure functions.
#ifndef TFPERSIST_TRAIN_FINGERPRINT64_H_
#define TFPERSIST_TRAIN_FINGERPRINT64_H_

#include <cstdint>
#include <string_view>

namespace tfpersist {

uint64_t Fingerprint64(std::string_view s);
uint64_t FingerprintCat64(uint64_t fp1, uint64_t fp2);

}  // namespace tfpersist

#endif  // TFPERSIST_TRAIN_FINGERPRINT64_H_
