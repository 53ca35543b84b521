// Reading and writing GraphDef files (frozen .pb graphs, .pbtxt).
//
// Reading accepts binary protos and, when the bytes are not a valid binary
// GraphDef, text format (as TF's helpers do). Writing is deterministic
// (map entries such as attrs sorted by key, like tf.io.write_graph) and
// atomic (temp file + rename through the Env).
// Thread-safety: pure functions; Env access as the Env allows.
#ifndef TFPERSIST_GRAPH_GRAPH_DEF_IO_H_
#define TFPERSIST_GRAPH_GRAPH_DEF_IO_H_

#include <string>
#include <string_view>

#include "tensorflow/core/framework/graph.pb.h"
#include "tfpersist/base/env.h"

namespace tfpersist {

// Parses `bytes` as a binary GraphDef, else as a text GraphDef. DATA_LOSS
// "Can't parse <name_for_errors> as binary or text GraphDef" when neither
// works (truncated or corrupt file); INVALID_ARGUMENT for input over 2 GiB.
StatusOr<tensorflow::GraphDef> ParseGraphDef(std::string_view bytes,
                                             std::string_view name_for_errors);

// Reads and parses `path`. NOT_FOUND if it does not exist; errors name the
// path.
Status ReadGraphDef(Env* env, const std::string& path,
                    tensorflow::GraphDef* graph_def);

// Writes graph_def to `path` as binary (deterministic) or text.
Status WriteGraphDef(Env* env, const std::string& path,
                     const tensorflow::GraphDef& graph_def, bool as_text);

// Deterministic binary serialization (sorted map keys), as Python's
// SerializeToString(deterministic=True).
std::string SerializeDeterministic(const google::protobuf::Message& message);

}  // namespace tfpersist

#endif  // TFPERSIST_GRAPH_GRAPH_DEF_IO_H_
