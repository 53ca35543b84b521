// The Saver / meta graph / EMA / SavedModel examples as a library, so the
// programs and their test (tests/train/examples_test.cc) run the same code.
//
// save_restore (TF1 Python, the classic "save and restore" program):
//   v1 = tf.Variable(tf.constant(1.0, shape=[1]), name="v1")
//   v2 = tf.Variable(tf.constant(2.0, shape=[1]), name="v2")
//   result = v1 + v2
//   saver = tf.train.Saver(); saver.save(sess, "demo_output/model.ckpt")
// then restores it four ways: into the rebuilt graph; without rebuilding
// (tf.train.import_meta_graph); only v1 (Saver([v1])); and into variables
// named other-v1/other-v2 (Saver({"v1": other_v1, "v2": other_v2})).
//
// ema_restore: y = w * x trained by hand-built gradient descent on y = 3x,
// with ExponentialMovingAverage(0.99, step) applied after each step; an
// evaluation graph restores the shadow value into plain `w` through
// Saver(ema.variables_to_restore()).
//
// saved_model: exports y = a * x + b (a = 0.5, b = 2) with a
// serving_default signature and loads it back with LoadSavedModel.
#ifndef TFPERSIST_EXAMPLES_TRAIN_TRAIN_DEMO_H_
#define TFPERSIST_EXAMPLES_TRAIN_TRAIN_DEMO_H_

#include <string>
#include <utility>
#include <vector>

#include "tfpersist/base/statusor.h"
#include "tfpersist/core/tensor.h"

namespace tfpersist::examples {

struct SaveRestoreResult {
  std::string checkpoint;          // "<out_dir>/model.ckpt"
  std::vector<std::string> files;  // files written next to it
  std::vector<std::pair<std::string, TensorShape>> listed;  // ListVariables
  Tensor rebuilt_add;   // add:0 after restoring into the rebuilt graph
  Tensor imported_add;  // add:0 after ImportMetaGraph + restore
  Tensor only_v1_add;   // v1 restored, v2 initialized to 20: [21]
  Tensor renamed_v1, renamed_v2;  // other-v1:0, other-v2:0
};
StatusOr<SaveRestoreResult> RunSaveRestore(const std::string& out_dir);

struct EmaRestoreResult {
  std::string checkpoint;  // "<out_dir>/ema/model.ckpt-<steps>"
  int steps = 0;
  float trained_w = 0;   // w in the checkpoint
  float shadow_w = 0;    // w/ExponentialMovingAverage in the checkpoint
  float restored_w = 0;  // plain w in the evaluation graph after restoring
};
StatusOr<EmaRestoreResult> RunEmaRestore(const std::string& out_dir);

struct SavedModelResult {
  std::string export_dir;  // "<out_dir>/saved_model"
  Tensor x, y;             // serving_default input and output
};
StatusOr<SavedModelResult> RunSavedModel(const std::string& out_dir);

}  // namespace tfpersist::examples

#endif  // TFPERSIST_EXAMPLES_TRAIN_TRAIN_DEMO_H_
