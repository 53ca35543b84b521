// GraphDef / MetaGraphDef files as the CLI tools take them: binary (.pb,
// .meta) or text format (.pbtxt), chosen by flag or by file name. Built on
// graph/graph_def_io.h (binary with text fallback, deterministic writes).
//
// Thread-safety: pure functions; file access goes through the Env.
#ifndef TFPERSIST_TOOLS_GRAPH_IO_H_
#define TFPERSIST_TOOLS_GRAPH_IO_H_

#include <string>

#include "tensorflow/core/framework/graph.pb.h"
#include "tensorflow/core/protobuf/meta_graph.pb.h"
#include "tfpersist/base/env.h"
#include "tfpersist/base/statusor.h"

namespace tfpersist {

enum class GraphDefFormat {
  kAuto,    // text for *.pbtxt / *.txt; otherwise binary, then text
  kBinary,  // binary only (freeze_graph --input_binary=true)
  kText,    // text format only (freeze_graph's default for --input_graph)
};

// Parses a GraphDef from `path`. Errors name the path: NOT_FOUND for a
// missing file; DATA_LOSS when the bytes do not parse in the requested
// format(s) (e.g. a truncated .pb). `env` nullptr = Env::Default().
StatusOr<tensorflow::GraphDef> ReadGraphDefFile(
    const std::string& path, GraphDefFormat format = GraphDefFormat::kAuto,
    Env* env = nullptr);

// Writes `graph_def` to `path` (atomically): deterministic binary, or text
// when format is kText, or kAuto with a *.pbtxt / *.txt name.
Status WriteGraphDefFile(const tensorflow::GraphDef& graph_def,
                         const std::string& path,
                         GraphDefFormat format = GraphDefFormat::kAuto,
                         Env* env = nullptr);

// The same rules for a MetaGraphDef (.meta).
StatusOr<tensorflow::MetaGraphDef> ReadMetaGraphDefFile(
    const std::string& path, GraphDefFormat format = GraphDefFormat::kAuto,
    Env* env = nullptr);

}  // namespace tfpersist

#endif  // TFPERSIST_TOOLS_GRAPH_IO_H_
