/* TF_LoadSessionFromSavedModel on the TF1 half_plus_two fixture. */
#include "tensorflow/c/c_api.h"
#include "tfc_graph_util.h"
#include "tfc_test.h"

static int fixture_dir(char* out, size_t n) {
  FILE* f;
  snprintf(out, n, "%s/fixtures/tf/savedmodel-tf1-half-plus-two/00000123",
           tfc_shared_dir());
  {
    char pb[1200];
    snprintf(pb, sizeof(pb), "%s/saved_model.pb", out);
    f = fopen(pb, "rb");
  }
  if (f == NULL) return 0;
  fclose(f);
  return 1;
}

TFC_TEST(LoadsAndRunsHalfPlusTwo) {
  char dir[1024];
  const char* tags[1] = {"serve"};
  TF_Status* s;
  TF_Graph* g;
  TF_Buffer* meta;
  TF_Buffer* run_options;
  TF_SessionOptions* o;
  TF_Session* sess;
  int64_t dims[2] = {3, 1};
  float x[3] = {1, 2, 3};
  TF_Tensor* in;
  TF_Tensor* out = NULL;
  TF_Output xo, yo;
  const float* y;
  if (!fixture_dir(dir, sizeof(dir))) TFC_SKIP("fixture not found");
  s = TF_NewStatus();
  g = TF_NewGraph();
  meta = TF_NewBuffer();
  run_options = TF_NewBufferFromString("", 0); /* cppflow v2 */
  o = TF_NewSessionOptions();
  sess = TF_LoadSessionFromSavedModel(o, run_options, dir, tags, 1, g, meta, s);
  TF_DeleteSessionOptions(o);
  TF_DeleteBuffer(run_options);
  CHECK_OK(s);
  CHECK(sess != NULL);
  CHECK(meta->length > 0 && meta->data != NULL);
  xo.oper = TF_GraphOperationByName(g, "x");
  yo.oper = TF_GraphOperationByName(g, "y");
  xo.index = yo.index = 0;
  CHECK(xo.oper != NULL && yo.oper != NULL);
  in = tfc_float_tensor(x, dims, 2);
  TF_SessionRun(sess, NULL, &xo, &in, 1, &yo, &out, 1, NULL, 0, NULL, s);
  CHECK_OK(s);
  y = (const float*)TF_TensorData(out);
  /* 0.5 * x + 2 */
  CHECK(y[0] == 2.5f && y[1] == 3.0f && y[2] == 3.5f);
  TF_DeleteTensor(out);
  TF_DeleteTensor(in);
  TF_DeleteBuffer(meta);
  TF_DeleteSession(sess, s);
  CHECK_OK(s);
  TF_DeleteGraph(g);
  TF_DeleteStatus(s);
}

TFC_TEST(LoadErrors) {
  char dir[1024];
  const char* tags[1] = {"serve"};
  const char* bad_tags[1] = {"gpu"};
  TF_Status* s = TF_NewStatus();
  TF_Graph* g = TF_NewGraph();
  TF_Session* sess;
  sess = TF_LoadSessionFromSavedModel(NULL, NULL, "/nonexistent/dir", tags, 1,
                                      g, NULL, s);
  CHECK(sess == NULL);
  CHECK_EQ_I64(TF_GetCode(s), TF_NOT_FOUND);
  if (fixture_dir(dir, sizeof(dir))) {
    sess = TF_LoadSessionFromSavedModel(NULL, NULL, dir, bad_tags, 1, g, NULL,
                                        s);
    CHECK(sess == NULL);
    CHECK_STATUS(s, TF_NOT_FOUND, "gpu");
    {
      /* Non-empty graph. */
      TF_Operation* p = tfc_placeholder(g, "p", TF_FLOAT, NULL, -1, s);
      CHECK(p != NULL);
      sess = TF_LoadSessionFromSavedModel(NULL, NULL, dir, tags, 1, g, NULL, s);
      CHECK(sess == NULL);
      CHECK_STATUS(s, TF_INVALID_ARGUMENT, "Graph is non-empty.");
    }
  }
  TF_DeleteGraph(g);
  TF_DeleteStatus(s);
}

/* cppflow v2's example: a TF2 Keras SavedModel (functions, resource
 * variables), fed ones [10,5]. Expected sigmoid(relu(x.K0).K1) = 0.9522027
 * computed with numpy from the checkpoint's kernels (biases are zero). */
TFC_TEST(LoadsTf2KerasDense) {
  char dir[1024], pb[1100];
  const char* tags[1] = {"serve"};
  FILE* f;
  TF_Status* s;
  TF_Graph* g;
  TF_Buffer* meta;
  TF_Buffer* run_options;
  TF_Session* sess;
  TF_Output in, out;
  int64_t dims[2] = {10, 5};
  TF_Tensor* x;
  TF_Tensor* y = NULL;
  int i;
  snprintf(dir, sizeof(dir), "%s/fixtures/tf/savedmodel-tf2-keras-dense",
           tfc_shared_dir());
  snprintf(pb, sizeof(pb), "%s/saved_model.pb", dir);
  f = fopen(pb, "rb");
  if (f == NULL) TFC_SKIP("fixture not found");
  fclose(f);
  s = TF_NewStatus();
  g = TF_NewGraph();
  meta = TF_NewBuffer();
  run_options = TF_NewBufferFromString("", 0);
  sess = TF_LoadSessionFromSavedModel(NULL, run_options, dir, tags, 1, g, meta,
                                      s);
  CHECK_OK(s);
  in.oper = TF_GraphOperationByName(g, "serving_default_input_1");
  out.oper = TF_GraphOperationByName(g, "StatefulPartitionedCall");
  in.index = out.index = 0;
  CHECK(in.oper != NULL && out.oper != NULL);
  x = TF_AllocateTensor(TF_FLOAT, dims, 2, 50 * sizeof(float));
  for (i = 0; i < 50; ++i) ((float*)TF_TensorData(x))[i] = 1.0f;
  TF_SessionRun(sess, NULL, &in, &x, 1, &out, &y, 1, NULL, 0, NULL, s);
  CHECK_OK(s);
  CHECK_EQ_I64(TF_NumDims(y), 2);
  CHECK_EQ_I64(TF_Dim(y, 0), 10);
  CHECK_EQ_I64(TF_Dim(y, 1), 1);
  for (i = 0; i < 10; ++i) {
    float v = ((float*)TF_TensorData(y))[i];
    CHECK(v > 0.9522017f && v < 0.9522037f);
  }
  TF_DeleteTensor(y);
  TF_DeleteTensor(x);
  TF_DeleteBuffer(meta);
  TF_DeleteBuffer(run_options);
  TF_DeleteGraph(g); /* before the session, as cppflow's shared_ptrs may */
  TF_DeleteSession(sess, s);
  CHECK_OK(s);
  TF_DeleteStatus(s);
}

TFC_MAIN(TFC_CASE(LoadsAndRunsHalfPlusTwo), TFC_CASE(LoadErrors),
         TFC_CASE(LoadsTf2KerasDense))
