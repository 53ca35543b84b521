// SavedModel fingerprint.pb (see the header for the fields' recipes).
#include "tfpersist/train/fingerprint.h"

#include <google/protobuf/io/coded_stream.h>
#include <google/protobuf/io/zero_copy_stream_impl_lite.h>

#include <algorithm>
#include <map>

#include "runtime/kernels/reference/fingerprint64.h"
#include "tensorflow/core/protobuf/saved_model.pb.h"
#include "tfpersist/base/path.h"

namespace tfpersist {
namespace {

std::string Deterministic(const google::protobuf::Message& m) {
  std::string out;
  google::protobuf::io::StringOutputStream stream(&out);
  google::protobuf::io::CodedOutputStream coded(&stream);
  coded.SetSerializationDeterministic(true);
  m.SerializeToCodedStream(&coded);
  coded.Trim();
  return out;
}

uint64_t HashSignatureDefs(const tensorflow::MetaGraphDef& mg) {
  std::map<std::string, const tensorflow::SignatureDef*> sorted;
  for (const auto& [k, v] : mg.signature_def()) sorted[k] = &v;
  uint64_t h = 0;
  for (const auto& [k, v] : sorted) {
    h = reference::FingerprintCat64(h, reference::Fingerprint64(k));
    h = reference::FingerprintCat64(
        h, reference::Fingerprint64(Deterministic(*v)));
  }
  return h;
}

uint64_t HashObjectGraph(const tensorflow::SavedObjectGraph& g) {
  std::map<int64_t, std::string> by_uid;
  for (const auto& [name, unused] : g.concrete_functions()) {
    size_t digits = name.size();
    while (digits > 0 &&
           std::isdigit(static_cast<unsigned char>(name[digits - 1])))
      --digits;
    if (digits == name.size() || name.size() - digits > 18) continue;
    by_uid[std::stoll(name.substr(digits))] = name;
  }
  uint64_t h = 0;
  for (const auto& [uid, name] : by_uid) {
    h = reference::FingerprintCat64(
        h, reference::Fingerprint64(
               name.substr(0, name.size() - std::to_string(uid).size())));
    h = reference::FingerprintCat64(h, reference::Fingerprint64(Deterministic(
                                           g.concrete_functions().at(name))));
  }
  return h;
}

}  // namespace

StatusOr<tensorflow::FingerprintDef> ReadSavedModelFingerprint(
    Env* env, const std::string& dir) {
  const std::string path = JoinPath(dir, kFingerprintFilename);
  TFP_ASSIGN_OR_RETURN(std::string bytes, ReadFileToString(env, path));
  tensorflow::FingerprintDef fp;
  if (!fp.ParseFromString(bytes)) {
    return errors::DataLoss("Cannot parse SavedModel fingerprint ", path);
  }
  return fp;
}

StatusOr<tensorflow::FingerprintDef> CreateSavedModelFingerprint(
    Env* env, const std::string& dir) {
  const std::string pb = JoinPath(dir, "saved_model.pb");
  TFP_ASSIGN_OR_RETURN(std::string bytes, ReadFileToString(env, pb));
  tensorflow::SavedModel model;
  if (!model.ParseFromString(bytes)) {
    return errors::DataLoss("Cannot parse SavedModel ", pb);
  }
  tensorflow::FingerprintDef fp;
  fp.set_saved_model_checksum(reference::Fingerprint64(bytes));
  if (model.meta_graphs_size() > 0) {
    fp.set_signature_def_hash(HashSignatureDefs(model.meta_graphs(0)));
    fp.set_saved_object_graph_hash(
        HashObjectGraph(model.meta_graphs(0).object_graph_def()));
  }
  const std::string index = JoinPath(dir, "variables", "variables.index");
  if (env->FileExists(index).ok()) {
    TFP_ASSIGN_OR_RETURN(std::string index_bytes, ReadFileToString(env, index));
    fp.set_checkpoint_hash(reference::Fingerprint64(index_bytes));
  }
  fp.mutable_version()->set_producer(1);
  return fp;
}

Status WriteSavedModelFingerprint(Env* env, const std::string& dir) {
  TFP_ASSIGN_OR_RETURN(tensorflow::FingerprintDef fp,
                       CreateSavedModelFingerprint(env, dir));
  return WriteStringToFileAtomic(env, JoinPath(dir, kFingerprintFilename),
                                 fp.SerializeAsString());
}

}  // namespace tfpersist
