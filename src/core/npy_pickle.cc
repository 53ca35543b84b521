#include "core/npy_pickle.h"

#include <map>
#include <memory>
#include <string>

namespace tfpersist {
namespace {

// A pickled value. kReduce holds the callable in items[0] and the argument
// tuple in items[1]; BUILD appends the state as items[2].
struct Value {
  enum Kind {
    kNone,
    kBool,
    kInt,
    kBytes,
    kStr,
    kTuple,
    kList,
    kGlobal,
    kReduce,
    kMark
  };
  Kind kind = kNone;
  int64_t i = 0;
  std::string s;  // bytes, str (UTF-8), or "module.name" for kGlobal
  std::vector<std::shared_ptr<Value>> items;
};
using ValuePtr = std::shared_ptr<Value>;

ValuePtr Make(Value::Kind kind) {
  auto v = std::make_shared<Value>();
  v->kind = kind;
  return v;
}

class Machine {
 public:
  Machine(std::string_view in, std::string_view name) : in_(in), name_(name) {}
  StatusOr<ValuePtr> Run();

 private:
  Status Step(uint8_t op, bool* stop);
  Status Truncated() const {
    return errors::DataLoss("NumPy file ", name_,
                            ": object array pickle is truncated");
  }
  Status Malformed(std::string_view what) const {
    return errors::DataLoss("NumPy file ", name_,
                            ": malformed object array pickle (", what, ")");
  }
  StatusOr<uint64_t> Uint(int bytes) {
    if (in_.size() - pos_ < static_cast<size_t>(bytes)) return Truncated();
    uint64_t v = 0;
    for (int k = 0; k < bytes; ++k) {
      v |= uint64_t{static_cast<uint8_t>(in_[pos_ + k])} << (8 * k);
    }
    pos_ += bytes;
    return v;
  }
  StatusOr<std::string> Bytes(uint64_t n) {
    if (n > in_.size() - pos_) return Truncated();
    std::string s(in_.substr(pos_, n));
    pos_ += n;
    return s;
  }
  StatusOr<std::string> Line() {
    const size_t nl = in_.find('\n', pos_);
    if (nl == std::string_view::npos) return Truncated();
    std::string s(in_.substr(pos_, nl - pos_));
    pos_ = nl + 1;
    return s;
  }
  StatusOr<ValuePtr> Pop() {
    if (stack_.empty() || stack_.back()->kind == Value::kMark) {
      return Malformed("stack underflow");
    }
    ValuePtr v = stack_.back();
    stack_.pop_back();
    return v;
  }
  // The items above the topmost MARK (removed with it).
  StatusOr<std::vector<ValuePtr>> PopToMark() {
    for (size_t k = stack_.size(); k-- > 0;) {
      if (stack_[k]->kind != Value::kMark) continue;
      std::vector<ValuePtr> items(stack_.begin() + k + 1, stack_.end());
      stack_.resize(k);
      return items;
    }
    return Malformed("no MARK");
  }
  Status PushInt(int bytes, bool is_signed);
  Status PushString(Value::Kind kind, int len_bytes);
  Status PushTuple(int n);
  Status Memo(bool put, int index_bytes);

