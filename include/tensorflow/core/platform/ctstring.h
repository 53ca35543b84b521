/* The C TF_TString (see ctstring_internal.h). */
#ifndef TENSORFLOW_CORE_PLATFORM_CTSTRING_H_
#define TENSORFLOW_CORE_PLATFORM_CTSTRING_H_

#include <stdint.h>
#include <stdlib.h>

#include "tensorflow/core/platform/ctstring_internal.h"

#endif /* TENSORFLOW_CORE_PLATFORM_CTSTRING_H_ */
