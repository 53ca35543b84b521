// tf.train.Saver: building (saver_builder.cc), saving with the crash-safe
// publication order documented in saver.h, retention (max_to_keep,
// keep_checkpoint_every_n_hours; spec checkpoint-state.md §5) and restoring.
#include "tfpersist/train/saver.h"

#include <algorithm>
#include <cstdio>
#include <set>

#include "tfpersist/base/path.h"
#include "tfpersist/io/checkpoint_state.h"
#include "tfpersist/train/meta_graph.h"
#include "train/restore_diagnosis.h"
#include "train/saver_builder.h"

namespace tfpersist {
namespace {

// checkpoint_management.meta_graph_filename: strips a V1 shard suffix
// ("-?????-of-00003", "-00001-of-00003") and appends ".<suffix>".
std::string MetaGraphFilename(std::string path, const std::string& suffix) {
  const size_t of = path.rfind("-of-");
  if (of != std::string::npos) {
    const size_t dash = path.rfind('-', of == 0 ? 0 : of - 1);
    const std::string digits = path.substr(of + 4);
    const std::string shard = dash == std::string::npos
                                  ? std::string()
                                  : path.substr(dash + 1, of - dash - 1);
    auto is = [](const std::string& s, const char* chars) {
      return !s.empty() && s.find_first_not_of(chars) == std::string::npos;
    };
    if (is(digits, "0123456789") && is(shard, "0123456789?")) {
      path.resize(dash);
    }
  }
  return StrCat(path, ".", suffix);
}

// checkpoint_management.remove_checkpoint, index first so a half-deleted
// checkpoint never looks complete. Errors are ignored (TF logs them).
void RemoveCheckpoint(Env* env, const std::string& prefix, bool v2,
                      const std::string& meta_suffix) {
  std::vector<std::string> patterns;
  if (v2) {
    patterns = {prefix + ".index", prefix + ".data-?????-of-?????"};
  } else {
    patterns = {prefix};
  }
  patterns.push_back(MetaGraphFilename(prefix, meta_suffix));
  for (const std::string& pattern : patterns) {
    auto matches = env->GetMatchingPaths(pattern);
    if (!matches.ok()) continue;
    for (const std::string& path : *matches) (void)env->DeleteFile(path);
  }
}

}  // namespace

Saver::Saver(tensorflow::SaverDef def, const SaverOptions& options)
    : def_(std::move(def)),
      options_(options),
      env_(options.env ? options.env : Env::Default()) {
  next_keep_time_ = Now() + def_.keep_checkpoint_every_n_hours() * 3600.0;
}

Saver::~Saver() = default;

double Saver::Now() const { return env_->NowMicros() / 1e6; }

StatusOr<std::unique_ptr<Saver>> Saver::Create(GraphBuilder& b,
                                               const SaverOptions& options,
                                               const Collections* collections) {
  TFP_RETURN_IF_ERROR(b.status());
  TFP_ASSIGN_OR_RETURN(
      std::vector<SaveableVariable> saveables,
      ResolveSaveables(b, options.var_list, options.var_map, collections));
  std::unique_ptr<Saver> saver;
  if (saveables.empty()) {
    if (!options.allow_empty) {
      return errors::InvalidArgument("No variables to save");
    }
    saver.reset(new Saver(tensorflow::SaverDef(), options));
    saver->empty_ = true;
  } else {
    SaverBuildOptions build;
    build.name = options.name;
    build.filename = options.filename;
    build.sharded = options.sharded;
    build.version = options.write_version;
    build.max_to_keep = options.max_to_keep;
    build.keep_checkpoint_every_n_hours = options.keep_checkpoint_every_n_hours;
    TFP_ASSIGN_OR_RETURN(tensorflow::SaverDef def,
                         BuildSaverGraph(b, saveables, build));
    saver.reset(new Saver(std::move(def), options));
  }
  saver->graph_ = b.graph();
  saver->collections_ = collections;
  if (collections == nullptr) {
    saver->owned_collections_ = std::make_unique<Collections>();
    saver->owned_collections_->AddVariables(b.variables());
    saver->collections_ = saver->owned_collections_.get();
  }
  return saver;
}

StatusOr<std::unique_ptr<Saver>> Saver::FromSaverDef(
    const tensorflow::SaverDef& def, const Graph* graph,
    const Collections* collections, const SaverOptions& options) {
  if (def.filename_tensor_name().empty() || def.restore_op_name().empty()) {
    return errors::InvalidArgument(
        "SaverDef needs filename_tensor_name and restore_op_name: ",
        def.ShortDebugString());
  }
  std::unique_ptr<Saver> saver(new Saver(def, options));
  saver->graph_ = graph;
  saver->collections_ = collections;
  return saver;
}

Status Saver::SyncSessionGraph(Session* session) const {
  if (graph_ == nullptr) return OkStatus();
  std::set<std::string> have;
  for (const auto& node : session->graph_def().node()) have.insert(node.name());
  if (have.count(OpNameOf(def_.filename_tensor_name())) &&
      have.count(def_.restore_op_name()) &&
      (def_.save_tensor_name().empty() ||
       have.count(OpNameOf(def_.save_tensor_name())))) {
    return OkStatus();
  }
  tensorflow::GraphDef full = graph_->ToGraphDef();
  tensorflow::GraphDef delta;
  for (const auto& node : full.node()) {
    if (!have.count(node.name())) *delta.add_node() = node;
  }
  TFP_RETURN_IF_ERROR_CTX(session->Extend(delta),
                          "adding the Saver's ops to the session");
  return OkStatus();
}

StatusOr<std::string> Saver::CheckpointFile(Session* session,
                                            const std::string& save_path,
                                            const SaveOptions& options) const {
  std::optional<int64_t> step = options.global_step;
  if (!step.has_value() && !options.global_step_tensor.empty()) {
    std::string name = options.global_step_tensor;
    if (name.find(':') == std::string::npos) name += ":0";
    std::vector<Tensor> out;
    TFP_RETURN_IF_ERROR_CTX(session->Run({}, {name}, {}, &out),
                            "reading the global step ", name);
    const Tensor& t = out[0];
    if (t.NumElements() != 1 ||
        (t.dtype() != DT_INT64 && t.dtype() != DT_INT32)) {
      return errors::InvalidArgument("global step ", name,
                                     " must be an int32/int64 scalar, got ",
                                     t.DebugString());
    }
    step = t.dtype() == DT_INT64 ? t.scalar<int64_t>() : t.scalar<int32_t>();
  }
  if (step.has_value()) {
    if (!options_.pad_step_number) return StrCat(save_path, "-", *step);
    char buf[32];
    std::snprintf(buf, sizeof(buf), "%08lld", static_cast<long long>(*step));
    return StrCat(save_path, "-", buf);
  }
  if (Basename(save_path) == options.latest_filename && !def_.sharded()) {
    return errors::InvalidArgument(
        "'latest_filename' collides with 'save_path': '",
        options.latest_filename, "' and '", save_path, "'");
  }
  return save_path;
}

Status Saver::WriteMetaGraphFile(const std::string& checkpoint_file,
                                 const SaveOptions& options) const {
  if (graph_ == nullptr) return OkStatus();
  MetaGraphExportOptions export_options;
  export_options.collections = collections_;
  export_options.saver_def = empty_ ? nullptr : &def_;
  TFP_ASSIGN_OR_RETURN(tensorflow::MetaGraphDef meta,
                       ExportMetaGraph(*graph_, export_options));
  return WriteMetaGraph(
      env_, MetaGraphFilename(checkpoint_file, options.meta_graph_suffix),
      meta);
}

StatusOr<std::string> Saver::Save(Session* session,
                                  const std::string& save_path,
                                  int64_t global_step) {
  SaveOptions options;
  options.global_step = global_step;
  return Save(session, save_path, options);
}

StatusOr<std::string> Saver::Save(Session* session,
                                  const std::string& save_path,
                                  const SaveOptions& options) {
  if (options.latest_filename.find('/') != std::string::npos) {
    return errors::InvalidArgument(
        "'latest_filename' must not contain path separators: ",
        options.latest_filename);
  }
  TFP_ASSIGN_OR_RETURN(std::string file,
                       CheckpointFile(session, save_path, options));
  if (empty_) {
    if (options.write_meta_graph)
      TFP_RETURN_IF_ERROR(WriteMetaGraphFile(file, options));
    return std::string();
  }
  TFP_RETURN_IF_ERROR(SyncSessionGraph(session));
  std::vector<Tensor> out;
  TFP_RETURN_IF_ERROR(session->Run(
      {{def_.filename_tensor_name(), Tensor::Scalar<tstring>(file)}},
      {def_.save_tensor_name()}, {}, &out));
  if (out.size() != 1 || out[0].dtype() != DT_STRING ||
      out[0].NumElements() != 1) {
    return errors::Internal("save tensor ", def_.save_tensor_name(),
                            " did not return a string scalar");
  }
  const std::string prefix = out[0].flat<tstring>()[0];
  if (options.write_meta_graph)
    TFP_RETURN_IF_ERROR(WriteMetaGraphFile(file, options));
  if (options.write_state) {
    TFP_RETURN_IF_ERROR(
        RecordAndUpdateState(prefix, std::string(Dirname(save_path)), options));
  }
  return prefix;
}

Status Saver::RecordAndUpdateState(const std::string& path,
                                   const std::string& dir,
                                   const SaveOptions& options) {
  if (def_.max_to_keep() > 0) {
    std::erase_if(last_checkpoints_,
                  [&](const Checkpoint& c) { return c.path == path; });
    last_checkpoints_.push_back({path, Now()});
    if (static_cast<int>(last_checkpoints_.size()) > def_.max_to_keep()) {
      to_delete_.push_back(last_checkpoints_.front());
      last_checkpoints_.erase(last_checkpoints_.begin());
    }
  }
  UpdateCheckpointStateOptions state_options;
  state_options.latest_filename = options.latest_filename;
  state_options.save_relative_paths = options_.save_relative_paths;
  TFP_RETURN_IF_ERROR(UpdateCheckpointStateFile(
      env_, dir, path, last_checkpoints(), state_options));
  MaybeDeleteOldCheckpoints(options.meta_graph_suffix);
  return OkStatus();
}

void Saver::MaybeDeleteOldCheckpoints(const std::string& meta_graph_suffix) {
  if (to_delete_.empty()) return;
  Checkpoint oldest = to_delete_.front();
  to_delete_.erase(to_delete_.begin());
  if (oldest.time > next_keep_time_) {
    next_keep_time_ += def_.keep_checkpoint_every_n_hours() * 3600.0;
    return;
  }
  RemoveCheckpoint(env_, oldest.path,
                   def_.version() != tensorflow::SaverDef::V1 &&
                       def_.version() != tensorflow::SaverDef::LEGACY,
                   meta_graph_suffix);
}

std::vector<std::string> Saver::last_checkpoints() const {
  std::vector<std::string> paths;
  for (const Checkpoint& c : last_checkpoints_) paths.push_back(c.path);
  return paths;
}

void Saver::RecoverLastCheckpoints(const std::vector<std::string>& paths) {
  last_checkpoints_.clear();
  for (const std::string& p : paths) {
    auto stat = env_->Stat(p + ".index");
    if (!stat.ok()) stat = env_->Stat(p);
    if (stat.ok()) last_checkpoints_.push_back({p, stat->mtime_nsec / 1e9});
  }
}

Status Saver::Restore(Session* session, const std::string& save_path) {
  if (empty_) return OkStatus();
  if (!CheckpointExists(env_, save_path)) {
    return errors::NotFound("The passed save_path is not a valid checkpoint: ",
                            save_path);
  }
  TFP_RETURN_IF_ERROR(SyncSessionGraph(session));
  Status s = session->Run(
      {{def_.filename_tensor_name(), Tensor::Scalar<tstring>(save_path)}}, {},
      {def_.restore_op_name()}, nullptr);
  if (s.ok()) return s;
  return DiagnoseRestoreError(s, session, save_path);
}

Status Saver::DiagnoseRestoreError(const Status& error, Session* session,
                                   const std::string& save_path) const {
  if (error.code() != StatusCode::kNotFound &&
      error.code() != StatusCode::kInvalidArgument) {
    return error;
  }
  Status specific = ExplainRestoreMismatch(env_, session->graph_def(),
                                           def_.restore_op_name(), save_path);
  if (!specific.ok()) {
    return Status(
        specific.code(),
        StrCat(specific.message(), "\nOriginal error: ", error.message()));
  }
  return error.WithContext(
      StrCat("Restoring from checkpoint ", save_path,
             " failed (the graph does not match the checkpoint)"));
}

}  // namespace tfpersist
