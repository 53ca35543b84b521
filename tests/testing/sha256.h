// SHA-256 (FIPS 180-4) for comparing tensor bytes with the digests in the
// fixtures' expected_tensors.json. Test-only; not constant-time.
#ifndef TFPERSIST_TESTS_TESTING_SHA256_H_
#define TFPERSIST_TESTS_TESTING_SHA256_H_

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace tfpersist::testing {

class Sha256 {
 public:
  Sha256();
  void Update(std::string_view data);
  // The 32-byte digest. The object must not be used afterwards.
  std::array<uint8_t, 32> Finish();

 private:
  void Compress(const uint8_t* block);
  uint32_t state_[8];
  uint8_t buffer_[64];
  size_t buffered_ = 0;
  uint64_t total_bytes_ = 0;
};

// Lower-case hex digest of data.
std::string Sha256Hex(std::string_view data);

}  // namespace tfpersist::testing

#endif  // TFPERSIST_TESTS_TESTING_SHA256_H_
