#include "io/bundle/crc_pipeline.h"

#include <gtest/gtest.h>

#include <chrono>
#include <random>
#include <thread>

#include "io/crc32c.h"

namespace tfpersist {
namespace {

// Joins the per-chunk crcs of `data` as BundleWriter does.
uint32_t PipelineCrc(CrcPipeline* pipeline, const std::string& data,
                     bool slow_caller) {
  auto owner = std::make_shared<std::string>(data);
  pipeline->Begin(*owner, owner);
  uint32_t crc = 0;
  for (size_t k = 0; k < pipeline->num_chunks(); ++k) {
    // A slow caller lets the helper run ahead; a fast one races it.
    if (slow_caller)
      std::this_thread::sleep_for(std::chrono::microseconds(200));
    const size_t n =
        std::min(CrcPipeline::kChunk, data.size() - k * CrcPipeline::kChunk);
    crc = crc32c::Combine(crc, pipeline->ChunkCrc(k), n);
  }
  pipeline->End();
  return crc;
}

TEST(CrcPipelineTest, MatchesSequentialCrcWhateverTheHelperDoes) {
  std::mt19937_64 rng(3);
  CrcPipeline pipeline;
  for (size_t size : {size_t{0}, size_t{1}, CrcPipeline::kChunk,
                      CrcPipeline::kChunk + 1, 5 * CrcPipeline::kChunk - 3}) {
    std::string data(size, '\0');
    for (char& c : data) c = static_cast<char>(rng());
    const uint32_t want = crc32c::Value(data.data(), data.size());
    EXPECT_EQ(PipelineCrc(&pipeline, data, false), want) << size;
    EXPECT_EQ(PipelineCrc(&pipeline, data, true), want) << size;
  }
}

TEST(CrcPipelineTest, RangeMayEndEarly) {
  CrcPipeline pipeline;
  auto owner = std::make_shared<std::string>(8 * CrcPipeline::kChunk, 'x');
  pipeline.Begin(*owner, owner);
  EXPECT_EQ(pipeline.ChunkCrc(0),
            crc32c::Value(owner->data(), CrcPipeline::kChunk));
  pipeline.End();  // abandoned after one chunk (e.g. a write error)
  owner.reset();   // the helper keeps its own reference
}

}  // namespace
}  // namespace tfpersist
