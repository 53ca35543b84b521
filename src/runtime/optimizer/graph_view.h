// GraphView: an index over a GraphDef for the optimizer passes: nodes by
// name, the consumers of each node (data and control), and edits that keep
// the graph well formed (rewiring consumers, deleting nodes). A view is
// built per pass; edits through it update it.
//
// Thread-safety: not thread-safe; one pass at a time.
#ifndef TFPERSIST_RUNTIME_OPTIMIZER_GRAPH_VIEW_H_
#define TFPERSIST_RUNTIME_OPTIMIZER_GRAPH_VIEW_H_

#include <map>
#include <set>
#include <string>
#include <vector>

#include "tensorflow/core/framework/graph.pb.h"
#include "tfpersist/base/statusor.h"
#include "tfpersist/core/tensor.h"

namespace tfpersist::optimizer {

// One input string of a NodeDef: "^node", "node" or "node:port".
struct InputRef {
  std::string node;
  int port = 0;
  bool control = false;
};
InputRef ParseInput(const std::string& input);
std::string InputString(const std::string& node, int port);

class GraphView {
 public:
  // REQUIRES: `graph` outlives the view; it is edited in place.
  GraphView(tensorflow::GraphDef* graph, const std::set<std::string>& preserve);

  tensorflow::NodeDef* node(const std::string& name) const;
  bool preserved(const std::string& name) const {
    return preserve_.count(name) > 0;
  }
  // Consumers of `name` (node names, with repeats for several edges).
  const std::vector<std::string>& data_consumers(const std::string& name,
                                                 int port) const;
  const std::vector<std::string>& control_consumers(
      const std::string& name) const;
  // Number of data edges out of `name`, over all ports.
  int num_data_consumers(const std::string& name) const;
  // The producer of input `i` of `n` (nullptr if unknown).
  tensorflow::NodeDef* producer(const tensorflow::NodeDef& n, int i) const;
  // True if input i of n is produced by a Const with no control inputs
  // that is not preserved (a fed Const is no constant).
  bool IsPlainConstInput(const tensorflow::NodeDef& n, int i) const;
  // The value of a Const node's "value" attr.
  StatusOr<Tensor> ConstValue(const tensorflow::NodeDef& n) const;

  // Replaces every data input "from" (node:port) of the consumers by `to`
  // (an input string); control inputs "^from" become "^<to's node>".
  void Rewire(const std::string& from, int port, const std::string& to);
  // Marks a node for deletion (done by Commit).
  void Remove(const std::string& name) { removed_.insert(name); }
  // Adds a node (a new name).
  tensorflow::NodeDef* Add(tensorflow::NodeDef node);
  // Deletes the removed nodes from the GraphDef. The view is invalid after.
  void Commit();

 private:
  tensorflow::GraphDef* graph_;
  std::set<std::string> preserve_;
  std::map<std::string, int> index_;
  std::map<std::pair<std::string, int>, std::vector<std::string>> data_;
  std::map<std::string, std::vector<std::string>> control_;
  std::set<std::string> removed_;
  std::vector<std::string> empty_;
};

// A Const NodeDef holding `value`.
tensorflow::NodeDef MakeConst(const std::string& name, const Tensor& value);

// Ops the rewrites never touch as producers (ref / frame / dead-value
// semantics): Switch, Merge, Enter, Exit, NextIteration, LoopCond,
// variables, Assign*, ...
bool IsControlFlowOrRef(const std::string& op);

}  // namespace tfpersist::optimizer

#endif  // TFPERSIST_RUNTIME_OPTIMIZER_GRAPH_VIEW_H_
