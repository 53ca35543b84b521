// The op families tfpersist registers, one function per family, each holding
// one visible registration line per op:
//
//   void RegisterArrayOps(OpRegistry* r) {
//     MustRegister(OpDefBuilder("Identity").Input("input: T")
//                      .Output("output: T").Attr("T: type")
//                      .SetShapeFn(UnchangedShape).Finalize(r));
//     ...
//   }
//
// RegisterAllOps (register_all.cc) calls every family in one list;
// OpRegistry::Global() calls it once. To add a family: declare it here, add
// its line to register_all.cc, and put it in src/graph/ops/<family>_ops.cc
// (picked up by the CMake glob). See docs/adding_an_op.md.
#ifndef TFPERSIST_GRAPH_OPS_OPS_H_
#define TFPERSIST_GRAPH_OPS_OPS_H_

#include "graph/op_registry.h"

namespace tfpersist {

void RegisterArrayOps(OpRegistry* registry);  // array_ops.cc
void RegisterStateOps(OpRegistry* registry);  // state_ops.cc
void RegisterResourceVariableOps(
    OpRegistry* registry);                           // resource_variable_ops.cc
void RegisterControlFlowOps(OpRegistry* registry);   // control_flow_ops.cc
void RegisterIoOps(OpRegistry* registry);            // io_ops.cc
void RegisterStringOps(OpRegistry* registry);        // string_ops.cc
void RegisterFunctionalOps(OpRegistry* registry);    // functional_ops.cc
void RegisterTrainingOps(OpRegistry* registry);      // training_ops.cc
void RegisterDataFlowOps(OpRegistry* registry);      // data_flow_ops.cc
void RegisterTensorArrayOps(OpRegistry* registry);   // tensor_array_ops.cc
void RegisterAudioOps(OpRegistry* registry);         // audio_ops.cc
void RegisterImageOps(OpRegistry* registry);         // image_ops.cc
void RegisterImageCodecOps(OpRegistry* registry);    // image_codec_ops.cc
void RegisterNnBackpropOps(OpRegistry* registry);    // nn_backprop_ops.cc
void RegisterNoOps(OpRegistry* registry);            // no_op.cc
void RegisterMathOps(OpRegistry* registry);          // math_ops.cc
void RegisterNnOps(OpRegistry* registry);            // nn_ops.cc
void RegisterListOps(OpRegistry* registry);          // list_ops.cc
void RegisterArraySplitOps(OpRegistry* registry);    // array_split_ops.cc
void RegisterArrayPadOps(OpRegistry* registry);      // array_pad_ops.cc
void RegisterArrayScatterOps(OpRegistry* registry);  // array_scatter_ops.cc
void RegisterMathSpecialOps(OpRegistry* registry);   // math_special_ops.cc
void RegisterNnTopKOps(OpRegistry* registry);        // nn_topk_ops.cc
void RegisterDatasetOps(OpRegistry* registry);       // dataset_ops.cc
void RegisterLookupOps(OpRegistry* registry);        // lookup_ops.cc
void RegisterParsingOps(OpRegistry* registry);       // parsing_ops.cc
void RegisterSparseOps(OpRegistry* registry);        // sparse_ops.cc

// Every family above, in the order of register_all.cc.
void RegisterAllOps(OpRegistry* registry);

// A built-in op must register: a malformed built-in OpDef is a bug, so this
// aborts with the registry's message (naming the op and the bad spec).
void MustRegister(const Status& status);

}  // namespace tfpersist

#endif  // TFPERSIST_GRAPH_OPS_OPS_H_
