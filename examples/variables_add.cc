// variables_add: two TF1 variables and their sum, run before and after
// initialization; writes the graph to <out_dir>/variables_add.pbtxt.
//
//   example_variables_add [out_dir]   (default: demo_output)
#include "lib/variables_add.h"

#include <iostream>

#include "tfpersist/base/env.h"
#include "tfpersist/tools/graph_io.h"

int main(int argc, char** argv) {
  using namespace tfpersist;
  const std::string out_dir = argc > 1 ? argv[1] : "demo_output";
  auto result = examples::RunVariablesAdd();
  if (!result.ok()) {
    std::cerr << "variables_add failed: " << result.status() << "\n";
    return 1;
  }
  std::cout << "run add before init -> " << result->before_init << "\n";
  std::cout << "run init, then add  -> ["
            << result->after_init.SummarizeValue(10) << "]\n";
  Env* env = Env::Default();
  const std::string path = out_dir + "/variables_add.pbtxt";
  Status s = env->RecursivelyCreateDir(out_dir);
  s.Update(WriteGraphDefFile(result->graph, path, GraphDefFormat::kText));
  if (!s.ok()) {
    std::cerr << "writing " << path << ": " << s << "\n";
    return 1;
  }
  std::cout << "wrote the GraphDef to " << path << "\n";
  return 0;
}
