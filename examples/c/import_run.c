/* import_run: a C program written only against TensorFlow's C API.
 *
 * Imports a frozen GraphDef under a name prefix, feeds a float ramp
 * (1, 2, ..., N, as numpy.linspace(1, N, N)) of the given shape into INPUT
 * and prints OUTPUT's values with TF_SessionRun.
 *
 *   import_run MODEL.pb PREFIX INPUT OUTPUT D0,D1,...
 *   import_run frozen.pb fc X output 1,784
 *
 * INPUT "-" feeds nothing (a graph without inputs). Exit 1 on any error,
 * with the TF_Status message. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tensorflow/c/c_api.h"

static int fail(const char* what, TF_Status* s) {
  fprintf(stderr, "%s: %s\n", what, TF_Message(s));
  return 1;
}

static TF_Buffer* read_file(const char* path) {
  FILE* f = fopen(path, "rb");
  TF_Buffer* buf;
  void* data;
  long size;
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

static void free_data(void* data, size_t len, void* arg) {
  (void)len;
  (void)arg;
  free(data);
}

/* "1,784" -> dims; returns the rank (or -1). */
static int parse_dims(const char* text, int64_t* dims, int max) {
  int n = 0;
  char* end;
  while (*text != '\0' && n < max) {
    dims[n++] = strtoll(text, &end, 10);
    if (end == text || dims[n - 1] < 0) return -1;
    text = *end == ',' ? end + 1 : end;
  }
  return n;
}

static void print_tensor(const char* name, const TF_Tensor* t) {
  int d;
  int64_t n = 1, i;
  printf("%s: shape [", name);
  for (d = 0; d < TF_NumDims(t); ++d) {
    printf(d ? ",%lld" : "%lld", (long long)TF_Dim(t, d));
    n *= TF_Dim(t, d);
  }
  printf("]\n");
  for (i = 0; i < n; ++i) {
    switch (TF_TensorType(t)) {
      case TF_FLOAT:
        printf("%.9g\n", ((const float*)TF_TensorData(t))[i]);
        break;
      case TF_INT32:
        printf("%d\n", ((const int32_t*)TF_TensorData(t))[i]);
        break;
      default:
        printf("(dtype %d)\n", (int)TF_TensorType(t));
        return;
    }
  }
}

int main(int argc, char** argv) {
  TF_Status* s = TF_NewStatus();
  TF_Graph* graph = TF_NewGraph();
  TF_ImportGraphDefOptions* opts = TF_NewImportGraphDefOptions();
  TF_Buffer* def;
  TF_SessionOptions* session_opts;
  TF_Session* session;
  TF_Output input, output;
  TF_Tensor* in = NULL;
  TF_Tensor* out = NULL;
  char name[512];
  int64_t dims[8], n = 1, i;
  int rank = 0, rc = 0;
  if (argc != 6) {
    fprintf(stderr, "usage: %s MODEL.pb PREFIX INPUT OUTPUT D0,D1,...\n",
            argv[0]);
    return 2;
  }
  printf("TF_Version: %s\n", TF_Version());
  def = read_file(argv[1]);
  if (def == NULL) {
    fprintf(stderr, "cannot read %s\n", argv[1]);
    return 1;
  }
  TF_ImportGraphDefOptionsSetPrefix(opts, argv[2]);
  TF_GraphImportGraphDef(graph, def, opts, s);
  TF_DeleteBuffer(def);
  TF_DeleteImportGraphDefOptions(opts);
  if (TF_GetCode(s) != TF_OK) return fail("TF_GraphImportGraphDef", s);

  session_opts = TF_NewSessionOptions();
  session = TF_NewSession(graph, session_opts, s);
  TF_DeleteSessionOptions(session_opts);
  if (TF_GetCode(s) != TF_OK) return fail("TF_NewSession", s);

  snprintf(name, sizeof(name), "%s/%s", argv[2], argv[4]);
  output.oper = TF_GraphOperationByName(graph, name);
  output.index = 0;
  if (output.oper == NULL) {
    fprintf(stderr, "no operation named %s\n", name);
    return 1;
  }
  if (strcmp(argv[3], "-") != 0) {
    float* data;
    snprintf(name, sizeof(name), "%s/%s", argv[2], argv[3]);
    input.oper = TF_GraphOperationByName(graph, name);
    input.index = 0;
    rank = parse_dims(argv[5], dims, 8);
    if (input.oper == NULL || rank < 0) {
      fprintf(stderr, "no operation named %s, or bad dims %s\n", name,
              argv[5]);
      return 1;
    }
    for (i = 0; i < rank; ++i) n *= dims[i];
    data = (float*)malloc((size_t)(n > 0 ? n : 1) * sizeof(float));
    for (i = 0; i < n; ++i) data[i] = (float)(i + 1);
    in = TF_NewTensor(TF_FLOAT, dims, rank, data, (size_t)n * sizeof(float),
                      free_data, NULL);
  }
  TF_SessionRun(session, NULL, &input, &in, in != NULL ? 1 : 0, &output, &out,
                1, NULL, 0, NULL, s);
  TF_DeleteTensor(in);
  if (TF_GetCode(s) != TF_OK) {
    rc = fail("TF_SessionRun", s);
  } else {
    print_tensor(TF_OperationName(output.oper), out);
    TF_DeleteTensor(out);
  }
  TF_DeleteSession(session, s);
  TF_DeleteGraph(graph);
  TF_DeleteStatus(s);
  return rc;
}
