#include "runtime/kernels/audio/wav_io.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>

namespace tfpersist {
namespace {

// A bounds-checked little-endian reader over the WAV bytes.
class Reader {
 public:
  explicit Reader(std::string_view data) : data_(data) {}
  size_t offset() const { return offset_; }
  bool done() const { return offset_ >= data_.size(); }

  Status Skip(uint64_t n) {
    if (n > data_.size() - std::min(offset_, data_.size())) {
      return errors::InvalidArgument(
          "Data too short when trying to read string");
    }
    offset_ += n;
    return OkStatus();
  }
  Status ReadString(size_t n, std::string* out) {
    const size_t start = offset_;
    TFP_RETURN_IF_ERROR(Skip(n));
    out->assign(data_.substr(start, n));
    return OkStatus();
  }
  Status Expect(std::string_view want) {
    std::string found;
    TFP_RETURN_IF_ERROR(ReadString(want.size(), &found));
    if (found != want) {
      return errors::InvalidArgument("Header mismatch: Expected ", want,
                                     " but found ", found);
    }
    return OkStatus();
  }
  template <typename T>
  Status Read(T* value) {
    const size_t start = offset_;
    TFP_RETURN_IF_ERROR(Skip(sizeof(T)));
    uint64_t v = 0;
    for (size_t i = 0; i < sizeof(T); ++i) {
      v |= uint64_t{static_cast<uint8_t>(data_[start + i])} << (8 * i);
    }
    *value = static_cast<T>(v);
    return OkStatus();
  }

