// OpDefBuilder: parses TF's REGISTER_OP spec strings into an OpDef.
//
// Grammar (spaces allowed around every token):
//   attr   := name ':' ['list' '('] attr_type [')'] ['>=' int] ['=' default]
//   attr_type := string|int|float|bool|type|shape|tensor|func
//              | numbertype|numerictype|realnumbertype|realnumerictype
//              | quantizedtype | '{' type_or_set (',' type_or_set)* [','] '}'
//              | '{' quoted (',' quoted)* [','] '}'        (allowed strings)
//   arg    := name ':' ['Ref' '('] (type_or_attr | number_attr '*'
//              type_or_attr) [')']
// An int attr used as a number_attr, and a list(type) attr used as a
// type_list_attr, get minimum 1 unless one is given; a resource arg makes
// the op stateful (as TF's builder does).
#include <cctype>
#include <string>

#include "graph/op_def_util.h"
#include "graph/op_registry.h"

namespace tfpersist {
namespace {

using tensorflow::OpDef;

// A cursor over one spec string.
class Scanner {
 public:
  explicit Scanner(std::string_view s) : rest_(s) {}
  std::string_view rest() const { return rest_; }
  bool empty() const { return rest_.empty(); }
  void SkipSpaces() {
    while (!rest_.empty() && std::isspace(static_cast<unsigned char>(rest_[0])))
      rest_.remove_prefix(1);
  }
  // Consumes `lit` (then spaces) if it is next.
  bool Consume(std::string_view lit) {
    if (!rest_.starts_with(lit)) return false;
    rest_.remove_prefix(lit.size());
    SkipSpaces();
    return true;
  }
  // Consumes an identifier [A-Za-z][A-Za-z0-9_]* (lower-case only if
  // lower_only), then spaces.
  bool Ident(bool lower_only, std::string_view* out) {
    auto first_ok = [&](char c) {
      return std::islower(static_cast<unsigned char>(c)) ||
             (!lower_only && std::isupper(static_cast<unsigned char>(c)));
    };
    if (rest_.empty() || !first_ok(rest_[0])) return false;
    size_t n = 1;
    while (n < rest_.size() &&
           (first_ok(rest_[n]) ||
            std::isdigit(static_cast<unsigned char>(rest_[n])) ||
            rest_[n] == '_')) {
      ++n;
    }
    *out = rest_.substr(0, n);
    rest_.remove_prefix(n);
    SkipSpaces();
    return true;
  }
  // Consumes an optionally negative decimal integer.
  bool Int(int64_t* out) {
    size_t n = (!rest_.empty() && rest_[0] == '-') ? 1 : 0;
    const size_t start = n;
    while (n < rest_.size() &&
           std::isdigit(static_cast<unsigned char>(rest_[n])))
      ++n;
    if (n == start || n - start > 18) return false;
    *out = std::stoll(std::string(rest_.substr(0, n)));
    rest_.remove_prefix(n);
    SkipSpaces();
    return true;
  }
  // Consumes a 'quoted' or "quoted" string (no escapes needed in practice).
  bool Quoted(std::string* out) {
    if (rest_.empty() || (rest_[0] != '\'' && rest_[0] != '"')) return false;
    const size_t end = rest_.find(rest_[0], 1);
    if (end == std::string_view::npos) return false;
    *out = std::string(rest_.substr(1, end - 1));
    rest_.remove_prefix(end + 1);
    SkipSpaces();
    return true;
  }