  std::string_view in_;
  std::string_view name_;
  size_t pos_ = 0;
  std::vector<ValuePtr> stack_;
  std::map<uint64_t, ValuePtr> memo_;
};

Status Machine::PushInt(int bytes, bool is_signed) {
  TFP_ASSIGN_OR_RETURN(uint64_t u, Uint(bytes));
  ValuePtr v = Make(Value::kInt);
  v->i = is_signed ? static_cast<int64_t>(static_cast<int32_t>(u))
                   : static_cast<int64_t>(u);
  stack_.push_back(v);
  return OkStatus();
}

Status Machine::PushString(Value::Kind kind, int len_bytes) {
  TFP_ASSIGN_OR_RETURN(uint64_t n, Uint(len_bytes));
  ValuePtr v = Make(kind);
  TFP_ASSIGN_OR_RETURN(v->s, Bytes(n));
  stack_.push_back(v);
  return OkStatus();
}

Status Machine::PushTuple(int n) {
  if (stack_.size() < static_cast<size_t>(n)) return Malformed("short TUPLE");
  ValuePtr t = Make(Value::kTuple);
  for (int k = 0; k < n; ++k) {
    TFP_ASSIGN_OR_RETURN(ValuePtr v, Pop());
    t->items.insert(t->items.begin(), v);
  }
  stack_.push_back(t);
  return OkStatus();
}

Status Machine::Memo(bool put, int index_bytes) {
  uint64_t index = memo_.size();
  if (index_bytes > 0) {
    TFP_ASSIGN_OR_RETURN(index, Uint(index_bytes));
  }
  if (put) {
    if (stack_.empty()) return Malformed("memo put on empty stack");
    memo_[index] = stack_.back();
    return OkStatus();
  }
  auto it = memo_.find(index);
  if (it == memo_.end()) return Malformed("memo get of unknown index");
  stack_.push_back(it->second);
  return OkStatus();
}

Status Machine::Step(uint8_t op, bool* stop) {
  switch (op) {
    case 0x80:
      return Uint(1).status();  // PROTO
    case 0x95:
      return Uint(8).status();  // FRAME (length; frames are inline)
    case '.':
      *stop = true;
      return OkStatus();
    case 'c': {  // GLOBAL "module\nname\n"
      ValuePtr g = Make(Value::kGlobal);
      TFP_ASSIGN_OR_RETURN(std::string module, Line());
      TFP_ASSIGN_OR_RETURN(std::string attr, Line());
      g->s = module + "." + attr;
      stack_.push_back(g);
      return OkStatus();
    }
    case 0x93: {  // STACK_GLOBAL
      TFP_ASSIGN_OR_RETURN(ValuePtr attr, Pop());
      TFP_ASSIGN_OR_RETURN(ValuePtr module, Pop());
      ValuePtr g = Make(Value::kGlobal);
      g->s = module->s + "." + attr->s;
      stack_.push_back(g);
      return OkStatus();
    }
    case 'q':
      return Memo(true, 1);
    case 'r':
      return Memo(true, 4);
    case 0x94:
      return Memo(true, 0);
    case 'h':
      return Memo(false, 1);
    case 'j':
      return Memo(false, 4);
    case 'K':
      return PushInt(1, false);
    case 'M':
      return PushInt(2, false);
    case 'J':
      return PushInt(4, true);
    case 'N':
      stack_.push_back(Make(Value::kNone));
      return OkStatus();
    case 0x88:
    case 0x89: {
      ValuePtr b = Make(Value::kBool);
      b->i = op == 0x88;
      stack_.push_back(b);
      return OkStatus();
    }
    case 'C':
      return PushString(Value::kBytes, 1);  // SHORT_BINBYTES
    case 'B':
      return PushString(Value::kBytes, 4);  // BINBYTES
    case 0x8e:
      return PushString(Value::kBytes, 8);  // BINBYTES8
    case 'U':
      return PushString(Value::kBytes, 1);  // py2 SHORT_BINSTRING
    case 'T':
      return PushString(Value::kBytes, 4);  // py2 BINSTRING
    case 0x8c:
      return PushString(Value::kStr, 1);  // SHORT_BINUNICODE
    case 'X':
      return PushString(Value::kStr, 4);  // BINUNICODE
    case 0x8d:
      return PushString(Value::kStr, 8);  // BINUNICODE8
    case ')':
      return PushTuple(0);
    case 0x85:
      return PushTuple(1);
    case 0x86:
      return PushTuple(2);
    case 0x87:
      return PushTuple(3);
    case '(':
      stack_.push_back(Make(Value::kMark));
      return OkStatus();
    case 't': {
      ValuePtr t = Make(Value::kTuple);
      TFP_ASSIGN_OR_RETURN(t->items, PopToMark());
      stack_.push_back(t);
      return OkStatus();
    }
    case ']':
      stack_.push_back(Make(Value::kList));
      return OkStatus();
    case 'a':
    case 'e': {  // APPEND, APPENDS
      std::vector<ValuePtr> items;
      if (op == 'a') {
        TFP_ASSIGN_OR_RETURN(ValuePtr v, Pop());
        items.push_back(v);
      } else {
        TFP_ASSIGN_OR_RETURN(items, PopToMark());
      }
      if (stack_.empty() || stack_.back()->kind != Value::kList) {
        return Malformed("APPEND to a non-list");
      }
      for (ValuePtr& v : items) stack_.back()->items.push_back(std::move(v));
      return OkStatus();
    }
    case 'R':
    case 'b': {  // REDUCE, BUILD
      TFP_ASSIGN_OR_RETURN(ValuePtr arg, Pop());
      TFP_ASSIGN_OR_RETURN(ValuePtr target, Pop());
      if (op == 'R') {
        ValuePtr r = Make(Value::kReduce);
        r->items = {target, arg};
        stack_.push_back(r);
      } else {
        if (target->kind != Value::kReduce || target->items.size() != 2) {
          return Malformed("BUILD of a non-object");
        }
        target->items.push_back(arg);
        stack_.push_back(target);
      }
      return OkStatus();
    }
    default:
      return errors::Unimplemented(
          "NumPy file ", name_, ": object array pickle uses opcode 0x",
          "0123456789abcdef"[op >> 4], "0123456789abcdef"[op & 15],
          ", which tfpersist does not read (only arrays of bytes/str)");
  }
}

StatusOr<ValuePtr> Machine::Run() {
  bool stop = false;
  while (!stop) {
    if (pos_ >= in_.size()) return Truncated();
    const uint8_t op = static_cast<uint8_t>(in_[pos_++]);
    TFP_RETURN_IF_ERROR(Step(op, &stop));
  }
  if (stack_.size() != 1) return Malformed("stack not empty at STOP");
  return stack_.back();
}

bool IsGlobal(const ValuePtr& v, std::string_view suffix) {
  return v->kind == Value::kGlobal && v->s.ends_with(suffix);
}

}  // namespace

StatusOr<Tensor> ParseNpyObjectArray(std::string_view pickle,
                                     const std::vector<int64_t>& shape,
                                     std::string_view name) {
  Machine machine(pickle, name);
  TFP_ASSIGN_OR_RETURN(ValuePtr array, machine.Run());
  auto malformed = [&](std::string_view what) {
    return errors::DataLoss("NumPy file ", name,
                            ": object array pickle is not an ndarray (", what,
                            ")");
  };
  if (array->kind != Value::kReduce || array->items.size() != 3 ||
      !IsGlobal(array->items[0], "multiarray._reconstruct")) {
    return malformed("no _reconstruct with state");
  }
  const ValuePtr& state = array->items[2];
  if (state->kind != Value::kTuple || state->items.size() != 5) {
    return malformed("state is not a 5-tuple");
  }
  const ValuePtr& data = state->items[4];
  if (data->kind != Value::kList) return malformed("data is not a list");
  TFP_ASSIGN_OR_RETURN(TensorShape tshape, TensorShape::Build(shape));
  if (static_cast<int64_t>(data->items.size()) != tshape.num_elements()) {
    return malformed(StrCat(data->items.size(), " elements for shape ",
                            tshape.DebugString()));
  }
  if (state->items[3]->kind == Value::kBool && state->items[3]->i != 0 &&
      tshape.dims() > 1) {
    return errors::Unimplemented("NumPy file ", name,
                                 " is in Fortran order; only C order is "
                                 "supported");
  }
  Tensor out(DT_STRING, tshape);
  std::string* dst = out.data<std::string>();
  for (size_t k = 0; k < data->items.size(); ++k) {
    const Value& e = *data->items[k];
    if (e.kind != Value::kBytes && e.kind != Value::kStr) {
      return errors::Unimplemented(
          "NumPy file ", name, ": object array element ", k,
          " is not bytes or str; only arrays of bytes/str are supported");
    }
    dst[k] = e.s;
  }
  return out;
}

}  // namespace tfpersist