 private:
  std::string_view data_;
  size_t offset_ = 0;
};

bool IsSkippableBeforeFormat(const std::string& id) {
  for (const char* ok :
       {"JUNK", "bext", "iXML", "qlty", "mext", "levl", "link", "axml"}) {
    if (id == ok) return true;
  }
  return false;
}

// RIFF header and any padding chunks, up to and including "fmt ".
Status ReadUntilFormat(Reader* r) {
  TFP_RETURN_IF_ERROR(r->Expect("RIFF"));
  uint32_t total_size;
  TFP_RETURN_IF_ERROR(r->Read(&total_size));
  TFP_RETURN_IF_ERROR(r->Expect("WAVE"));
  std::string id;
  TFP_RETURN_IF_ERROR(r->ReadString(4, &id));
  while (id != "fmt ") {
    if (!IsSkippableBeforeFormat(id)) {
      return errors::InvalidArgument("Unexpected field ", id);
    }
    uint32_t size;
    TFP_RETURN_IF_ERROR(r->Read(&size));
    TFP_RETURN_IF_ERROR(r->Skip(size));
    TFP_RETURN_IF_ERROR(r->ReadString(4, &id));
  }
  return OkStatus();
}

Status ReadFormat(Reader* r, DecodedWav* wav, uint16_t* bytes_per_frame) {
  uint32_t size, bytes_per_second;
  uint16_t format, bits;
  TFP_RETURN_IF_ERROR(r->Read(&size));
  if (size != 16 && size != 18) {
    return errors::InvalidArgument(
        "Bad format chunk size for WAV: Expected 16 or 18, but got", size);
  }
  TFP_RETURN_IF_ERROR(r->Read(&format));
  if (format != 1) {
    return errors::InvalidArgument(
        "Bad audio format for WAV: Expected 1 (PCM), but got", format);
  }
  TFP_RETURN_IF_ERROR(r->Read(&wav->channels));
  if (wav->channels < 1) {
    return errors::InvalidArgument(
        "Bad number of channels for WAV: Expected at least 1, but got ",
        wav->channels);
  }
  TFP_RETURN_IF_ERROR(r->Read(&wav->sample_rate));
  TFP_RETURN_IF_ERROR(r->Read(&bytes_per_second));
  TFP_RETURN_IF_ERROR(r->Read(bytes_per_frame));
  TFP_RETURN_IF_ERROR(r->Read(&bits));
  if (bits != 16) {
    return errors::InvalidArgument(
        "Can only read 16-bit WAV files, but received ", bits);
  }
  const uint32_t want_frame = (16u * wav->channels + 7) / 8;
  if (*bytes_per_frame != want_frame) {
    return errors::InvalidArgument(
        "Bad bytes per sample in WAV header: Expected ", want_frame,
        " but got ", *bytes_per_frame);
  }
  const uint64_t want_rate = uint64_t{*bytes_per_frame} * wav->sample_rate;
  if (bytes_per_second != want_rate) {
    return errors::InvalidArgument(
        "Bad bytes per second in WAV header: Expected ", want_rate, " but got ",
        bytes_per_second, " (sample_rate=", wav->sample_rate,
        ", bytes_per_sample=", *bytes_per_frame, ")");
  }
  return size == 18 ? r->Skip(2) : OkStatus();
}

// The "data" chunk: `size` bytes of interleaved s16 frames (a trailing
// partial frame is ignored, as TF does).
Status ReadData(std::string_view bytes, Reader* r, uint32_t size,
                uint16_t bytes_per_frame, DecodedWav* wav) {
  wav->frames = size / bytes_per_frame;
  const uint64_t count = uint64_t{wav->frames} * wav->channels;
  const size_t start = r->offset();
  // Validate before allocating (no OOM from a hostile size).
  TFP_RETURN_IF_ERROR(r->Skip(2 * count));
  wav->samples.resize(count);
  for (uint64_t i = 0; i < count; ++i) {
    const auto lo = static_cast<uint8_t>(bytes[start + 2 * i]);
    const auto hi = static_cast<uint8_t>(bytes[start + 2 * i + 1]);
    const auto s = static_cast<int16_t>(uint16_t{lo} | (uint16_t{hi} << 8));
    wav->samples[i] = s * (1.0f / 32768.0f);
  }
  return OkStatus();
}

}  // namespace

StatusOr<DecodedWav> DecodeLin16Wav(std::string_view bytes) {
  Reader r(bytes);
  TFP_RETURN_IF_ERROR(ReadUntilFormat(&r));
  DecodedWav wav;
  uint16_t bytes_per_frame = 0;
  TFP_RETURN_IF_ERROR(ReadFormat(&r, &wav, &bytes_per_frame));
  bool found = false;
  while (!r.done()) {
    std::string id;
    uint32_t size;
    TFP_RETURN_IF_ERROR(r.ReadString(4, &id));
    TFP_RETURN_IF_ERROR(r.Read(&size));
    if (size > static_cast<uint32_t>(std::numeric_limits<int32_t>::max())) {
      return errors::InvalidArgument(
          "WAV data chunk '", id, "' is too large: ", size,
          " bytes, but the limit is ", std::numeric_limits<int32_t>::max());
    }
    if (id != "data") {
      if (r.Skip(size).ok()) continue;
      break;  // TF stops at a chunk running past the end
    }
    if (found) {
      return errors::InvalidArgument("More than one data chunk found in WAV");
    }
    found = true;
    TFP_RETURN_IF_ERROR(ReadData(bytes, &r, size, bytes_per_frame, &wav));
  }
  if (!found) return errors::InvalidArgument("No data chunk found in WAV");
  return wav;
}

StatusOr<std::string> EncodeLin16Wav(const float* audio, int64_t sample_rate,
                                     int64_t channels, int64_t frames) {
  if (sample_rate <= 0 || sample_rate > 0xFFFFFFFFll) {
    return errors::InvalidArgument("sample_rate must be in (0, 2^32), got: ",
                                   sample_rate);
  }
  if (channels <= 0 || channels > 0xFFFF) {
    return errors::InvalidArgument("num_channels must be in (0, 2^16), got: ",
                                   channels);
  }
  const uint64_t samples = static_cast<uint64_t>(frames) * channels;
  const uint64_t file_size = 44 + 2 * samples;
  if (frames < 0 || file_size > 0xFFFFFFFFull) {
    return errors::InvalidArgument(
        "Provided channels and frames cannot be encoded as a WAV.");
  }
  std::string out;
  out.reserve(file_size);
  auto put = [&out](uint64_t v, int bytes) {
    for (int i = 0; i < bytes; ++i)
      out.push_back(static_cast<char>(v >> (8 * i)));
  };
  out += "RIFF";
  put(file_size - 8, 4);
  out += "WAVEfmt ";
  put(16, 4);
  put(1, 2);
  put(channels, 2);
  put(sample_rate, 4);
  put(sample_rate * 2 * channels, 4);
  put(2 * channels, 2);
  put(16, 2);
  out += "data";
  put(2 * samples, 4);
  for (uint64_t i = 0; i < samples; ++i) {
    // NaN encodes as 0 (TF's conversion of NaN is undefined).
    const float v =
        std::isnan(audio[i]) ? 0.0f : std::round(audio[i] * 32768.0f);
    const int16_t s = static_cast<int16_t>(std::clamp(v, -32768.0f, 32767.0f));
    put(static_cast<uint16_t>(s), 2);
  }
  return out;
}

}  // namespace tfpersist
