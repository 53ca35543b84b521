// CHECK macros for invariants that are bugs when broken (never for input
// validation: bad input gets a Status). Failure prints and aborts.
#ifndef TFPERSIST_BASE_LOGGING_H_
#define TFPERSIST_BASE_LOGGING_H_

#include <sstream>

namespace tfpersist::internal {

class CheckFailure {
 public:
  CheckFailure(const char* file, int line, const char* expr);
  [[noreturn]] ~CheckFailure();
  std::ostream& stream() { return os_; }

 private:
  std::ostringstream os_;
};

// Makes "cond ? (void)0 : Voidify() & stream << ..." well-formed.
struct Voidify {
  void operator&(std::ostream&) {}
};

}  // namespace tfpersist::internal

#define TFP_CHECK(cond)                                            \
  (cond) ? (void)0                                                 \
         : ::tfpersist::internal::Voidify() &                      \
               ::tfpersist::internal::CheckFailure(__FILE__, __LINE__, #cond) \
                   .stream()

#ifdef NDEBUG
#define TFP_DCHECK(cond) \
  while (false) TFP_CHECK(cond)
#else
#define TFP_DCHECK(cond) TFP_CHECK(cond)
#endif

#endif  // TFPERSIST_BASE_LOGGING_H_
