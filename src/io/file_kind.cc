// DetectFileKind: classify a path by its bytes (see file_kind.h).
//
// Binary protos are told apart by a parse with log output silenced, plus a
// plausibility check (a GraphDef's nodes have ops; a MetaGraphDef has a
// graph_def or meta_info_def; a SavedModel has meta graphs), because the
// three messages share field numbers and a GraphDef's bytes can parse as a
// MetaGraphDef and vice versa.
#include "tfpersist/io/file_kind.h"

#include <google/protobuf/stubs/logging.h>
#include <google/protobuf/text_format.h>

#include <algorithm>

#include "io/coding.h"
#include "io/table/format.h"
#include "tensorflow/core/framework/graph.pb.h"
#include "tensorflow/core/protobuf/meta_graph.pb.h"
#include "tensorflow/core/protobuf/saved_model.pb.h"
#include "tfpersist/base/path.h"
#include "tfpersist/base/str_util.h"

namespace tfpersist {
namespace {

constexpr uint64_t kMaxProtoBytes = 64ull << 20;

bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() &&
         s.substr(s.size() - suffix.size()) == suffix;
}

StatusOr<std::string> ReadRange(Env* env, const std::string& path,
                                uint64_t offset, size_t n) {
  TFP_ASSIGN_OR_RETURN(auto file, env->NewRandomAccessFile(path));
  std::string buf(n, '\0');
  std::string_view got;
  TFP_RETURN_IF_ERROR(file->Read(offset, n, &got, buf.data()));
  return std::string(got);
}

bool IsGraphDef(const tensorflow::GraphDef& g) {
  return g.node_size() > 0 &&
         std::all_of(g.node().begin(), g.node().end(),
                     [](const auto& n) { return !n.op().empty(); });
}

// Parses `bytes` (binary first, then text) as each proto kind.
FileKind ClassifyProto(const std::string& bytes) {
  google::protobuf::LogSilencer silence;
  tensorflow::SavedModel sm;
  if (sm.ParseFromString(bytes) && sm.meta_graphs_size() > 0 &&
      IsGraphDef(sm.meta_graphs(0).graph_def())) {
    return FileKind::kSavedModelFile;
  }
  tensorflow::MetaGraphDef meta;
  if (meta.ParseFromString(bytes) && IsGraphDef(meta.graph_def()) &&
      (meta.has_meta_info_def() || meta.has_saver_def() ||
       meta.collection_def_size() > 0 || meta.signature_def_size() > 0)) {
    return FileKind::kMetaGraphDef;
  }
  tensorflow::GraphDef graph;
  if (graph.ParseFromString(bytes) && IsGraphDef(graph)) {
    return FileKind::kGraphDef;
  }
  google::protobuf::TextFormat::Parser parser;
  parser.AllowPartialMessage(true);
  if (parser.ParseFromString(bytes, &sm) && sm.meta_graphs_size() > 0) {
    return FileKind::kSavedModelFile;
  }
  if (parser.ParseFromString(bytes, &meta) && IsGraphDef(meta.graph_def())) {
    return FileKind::kMetaGraphDef;
  }
  if (parser.ParseFromString(bytes, &graph) && IsGraphDef(graph)) {
    return FileKind::kGraphDef;
  }
  return FileKind::kUnknown;
}

FileKind ClassifyDirectory(Env* env, const std::string& dir) {
  if (env->FileExists(JoinPath(dir, "saved_model.pb")).ok() ||
      env->FileExists(JoinPath(dir, "saved_model.pbtxt")).ok()) {
    return FileKind::kSavedModelDir;
  }
  if (env->FileExists(JoinPath(dir, "checkpoint")).ok()) {
    return FileKind::kCheckpointDir;
  }
  auto children = env->GetChildren(dir);
  if (children.ok()) {
    for (const std::string& c : *children) {
      if (EndsWith(c, ".index")) return FileKind::kCheckpointDir;
    }
  }
  return FileKind::kDirectory;
}

FileKind ClassifyFile(Env* env, const std::string& path, uint64_t size) {
  auto head = ReadRange(env, path, 0, std::min<uint64_t>(size, 64));
  if (!head.ok()) return FileKind::kUnknown;
  if (head->rfind("\x93NUMPY", 0) == 0) return FileKind::kNpy;
  if (size >= table::Footer::kEncodedLength) {
    auto tail = ReadRange(env, path, size - 8, 8);
    if (tail.ok() && tail->size() == 8 &&
        DecodeFixed64(tail->data()) == table::kTableMagicNumber) {
      return EndsWith(path, ".index") ? FileKind::kV2Index
                                      : FileKind::kV1Checkpoint;
    }
  }
  const std::string base(Basename(path));
  if (base.find(".data-") != std::string::npos &&
      base.find("-of-") != std::string::npos) {
    return FileKind::kV2Data;
  }
  if (head->rfind("model_checkpoint_path:", 0) == 0) {
    return FileKind::kCheckpointState;
  }
  if (size > kMaxProtoBytes) return FileKind::kUnknown;
  auto bytes = ReadFileToString(env, path);
  return bytes.ok() ? ClassifyProto(*bytes) : FileKind::kUnknown;
}

}  // namespace

FileKind DetectFileKind(Env* env, const std::string& path) {
  auto stat = env->Stat(path);
  if (!stat.ok()) return FileKind::kMissing;
  if (stat->is_directory) return ClassifyDirectory(env, path);
  return ClassifyFile(env, path, stat->length);
}

