// feed_batch: a graph with a placeholder `feed` (y = feed @ w + b), frozen
// to <out_dir>/feed_model.pb, imported with input_map {feed:0 -> batch:0}
// under "Net" and run on a fed batch.
//
//   example_feed_batch [out_dir]   (default: demo_output)
#include <iostream>

#include "freeze_import_demo.h"

int main(int argc, char** argv) {
  using namespace tfpersist;
  const std::string out_dir = argc > 1 ? argv[1] : "demo_output";
  auto r = examples::RunFeedBatch(out_dir);
  if (!r.ok()) {
    std::cerr << "feed_batch failed: " << r.status() << "\n";
    return 1;
  }
  std::cout << "batch " << r->batch.shape().DebugString() << " = ["
            << r->batch.SummarizeValue(10) << "]\n"
            << "y (live session, variables)   = [" << r->live.SummarizeValue(10)
            << "]\n"
            << "froze it into " << r->frozen_path << "\n"
            << "Net/y (imported, feed->batch) = ["
            << r->imported.SummarizeValue(10) << "]\n"
            << "same from the shell: tfpersist run " << r->frozen_path
            << " --input feed:0=" << r->batch_path << " --output y:0\n";
  return 0;
}
