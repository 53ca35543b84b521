/* Compiles every public C API header (as C99/C11 and, renamed .cc by the
 * test, C++17) with -Wall -Wextra -pedantic-errors -Werror; see
 * CMakeLists.txt (c_api.headers.*). Uses a few inline helpers so they are
 * type-checked too. */
#include "tensorflow/c/c_api.h"
#include "tensorflow/c/c_api_experimental.h"
#include "tensorflow/c/c_api_macros.h"
#include "tensorflow/c/eager/c_api.h"
#include "tensorflow/c/tf_attrtype.h"
#include "tensorflow/c/tf_buffer.h"
#include "tensorflow/c/tf_datatype.h"
#include "tensorflow/c/tf_status.h"
#include "tensorflow/c/tf_tensor.h"
#include "tensorflow/c/tf_tstring.h"
#include "tensorflow/core/platform/ctstring.h"

#ifndef TENSORFLOW_C_TF_TSTRING_H_
#error "cppflow keys its string handling on TENSORFLOW_C_TF_TSTRING_H_"
#endif

int main(void) {
  TF_TString s;
  TF_TString_Init(&s);
  TF_TString_Copy(&s, "abc", 3);
  TF_TString_Dealloc(&s);
  return (int)TF_TString_GetSize(&s);
}
