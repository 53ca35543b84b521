// FixTrainingOps (graph_util.h): ref-typed training ops whose variable was
// frozen into a Const become their value-typed twins.
#include <map>
#include <set>

#include "graph/tensor_id.h"
#include "tfpersist/tools/graph_util.h"

namespace tfpersist {
namespace {

using tensorflow::GraphDef;
using tensorflow::NodeDef;

// True when `input` names a Const, directly or through Identity nodes.
bool ReachesConst(const std::map<std::string, const NodeDef*>& by_name,
                  const std::string& input) {
  std::string name = input;
  for (size_t hops = 0; hops <= by_name.size(); ++hops) {
    auto id = ParseTensorName(name);
    if (!id.ok() || id->is_control()) return false;
    auto it = by_name.find(id->node);
    if (it == by_name.end()) return false;
    const NodeDef& n = *it->second;
    if (n.op() == "Const") return true;
    if ((n.op() != "Identity" && n.op() != "RefIdentity") ||
        n.input_size() == 0) {
      return false;
    }
    name = n.input(0);
  }
  return false;  // an Identity cycle
}

}  // namespace

StatusOr<GraphDef> FixTrainingOps(
    const GraphDef& frozen, const std::vector<std::string>& protected_nodes) {
  static const std::map<std::string, std::string>* const kTwins =
      new std::map<std::string, std::string>{{"RefSwitch", "Switch"},
                                             {"RefMerge", "Merge"},
                                             {"AssignSub", "Sub"},
                                             {"AssignAdd", "Add"}};
  std::map<std::string, const NodeDef*> by_name;
  for (const NodeDef& n : frozen.node()) by_name[n.name()] = &n;
  GraphDef fixed = frozen;
  for (NodeDef& n : *fixed.mutable_node()) {
    auto twin = kTwins->find(n.op());
    if (twin == kTwins->end() || n.input_size() == 0) continue;
    // RefMerge: every data input must be frozen; the others: input 0.
    bool frozen_inputs = true;
    const int checked = n.op() == "RefMerge" ? n.input_size() : 1;
    for (int i = 0; i < checked; ++i) {
      if (n.input(i).starts_with("^")) continue;
      frozen_inputs = frozen_inputs && ReachesConst(by_name, n.input(i));
    }
    if (!frozen_inputs) continue;
    n.set_op(twin->second);
    n.mutable_attr()->erase("use_locking");
  }
  TFP_ASSIGN_OR_RETURN(GraphDef out,
                       RemoveTrainingNodes(fixed, protected_nodes));
  *out.mutable_library() = frozen.library();
  if (frozen.has_versions()) *out.mutable_versions() = frozen.versions();
  return out;
}

}  // namespace tfpersist
