// saved_model: exports y = 0.5x + 2 as a TF1 SavedModel and serves it back
// (see train_demo.h).
//
//   example_saved_model [out_dir]   (default: demo_output)
#include <iostream>

#include "train_demo.h"

int main(int argc, char** argv) {
  using namespace tfpersist;
  const std::string out_dir = argc > 1 ? argv[1] : "demo_output";
  auto r = examples::RunSavedModel(out_dir);
  if (!r.ok()) {
    std::cerr << "saved_model failed: " << r.status() << "\n";
    return 1;
  }
  std::cout << "exported " << r->export_dir
            << " (saved_model.pb, variables/), loaded it with tags {serve}\n"
            << "serving_default: x = [" << r->x.SummarizeValue(10)
            << "] -> y = [" << r->y.SummarizeValue(10) << "]\n";
  return 0;
}
