// Internals of the `checkpoint` state file (public API:
// tfpersist/io/checkpoint_state.h), exposed for tests.
//
// Text layout written (Python text_format.MessageToString of a proto3
// tensorflow.CheckpointState), one line per value, fields in number order,
// fields holding their default value omitted, each line ending in '\n':
//
//   model_checkpoint_path: "<escaped string>"          field 1
//   all_model_checkpoint_paths: "<escaped string>"     field 2, repeated
//   all_model_checkpoint_timestamps: <python float>    field 3, repeated
//   last_preserved_timestamp: <python float>           field 4
//
// Strings: \t \n \r \" \' \\ escaped by name, other bytes < 0x20 or
// >= 0x7F as 3-digit octal (\303\251 for "é"). Floats: Python's repr
// (shortest round trip: "1584042343.0", "1e-05", "inf").
// Thread-safety: pure functions.
#ifndef TFPERSIST_IO_CHECKPOINT_STATE_INTERNAL_H_
#define TFPERSIST_IO_CHECKPOINT_STATE_INTERNAL_H_

#include <string>
#include <string_view>

#include "tfpersist/io/checkpoint_state.h"

namespace tfpersist::checkpoint_state_internal {

// The exact text Python's text_format.MessageToString produces.
std::string CheckpointStateToText(const CheckpointState& state);

// Parses any valid text-format CheckpointState (fields in any order,
// comments, Merge semantics for repeated singular fields). Paths are
// returned as written. INVALID_ARGUMENT "line:col: ..." on syntax errors or
// unknown fields.
StatusOr<CheckpointState> CheckpointStateFromText(std::string_view text);

// Python's repr() of a float.
std::string PythonFloatRepr(double value);

// Python protobuf's text_encoding.CEscape(bytes, as_utf8=False).
std::string TextFormatEscape(std::string_view bytes);

// Python's os.path.normpath for '/'-separated paths ("" -> ".").
std::string NormalizePath(std::string_view path);

// Python's os.path.relpath(path, start), where relative inputs are taken
// relative to cwd (an absolute path). REQUIRES: !start.empty().
std::string RelativePath(std::string_view path, std::string_view start,
                         std::string_view cwd);

}  // namespace tfpersist::checkpoint_state_internal

#endif  // TFPERSIST_IO_CHECKPOINT_STATE_INTERNAL_H_
