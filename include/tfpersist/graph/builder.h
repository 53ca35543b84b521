// GraphBuilder: builds graphs the way TF1 Python does, so the nodes (names,
// attrs, inputs, colocation) equal what TensorFlow writes. Op functions are
// in ops.h; this is the machinery they share.
//
//   Graph graph;
//   GraphBuilder b(&graph);
//   {
//     auto scope = b.NameScope("layer");
//     Output x = Placeholder(b, DT_FLOAT, PartialTensorShape({-1, 4}), "x");
//     ...
//   }
//   TFP_RETURN_IF_ERROR(b.status());
//
// Sticky status: the first error (bad input, shape mismatch, unknown op) is
// kept in status(); later calls do nothing and return null Outputs.
// Scopes are RAII guards (NameScope, ControlDependencies, Device,
// ColocateWith) that restore the previous state when destroyed; destroy them
// in reverse order of creation (as `with` blocks nest).
// Ownership: the Graph is not owned and must outlive the builder.
// Thread-safety: one thread at a time.
#ifndef TFPERSIST_GRAPH_BUILDER_H_
#define TFPERSIST_GRAPH_BUILDER_H_

#include <functional>
#include <initializer_list>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "tensorflow/core/framework/attr_value.pb.h"
#include "tfpersist/core/tensor_shape.h"
#include "tfpersist/graph/graph.h"

namespace tfpersist {

class ShapeRefiner;

// One OpDef input arg: a single tensor, or a list for "N * T" and
// "list(type)" args.
class OpInput {
 public:
  OpInput(Output tensor) : tensors_{tensor} {}  // NOLINT: implicit
  OpInput(std::vector<Output> list)             // NOLINT: implicit
      : tensors_(std::move(list)), is_list_(true) {}
  bool is_list() const { return is_list_; }
  const std::vector<Output>& tensors() const { return tensors_; }

 private:
  std::vector<Output> tensors_;
  bool is_list_ = false;
};

using AttrList = std::vector<std::pair<std::string, tensorflow::AttrValue>>;

// A TF1 tf.Variable (RefVariable, built by Variable() in ops.h) and the
// names its VariableDef records.
struct RefVariable {
  Output variable;              // "v:0" (VariableV2, a ref tensor)
  Node* initializer = nullptr;  // "v/Assign"
  Output snapshot;              // "v/read:0"
  Output initial_value;         // "v/initial_value:0" or the given tensor
  bool trainable = true;
  // What Python uses for the variable in expressions (its snapshot).
  Output value() const { return snapshot; }
  // "v".
  std::string name() const {
    return variable.node == nullptr ? std::string() : variable.node->name();
  }
};

class GraphBuilder {
 public:
  // Restores a scope when destroyed. Move-only.
  class [[nodiscard]] ScopeGuard {
   public:
    explicit ScopeGuard(std::function<void()> restore)
        : restore_(std::move(restore)) {}
    ScopeGuard(ScopeGuard&& other) noexcept
        : restore_(std::exchange(other.restore_, nullptr)) {}
    ScopeGuard(const ScopeGuard&) = delete;
    ScopeGuard& operator=(const ScopeGuard&) = delete;
    ~ScopeGuard() {
      if (restore_) restore_();
    }

   private:
    std::function<void()> restore_;
  };

  explicit GraphBuilder(Graph* graph);
  ~GraphBuilder();
  GraphBuilder(const GraphBuilder&) = delete;
  GraphBuilder& operator=(const GraphBuilder&) = delete;

  Graph* graph() const { return graph_; }
  const Status& status() const { return status_; }
  bool ok() const { return status_.ok(); }
  // Keeps the first error.
  void UpdateStatus(const Status& s) { status_.Update(s); }

  // Python's name_scope(name): "" resets to the root, "x/" re-enters "x",
  // otherwise a unique scope under the current one ("Net", "Net_1", ...).
  ScopeGuard NameScope(std::string_view name);
  // The current scope with its trailing '/' ("" at the root).
  std::string name_scope() const;
  // Ops created inside get control inputs on `ops` (Python's
  // control_dependencies): skipped for ops that are already data inputs, and
  // for ops fed by an op created inside this same block.
  ScopeGuard ControlDependencies(std::vector<Node*> ops);
  // control_dependencies(None): ops created inside get none.
  ScopeGuard ClearControlDependencies();
  // Ops created inside get this device (when they have none).
  ScopeGuard Device(std::string_view device);
  // Ops created inside get `_class` = ["loc:@<op>"] (op's own colocation
  // group if it has one) and op's device.
  ScopeGuard ColocateWith(const Node* op);

  // Creates a node of `op_type`. The name is `name` made unique in the
  // current scope ("x/" names exactly scope "x"). Inputs follow the OpDef
  // args; type attrs (T, N, list(type)) are inferred from them unless given
  // in `attrs`; default attrs are filled; control dependencies, device and
  // colocation scopes apply; output shapes are inferred (a shape error fails
  // here, as in Python). Returns nullptr (status set) on error.
  Node* AddNode(std::string_view op_type, std::string_view name,
                const std::vector<OpInput>& inputs, const AttrList& attrs,
                const std::vector<Node*>& control_inputs = {});

  // The inferred static shape of a tensor built here.
  PartialTensorShape GetShape(const Output& output) const;

  // Variables built on this builder, in creation order (what Python's
  // global_variables collection holds); Variable() in ops.h appends.
  const std::vector<RefVariable>& variables() const { return variables_; }
  void AddVariable(RefVariable v) { variables_.push_back(std::move(v)); }

 private:
  struct ControlScope {
    std::vector<Node*> ops;
    int first_id;  // ops created in the block have id >= first_id
    bool clears;
  };
  Status MakeNodeDef(std::string_view op_type,
                     const std::vector<OpInput>& inputs, const AttrList& attrs,
                     const std::vector<Node*>& control_inputs,
                     tensorflow::NodeDef* def);
  Status InferTypeAttrs(const tensorflow::OpDef& op_def,
                        const std::vector<OpInput>& inputs,
                        tensorflow::NodeDef* def) const;
  std::vector<Node*> ControlInputsFor(const std::vector<OpInput>& inputs) const;
  void ApplyColocation(tensorflow::NodeDef* def) const;

  Graph* graph_;
  Status status_;
  std::unique_ptr<ShapeRefiner> refiner_;
  std::vector<ControlScope> control_stack_;
  std::vector<std::string> device_stack_;
  std::vector<const Node*> colocation_stack_;
  std::vector<RefVariable> variables_;
};

}  // namespace tfpersist

#endif  // TFPERSIST_GRAPH_BUILDER_H_
