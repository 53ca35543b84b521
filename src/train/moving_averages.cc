// tf.train.ExponentialMovingAverage (see moving_averages.h for the nodes).
#include "tfpersist/train/moving_averages.h"

#include <algorithm>
#include <set>

#include "graph/node_def_util.h"
#include "tfpersist/graph/ops.h"

namespace tfpersist {
namespace {

bool IsFloatingPoint(DataType dt) {
  dt = BaseType(dt);
  return dt == DT_HALF || dt == DT_BFLOAT16 || dt == DT_FLOAT ||
         dt == DT_DOUBLE;
}

// `x - y` where x is a Python float: "<name>/x" Const, then Sub "<name>".
Output ScalarMinus(GraphBuilder& b, float x, Output y, std::string_view name) {
  std::string op;
  Output x_t;
  {
    auto scope = b.NameScope(name);
    op = b.name_scope();
    x_t = Constant(b, Tensor::Scalar<float>(x), "x");
  }
  return Sub(b, x_t, y, op);
}

// `x + y` with x a Python float, named like ScalarMinus.
Output ScalarPlus(GraphBuilder& b, float x, Output y, std::string_view name) {
  std::string op;
  Output x_t;
  {
    auto scope = b.NameScope(name);
    op = b.name_scope();
    x_t = Constant(b, Tensor::Scalar<float>(x), "x");
  }
  return Add(b, x_t, y, op);
}

}  // namespace

ExponentialMovingAverage::ExponentialMovingAverage(float decay,
                                                   Output num_updates,
                                                   std::string name)
    : decay_(decay), num_updates_(num_updates), name_(std::move(name)) {}

Output ExponentialMovingAverage::DecayTensor(GraphBuilder& b) const {
  Output decay = Constant(b, Tensor::Scalar<float>(decay_), "decay");
  if (num_updates_.node == nullptr) return decay;
  Output n =
      AddOp(b, "Cast", "num_updates", {num_updates_},
            {{"DstT", MakeAttr(DT_FLOAT)}, {"Truncate", MakeAttr(false)}});
  Output num = ScalarPlus(b, 1.0f, n, "add");
  Output den = ScalarPlus(b, 10.0f, n, "add");
  return AddOp(b, "Minimum", "Minimum", {decay, RealDiv(b, num, den)});
}

Node* ExponentialMovingAverage::AssignMovingAverage(GraphBuilder& b,
                                                    const RefVariable& shadow,
                                                    const RefVariable& var,
                                                    Output decay) const {
  auto scope = b.NameScope("AssignMovingAvg");
  const std::string op = b.name_scope();
  auto colocate = b.ColocateWith(shadow.variable.node);
  Output one_minus_decay = ScalarMinus(b, 1.0f, decay, "sub");
  Output diff = Sub(b, shadow.value(), var.value(), "sub");
  Output delta = Mul(b, diff, one_minus_decay, "mul");
  return AssignSub(b, shadow.variable, delta, op).node;
}

StatusOr<Node*> ExponentialMovingAverage::Apply(
    GraphBuilder& b, const std::vector<RefVariable>& vars,
    Collections* collections) {
  TFP_RETURN_IF_ERROR(b.status());
  for (const RefVariable& v : vars) {
    if (v.variable.node == nullptr || !IsFloatingPoint(v.variable.dtype())) {
      return errors::InvalidArgument(
          "The variables must be half, float, or double: ", v.name());
    }
    if (averages_.count(v.name())) continue;
    auto root = b.NameScope("");
    auto colocate = b.ColocateWith(v.variable.node);
    RefVariable shadow =
        Variable(b, v.initial_value, StrCat(v.name(), "/", name_),
                 /*trainable=*/false);
    TFP_RETURN_IF_ERROR(b.status());
    averages_[v.name()] = shadow;
    if (collections != nullptr) {
      collections->AddVariable(shadow);
      collections->AddVariableDef(GraphKeys::kMovingAverageVariables,
                                  ToVariableDef(v));
    }
  }
  auto scope = b.NameScope(name_);
  const std::string group_name = b.name_scope();
  Output decay = DecayTensor(b);
  std::vector<Node*> updates;
  for (const RefVariable& v : vars) {
    updates.push_back(AssignMovingAverage(b, averages_.at(v.name()), v, decay));
  }
  Node* group = nullptr;
  {
    auto control = b.ControlDependencies(updates);
    group = NoOp(b, group_name);
  }
  TFP_RETURN_IF_ERROR_CTX(b.status(), "ExponentialMovingAverage.apply");
  return group;
}

const RefVariable* ExponentialMovingAverage::Average(
    const std::string& var_name) const {
  auto it = averages_.find(OpNameOf(var_name));
  return it == averages_.end() ? nullptr : &it->second;
}

std::string ExponentialMovingAverage::AverageName(
    const std::string& var_name) const {
  const RefVariable* shadow = Average(var_name);
  if (shadow != nullptr) return shadow->name();
  return StrCat(OpNameOf(var_name), "/", name_);
}

std::map<std::string, std::string> ExponentialMovingAverage::NameMap(
    const std::vector<std::string>& averaged,
    const std::vector<std::string>& global) const {
  std::map<std::string, std::string> map;
  std::set<std::string> averaged_set(averaged.begin(), averaged.end());
  for (const std::string& v : averaged_set) map[AverageName(v)] = v;
  for (const std::string& g : global) {
    if (!averaged_set.count(g) && !map.count(g)) map[g] = g;
  }
  return map;
}

StatusOr<std::map<std::string, std::string>>
ExponentialMovingAverage::VariablesToRestore(const Collections& c) const {
  TFP_ASSIGN_OR_RETURN(auto averaged,
                       c.GetVariableNames(GraphKeys::kTrainableVariables));
  TFP_ASSIGN_OR_RETURN(auto moving,
                       c.GetVariableNames(GraphKeys::kMovingAverageVariables));
  averaged.insert(averaged.end(), moving.begin(), moving.end());
  TFP_ASSIGN_OR_RETURN(auto global,
                       c.GetVariableNames(GraphKeys::kGlobalVariables));
  return NameMap(averaged, global);
}

std::map<std::string, std::string> ExponentialMovingAverage::VariablesToRestore(
    const GraphBuilder& b) const {
  std::vector<std::string> averaged, global;
  for (const RefVariable& v : b.variables()) {
    global.push_back(v.name());
    if (v.trainable || averages_.count(v.name())) averaged.push_back(v.name());
  }
  return NameMap(averaged, global);
}

}  // namespace tfpersist
