// The freeze/import examples as a library, so the programs and their test
// run the same code.
//
// freeze_add (the v1/v2/add program, TF1 Python):
//   v1 = tf.Variable([1.0], name="v1"); v2 = tf.Variable([2.0], name="v2")
//   add = v1 + v2; saver.save(sess, "demo_output/model.ckpt")
//   freeze_graph(--input_meta_graph=model.ckpt.meta, --output_node_names=add)
//   tf.import_graph_def(frozen, name="Net"); sess.run("Net/add:0")  # [3.]
//
// feed_batch:
//   feed = tf.placeholder(tf.float32, [None, 3], name="feed")
//   y = tf.matmul(feed, w) + b                     # w, b variables
//   frozen = convert_variables_to_constants(sess, graph_def, ["y"])
//   batch = tf.placeholder(..., name="batch")
//   tf.import_graph_def(frozen, input_map={"feed:0": batch}, name="Net")
//   sess.run("Net/y:0", {batch: [[1, 2, 3], [4, 5, 6]]})
#ifndef TFPERSIST_EXAMPLES_FREEZE_IMPORT_FREEZE_IMPORT_DEMO_H_
#define TFPERSIST_EXAMPLES_FREEZE_IMPORT_FREEZE_IMPORT_DEMO_H_

#include <string>

#include "tensorflow/core/framework/graph.pb.h"
#include "tfpersist/base/statusor.h"
#include "tfpersist/core/tensor.h"

namespace tfpersist::examples {

struct FreezeAddResult {
  std::string checkpoint;         // "<out_dir>/model.ckpt"
  bool wrote_checkpoint = false;  // false: another example had written it
  std::string frozen_path;        // "<out_dir>/model.pb"
  tensorflow::GraphDef frozen;
  std::string summary;  // summarize_graph of the frozen graph
  Tensor net_add;       // "Net/add:0" after importing under "Net"
};

// Freezes <out_dir>/model.ckpt (v1/v2/add; saved here first when absent),
// writes <out_dir>/model.pb, imports it under "Net" and runs Net/add:0.
StatusOr<FreezeAddResult> RunFreezeAdd(const std::string& out_dir);

struct FeedBatchResult {
  std::string frozen_path;  // "<out_dir>/feed_model.pb"
  std::string batch_path;   // "<out_dir>/feed_batch.npy"
  Tensor batch;             // [[1, 2, 3], [4, 5, 6]]
  Tensor live;              // y:0 from the session with variables
  Tensor imported;          // Net/y:0 from the imported frozen graph
};

// Builds, freezes (<out_dir>/feed_model.pb) and imports the feed graph,
// runs it on a batch (also written as <out_dir>/feed_batch.npy).
StatusOr<FeedBatchResult> RunFeedBatch(const std::string& out_dir);

}  // namespace tfpersist::examples

#endif  // TFPERSIST_EXAMPLES_FREEZE_IMPORT_FREEZE_IMPORT_DEMO_H_
