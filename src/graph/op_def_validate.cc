// ValidateOpDef: the well-formedness rules TF applies at registration.
#include <set>
#include <string>

#include "graph/op_def_util.h"

namespace tfpersist {
namespace {

using tensorflow::OpDef;

bool IsUpper(char c) { return c >= 'A' && c <= 'Z'; }
bool IsLower(char c) { return c >= 'a' && c <= 'z'; }
bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// [A-Z][a-zA-Z0-9>_]* or anything starting with '_' (internal ops).
bool IsValidOpName(std::string_view name) {
  if (name.empty()) return false;
  if (name[0] == '_') return true;
  if (!IsUpper(name[0])) return false;
  for (char c : name) {
    if (!IsUpper(c) && !IsLower(c) && !IsDigit(c) && c != '>' && c != '_') {
      return false;
    }
  }
  return true;
}

// [A-Za-z][A-Za-z0-9_]* (attrs) or [a-z][a-z0-9_]* (args).
bool IsValidArgOrAttrName(std::string_view name, bool allow_upper) {
  if (name.empty()) return false;
  auto letter = [&](char c) {
    return IsLower(c) || (allow_upper && IsUpper(c));
  };
  if (!letter(name[0])) return false;
  for (char c : name) {
    if (!letter(c) && !IsDigit(c) && c != '_') return false;
  }
  return true;
}

bool IsKnownAttrType(std::string_view type) {
  static const std::set<std::string, std::less<>> kScalar = {
      "string", "int", "float", "bool", "type", "shape", "tensor", "func"};
  if (type.starts_with("list(") && type.ends_with(")")) {
    return kScalar.contains(type.substr(5, type.size() - 6));
  }
  return kScalar.contains(type);
}

Status ValidateAttrDef(const OpDef::AttrDef& attr) {
  const std::string& type = attr.type();
  if (!IsValidArgOrAttrName(attr.name(), /*allow_upper=*/true)) {
    return errors::InvalidArgument("Invalid attr name '", attr.name(), "'");
  }
  if (!IsKnownAttrType(type)) {
    return errors::InvalidArgument("Unrecognized type '", type, "' for attr '",
                                   attr.name(), "'");
  }
  const bool is_list = type.starts_with("list(");
  if (attr.has_minimum()) {
    if (type != "int" && !is_list) {
      return errors::InvalidArgument("Attr '", attr.name(),
                                     "' has minimum "
                                     "for unsupported type ",
                                     type);
    }
    if (is_list && attr.minimum() < 0) {
      return errors::InvalidArgument("Attr '", attr.name(),
                                     "' with list type must have a "
                                     "non-negative minimum, not ",
                                     attr.minimum());
    }
  }
  if (attr.has_allowed_values()) {
    const std::string base = is_list ? type.substr(5, type.size() - 6) : type;
    if (base != "type" && base != "string") {
      return errors::InvalidArgument("Attr '", attr.name(), "' of type ", type,
                                     " may not have allowed_values");
    }
    TFP_RETURN_IF_ERROR_CTX(
        AttrValueHasType(attr.allowed_values(), StrCat("list(", base, ")")),
        "allowed_values for attr '", attr.name(), "'");
  }
  if (attr.has_default_value()) {
    TFP_RETURN_IF_ERROR_CTX(ValidateAttrValue(attr.default_value(), attr),
                            "in default_value");
  }
  return OkStatus();
}

Status ValidateArg(const OpDef::ArgDef& arg, const OpDef& op_def,
                   bool is_output) {
  const char* kind = is_output ? "Output" : "Input";
  if (!IsValidArgOrAttrName(arg.name(), /*allow_upper=*/false)) {
    return errors::InvalidArgument(kind, " name '", arg.name(), "' is invalid");
  }
  const int set = (arg.type() != tensorflow::DT_INVALID) +
                  !arg.type_attr().empty() + !arg.type_list_attr().empty();
  if (set != 1) {
    return errors::InvalidArgument(
        kind, " '", arg.name(),
        "' must have exactly one of type, type_attr, type_list_attr set");
  }
  if (!arg.number_attr().empty()) {
    const OpDef::AttrDef* n = FindAttr(arg.number_attr(), op_def);
    if (n == nullptr || n->type() != "int" || !n->has_minimum() ||
        n->minimum() < 0 || !arg.type_list_attr().empty()) {
      return errors::InvalidArgument(
          kind, " '", arg.name(), "' number_attr '", arg.number_attr(),
          "' must name an int attr with a minimum >= 0");
    }
  }
  if (!arg.type_attr().empty()) {
    const OpDef::AttrDef* t = FindAttr(arg.type_attr(), op_def);
    if (t == nullptr || t->type() != "type") {
      return errors::InvalidArgument(kind, " '", arg.name(), "' type_attr '",
                                     arg.type_attr(),
                                     "' must name an attr of type 'type'");
    }
  }
  if (!arg.type_list_attr().empty()) {
    const OpDef::AttrDef* t = FindAttr(arg.type_list_attr(), op_def);
    if (t == nullptr || t->type() != "list(type)") {
      return errors::InvalidArgument(
          kind, " '", arg.name(), "' type_list_attr '", arg.type_list_attr(),
          "' must name an attr of type 'list(type)'");
    }
  }
  return OkStatus();
}

Status ValidateOpDefImpl(const OpDef& op_def) {
  if (!IsValidOpName(op_def.name())) {
    return errors::InvalidArgument("Invalid name: ", op_def.name(),
                                   " (Did you use CamelCase?)");
  }
  std::set<std::string> names;
  for (const auto& attr : op_def.attr()) {
    if (!names.insert(attr.name()).second) {
      return errors::InvalidArgument("Duplicate name: ", attr.name());
    }
    TFP_RETURN_IF_ERROR(ValidateAttrDef(attr));
  }
  for (const auto& arg : op_def.input_arg()) {
    if (!names.insert(arg.name()).second) {
      return errors::InvalidArgument("Duplicate name: ", arg.name());
    }
    TFP_RETURN_IF_ERROR(ValidateArg(arg, op_def, /*is_output=*/false));
  }
  for (const auto& arg : op_def.output_arg()) {
    if (!names.insert(arg.name()).second) {
      return errors::InvalidArgument("Duplicate name: ", arg.name());
    }
    TFP_RETURN_IF_ERROR(ValidateArg(arg, op_def, /*is_output=*/true));
  }
  return OkStatus();
}

}  // namespace

Status ValidateOpDef(const OpDef& op_def) {
  return ValidateOpDefImpl(op_def).WithContext(
      StrCat("OpDef for ", op_def.name()));
}

}  // namespace tfpersist
