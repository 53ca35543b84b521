// Runs a registered op's shape function on a NodeDef built from attrs (the
// op's defaults filled in), for the math/nn OpDef tests.
#ifndef TFPERSIST_TESTS_GRAPH_OPS_OPS_TEST_UTIL_H_
#define TFPERSIST_TESTS_GRAPH_OPS_OPS_TEST_UTIL_H_

#include <algorithm>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "graph/node_def_util.h"
#include "graph/op_registry.h"
#include "graph/shape_inference.h"

namespace tfpersist::testing {

using Shapes = std::vector<PartialTensorShape>;
using AttrMap = std::map<std::string, tensorflow::AttrValue>;

inline StatusOr<Shapes> InferShapes(const std::string& op, const AttrMap& attrs,
                                    Shapes inputs,
                                    std::vector<const Tensor*> values = {}) {
  TFP_ASSIGN_OR_RETURN(const OpRegistration* reg,
                       OpRegistry::Global()->LookUp(op));
  tensorflow::NodeDef node;
  node.set_name("n");
  node.set_op(op);
  for (const auto& [k, v] : attrs) (*node.mutable_attr())[k] = v;
  // Type attrs not given and without default: float, or the first allowed.
  for (const auto& a : reg->op_def.attr()) {
    if (a.type() != "type" || a.has_default_value() || attrs.count(a.name())) {
      continue;
    }
    const auto& allowed = a.allowed_values().list().type();
    (*node.mutable_attr())[a.name()] =
        MakeAttr(allowed.empty() || std::find(allowed.begin(), allowed.end(),
                                              DT_FLOAT) != allowed.end()
                     ? DT_FLOAT
                     : static_cast<DataType>(allowed[0]));
  }
  AddDefaultsToNodeDef(reg->op_def, &node);
  return InferOutputShapes(*reg, node, std::move(inputs), std::move(values));
}

// The attr `name` of op's registered OpDef (fails the test if absent).
inline const tensorflow::OpDef::AttrDef& AttrOf(const std::string& op,
                                                const std::string& name) {
  static const tensorflow::OpDef::AttrDef kMissing;
  auto def = OpRegistry::Global()->LookUpOpDef(op);
  if (!def.ok()) return kMissing;
  for (const auto& a : (*def)->attr()) {
    if (a.name() == name) return a;
  }
  return kMissing;
}

}  // namespace tfpersist::testing

#endif  // TFPERSIST_TESTS_GRAPH_OPS_OPS_TEST_UTIL_H_