std::string_view FileKindName(FileKind kind) {
  switch (kind) {
    case FileKind::kMissing: return "missing";
    case FileKind::kV2Index: return "a V2 checkpoint index (.index)";
    case FileKind::kV2Data: return "a V2 checkpoint data file (.data-*)";
    case FileKind::kV1Checkpoint: return "a V1 checkpoint";
    case FileKind::kGraphDef: return "a GraphDef (.pb)";
    case FileKind::kMetaGraphDef: return "a MetaGraphDef (.meta)";
    case FileKind::kSavedModelFile: return "a SavedModel's saved_model.pb";
    case FileKind::kSavedModelDir: return "a SavedModel directory";
    case FileKind::kCheckpointState: return "a 'checkpoint' state file";
    case FileKind::kCheckpointDir: return "a checkpoint directory";
    case FileKind::kNpy: return "a .npy array";
    case FileKind::kDirectory: return "a directory";
    case FileKind::kUnknown: return "not a TensorFlow file we know";
  }
  return "unknown";
}

}  // namespace tfpersist

namespace tfpersist {
namespace {

// Checkpoint prefixes in `dir` (from *.index files), sorted, at most 5.
std::vector<std::string> PrefixesIn(Env* env, const std::string& dir) {
  std::vector<std::string> out;
  auto children = env->GetChildren(dir.empty() ? "." : dir);
  if (!children.ok()) return out;
  std::sort(children->begin(), children->end());
  for (const std::string& c : *children) {
    if (EndsWith(c, ".index") && out.size() < 5) {
      out.push_back(JoinPath(dir, c.substr(0, c.size() - 6)));
    }
  }
  return out;
}

std::string Quoted(const std::vector<std::string>& names) {
  std::vector<std::string> q;
  for (const std::string& n : names) q.push_back(StrCat("'", n, "'"));
  return StrJoin(q, ", ");
}

// SavedModel version folders (children holding saved_model.pb) of `dir`.
std::vector<std::string> SavedModelVersions(Env* env, const std::string& dir) {
  std::vector<std::string> out;
  auto children = env->GetChildren(dir);
  if (!children.ok()) return out;
  std::sort(children->begin(), children->end());
  for (const std::string& c : *children) {
    const std::string sub = JoinPath(dir, c);
    if (ClassifyDirectory(env, sub) == FileKind::kSavedModelDir) {
      out.push_back(sub);
    }
  }
  return out;
}

std::string CheckpointAdvice(Env* env, const std::string& path, FileKind kind) {
  switch (kind) {
    case FileKind::kV2Index:
      return StrCat(" It is a V2 index: pass the prefix '",
                    path.substr(0, path.size() - 6), "' (without .index).");
    case FileKind::kV2Data:
      return StrCat(" It is a V2 data file: pass the prefix '",
                    path.substr(0, path.rfind(".data-")), "'.");
    case FileKind::kSavedModelDir:
      return StrCat(" It is a SavedModel directory: its checkpoint is '",
                    JoinPath(path, "variables/variables"), "'.");
    case FileKind::kMissing:
    case FileKind::kCheckpointDir:
    case FileKind::kDirectory: {
      const std::string dir =
          kind == FileKind::kMissing ? std::string(Dirname(path)) : path;
      std::vector<std::string> prefixes = PrefixesIn(env, dir);
      if (prefixes.empty()) return "";
      return StrCat(" Checkpoints in '", dir.empty() ? "." : dir,
                    "': ", Quoted(prefixes), ".");
    }
    default:
      return StrCat(" It is ", FileKindName(kind),
                    ", not a checkpoint: pass a checkpoint prefix "
                    "(model.ckpt for model.ckpt.index).");
  }
}

std::string GraphAdvice(Env* env, const std::string& path, FileKind kind,
                        std::string_view wanted) {
  switch (kind) {
    case FileKind::kMetaGraphDef:
      return wanted == "MetaGraphDef"
                 ? ""
                 : " It is a MetaGraphDef (.meta): pass it as "
                   "--input_meta_graph.";
    case FileKind::kSavedModelFile:
      return StrCat(" It is a SavedModel: pass its directory '",
                    Dirname(path), "' as --input_saved_model_dir.");
    case FileKind::kSavedModelDir:
      return " It is a SavedModel directory: pass it as "
             "--input_saved_model_dir.";
    case FileKind::kGraphDef:
      return wanted == "GraphDef"
                 ? ""
                 : " It is a GraphDef (.pb): pass it as --input_graph.";
    case FileKind::kV2Index:
    case FileKind::kV2Data:
    case FileKind::kV1Checkpoint:
    case FileKind::kCheckpointState:
      return StrCat(" It is ", FileKindName(kind),
                    ": pass it as --input_checkpoint.");
    default:
      return "";
  }
}

}  // namespace

std::string FileKindAdvice(Env* env, const std::string& path, FileKind kind,
                           std::string_view wanted) {
  if (wanted == "checkpoint") return CheckpointAdvice(env, path, kind);
  if (wanted == "SavedModel") {
    if (kind == FileKind::kDirectory) {
      std::vector<std::string> versions = SavedModelVersions(env, path);
      if (versions.empty()) return "";
      return StrCat(" It holds SavedModel version directories: ",
                    Quoted(versions), ".");
    }
    return kind == FileKind::kSavedModelDir
               ? ""
               : StrCat(" It is ", FileKindName(kind), ".");
  }
  return GraphAdvice(env, path, kind, wanted);
}

}  // namespace tfpersist
