// Facts about OpDefs and AttrValues shared by the registry, the OpDefBuilder
// and node validation: TF's named type sets, attr-value text parsing,
// attr-type checks and OpDef well-formedness.
//
// Thread-safety: pure functions.
#ifndef TFPERSIST_GRAPH_OP_DEF_UTIL_H_
#define TFPERSIST_GRAPH_OP_DEF_UTIL_H_

#include <string>
#include <string_view>
#include <vector>

#include "tensorflow/core/framework/attr_value.pb.h"
#include "tensorflow/core/framework/op_def.pb.h"
#include "tfpersist/base/status.h"
#include "tfpersist/core/types.h"

namespace tfpersist {

// TF's type sets, in TF's order (framework/types.cc), used to expand the
// OpDef shorthands "numbertype", "realnumbertype" and "quantizedtype".
const std::vector<DataType>& NumberTypes();
const std::vector<DataType>& RealNumberTypes();
const std::vector<DataType>& QuantizedTypes();

// Parses the text of an attr default as registrations write it, for an attr
// of type `type` ("int", "list(int)", "shape", ...): "0", "true", "DT_FLOAT",
// "'NHWC'", "[1, 1, 1, 1]", "[]", "{ unknown_rank: true }". False if the text
// does not parse.
bool ParseAttrValue(std::string_view type, std::string_view text,
                    tensorflow::AttrValue* out);

// OK if `value` holds a value of attr type `type` ("int", "list(type)", ...);
// INVALID_ARGUMENT "AttrValue had value with type 'X' when 'Y' expected"
// otherwise (an empty list matches every list type).
Status AttrValueHasType(const tensorflow::AttrValue& value,
                        std::string_view type);
// The attr type of the value set in `value` ("int", "list(string)",
// "list(any)" for an empty list, "" when nothing is set).
std::string AttrValueTypeName(const tensorflow::AttrValue& value);

// OK if `value` satisfies attr_def's allowed values and minimum;
// INVALID_ARGUMENT with TF's wording otherwise ("Value for attr 'T' of
// string is not in the list of allowed values: float, double").
Status ValidateAttrValue(const tensorflow::AttrValue& value,
                         const tensorflow::OpDef::AttrDef& attr_def);

// Short printable form of an attr value, as TF's SummarizeAttrValue
// ("DT_FLOAT", "[1, 2]", "\"SAME\"").
std::string SummarizeAttrValue(const tensorflow::AttrValue& value);

// TF's ValidateOpDef: op name [A-Z][a-zA-Z0-9>_]* (or starting with '_'),
// unique arg/attr names, args referring to existing attrs of the right type,
// defaults of the right type within allowed values and minimums.
// INVALID_ARGUMENT naming the op.
Status ValidateOpDef(const tensorflow::OpDef& op_def);

// The AttrDef named `name`, or nullptr.
const tensorflow::OpDef::AttrDef* FindAttr(std::string_view name,
                                           const tensorflow::OpDef& op_def);

}  // namespace tfpersist

#endif  // TFPERSIST_GRAPH_OP_DEF_UTIL_H_