 private:
  std::string_view rest_;
};

// Expands a compound type name into `allowed`; false if not compound.
bool AddCompoundType(std::string_view name, tensorflow::AttrValue* allowed) {
  const std::vector<DataType>* types = nullptr;
  if (name == "numbertype" || name == "numerictype") types = &NumberTypes();
  if (name == "realnumbertype" || name == "realnumerictype") {
    types = &RealNumberTypes();
  }
  if (name == "quantizedtype") types = &QuantizedTypes();
  if (types == nullptr) return false;
  for (DataType dt : *types)
    allowed->mutable_list()->add_type(static_cast<tensorflow::DataType>(dt));
  return true;
}

// A lower-case TF type name ("float", "int32", "resource"); no refs.
bool BaseTypeFromName(std::string_view name, DataType* dt) {
  if (name.empty() || !std::islower(static_cast<unsigned char>(name[0])) ||
      name.ends_with("_ref")) {
    return false;
  }
  StatusOr<DataType> parsed = DataTypeFromString(name);
  if (!parsed.ok() || *parsed == DT_INVALID) return false;
  *dt = *parsed;
  return true;
}

// Parses "{ ... }" after the '{'; sets *type to "type" or "string".
std::string ParseAllowed(Scanner* sc, OpDef::AttrDef* attr, std::string* type) {
  tensorflow::AttrValue* allowed = attr->mutable_allowed_values();
  allowed->mutable_list();
  const bool strings =
      sc->rest().starts_with("'") || sc->rest().starts_with("\"");
  *type = strings ? "string" : "type";
  while (true) {
    if (strings) {
      std::string s;
      if (!sc->Quoted(&s)) {
        return StrCat("Trouble parsing allowed string at '", sc->rest(), "'");
      }
      allowed->mutable_list()->add_s(s);
    } else {
      std::string_view name;
      if (!sc->Ident(/*lower_only=*/true, &name)) {
        return StrCat("Trouble parsing type string at '", sc->rest(), "'");
      }
      DataType dt;
      if (!AddCompoundType(name, allowed)) {
        if (!BaseTypeFromName(name, &dt)) {
          return StrCat("Unrecognized type string '", name, "'");
        }
        allowed->mutable_list()->add_type(
            static_cast<tensorflow::DataType>(dt));
      }
    }
    if (sc->Consume(",")) {
      if (sc->Consume("}")) return "";
    } else if (sc->Consume("}")) {
      return "";
    } else {
      return StrCat("Expected , or } after ", strings ? "strings" : "types",
                    " in list, not: '", sc->rest(), "'");
    }
  }
}

// Parses the attr type; returns an error message or "".
std::string ParseAttrType(Scanner* sc, OpDef::AttrDef* attr,
                          std::string* type) {
  static constexpr std::string_view kSimple[] = {
      "string", "int", "float", "bool", "type", "shape", "tensor", "func"};
  for (std::string_view simple : kSimple) {
    if (sc->Consume(simple)) {
      *type = std::string(simple);
      return "";
    }
  }
  if (sc->Consume("{")) return ParseAllowed(sc, attr, type);
  std::string_view name;
  Scanner probe = *sc;
  if (probe.Ident(/*lower_only=*/true, &name) &&
      AddCompoundType(name, attr->mutable_allowed_values())) {
    *sc = probe;
    *type = "type";
    return "";
  }
  return StrCat("Trouble parsing type string at '", sc->rest(), "'");
}

std::string FinalizeAttr(std::string_view spec, OpDef* op_def) {
  OpDef::AttrDef* attr = op_def->add_attr();
  Scanner sc(spec);
  std::string_view name;
  sc.SkipSpaces();
  if (!sc.Ident(/*lower_only=*/false, &name) || !sc.Consume(":")) {
    return "Trouble parsing '<name>:'";
  }
  attr->set_name(std::string(name));
  const bool is_list = sc.Consume("list") && sc.Consume("(");
  std::string type;
  std::string error = ParseAttrType(&sc, attr, &type);
  if (!error.empty()) return error;
  sc.SkipSpaces();
  if (is_list && !sc.Consume(")")) {
    return StrCat("Expected ) to close 'list(', not: '", sc.rest(), "'");
  }
  attr->set_type(is_list ? StrCat("list(", type, ")") : type);
  if ((is_list || type == "int") && sc.Consume(">=")) {
    int64_t minimum = 0;
    if (!sc.Int(&minimum)) {
      return StrCat("Could not parse integer lower limit after '>=', found '",
                    sc.rest(), "' instead");
    }
    attr->set_has_minimum(true);
    attr->set_minimum(minimum);
  }
  if (sc.Consume("=")) {
    if (!ParseAttrValue(attr->type(), sc.rest(),
                        attr->mutable_default_value())) {
      return StrCat("Could not parse default value '", sc.rest(), "'");
    }
  } else if (!sc.empty()) {
    return StrCat("Extra '", sc.rest(), "' unparsed at the end");
  }
  return "";
}

// Resolves the arg's type (a dtype name or an attr); "" or an error.
std::string SetArgType(std::string_view type_or_attr, OpDef* op_def,
                       OpDef::ArgDef* arg) {
  DataType dt;
  if (BaseTypeFromName(type_or_attr, &dt)) {
    arg->set_type(static_cast<tensorflow::DataType>(dt));
    return "";
  }
  const OpDef::AttrDef* attr = FindAttr(type_or_attr, *op_def);
  if (attr == nullptr) {
    return StrCat("Reference to unknown attr '", type_or_attr, "'");
  }
  if (attr->type() == "type") {
    arg->set_type_attr(std::string(type_or_attr));
  } else if (attr->type() == "list(type)") {
    arg->set_type_list_attr(std::string(type_or_attr));
  } else {
    return StrCat("Reference to attr '", type_or_attr, "' with type ",
                  attr->type(), " that isn't type or list(type)");
  }
  return "";
}

// Gives a length attr (number_attr or type_list_attr) TF's default minimum 1.
void DefaultMinimum(std::string_view name, OpDef* op_def) {
  for (auto& attr : *op_def->mutable_attr()) {
    if (attr.name() == name && !attr.has_minimum() &&
        (attr.type() == "int" || attr.type() == "list(type)")) {
      attr.set_has_minimum(true);
      attr.set_minimum(1);
    }
  }
}

std::string FinalizeArg(std::string_view spec, bool is_output, OpDef* op_def) {
  OpDef::ArgDef* arg =
      is_output ? op_def->add_output_arg() : op_def->add_input_arg();
  Scanner sc(spec);
  sc.SkipSpaces();
  std::string_view name, first, second;
  if (!sc.Ident(/*lower_only=*/true, &name) || !sc.Consume(":")) {
    return "Trouble parsing 'name:'";
  }
  arg->set_name(std::string(name));
  const bool is_ref = sc.Consume("Ref") && sc.Consume("(");
  if (is_ref) arg->set_is_ref(true);
  if (!sc.Ident(/*lower_only=*/false, &first)) {
    return StrCat("Trouble parsing either a type or an attr name at '",
                  sc.rest(), "'");
  }
  std::string_view type_or_attr = first;
  if (sc.Consume("*")) {
    if (!sc.Ident(/*lower_only=*/false, &second)) {
      return StrCat("Trouble parsing type after '*' at '", sc.rest(), "'");
    }
    arg->set_number_attr(std::string(first));
    type_or_attr = second;
  }
  std::string error = SetArgType(type_or_attr, op_def, arg);
  if (!error.empty()) return error;
  if (is_ref && !sc.Consume(")")) {
    return StrCat("Did not find closing ')' for 'Ref(', instead found: '",
                  sc.rest(), "'");
  }
  if (!sc.empty()) return StrCat("Extra '", sc.rest(), "' unparsed at the end");
  if (!arg->number_attr().empty()) DefaultMinimum(arg->number_attr(), op_def);
  if (!arg->type_list_attr().empty()) {
    DefaultMinimum(arg->type_list_attr(), op_def);
  }
  if (arg->type() == tensorflow::DT_RESOURCE) op_def->set_is_stateful(true);
  return "";
}

}  // namespace

OpDefBuilder::OpDefBuilder(std::string op_name) {
  reg_.op_def.set_name(std::move(op_name));
}

OpDefBuilder& OpDefBuilder::Input(std::string_view spec) {
  inputs_.emplace_back(spec);
  return *this;
}
OpDefBuilder& OpDefBuilder::Output(std::string_view spec) {
  outputs_.emplace_back(spec);
  return *this;
}
OpDefBuilder& OpDefBuilder::Attr(std::string_view spec) {
  attrs_.emplace_back(spec);
  return *this;
}
OpDefBuilder& OpDefBuilder::SetIsStateful() {
  reg_.op_def.set_is_stateful(true);
  return *this;
}
OpDefBuilder& OpDefBuilder::SetIsCommutative() {
  reg_.op_def.set_is_commutative(true);
  return *this;
}
OpDefBuilder& OpDefBuilder::SetIsAggregate() {
  reg_.op_def.set_is_aggregate(true);
  return *this;
}
OpDefBuilder& OpDefBuilder::SetAllowsUninitializedInput() {
  reg_.op_def.set_allows_uninitialized_input(true);
  return *this;
}
OpDefBuilder& OpDefBuilder::SetIsDistributedCommunication() {
  reg_.op_def.set_is_distributed_communication(true);
  return *this;
}
OpDefBuilder& OpDefBuilder::Deprecated(int version, std::string explanation) {
  reg_.op_def.mutable_deprecation()->set_version(version);
  reg_.op_def.mutable_deprecation()->set_explanation(std::move(explanation));
  return *this;
}
OpDefBuilder& OpDefBuilder::SetShapeFn(ShapeFn fn) {
  reg_.shape_fn = std::move(fn);
  return *this;
}

Status OpDefBuilder::Finalize(OpRegistry* registry) {
  OpDef* op_def = &reg_.op_def;
  const std::string& op = op_def->name();
  // Attrs first: args refer to them.
  for (const std::string& spec : attrs_) {
    std::string error = FinalizeAttr(spec, op_def);
    if (!error.empty()) {
      return errors::InvalidArgument(error, " from Attr(\"", spec,
                                     "\") for Op ", op);
    }
  }
  for (int out = 0; out < 2; ++out) {
    for (const std::string& spec : out ? outputs_ : inputs_) {
      std::string error = FinalizeArg(spec, out == 1, op_def);
      if (!error.empty()) {
        return errors::InvalidArgument(error, " from ",
                                       out ? "Output" : "Input", "(\"", spec,
                                       "\") for Op ", op);
      }
    }
  }
  return registry->Register(std::move(reg_));
}

}  // namespace tfpersist
