#include "tfpersist/base/logging.h"

#include <cstdio>
#include <cstdlib>

namespace tfpersist::internal {

CheckFailure::CheckFailure(const char* file, int line, const char* expr) {
  os_ << file << ":" << line << ": Check failed: " << expr << " ";
}

CheckFailure::~CheckFailure() {
  std::fprintf(stderr, "%s\n", os_.str().c_str());
  std::fflush(stderr);
  std::abort();
}

}  // namespace tfpersist::internal
