// Typed access to NodeDef attributes and OpDef-driven facts about a node.
//
// Getters return StatusOr with TF's messages, naming node and attr:
//   INVALID_ARGUMENT "NodeDef 'v1' (op VariableV2): attr 'shape' has type
//   'type', expected 'shape'"; NOT_FOUND "No attr named 'dtype' in NodeDef
//   'v1' (op VariableV2)".
// Thread-safety: pure functions over const protos.
#ifndef TFPERSIST_GRAPH_NODE_DEF_UTIL_H_
#define TFPERSIST_GRAPH_NODE_DEF_UTIL_H_

#include <string>
#include <string_view>
#include <vector>

#include "tensorflow/core/framework/attr_value.pb.h"
#include "tensorflow/core/framework/node_def.pb.h"
#include "tensorflow/core/framework/op_def.pb.h"
#include "tfpersist/base/statusor.h"
#include "tfpersist/core/tensor.h"

namespace tfpersist {

StatusOr<std::string> GetStringAttr(const tensorflow::NodeDef& node,
                                    std::string_view name);
StatusOr<int64_t> GetIntAttr(const tensorflow::NodeDef& node,
                             std::string_view name);
StatusOr<float> GetFloatAttr(const tensorflow::NodeDef& node,
                             std::string_view name);
StatusOr<bool> GetBoolAttr(const tensorflow::NodeDef& node,
                           std::string_view name);
StatusOr<DataType> GetTypeAttr(const tensorflow::NodeDef& node,
                               std::string_view name);
StatusOr<PartialTensorShape> GetShapeAttr(const tensorflow::NodeDef& node,
                                          std::string_view name);
StatusOr<Tensor> GetTensorAttr(const tensorflow::NodeDef& node,
                               std::string_view name);
StatusOr<std::vector<int64_t>> GetIntListAttr(const tensorflow::NodeDef& node,
                                              std::string_view name);
StatusOr<std::vector<DataType>> GetTypeListAttr(const tensorflow::NodeDef& node,
                                                std::string_view name);
StatusOr<std::vector<std::string>> GetStringListAttr(
    const tensorflow::NodeDef& node, std::string_view name);
bool HasAttr(const tensorflow::NodeDef& node, std::string_view name);

// AttrValue makers for building NodeDefs.
tensorflow::AttrValue MakeAttr(std::string_view s);
tensorflow::AttrValue MakeAttr(const char* s);
tensorflow::AttrValue MakeAttr(int64_t i);
tensorflow::AttrValue MakeAttr(float f);
tensorflow::AttrValue MakeAttr(bool b);
tensorflow::AttrValue MakeAttr(DataType t);
tensorflow::AttrValue MakeAttr(const PartialTensorShape& shape);
tensorflow::AttrValue MakeAttr(const Tensor& value);  // Python encoding
tensorflow::AttrValue MakeAttr(const std::vector<int64_t>& ints);
tensorflow::AttrValue MakeAttr(const std::vector<DataType>& types);
tensorflow::AttrValue MakeAttr(const std::vector<std::string>& strings);

// Adds every attr that op_def has a default for and node lacks (what TF does
// on import and graph construction).
void AddDefaultsToNodeDef(const tensorflow::OpDef& op_def,
                          tensorflow::NodeDef* node);

// Checks node against its OpDef: required attrs present, attr types and
// allowed values, input count. INVALID_ARGUMENT naming the node.
Status ValidateNodeDef(const tensorflow::NodeDef& node,
                       const tensorflow::OpDef& op_def);

// The runtime dtypes of the node's inputs and outputs, expanding type attrs
// and N * T lists; ref args give _REF types. INVALID_ARGUMENT naming the node
// if attrs are missing.
Status InOutTypesForNode(const tensorflow::NodeDef& node,
                         const tensorflow::OpDef& op_def,
                         std::vector<DataType>* inputs,
                         std::vector<DataType>* outputs);
// Output index range [start, end) of output arg `arg_name` (for
// "node:arg:idx" names inside FunctionDefs).
Status OutputRangeForArg(const tensorflow::NodeDef& node,
                         const tensorflow::OpDef& op_def,
                         std::string_view arg_name, int* start, int* end);

// "Node 'x' (op Foo)" style summary for messages.
std::string FormatNodeForError(const tensorflow::NodeDef& node);

}  // namespace tfpersist

#endif  // TFPERSIST_GRAPH_NODE_DEF_UTIL_H_
