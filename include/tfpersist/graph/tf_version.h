// The one TensorFlow version tfpersist emulates when it BUILDS graphs and
// meta graphs (readers accept every version).
//
// We emulate TensorFlow 1.15.0, the last TF1 release:
//  * GraphDef.versions.producer = 134 (TF_GRAPH_DEF_VERSION of 1.15.0),
//    min_consumer 0 (omitted);
//  * Python `a + b` builds op AddV2 (TF >= 1.15; older TF built Add);
//  * MetaInfoDef.tensorflow_version "1.15.0", tensorflow_git_version
//    "v1.15.0-rc3-22-g590d6ee" (what tf.version.GIT_VERSION reports).
// Change these together if another version is ever emulated.
#ifndef TFPERSIST_GRAPH_TF_VERSION_H_
#define TFPERSIST_GRAPH_TF_VERSION_H_

namespace tfpersist {

struct EmulatedTfVersion {
  static constexpr int kGraphDefProducer = 134;
  static constexpr int kGraphDefMinConsumer = 0;
  static constexpr const char* kVersion = "1.15.0";
  static constexpr const char* kGitVersion = "v1.15.0-rc3-22-g590d6ee";
  // Op type Python's `+` emits for non-string tensors.
  static constexpr const char* kAddOp = "AddV2";
};

}  // namespace tfpersist

#endif  // TFPERSIST_GRAPH_TF_VERSION_H_
