// 16-bit PCM WAV (RIFF) decoding and encoding, as TF's lib/wav/wav_io.cc.
//
// Layout read (all integers little-endian):
//   "RIFF" u32(file size - 8) "WAVE"
//   [JUNK|bext|iXML|qlty|mext|levl|link|axml u32(size) bytes]*   skipped
//   "fmt " u32(16|18) u16(1 = PCM) u16(channels >= 1) u32(rate)
//          u32(bytes/s = rate * bytes/frame) u16(bytes/frame = 2 * ch)
//          u16(16 bits) [u16 extension when 18]
//   then chunks "id" u32(size) bytes: exactly one "data" (interleaved s16
//   frames); others are skipped.
// Every length is checked against the input before use, so a hostile
// header cannot make the decoder read past the bytes or allocate more than
// the input size. Samples map to floats as s / 32768; encoding rounds
// f * 32768 and clamps to [-32768, 32767].
// Thread-safety: pure functions.
#ifndef TFPERSIST_RUNTIME_KERNELS_AUDIO_WAV_IO_H_
#define TFPERSIST_RUNTIME_KERNELS_AUDIO_WAV_IO_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "tfpersist/base/statusor.h"

namespace tfpersist {

struct DecodedWav {
  std::vector<float> samples;  // frames * channels, interleaved
  uint32_t frames = 0;
  uint16_t channels = 0;
  uint32_t sample_rate = 0;
};

// INVALID_ARGUMENT with TF's messages ("Header mismatch: Expected RIFF but
// found ...", "Data too short when trying to read string", "Can only read
// 16-bit WAV files, but received 8", "No data chunk found in WAV", ...).
StatusOr<DecodedWav> DecodeLin16Wav(std::string_view bytes);

// `audio` is frames * channels interleaved floats. INVALID_ARGUMENT when
// the rate is 0 or >= 2^32, channels is 0 or >= 2^16, or the file would
// exceed 4 GiB.
StatusOr<std::string> EncodeLin16Wav(const float* audio, int64_t sample_rate,
                                     int64_t channels, int64_t frames);

}  // namespace tfpersist

#endif  // TFPERSIST_RUNTIME_KERNELS_AUDIO_WAV_IO_H_
