// Function libraries written as TF writes them (FunctionDef text protos with
// "node:out_arg:i" inputs), shared by the graph and runtime function tests.
#ifndef TFPERSIST_TESTS_TESTING_FUNCTION_TESTLIB_H_
#define TFPERSIST_TESTS_TESTING_FUNCTION_TESTLIB_H_

#include <google/protobuf/text_format.h>

#include <string>

#include "tensorflow/core/framework/graph.pb.h"
#include "tfpersist/base/logging.h"

namespace tfpersist {
namespace testing {

// A scalar float/int32 Const node_def inside a FunctionDef.
inline std::string FConst(const std::string& name, float v) {
  return "node_def { name: '" + name +
         "' op: 'Const' attr { key: 'dtype' value { type: DT_FLOAT } } "
         "attr { key: 'value' value { tensor { dtype: DT_FLOAT tensor_shape "
         "{} float_val: " +
         std::to_string(v) + " } } } }";
}
inline std::string IConst(const std::string& name, int v) {
  return "node_def { name: '" + name +
         "' op: 'Const' attr { key: 'dtype' value { type: DT_INT32 } } "
         "attr { key: 'value' value { tensor { dtype: DT_INT32 tensor_shape "
         "{} int_val: " +
         std::to_string(v) + " } } } }";
}
// node_def of a binary op with T.
inline std::string Binary(const std::string& name, const std::string& op,
                          const std::string& a, const std::string& b,
                          const std::string& type = "DT_FLOAT") {
  return "node_def { name: '" + name + "' op: '" + op + "' input: '" + a +
         "' input: '" + b + "' attr { key: 'T' value { type: " + type +
         " } } }";
}

// times_two(x: float) -> y = x * 2; plus_one(x) -> x + 1;
// times_four(x) -> times_two(times_two(x)) (one call op, one Defun call);
// loop_cond(i: int32, acc: float) -> i < 3; loop_body(i, acc) -> (i + 1,
// acc * 2); add_to_var(v: resource, d: float) -> () with an
// AssignAddVariableOp control output; read_var(v: resource) -> float.
inline std::string LibraryText() {
  return "library { function { signature { name: 'times_two' "
         "input_arg { name: 'x' type: DT_FLOAT } "
         "output_arg { name: 'y' type: DT_FLOAT } } " +
         FConst("two", 2) + Binary("mul", "Mul", "x", "two:output:0") +
         " ret { key: 'y' value: 'mul:z:0' } } "
         "function { signature { name: 'plus_one' "
         "input_arg { name: 'x' type: DT_FLOAT } "
         "output_arg { name: 'y' type: DT_FLOAT } } " +
         FConst("one", 1) + Binary("add", "AddV2", "x", "one:output:0") +
         " ret { key: 'y' value: 'add:z:0' } } "
         "function { signature { name: 'times_four' "
         "input_arg { name: 'x' type: DT_FLOAT } "
         "output_arg { name: 'y' type: DT_FLOAT } } "
         "node_def { name: 'a' op: 'StatefulPartitionedCall' input: 'x' "
         "attr { key: 'Tin' value { list { type: DT_FLOAT } } } "
         "attr { key: 'Tout' value { list { type: DT_FLOAT } } } "
         "attr { key: 'f' value { func { name: 'times_two' } } } } "
         "node_def { name: 'b' op: 'times_two' input: 'a:output:0' } "
         "ret { key: 'y' value: 'b:y:0' } } "
         "function { signature { name: 'loop_cond' "
         "input_arg { name: 'i' type: DT_INT32 } "
         "input_arg { name: 'acc' type: DT_FLOAT } "
         "output_arg { name: 'c' type: DT_BOOL } } " +
         IConst("three", 3) +
         Binary("less", "Less", "i", "three:output:0", "DT_INT32") +
         " ret { key: 'c' value: 'less:z:0' } } "
         "function { signature { name: 'loop_body' "
         "input_arg { name: 'i' type: DT_INT32 } "
         "input_arg { name: 'acc' type: DT_FLOAT } "
         "output_arg { name: 'i_next' type: DT_INT32 } "
         "output_arg { name: 'acc_next' type: DT_FLOAT } } " +
         IConst("one", 1) + FConst("two", 2) +
         Binary("inc", "AddV2", "i", "one:output:0", "DT_INT32") +
         Binary("dbl", "Mul", "acc", "two:output:0") +
         " ret { key: 'i_next' value: 'inc:z:0' } "
         "ret { key: 'acc_next' value: 'dbl:z:0' } } "
         "function { signature { name: 'add_to_var' "
         "input_arg { name: 'v' type: DT_RESOURCE } "
         "input_arg { name: 'd' type: DT_FLOAT } "
         "control_output: 'assign' } "
         "node_def { name: 'assign' op: 'AssignAddVariableOp' input: 'v' "
         "input: 'd' attr { key: 'dtype' value { type: DT_FLOAT } } } "
         "control_ret { key: 'assign' value: 'assign' } } "
         "function { signature { name: 'read_var' "
         "input_arg { name: 'v' type: DT_RESOURCE } "
         "output_arg { name: 'value' type: DT_FLOAT } } "
         "node_def { name: 'read' op: 'ReadVariableOp' input: 'v' "
         "attr { key: 'dtype' value { type: DT_FLOAT } } } "
         "ret { key: 'value' value: 'read:value:0' } } }";
}

// A float placeholder node (unknown shape).
inline std::string FloatPlaceholder(const std::string& name,
                                    const std::string& type = "DT_FLOAT") {
  return "node { name: '" + name +
         "' op: 'Placeholder' attr { key: 'dtype' "
         "value { type: " +
         type + " } } }";
}

// A call node of `op` (PartitionedCall / StatefulPartitionedCall) to f.
inline std::string CallNode(const std::string& name, const std::string& op,
                            const std::string& f, const std::string& inputs,
                            const std::string& tin, const std::string& tout) {
  return "node { name: '" + name + "' op: '" + op + "' " + inputs +
         " attr { key: 'Tin' value { list { " + tin +
         " } } } "
         "attr { key: 'Tout' value { list { " +
         tout +
         " } } } "
         "attr { key: 'f' value { func { name: '" +
         f + "' } } } }";
}

inline tensorflow::GraphDef ParseGraph(const std::string& text) {
  tensorflow::GraphDef g;
  TFP_CHECK(google::protobuf::TextFormat::ParseFromString(text, &g)) << text;
  return g;
}

}  // namespace testing
}  // namespace tfpersist

#endif  // TFPERSIST_TESTS_TESTING_FUNCTION_TESTLIB_H_
