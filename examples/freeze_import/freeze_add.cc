// freeze_add: freeze the v1/v2/add checkpoint into <out_dir>/model.pb, load
// it with ImportGraphDef under prefix "Net" and run Net/add:0.
//
//   example_freeze_add [out_dir]   (default: demo_output)
#include <iostream>

#include "freeze_import_demo.h"

int main(int argc, char** argv) {
  using namespace tfpersist;
  const std::string out_dir = argc > 1 ? argv[1] : "demo_output";
  auto r = examples::RunFreezeAdd(out_dir);
  if (!r.ok()) {
    std::cerr << "freeze_add failed: " << r.status() << "\n";
    return 1;
  }
  std::cout << (r->wrote_checkpoint ? "saved v1=[1], v2=[2] to "
                                    : "found the checkpoint ")
            << r->checkpoint << "\n"
            << "froze it (output node 'add') into " << r->frozen_path << ", "
            << r->frozen.node_size() << " nodes:\n";
  for (const auto& n : r->frozen.node()) {
    std::cout << "  " << n.name() << " (" << n.op() << ")\n";
  }
  std::cout << "summarize_graph:\n" << r->summary;
  std::cout << "imported under prefix 'Net'; Net/add:0 = ["
            << r->net_add.SummarizeValue(10) << "]\n"
            << "same from the shell: tfpersist run " << r->frozen_path
            << " --output add:0\n";
  return 0;
}
