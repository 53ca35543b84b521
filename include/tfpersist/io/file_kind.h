// What a file (or directory) a user passed actually is, decided by content,
// so that errors can say "this is a MetaGraphDef: use --input_meta_graph"
// instead of a parser's complaint. Thread-safety: pure functions over Env.
#ifndef TFPERSIST_IO_FILE_KIND_H_
#define TFPERSIST_IO_FILE_KIND_H_

#include <string>
#include <string_view>

#include "tfpersist/base/env.h"

namespace tfpersist {

enum class FileKind {
  kMissing,          // nothing at the path
  kV2Index,          // <prefix>.index of a V2 checkpoint (LevelDB table)
  kV2Data,           // <prefix>.data-NNNNN-of-NNNNN
  kV1Checkpoint,     // a V1 (SavedTensorSlices) table
  kGraphDef,         // binary or text GraphDef (.pb / .pbtxt)
  kMetaGraphDef,     // .meta (binary or text)
  kSavedModelFile,   // saved_model.pb / saved_model.pbtxt
  kSavedModelDir,    // a directory holding saved_model.pb(txt)
  kCheckpointState,  // the text "checkpoint" file
  kCheckpointDir,    // a directory with a "checkpoint" file or *.index files
  kNpy,              // a .npy array
  kDirectory,        // any other directory
  kUnknown,          // none of the above
};

// Classifies `path` by reading at most its first and last few KiB (a whole
// proto file is parsed only when it is under 64 MiB). Never fails: unreadable
// paths are kMissing or kUnknown.
FileKind DetectFileKind(Env* env, const std::string& path);

// "a MetaGraphDef (.meta)", "a V2 checkpoint index", ...
std::string_view FileKindName(FileKind kind);

// What to pass instead when `path` (of kind `kind`) was given where `wanted`
// was expected, e.g. " — it is a MetaGraphDef: pass it as --input_meta_graph
// (checkpoint prefix: model.ckpt-1999)". Empty when there is no advice.
std::string FileKindAdvice(Env* env, const std::string& path, FileKind kind,
                           std::string_view wanted);

}  // namespace tfpersist

#endif  // TFPERSIST_IO_FILE_KIND_H_
