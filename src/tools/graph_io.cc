#include "tfpersist/tools/graph_io.h"

#include <google/protobuf/io/tokenizer.h>
#include <google/protobuf/text_format.h>

#include "graph/graph_def_io.h"

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

}  // namespace

StatusOr<tensorflow::GraphDef> ReadGraphDefFile(const std::string& path,
                                                GraphDefFormat format,
                                                Env* env) {
  if (env == nullptr) env = Env::Default();
  format = Resolve(format, path);
  TFP_ASSIGN_OR_RETURN(std::string bytes, ReadFileToString(env, path));
  if (format == GraphDefFormat::kAuto) return ParseGraphDef(bytes, path);
  tensorflow::GraphDef graph_def;
  TFP_RETURN_IF_ERROR(ParseAs(bytes, format, path, &graph_def));
  return graph_def;
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
  TFP_RETURN_IF_ERROR(ParseAs(bytes, Resolve(format, path), path, &meta));
  return meta;
}

}  // namespace tfpersist
