#include "graph/op_def_util.h"

#include <google/protobuf/io/tokenizer.h>
#include <google/protobuf/text_format.h>

#include <algorithm>
#include <set>

#include "core/tensor_proto.h"

namespace tfpersist {
namespace {

using tensorflow::AttrValue;
using tensorflow::OpDef;

// Swallows protobuf's parse diagnostics (we report our own).
class SilentErrors : public google::protobuf::io::ErrorCollector {
 public:
  void AddError(int, int, const std::string&) override {}
  void AddWarning(int, int, const std::string&) override {}
};

bool ParseText(const std::string& text, AttrValue* out) {
  google::protobuf::TextFormat::Parser parser;
  SilentErrors errors;
  parser.RecordErrorsTo(&errors);
  return parser.ParseFromString(text, out);
}

// The AttrValue field that holds values of a (non-list) attr type.
const char* FieldForType(std::string_view type) {
  if (type == "string") return "s";
  if (type == "int") return "i";
  if (type == "float") return "f";
  if (type == "bool") return "b";
  if (type == "type") return "type";
  if (type == "shape") return "shape";
  if (type == "tensor") return "tensor";
  if (type == "func") return "func";
  return nullptr;
}

bool IsListType(std::string_view type, std::string_view* element) {
  if (!type.starts_with("list(") || !type.ends_with(")")) return false;
  *element = type.substr(5, type.size() - 6);
  return true;
}

// Which element kinds a ListValue holds, as attr type names.
std::vector<std::string> ListKinds(const AttrValue::ListValue& l) {
  std::vector<std::string> kinds;
  if (l.s_size()) kinds.push_back("string");
  if (l.i_size()) kinds.push_back("int");
  if (l.f_size()) kinds.push_back("float");
  if (l.b_size()) kinds.push_back("bool");
  if (l.type_size()) kinds.push_back("type");
  if (l.shape_size()) kinds.push_back("shape");
  if (l.tensor_size()) kinds.push_back("tensor");
  if (l.func_size()) kinds.push_back("func");
  return kinds;
}

Status ValidShape(const tensorflow::TensorShapeProto& shape) {
  if (shape.unknown_rank() && shape.dim_size() > 0) {
    return errors::InvalidArgument(
        "An unknown shape must not have any dimensions set");
  }
  for (const auto& d : shape.dim()) {
    if (d.size() < -1) {
      return errors::InvalidArgument("Shape ", shape.ShortDebugString(),
                                     " has dimensions with values below -1 "
                                     "(where -1 means unknown)");
    }
  }
  return OkStatus();
}

Status ValidType(DataType dt) {
  if (!IsValidDataType(dt) || dt == DT_INVALID) {
    return errors::InvalidArgument("AttrValue has invalid DataType enum: ",
                                   static_cast<int>(dt));
  }
  if (IsRefType(dt)) {
    return errors::InvalidArgument(
        "AttrValue must not have reference type value of ", DataTypeString(dt));
  }
  return OkStatus();
}

std::string JoinTypes(const AttrValue& allowed) {
  std::vector<std::string> names;
  for (int t : allowed.list().type()) {
    names.push_back(DataTypeString(static_cast<DataType>(t)));
  }
  return StrJoin(names, ", ");
}

}  // namespace

// TF's current lists (the TF_CALL_*_TYPES order), as the newest entries of
// core/ops/compat/ops_history_v2 show them (ApplyFtrl: numbertype; Relu:
// realnumbertype; Dequantize: quantizedtype).
const std::vector<DataType>& NumberTypes() {
  static const std::vector<DataType> kTypes = {
      DT_FLOAT,      DT_DOUBLE,    DT_INT32,  DT_UINT8,   DT_INT16,
      DT_INT8,       DT_COMPLEX64, DT_INT64,  DT_QINT8,   DT_QUINT8,
      DT_QINT32,     DT_BFLOAT16,  DT_QINT16, DT_QUINT16, DT_UINT16,
      DT_COMPLEX128, DT_HALF,      DT_UINT32, DT_UINT64};
  return kTypes;
}

const std::vector<DataType>& RealNumberTypes() {
  static const std::vector<DataType> kTypes = {
      DT_FLOAT, DT_DOUBLE,   DT_INT32,  DT_UINT8, DT_INT16,  DT_INT8,
      DT_INT64, DT_BFLOAT16, DT_UINT16, DT_HALF,  DT_UINT32, DT_UINT64};
  return kTypes;
}

const std::vector<DataType>& QuantizedTypes() {
  static const std::vector<DataType> kTypes = {DT_QINT8, DT_QUINT8, DT_QINT32,
                                               DT_QINT16, DT_QUINT16};
  return kTypes;
}

bool ParseAttrValue(std::string_view type, std::string_view text,
                    AttrValue* out) {
  std::string_view element;
  const bool is_list = IsListType(type, &element);
  const char* field = FieldForType(is_list ? element : type);
  if (field == nullptr) return false;
  std::string to_parse;
  if (is_list) {
    // Lists must be written "[...]"; "[]" is the empty list (which the
    // text parser would reject as "i: []").
    std::string_view t = text;
    while (!t.empty() && t.front() == ' ') t.remove_prefix(1);
    while (!t.empty() && t.back() == ' ') t.remove_suffix(1);
    if (t.size() < 2 || t.front() != '[' || t.back() != ']') return false;
    std::string_view inner = t.substr(1, t.size() - 2);
    if (inner.find_first_not_of(' ') == std::string_view::npos) {
      out->Clear();
      out->mutable_list();
      return true;
    }
    to_parse = StrCat("list { ", field, ": ", t, " }");
  } else {
    to_parse = StrCat(field, ": ", text);
  }
  AttrValue parsed;
  if (!ParseText(to_parse, &parsed)) return false;
  *out = std::move(parsed);
  return true;
}

std::string AttrValueTypeName(const AttrValue& value) {
  switch (value.value_case()) {
    case AttrValue::kS:
      return "string";
    case AttrValue::kI:
      return "int";
    case AttrValue::kF:
      return "float";
    case AttrValue::kB:
      return "bool";
    case AttrValue::kType:
      return "type";
    case AttrValue::kShape:
      return "shape";
    case AttrValue::kTensor:
      return "tensor";
    case AttrValue::kFunc:
      return "func";
    case AttrValue::kPlaceholder:
      return "placeholder";
    case AttrValue::kList: {
      std::vector<std::string> kinds = ListKinds(value.list());
      if (kinds.empty()) return "list(any)";
      if (kinds.size() > 1) return "list(mixed)";
      return StrCat("list(", kinds[0], ")");
    }
    default:
      return "";
  }
}

Status AttrValueHasType(const AttrValue& value, std::string_view type) {
  const std::string actual = AttrValueTypeName(value);
  if (actual.empty()) {
    return errors::InvalidArgument(
        "AttrValue missing value with expected type '", type, "'");
  }
  if (actual == "placeholder") return OkStatus();  // function bodies
  std::string_view element;
  const bool is_list = IsListType(type, &element);
  const bool ok = actual == type || (is_list && actual == "list(any)");
  if (!ok) {
    return errors::InvalidArgument("AttrValue had value with type '", actual,
                                   "' when '", type, "' expected");
  }
  if (value.has_shape()) TFP_RETURN_IF_ERROR(ValidShape(value.shape()));
  if (value.value_case() == AttrValue::kType) {
    TFP_RETURN_IF_ERROR(ValidType(static_cast<DataType>(value.type())));
  }
  for (const auto& s : value.list().shape()) TFP_RETURN_IF_ERROR(ValidShape(s));
  for (int t : value.list().type()) {
    TFP_RETURN_IF_ERROR(ValidType(static_cast<DataType>(t)));
  }
  return OkStatus();
}

namespace {

Status CheckMinimum(const AttrValue& value, const OpDef::AttrDef& attr) {
  if (!attr.has_minimum()) return OkStatus();
  if (attr.type().starts_with("list(")) {
    const auto& l = value.list();
    const int64_t length = l.s_size() + l.i_size() + l.f_size() + l.b_size() +
                           l.type_size() + l.shape_size() + l.tensor_size() +
                           l.func_size();
    if (length < attr.minimum()) {
      return errors::InvalidArgument("Length for attr '", attr.name(), "' of ",
                                     length, " must be at least minimum ",
                                     attr.minimum());
    }
  } else if (value.i() < attr.minimum()) {
    return errors::InvalidArgument("Value for attr '", attr.name(), "' of ",
                                   value.i(), " must be at least minimum ",
                                   attr.minimum());
  }
  return OkStatus();
}

Status CheckAllowedType(DataType dt, const OpDef::AttrDef& attr) {
  const auto& allowed = attr.allowed_values().list().type();
  if (std::find(allowed.begin(), allowed.end(), dt) != allowed.end()) {
    return OkStatus();
  }
  return errors::InvalidArgument("Value for attr '", attr.name(), "' of ",
                                 DataTypeString(dt),
                                 " is not in the list of allowed values: ",
                                 JoinTypes(attr.allowed_values()));
}

Status CheckAllowedString(const std::string& s, const OpDef::AttrDef& attr) {
  const auto& allowed = attr.allowed_values().list().s();
  if (std::find(allowed.begin(), allowed.end(), s) != allowed.end()) {
    return OkStatus();
  }
  return errors::InvalidArgument("Value for attr '", attr.name(), "' of \"",
                                 CEscape(s),
                                 "\" is not in the list of allowed values: ",
                                 SummarizeAttrValue(attr.allowed_values()));
}

}  // namespace

Status ValidateAttrValue(const AttrValue& value, const OpDef::AttrDef& attr) {
  TFP_RETURN_IF_ERROR_CTX(AttrValueHasType(value, attr.type()), "for attr '",
                          attr.name(), "'");
  if (value.value_case() == AttrValue::kPlaceholder) return OkStatus();
  TFP_RETURN_IF_ERROR(CheckMinimum(value, attr));
  if (!attr.has_allowed_values()) return OkStatus();
  if (attr.type() == "type") {
    return CheckAllowedType(static_cast<DataType>(value.type()), attr);
  }
  if (attr.type() == "list(type)") {
    for (int t : value.list().type()) {
      TFP_RETURN_IF_ERROR(CheckAllowedType(static_cast<DataType>(t), attr));
    }
  } else if (attr.type() == "string") {
    return CheckAllowedString(value.s(), attr);
  } else if (attr.type() == "list(string)") {
    for (const std::string& s : value.list().s()) {
      TFP_RETURN_IF_ERROR(CheckAllowedString(s, attr));
    }
  }
  return OkStatus();
}

const OpDef::AttrDef* FindAttr(std::string_view name, const OpDef& op_def) {
  for (const auto& attr : op_def.attr()) {
    if (attr.name() == name) return &attr;
  }
  return nullptr;
}

namespace {

std::string SummarizeShape(const tensorflow::TensorShapeProto& proto) {
  StatusOr<PartialTensorShape> shape = PartialTensorShapeFromProto(proto);
  return shape.ok() ? shape->DebugString() : proto.ShortDebugString();
}

std::string SummarizeTensor(const tensorflow::TensorProto& proto) {
  StatusOr<Tensor> t = TensorFromProto(proto);
  return t.ok() ? t->DebugString() : "<Invalid TensorProto>";
}

std::string SummarizeList(const AttrValue::ListValue& l) {
  std::vector<std::string> items;
  for (const auto& s : l.s()) items.push_back(StrCat("\"", CEscape(s), "\""));
  for (int64_t i : l.i()) items.push_back(StrCat(i));
  for (float f : l.f()) items.push_back(StrCat(f));
  for (bool b : l.b()) items.push_back(b ? "true" : "false");
  for (int t : l.type()) {
    items.push_back(DataTypeEnumName(static_cast<DataType>(t)));
  }
  for (const auto& s : l.shape()) items.push_back(SummarizeShape(s));
  for (const auto& t : l.tensor()) items.push_back(SummarizeTensor(t));
  for (const auto& f : l.func()) items.push_back(f.name());
  return StrCat("[", StrJoin(items, ", "), "]");
}

}  // namespace

std::string SummarizeAttrValue(const AttrValue& value) {
  switch (value.value_case()) {
    case AttrValue::kS:
      return StrCat("\"", CEscape(value.s()), "\"");
    case AttrValue::kI:
      return StrCat(value.i());
    case AttrValue::kF:
      return StrCat(value.f());
    case AttrValue::kB:
      return value.b() ? "true" : "false";
    case AttrValue::kType:
      return DataTypeEnumName(static_cast<DataType>(value.type()));
    case AttrValue::kShape:
      return SummarizeShape(value.shape());
    case AttrValue::kTensor:
      return SummarizeTensor(value.tensor());
    case AttrValue::kList:
      return SummarizeList(value.list());
    case AttrValue::kFunc:
      return value.func().name();
    case AttrValue::kPlaceholder:
      return StrCat("$", value.placeholder());
    default:
      return "<Unknown AttrValue type>";
  }
}

}  // namespace tfpersist
