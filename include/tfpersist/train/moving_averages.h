// ExponentialMovingAverage: TF1's tf.train.ExponentialMovingAverage
// (spec freeze-and-import.md §8).
//
//   ExponentialMovingAverage ema(0.99, step.value());
//   TFP_ASSIGN_OR_RETURN(Node* update, ema.Apply(b, {v}, &collections));
//   ... run `update` after each training step ...
//   // Evaluation: load the shadow values into the plain variables.
//   SaverOptions opts;
//   TFP_ASSIGN_OR_RETURN(opts.var_map, ema.VariablesToRestore(collections));
//   TFP_ASSIGN_OR_RETURN(auto saver, Saver::Create(b, opts));
//
// Apply builds, for each variable v, a non-trainable shadow variable
// `<v>/<name>` colocated with v and initialized from v's initial value, and
// under scope `<name>/` the update ops TF builds: decay Const, optional
// num_updates Cast and min(decay, (1+n)/(10+n)), and per variable
// AssignMovingAvg[_k] = AssignSub(shadow, (shadow - v) * (1 - decay)),
// grouped by the NoOp `<name>`. (TF initializes the shadow from
// v.initialized_value(), a tf.cond; here it is v's initial value directly,
// which gives the same value.)
//
// Thread-safety: not thread-safe.
#ifndef TFPERSIST_TRAIN_MOVING_AVERAGES_H_
#define TFPERSIST_TRAIN_MOVING_AVERAGES_H_

#include <map>
#include <string>
#include <vector>

#include "tfpersist/graph/builder.h"
#include "tfpersist/train/collections.h"

namespace tfpersist {

class ExponentialMovingAverage {
 public:
  // `num_updates` (e.g. the global step's value) may be a null Output.
  explicit ExponentialMovingAverage(
      float decay, Output num_updates = Output(),
      std::string name = "ExponentialMovingAverage");

  const std::string& name() const { return name_; }

  // ema.apply(var_list): creates the shadows of vars not averaged yet and
  // returns the op updating all of vars. Shadows join b's global variables
  // and, with `collections`, collection "variables"; vars join
  // "moving_average_variables". INVALID_ARGUMENT for a variable that is not
  // half/bfloat16/float/double; the builder's error if building fails.
  StatusOr<Node*> Apply(GraphBuilder& b, const std::vector<RefVariable>& vars,
                        Collections* collections = nullptr);

  // The shadow of the variable named var_name; nullptr if not averaged.
  const RefVariable* Average(const std::string& var_name) const;
  // The shadow's name: the shadow made by Apply, else "<var_name>/<name>"
  // (for an imported graph that already holds that shadow, its name).
  std::string AverageName(const std::string& var_name) const;

  // ema.variables_to_restore(): checkpoint key -> variable op name, for
  // SaverOptions::var_map. Every trainable or moving-average variable maps
  // from its AverageName; every other global variable maps from its own
  // name (unless that name is already a key). Lists come from the
  // collections (variables, trainable_variables, moving_average_variables).
  StatusOr<std::map<std::string, std::string>> VariablesToRestore(
      const Collections& collections) const;
  // The same over the variables built with b (trainable flags, and the
  // variables this object averaged).
  std::map<std::string, std::string> VariablesToRestore(
      const GraphBuilder& b) const;

 private:
  Output DecayTensor(GraphBuilder& b) const;
  Node* AssignMovingAverage(GraphBuilder& b, const RefVariable& shadow,
                            const RefVariable& var, Output decay) const;
  std::map<std::string, std::string> NameMap(
      const std::vector<std::string>& averaged,
      const std::vector<std::string>& global) const;

  float decay_;
  Output num_updates_;
  std::string name_;
  std::map<std::string, RefVariable> averages_;  // variable name -> shadow
};

}  // namespace tfpersist

#endif  // TFPERSIST_TRAIN_MOVING_AVERAGES_H_
