#include "tfpersist/tools/graph_io.h"

#include <google/protobuf/io/tokenizer.h>
#include <google/protobuf/text_format.h>

#include <google/protobuf/stubs/logging.h>

#include "graph/graph_def_io.h"
#include "tfpersist/io/file_kind.h"

namespace tfpersist {
namespace {

bool IsTextName(const std::string& path) {
  return path.ends_with(".pbtxt") || path.ends_with(".txt");
}

GraphDefFormat Resolve(GraphDefFormat format, const std::string& path) {
  if (format == GraphDefFormat::kAuto && IsTextName(path)) {
    return GraphDefFormat::kText;
  }
  return format;
}

// Keeps the first text-parser error for the message.
class FirstError : public google::protobuf::io::ErrorCollector {
 public:
  void AddError(int line, int column, const std::string& message) override {
    if (first_.empty()) {
      first_ = StrCat("line ", line + 1, " column ", column + 1, ": ", message);
    }
  }
  const std::string& first() const { return first_; }

 private:
  std::string first_;
};

Status ParseText(const std::string& bytes, const std::string& path,
                 google::protobuf::Message* msg) {
  google::protobuf::TextFormat::Parser parser;
  FirstError error;
  parser.RecordErrorsTo(&error);
  if (parser.ParseFromString(bytes, msg)) return OkStatus();
  return errors::DataLoss("Can't parse ", path, " as a text ",
                          msg->GetDescriptor()->name(), ": ", error.first());
}

// Binary, text, or binary-then-text into `msg`.
Status ParseAs(const std::string& bytes, GraphDefFormat format,
               const std::string& path, google::protobuf::Message* msg) {
  if (format == GraphDefFormat::kText) return ParseText(bytes, path, msg);
  if (msg->ParseFromString(bytes)) return OkStatus();
  const std::string type = msg->GetDescriptor()->name();
  msg->Clear();
  if (format == GraphDefFormat::kAuto &&
      google::protobuf::TextFormat::ParseFromString(bytes, msg)) {
    return OkStatus();
  }
  return errors::DataLoss("Can't parse ", path, " (", bytes.size(),
                          " bytes) as a binary ", type,
                          format == GraphDefFormat::kAuto ? " or text" : "",
                          ": truncated or corrupt");
}

// When `path` did not parse as the `wanted` message: if its content is some
// other TensorFlow file, INVALID_ARGUMENT saying what it is and what to pass
// instead; otherwise `parse_error` unchanged.
Status ExplainWrongKind(Env* env, const std::string& path,
                        std::string_view wanted, FileKind expected,
                        Status parse_error) {
  const FileKind kind = DetectFileKind(env, path);
  if (kind == expected || kind == FileKind::kUnknown) return parse_error;
  return errors::InvalidArgument(path, " is ", FileKindName(kind), ", not a ",
                                 wanted, ".",
                                 FileKindAdvice(env, path, kind, wanted));
}

bool HasEmptyOp(const tensorflow::GraphDef& graph_def) {
  for (const auto& node : graph_def.node()) {
    if (node.op().empty()) return true;
  }
  return false;
}

StatusOr<tensorflow::GraphDef> ParseGraphDefFile(const std::string& bytes,
                                                 const std::string& path,
                                                 GraphDefFormat format) {
  google::protobuf::LogSilencer silence;  // We report errors ourselves.
  if (format == GraphDefFormat::kAuto) return ParseGraphDef(bytes, path);
  tensorflow::GraphDef graph_def;
  TFP_RETURN_IF_ERROR(ParseAs(bytes, format, path, &graph_def));
  return graph_def;
}

}  // namespace

StatusOr<tensorflow::GraphDef> ReadGraphDefFile(const std::string& path,
                                                GraphDefFormat format,
                                                Env* env) {
  if (env == nullptr) env = Env::Default();
  TFP_ASSIGN_OR_RETURN(std::string bytes, ReadFileToString(env, path));
  StatusOr<tensorflow::GraphDef> graph_def =
      ParseGraphDefFile(bytes, path, Resolve(format, path));
  if (graph_def.ok() && !HasEmptyOp(*graph_def)) return graph_def;
  return ExplainWrongKind(
      env, path, "GraphDef", FileKind::kGraphDef,
      graph_def.ok() ? errors::InvalidArgument(path, " has a node without op")
                     : graph_def.status());
}

Status WriteGraphDefFile(const tensorflow::GraphDef& graph_def,
                         const std::string& path, GraphDefFormat format,
                         Env* env) {
  if (env == nullptr) env = Env::Default();
  const bool as_text = Resolve(format, path) == GraphDefFormat::kText;
  return WriteGraphDef(env, path, graph_def, as_text);
}

StatusOr<tensorflow::MetaGraphDef> ReadMetaGraphDefFile(const std::string& path,
                                                        GraphDefFormat format,
                                                        Env* env) {
  if (env == nullptr) env = Env::Default();
  TFP_ASSIGN_OR_RETURN(std::string bytes, ReadFileToString(env, path));
  tensorflow::MetaGraphDef meta;
  Status parsed;
  {
    google::protobuf::LogSilencer silence;  // We report errors ourselves.
    parsed = ParseAs(bytes, Resolve(format, path), path, &meta);
  }
  if (parsed.ok() && !HasEmptyOp(meta.graph_def())) return meta;
  return ExplainWrongKind(env, path, "MetaGraphDef", FileKind::kMetaGraphDef,
                          parsed.ok() ? errors::InvalidArgument(
                                            path, " has a node without op")
                                      : parsed);
}

}  // namespace tfpersist
