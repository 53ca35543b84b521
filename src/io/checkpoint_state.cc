// The `checkpoint` state file; text layout documented in
// io/checkpoint_state.h.
#include "io/checkpoint_state.h"

#include <google/protobuf/io/tokenizer.h>
#include <google/protobuf/text_format.h>

#include <charconv>
#include <cmath>
#include <filesystem>
#include <system_error>

#include "tensorflow/python/training/checkpoint_state.pb.h"
#include "tfpersist/base/path.h"

namespace tfpersist {
namespace checkpoint_state_internal {
namespace {

// Collects the first parse error as "line:col: message" (1-based).
class FirstErrorCollector : public google::protobuf::io::ErrorCollector {
 public:
  void AddError(int line, int column, const std::string& message) override {
    if (error_.empty())
      error_ = StrCat(line + 1, ":", column + 1, ": ", message);
  }
  void AddWarning(int, int, const std::string&) override {}
  const std::string& error() const { return error_; }

 private:
  std::string error_;
};

void AppendStringField(std::string* out, std::string_view name,
                       std::string_view value) {
  out->append(name);
  out->append(": \"");
  out->append(TextFormatEscape(value));
  out->append("\"\n");
}

void AppendDoubleField(std::string* out, std::string_view name, double value) {
  out->append(name);
  out->append(": ");
  out->append(PythonFloatRepr(value));
  out->push_back('\n');
}

std::vector<std::string> SplitComponents(std::string_view path) {
  return StrSplit(path, '/', /*skip_empty=*/true);
}

}  // namespace

std::string PythonFloatRepr(double value) {
  if (std::isnan(value)) return "nan";
  if (std::isinf(value)) return value < 0 ? "-inf" : "inf";
  char buf[64];
  auto res = std::to_chars(buf, buf + sizeof(buf), value,
                           std::chars_format::scientific);
  std::string_view sci(buf, res.ptr - buf);  // "-d.ddde+XX"
  std::string sign;
  if (sci.front() == '-') {
    sign = "-";
    sci.remove_prefix(1);
  }
  size_t e_pos = sci.find('e');
  int exponent = 0;
  std::from_chars(sci.data() + e_pos + 1 + (sci[e_pos + 1] == '+'),
                  sci.data() + sci.size(), exponent);
  std::string digits;
  for (char c : sci.substr(0, e_pos)) {
    if (c != '.') digits.push_back(c);
  }
  if (value == 0) exponent = 0;
  if (exponent >= -4 && exponent < 16) {
    if (exponent < 0)
      return sign + "0." + std::string(-exponent - 1, '0') + digits;
    if (digits.size() <= static_cast<size_t>(exponent) + 1) {
      digits.append(exponent + 1 - digits.size(), '0');
      return sign + digits + ".0";
    }
    return sign + digits.substr(0, exponent + 1) + "." +
           digits.substr(exponent + 1);
  }
  std::string mantissa = digits.substr(0, 1);
  if (digits.size() > 1) mantissa += "." + digits.substr(1);
  std::string exp_digits = std::to_string(std::abs(exponent));
  if (exp_digits.size() < 2) exp_digits.insert(0, "0");
  return sign + mantissa + "e" + (exponent < 0 ? "-" : "+") + exp_digits;
}

std::string TextFormatEscape(std::string_view bytes) {
  std::string out;
  for (unsigned char c : bytes) {
    switch (c) {
      case '\t':
        out += "\\t";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '"':
        out += "\\\"";
        break;
      case '\'':
        out += "\\'";
        break;
      case '\\':
        out += "\\\\";
        break;
      default:
        if (c < 0x20 || c >= 0x7F) {
          char oct[5] = {'\\', static_cast<char>('0' + (c >> 6)),
                         static_cast<char>('0' + ((c >> 3) & 7)),
                         static_cast<char>('0' + (c & 7)), 0};
          out += oct;
        } else {
          out.push_back(static_cast<char>(c));
        }
    }
  }
  return out;
}

std::string CheckpointStateToText(const CheckpointState& state) {
  std::string out;
  if (!state.model_checkpoint_path.empty()) {
    AppendStringField(&out, "model_checkpoint_path",
                      state.model_checkpoint_path);
  }
  for (const std::string& p : state.all_model_checkpoint_paths) {
    AppendStringField(&out, "all_model_checkpoint_paths", p);
  }
  for (double t : state.all_model_checkpoint_timestamps) {
    AppendDoubleField(&out, "all_model_checkpoint_timestamps", t);
  }
  if (state.last_preserved_timestamp != 0) {
    AppendDoubleField(&out, "last_preserved_timestamp",
                      state.last_preserved_timestamp);
  }
  return out;
}

StatusOr<CheckpointState> CheckpointStateFromText(std::string_view text) {
  tensorflow::CheckpointState proto;
  google::protobuf::TextFormat::Parser parser;
  FirstErrorCollector errors;
  parser.RecordErrorsTo(&errors);
  if (!parser.MergeFromString(std::string(text), &proto)) {
    return errors::InvalidArgument(
        "not a text-format CheckpointState: ",
        errors.error().empty() ? "parse error" : errors.error());
  }
  CheckpointState state;
  state.model_checkpoint_path = proto.model_checkpoint_path();
  state.all_model_checkpoint_paths.assign(
      proto.all_model_checkpoint_paths().begin(),
      proto.all_model_checkpoint_paths().end());
  state.all_model_checkpoint_timestamps.assign(
      proto.all_model_checkpoint_timestamps().begin(),
      proto.all_model_checkpoint_timestamps().end());
  state.last_preserved_timestamp = proto.last_preserved_timestamp();
  return state;
}

std::string NormalizePath(std::string_view path) {
  if (path.empty()) return ".";
  bool absolute = IsAbsolutePath(path);
  std::vector<std::string> parts;
  for (std::string& comp : SplitComponents(path)) {
    if (comp == ".") continue;
    if (comp == "..") {
      if (!parts.empty() && parts.back() != "..") {
        parts.pop_back();
        continue;
      }
      if (absolute) continue;  // "/.." is "/".
    }
    parts.push_back(std::move(comp));
  }
  std::string joined = StrJoin(parts, "/");
  if (absolute) return "/" + joined;
  return joined.empty() ? "." : joined;
}

std::string RelativePath(std::string_view path, std::string_view start,
                         std::string_view cwd) {
  auto absolute = [&](std::string_view p) {
    return SplitComponents(
        NormalizePath(IsAbsolutePath(p) ? std::string(p) : JoinPath(cwd, p)));
  };
  std::vector<std::string> from = absolute(start);
  std::vector<std::string> to = absolute(path);
  size_t common = 0;
  while (common < from.size() && common < to.size() &&
         from[common] == to[common]) {
    ++common;
  }
  std::vector<std::string> rel(from.size() - common, "..");
  rel.insert(rel.end(), to.begin() + common, to.end());
  return rel.empty() ? "." : StrJoin(rel, "/");
}

}  // namespace checkpoint_state_internal

namespace {

using checkpoint_state_internal::RelativePath;

std::string CurrentDir() {
  std::error_code ec;
  std::string cwd = std::filesystem::current_path(ec).string();
  return ec ? "/" : cwd;
}

// Python's os.path.join(dir, p) for a relative p.
std::string JoinOnto(const std::string& dir, const std::string& p) {
  return IsAbsolutePath(p) ? p : JoinPath(dir, p);
}

// The path rewriting of generate_checkpoint_state_proto and
// update_checkpoint_state_internal (spec checkpoint-state.md §3).
std::string PathToWrite(const std::string& save_dir, const std::string& p,
                        bool save_relative_paths, const std::string& cwd) {
  std::string out = p;
  if (save_relative_paths && IsAbsolutePath(out)) {
    out = RelativePath(out, save_dir, cwd);
  }
  if (!IsAbsolutePath(save_dir) && !IsAbsolutePath(out)) {
    out = RelativePath(out, save_dir, cwd);
  }
  return out;
}

// The state as update_checkpoint_state_internal writes it.
CheckpointState StateToWrite(const std::string& dir,
                             const std::string& model_checkpoint_path,
                             const std::vector<std::string>& all_paths,
                             const UpdateCheckpointStateOptions& options) {
  const std::string cwd = CurrentDir();
  CheckpointState state;
  state.model_checkpoint_path =
      PathToWrite(dir, model_checkpoint_path, options.save_relative_paths, cwd);
  for (const std::string& p : all_paths) {
    state.all_model_checkpoint_paths.push_back(
        PathToWrite(dir, p, options.save_relative_paths, cwd));
  }
  state.all_model_checkpoint_timestamps =
      options.all_model_checkpoint_timestamps;
  state.last_preserved_timestamp = options.last_preserved_timestamp;
  return state;
}

}  // namespace

StatusOr<CheckpointState> GetCheckpointState(
    Env* env, const std::string& dir, const std::string& latest_filename) {
  const std::string filename = JoinPath(dir, latest_filename);
  TFP_ASSIGN_OR_RETURN(std::string text, ReadFileToString(env, filename));
  StatusOr<CheckpointState> parsed =
      checkpoint_state_internal::CheckpointStateFromText(text);
  if (!parsed.ok()) {
    return errors::DataLoss("checkpoint state file ", filename, ": ",
                            parsed.status().message());
  }
  CheckpointState state = std::move(parsed).value();
  if (state.model_checkpoint_path.empty()) {
    return errors::DataLoss("invalid checkpoint state file ", filename,
                            ": model_checkpoint_path is empty");
  }
  state.model_checkpoint_path = JoinOnto(dir, state.model_checkpoint_path);
  for (std::string& p : state.all_model_checkpoint_paths) p = JoinOnto(dir, p);
  return state;
}

Status UpdateCheckpointStateFile(
    Env* env, const std::string& save_dir,
    const std::string& model_checkpoint_path,
    std::vector<std::string> all_model_checkpoint_paths,
    const UpdateCheckpointStateOptions& options) {
  if (options.latest_filename.find('/') != std::string::npos) {
    return errors::InvalidArgument("latest_filename '", options.latest_filename,
                                   "' must not contain a path separator");
  }
  if (all_model_checkpoint_paths.empty() ||
      all_model_checkpoint_paths.back() != model_checkpoint_path) {
    all_model_checkpoint_paths.push_back(model_checkpoint_path);
  }
  const auto& timestamps = options.all_model_checkpoint_timestamps;
  if (!timestamps.empty() &&
      timestamps.size() != all_model_checkpoint_paths.size()) {
    return errors::InvalidArgument(
        "checkpoint timestamps, if provided, must match checkpoint paths (got ",
        all_model_checkpoint_paths.size(), " paths and ", timestamps.size(),
        " timestamps)");
  }
  const CheckpointState state =
      StateToWrite(save_dir.empty() ? "." : save_dir, model_checkpoint_path,
                   all_model_checkpoint_paths, options);
  const std::string filename = JoinPath(save_dir, options.latest_filename);
  if (filename == state.model_checkpoint_path) {
    return errors::InvalidArgument(
        "save path '", model_checkpoint_path,
        "' conflicts with the checkpoint state file ", filename);
  }
  return WriteStringToFileAtomic(
      env, filename, checkpoint_state_internal::CheckpointStateToText(state));
}

bool CheckpointExists(Env* env, const std::string& prefix) {
  for (const std::string& pattern : {prefix + ".index", prefix}) {
    StatusOr<std::vector<std::string>> matches = env->GetMatchingPaths(pattern);
    if (matches.ok() && !matches->empty()) return true;
  }
  return false;
}

StatusOr<std::string> LatestCheckpoint(Env* env, const std::string& dir,
                                       const std::string& latest_filename) {
  TFP_ASSIGN_OR_RETURN(CheckpointState state,
                       GetCheckpointState(env, dir, latest_filename));
  const std::string& prefix = state.model_checkpoint_path;
  if (CheckpointExists(env, prefix)) return prefix;
  // A state file copied from another machine: same name, in dir.
  std::string local = JoinPath(dir, Basename(prefix));
  if (local != prefix && CheckpointExists(env, local)) return local;
  return errors::NotFound("checkpoint ", prefix, " named by ",
                          JoinPath(dir, latest_filename),
                          " does not exist (no .index or V1 file)");
}

}  // namespace tfpersist
