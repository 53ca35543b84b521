// save_restore: saves v1/v2/add to <out_dir>/model.ckpt and restores it four
// ways (see train_demo.h).
//
//   example_save_restore [out_dir]   (default: demo_output)
#include <iostream>

#include "train_demo.h"

int main(int argc, char** argv) {
  using namespace tfpersist;
  const std::string out_dir = argc > 1 ? argv[1] : "demo_output";
  auto r = examples::RunSaveRestore(out_dir);
  if (!r.ok()) {
    std::cerr << "save_restore failed: " << r.status() << "\n";
    return 1;
  }
  std::cout << "saved v1=[1], v2=[2] to " << r->checkpoint << "; files:";
  for (const std::string& f : r->files) std::cout << " " << f;
  std::cout << "\nlist_variables(" << out_dir << "):";
  for (const auto& [name, shape] : r->listed) {
    std::cout << " " << name << " " << shape.DebugString();
  }
  std::cout
      << "\nrestored into a rebuilt graph (initial values 10, 20): add = ["
      << r->rebuilt_add.SummarizeValue(10) << "]\n"
      << "restored via ImportMetaGraph(model.ckpt.meta), no rebuild: add = ["
      << r->imported_add.SummarizeValue(10) << "]\n"
      << "restored only v1 (v2 keeps its initial 20):               add = ["
      << r->only_v1_add.SummarizeValue(10) << "]\n"
      << "restored into other-v1/other-v2 through {v1: other-v1, v2: "
         "other-v2}: ["
      << r->renamed_v1.SummarizeValue(10) << "] ["
      << r->renamed_v2.SummarizeValue(10) << "]\n";
  return 0;
}
