/* A tiny C test harness for the C API tests: each TFC_TEST(name) is a
 * function; tfc_main runs the one named by argv[1] (CTest registers one test
 * per name, see CMakeLists.txt) or all of them, printing one result line
 * per test. A test returns early on the first failed CHECK; TFC_SKIP marks
 * it skipped (exit code 77, CTest's SKIP_RETURN_CODE). */
#ifndef TFPERSIST_TESTS_C_API_TFC_TEST_H_
#define TFPERSIST_TESTS_C_API_TFC_TEST_H_

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tensorflow/c/c_api.h"

static int tfc_failed = 0;
static int tfc_skipped = 0;

#define TFC_TEST(name) static void name(void)

#define CHECK(cond)                                                       \
  do {                                                                    \
    if (!(cond)) {                                                        \
      fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, __LINE__,    \
              #cond);                                                     \
      tfc_failed = 1;                                                     \
      return;                                                             \
    }                                                                     \
  } while (0)

#define CHECK_EQ_I64(a, b)                                                \
  do {                                                                    \
    int64_t tfc_a = (int64_t)(a), tfc_b = (int64_t)(b);                   \
    if (tfc_a != tfc_b) {                                                 \
      fprintf(stderr, "%s:%d: CHECK_EQ failed: %s (%" PRId64              \
              ") != %s (%" PRId64 ")\n",                                  \
              __FILE__, __LINE__, #a, tfc_a, #b, tfc_b);                  \
      tfc_failed = 1;                                                     \
      return;                                                             \
    }                                                                     \
  } while (0)

#define CHECK_STR(a, b)                                                   \
  do {                                                                    \
    const char* tfc_a = (a);                                              \
    const char* tfc_b = (b);                                              \
    if (tfc_a == NULL || strcmp(tfc_a, tfc_b) != 0) {                     \
      fprintf(stderr, "%s:%d: CHECK_STR failed: %s = \"%s\", want \"%s\"\n", \
              __FILE__, __LINE__, #a, tfc_a ? tfc_a : "(null)", tfc_b);   \
      tfc_failed = 1;                                                     \
      return;                                                             \
    }                                                                     \
  } while (0)

/* The status has `code` and its message contains `substr`. */
#define CHECK_STATUS(s, code, substr)                                     \
  do {                                                                    \
    if (TF_GetCode(s) != (code) || strstr(TF_Message(s), (substr)) == NULL) { \
      fprintf(stderr,                                                     \
              "%s:%d: status is %d \"%s\", want %d containing \"%s\"\n",  \
              __FILE__, __LINE__, (int)TF_GetCode(s), TF_Message(s),      \
              (int)(code), (substr));                                     \
      tfc_failed = 1;                                                     \
      return;                                                             \
    }                                                                     \
  } while (0)

#define CHECK_OK(s) CHECK_STATUS(s, TF_OK, "")

#define TFC_SKIP(why)                                                     \
  do {                                                                    \
    printf("skipped: %s\n", (why));                                       \
    tfc_skipped = 1;                                                      \
    return;                                                               \
  } while (0)

struct tfc_case {
  const char* name;
  void (*fn)(void);
};

#define TFC_CASE(name) {#name, name}

/* The fixtures folder (TFP_SHARED_DIR env, else the build-time define). */
static inline const char* tfc_shared_dir(void) {
  const char* env = getenv("TFP_SHARED_DIR");
  if (env != NULL && env[0] != '\0') return env;
#ifdef TFP_SHARED_DIR
  return TFP_SHARED_DIR;
#else
  return "";
#endif
}

/* Reads a whole file into a TF_Buffer (NULL if unreadable). */
static inline TF_Buffer* tfc_read_file(const char* path) {
  FILE* f = fopen(path, "rb");
  long size;
  void* data;
  TF_Buffer* buf;
  if (f == NULL) return NULL;
  fseek(f, 0, SEEK_END);
  size = ftell(f);
  fseek(f, 0, SEEK_SET);
  data = malloc(size > 0 ? (size_t)size : 1);
  if (data == NULL || fread(data, 1, (size_t)size, f) != (size_t)size) {
    free(data);
    fclose(f);
    return NULL;
  }
  fclose(f);
  buf = TF_NewBufferFromString(data, (size_t)size);
  free(data);
  return buf;
}

static inline int tfc_main(int argc, char** argv, const struct tfc_case* cases,
                           int n) {
  int i, ran = 0, failed = 0, skipped = 0;
  for (i = 0; i < n; ++i) {
    if (argc > 1 && strcmp(argv[1], cases[i].name) != 0) continue;
    tfc_failed = 0;
    tfc_skipped = 0;
    cases[i].fn();
    ++ran;
    if (tfc_failed) {
      ++failed;
      printf("[  FAILED  ] %s\n", cases[i].name);
    } else if (tfc_skipped) {
      ++skipped;
      printf("[  SKIPPED ] %s\n", cases[i].name);
    } else {
      printf("[       OK ] %s\n", cases[i].name);
    }
  }
  if (ran == 0) {
    fprintf(stderr, "no test named %s\n", argc > 1 ? argv[1] : "(any)");
    return 2;
  }
  printf("%d passed, %d failed, %d skipped\n", ran - failed - skipped, failed,
         skipped);
  if (failed > 0) return 1;
  return skipped == ran ? 77 : 0;
}

#define TFC_MAIN(...)                                                     \
  int main(int argc, char** argv) {                                       \
    static const struct tfc_case cases[] = {__VA_ARGS__};                 \
    return tfc_main(argc, argv, cases,                                    \
                    (int)(sizeof(cases) / sizeof(cases[0])));             \
  }

#endif /* TFPERSIST_TESTS_C_API_TFC_TEST_H_ */
