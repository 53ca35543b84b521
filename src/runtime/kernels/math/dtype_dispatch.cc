#include "runtime/kernels/math/dtype_dispatch.h"

#include "tfpersist/base/str_util.h"

namespace tfpersist {

Status NoKernelForDType(const OpKernelConstruction* c, std::string_view attr,
                        DataType dt, const std::vector<DataType>& supported) {
  std::vector<std::string> names;
  for (DataType s : supported) names.push_back(DataTypeEnumName(s));
  return errors::InvalidArgument(
      "No OpKernel was registered to support Op '", c->type_string(),
      "' used by {{node ", c->name(), "}} with these attrs: [", attr, "=",
      DataTypeEnumName(dt), "]\nRegistered devices: [CPU]\n",
      "Registered kernels:\n  device='CPU'; ", attr, " in [",
      StrJoin(names, ", "), "]");
}

}  // namespace tfpersist
