// Internal definitions of the opaque C API structs (tensorflow/c/c_api.h)
// over tfpersist's Graph, Session and Tensor, and the helpers the C API
// files share. Not installed; clients see only the C headers.
//
// Lifetimes: a TF_Tensor shares a ref-counted TensorStorage (caller memory
// with its deallocator, or a tfpersist::Tensor buffer); a TF_Graph lives
// until it was deleted and its last session is gone; TF_Operation is a
// tfpersist::Node of the graph (valid for the graph's lifetime).
#ifndef TFPERSIST_C_API_C_API_INTERNAL_H_
#define TFPERSIST_C_API_C_API_INTERNAL_H_

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <shared_mutex>
#include <string>
#include <utility>
#include <vector>

#include "graph/shape_refiner.h"
#include "tensorflow/c/c_api.h"
#include "tensorflow/c/eager/c_api.h"
#include "tfpersist/base/status.h"
#include "tfpersist/core/tensor.h"
#include "tfpersist/graph/builder.h"
#include "tfpersist/graph/graph.h"
#include "tfpersist/runtime/session.h"

struct TF_Status {
  TF_Code code = TF_OK;
  std::string message;
  std::vector<std::pair<std::string, std::string>> payloads;
};

// The bytes of a tensor; `release` runs once when the last TF_Tensor,
// eager handle or tfpersist::Tensor sharing it is gone.
struct TensorStorage {
  void* data = nullptr;
  size_t len = 0;
  std::function<void()> release;
  ~TensorStorage() {
    if (release) release();
  }
};

struct TF_Tensor {
  TF_DataType dtype = TF_FLOAT;
  std::vector<int64_t> dims;
  std::shared_ptr<TensorStorage> storage;
};

struct TF_Graph {
  std::mutex mu;
  std::unique_ptr<tfpersist::Graph> graph;
  tfpersist::ShapeRefiner refiner;
  // TF_GraphSetTensorShape refinements.
  std::map<std::pair<const tfpersist::Node*, int>,
           tfpersist::PartialTensorShape>
      set_shapes;
  int num_sessions = 0;           // guarded by mu
  bool delete_requested = false;  // guarded by mu
};

struct TF_OperationDescription {
  TF_Graph* graph = nullptr;
  std::string op_type;
  std::string name;
  std::string device;
  std::vector<tfpersist::OpInput> inputs;
  std::vector<tfpersist::Node*> control_inputs;
  tfpersist::AttrList attrs;
  std::vector<std::string> colocate_with;
  tfpersist::Status status;  // first error of a setter
};

struct TF_SessionOptions {
  std::string target;
  int intra_op_threads = 0;
  int inter_op_threads = 0;
};

struct TF_Session {
  TF_Graph* graph = nullptr;
  tfpersist::SessionOptions options;
  std::shared_mutex mu;  // Run: shared; syncing with the graph: exclusive
  std::unique_ptr<tfpersist::Session> session;  // created on first run
  int extended_nodes = 0;      // graph nodes already in `session`
  int extended_functions = 0;  // library functions already in `session`
  bool closed = false;
};

struct TF_DeviceList {
  std::vector<std::string> names;
};

namespace tfpersist::capi {

// Sets `s` (may be NULL) from a tfpersist Status.
void Set(TF_Status* s, const Status& status);
inline void SetOk(TF_Status* s) {
  if (s != nullptr) Set(s, Status());
}
// TF_UNIMPLEMENTED "<fn> is not implemented by tfpersist's C API".
void SetUnimplemented(TF_Status* s, const char* fn);

inline Node* ToNode(TF_Operation* op) { return reinterpret_cast<Node*>(op); }
inline const Node* ToNode(const TF_Operation* op) {
  return reinterpret_cast<const Node*>(op);
}
inline TF_Operation* ToOper(Node* n) {
  return reinterpret_cast<TF_Operation*>(n);
}
// "node:index".
std::string OutputName(TF_Output out);

// A tfpersist::Tensor sharing (numeric) or decoding (TF_STRING: TF_TString
// records, or the legacy offset-table encoding) the tensor's bytes.
StatusOr<Tensor> ToTensor(const TF_Tensor& t);
// A new caller-owned TF_Tensor sharing (numeric) or encoding (strings as
// TF_TString records) `t`.
TF_Tensor* FromTensor(const Tensor& t);
// A new TF_Tensor sharing `t`'s storage.
TF_Tensor* ShareTensor(const TF_Tensor& t);

// Copies `bytes` into an empty output buffer; INVALID_ARGUMENT if it is
// not empty (TF's rule).
Status FillBuffer(const std::string& bytes, TF_Buffer* buf);

// Session creation and graph syncing (session.cc), shared with eager.
Status SyncSession(TF_Session* s);

// Adds nodes that joined the graph (import, finish) to its shape refiner.
// REQUIRES: graph->mu held.
void RefineShapes(TF_Graph* graph, const std::vector<Node*>& nodes);

}  // namespace tfpersist::capi

#endif  // TFPERSIST_C_API_C_API_INTERNAL_H_
