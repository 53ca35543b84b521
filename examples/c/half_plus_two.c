/* half_plus_two: loads a TF1 SavedModel with TF_LoadSessionFromSavedModel
 * (only TensorFlow's C API) and prints y = 0.5 * x + 2 for x = 1, 2, 3.
 *
 *   half_plus_two EXPORT_DIR
 *   half_plus_two ../shared/fixtures/tf/savedmodel-tf1-half-plus-two/00000123 */
#include <stdio.h>
#include <string.h>

#include "tensorflow/c/c_api.h"

int main(int argc, char** argv) {
  const char* tags[1] = {"serve"};
  TF_Status* s = TF_NewStatus();
  TF_Graph* graph = TF_NewGraph();
  TF_Buffer* meta = TF_NewBuffer();
  TF_SessionOptions* opts = TF_NewSessionOptions();
  TF_Session* session;
  int64_t dims[2] = {3, 1};
  TF_Tensor* x;
  TF_Tensor* y = NULL;
  TF_Output in, out;
  const float xs[3] = {1, 2, 3};
  int i, rc = 0;
  if (argc != 2) {
    fprintf(stderr, "usage: %s EXPORT_DIR\n", argv[0]);
    return 2;
  }
  session = TF_LoadSessionFromSavedModel(opts, NULL, argv[1], tags, 1, graph,
                                         meta, s);
  TF_DeleteSessionOptions(opts);
  if (TF_GetCode(s) != TF_OK) {
    fprintf(stderr, "TF_LoadSessionFromSavedModel: %s\n", TF_Message(s));
    return 1;
  }
  printf("loaded %s (MetaGraphDef: %zu bytes)\n", argv[1], meta->length);
  TF_DeleteBuffer(meta);
  in.oper = TF_GraphOperationByName(graph, "x");
  out.oper = TF_GraphOperationByName(graph, "y");
  in.index = out.index = 0;
  x = TF_AllocateTensor(TF_FLOAT, dims, 2, sizeof(xs));
  memcpy(TF_TensorData(x), xs, sizeof(xs));
  TF_SessionRun(session, NULL, &in, &x, 1, &out, &y, 1, NULL, 0, NULL, s);
  TF_DeleteTensor(x);
  if (TF_GetCode(s) != TF_OK) {
    fprintf(stderr, "TF_SessionRun: %s\n", TF_Message(s));
    rc = 1;
  } else {
    for (i = 0; i < 3; ++i) {
      printf("0.5 * %g + 2 = %g\n", xs[i], ((const float*)TF_TensorData(y))[i]);
    }
    TF_DeleteTensor(y);
  }
  TF_DeleteSession(session, s);
  TF_DeleteGraph(graph);
  TF_DeleteStatus(s);
  return rc;
}
