#include "runtime/kernels/string/regex_util.h"

#include "tfpersist/base/status.h"

namespace tfpersist {

StatusOr<std::unique_ptr<const RE2>> CompileRegex(const std::string& pattern) {
  RE2::Options options;
  options.set_log_errors(false);
  auto re = std::make_unique<const RE2>(pattern, options);
  if (!re->ok()) {
    return errors::InvalidArgument("Invalid pattern: ", pattern,
                                   ", error: ", re->error());
  }
  return re;
}

}  // namespace tfpersist
