#include "graph/graph_def_io.h"

#include <google/protobuf/io/coded_stream.h>
#include <google/protobuf/io/tokenizer.h>
#include <google/protobuf/io/zero_copy_stream_impl_lite.h>
#include <google/protobuf/text_format.h>

#include <limits>

namespace tfpersist {
namespace {

class SilentErrors : public google::protobuf::io::ErrorCollector {
 public:
  void AddError(int, int, const std::string&) override {}
  void AddWarning(int, int, const std::string&) override {}
};

bool ParseBinary(std::string_view bytes, tensorflow::GraphDef* out) {
  google::protobuf::io::CodedInputStream in(
      reinterpret_cast<const uint8_t*>(bytes.data()),
      static_cast<int>(bytes.size()));
  return out->ParseFromCodedStream(&in) && in.ConsumedEntireMessage();
}

bool ParseText(std::string_view bytes, tensorflow::GraphDef* out) {
  google::protobuf::TextFormat::Parser parser;
  SilentErrors errors;
  parser.RecordErrorsTo(&errors);
  return parser.ParseFromString(std::string(bytes), out);
}

// Text GraphDefs start with a field name ("node", "versions", "library"),
// possibly after spaces or comments; binary ones almost never look so.
bool LooksLikeText(std::string_view bytes) {
  for (char c : bytes.substr(0, 256)) {
    const unsigned char u = static_cast<unsigned char>(c);
    if (u >= 0x80 || (u < 0x20 && c != '\n' && c != '\r' && c != '\t')) {
      return false;
    }
  }
  return true;
}

}  // namespace

StatusOr<tensorflow::GraphDef> ParseGraphDef(std::string_view bytes,
                                             std::string_view name_for_errors) {
  if (bytes.size() > static_cast<size_t>(std::numeric_limits<int>::max())) {
    return errors::InvalidArgument("Can't parse ", name_for_errors, ": ",
                                   bytes.size(),
                                   " bytes exceed the 2 GiB protobuf limit");
  }
  tensorflow::GraphDef graph_def;
  if (ParseBinary(bytes, &graph_def)) return graph_def;
  graph_def.Clear();
  if (LooksLikeText(bytes) && ParseText(bytes, &graph_def)) return graph_def;
  return errors::DataLoss("Can't parse ", name_for_errors,
                          " as binary or text GraphDef (", bytes.size(),
                          " bytes; truncated or corrupt?)");
}

Status ReadGraphDef(Env* env, const std::string& path,
                    tensorflow::GraphDef* graph_def) {
  TFP_ASSIGN_OR_RETURN(std::string bytes, ReadFileToString(env, path));
  TFP_ASSIGN_OR_RETURN(*graph_def, ParseGraphDef(bytes, path));
  return OkStatus();
}

std::string SerializeDeterministic(const google::protobuf::Message& message) {
  std::string out;
  {
    google::protobuf::io::StringOutputStream stream(&out);
    google::protobuf::io::CodedOutputStream coded(&stream);
    coded.SetSerializationDeterministic(true);
    message.SerializeToCodedStream(&coded);
  }  // the streams flush and trim `out` here
  return out;
}

Status WriteGraphDef(Env* env, const std::string& path,
                     const tensorflow::GraphDef& graph_def, bool as_text) {
  std::string data;
  if (as_text) {
    if (!google::protobuf::TextFormat::PrintToString(graph_def, &data)) {
      return errors::Internal("Could not print GraphDef as text for ", path);
    }
  } else {
    data = SerializeDeterministic(graph_def);
  }
  TFP_RETURN_IF_ERROR_CTX(WriteStringToFileAtomic(env, path, data),
                          "writing GraphDef ", path);
  return OkStatus();
}

}  // namespace tfpersist
