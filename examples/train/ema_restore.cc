// ema_restore: trains y = w*x with an ExponentialMovingAverage, saves, and
// restores the shadow value into plain w (see train_demo.h).
//
//   example_ema_restore [out_dir]   (default: demo_output)
#include <iostream>

#include "train_demo.h"

int main(int argc, char** argv) {
  using namespace tfpersist;
  const std::string out_dir = argc > 1 ? argv[1] : "demo_output";
  auto r = examples::RunEmaRestore(out_dir);
  if (!r.ok()) {
    std::cerr << "ema_restore failed: " << r.status() << "\n";
    return 1;
  }
  std::cout << "trained " << r->steps << " steps on y = 3x, saved "
            << r->checkpoint
            << "\n  w                          = " << r->trained_w
            << "\n  w/ExponentialMovingAverage = " << r->shadow_w
            << "\nevaluation graph, Saver(ema.variables_to_restore()): w = "
            << r->restored_w << " (the shadow value)\n";
  return 0;
}
