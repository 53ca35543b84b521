/* Sessions: runs with feeds/fetches/targets, sessions created before the
 * import, graphs grown after session creation, concurrent runs, bad feeds,
 * closed/deleted sessions, deferred graph deletion, options, devices. */
#include <pthread.h>

#include "tensorflow/c/c_api.h"
#include "tfc_graph_util.h"
#include "tfc_test.h"

/* x: Placeholder float [-1,2]; w: Const {10,20}; y = x + w. */
static TF_Graph* build_xy(TF_Status* s) {
  TF_Graph* g = TF_NewGraph();
  int64_t xdims[2] = {-1, 2}, wdims[1] = {2};
  float w[2] = {10, 20};
  TF_Operation* x = tfc_placeholder(g, "x", TF_FLOAT, xdims, 2, s);
  TF_Operation* c = tfc_const_float(g, "w", w, wdims, 1, s);
  tfc_add(g, "y", x, c, s);
  return g;
}

/* Runs y for x = {{a, b}} and checks y = {{a+10, b+20}}. */
static int run_y(TF_Session* sess, TF_Graph* g, float a, float b,
                 TF_Status* s) {
  int64_t dims[2] = {1, 2};
  float in[2];
  TF_Tensor* x_val;
  TF_Tensor* y_val = NULL;
  TF_Output x = {TF_GraphOperationByName(g, "x"), 0};
  TF_Output y = {TF_GraphOperationByName(g, "y"), 0};
  const float* out;
  int ok;
  in[0] = a;
  in[1] = b;
  x_val = tfc_float_tensor(in, dims, 2);
  TF_SessionRun(sess, NULL, &x, &x_val, 1, &y, &y_val, 1, NULL, 0, NULL, s);
  TF_DeleteTensor(x_val);
  if (TF_GetCode(s) != TF_OK || y_val == NULL) return 0;
  out = (const float*)TF_TensorData(y_val);
  ok = TF_NumDims(y_val) == 2 && TF_Dim(y_val, 0) == 1 &&
       TF_Dim(y_val, 1) == 2 && out[0] == a + 10 && out[1] == b + 20;
  TF_DeleteTensor(y_val);
  return ok;
}

TFC_TEST(RunFeedFetch) {
  TF_Status* s = TF_NewStatus();
  TF_Graph* g = build_xy(s);
  TF_SessionOptions* o = TF_NewSessionOptions();
  TF_Session* sess = TF_NewSession(g, o, s);
  TF_DeleteSessionOptions(o); /* the session must not keep it */
  CHECK_OK(s);
  CHECK(run_y(sess, g, 1, 2, s));
  CHECK(run_y(sess, g, -5, 0.5f, s));
  TF_DeleteSession(sess, s);
  CHECK_OK(s);
  TF_DeleteGraph(g);
  TF_DeleteStatus(s);
}

TFC_TEST(UnalignedCallerFeed) {
  /* Like TensorFlowSharp's pinned arrays: data not 64-byte aligned. */
  static char raw[64 + 8 + 1] __attribute__((aligned(64)));
  float* data = (float*)(raw + 8);
  int64_t dims[2] = {1, 2};
  TF_Status* s = TF_NewStatus();
  TF_Graph* g = build_xy(s);
  TF_Session* sess = TF_NewSession(g, NULL, s);
  TF_Output x = {TF_GraphOperationByName(g, "x"), 0};
  TF_Output y = {TF_GraphOperationByName(g, "y"), 0};
  TF_Tensor* in;
  TF_Tensor* out = NULL;
  TF_Operation* none[1] = {NULL};
  data[0] = 3;
  data[1] = 4;
  in = TF_NewTensor(TF_FLOAT, dims, 2, data, 8, tfc_no_dealloc, NULL);
  /* ntargets 0 with a non-NULL array (TensorFlowSharp). */
  TF_SessionRun(sess, NULL, &x, &in, 1, &y, &out, 1,
                (const TF_Operation* const*)none, 0, NULL, s);
  CHECK_OK(s);
  CHECK(((float*)TF_TensorData(out))[1] == 24.0f);
  TF_DeleteTensor(out);
  TF_DeleteTensor(in);
  TF_DeleteSession(sess, s);
  TF_DeleteGraph(g);
  TF_DeleteStatus(s);
}

TFC_TEST(SessionBeforeImportAndGrownGraph) {
  TF_Status* s = TF_NewStatus();
  TF_Graph* src = build_xy(s);
  TF_Buffer* def = TF_NewBuffer();
  TF_Graph* g = TF_NewGraph();
  TF_Session* sess = TF_NewSession(g, NULL, s); /* on the empty graph */
  TF_ImportGraphDefOptions* opts = TF_NewImportGraphDefOptions();
  CHECK_OK(s);
  TF_GraphToGraphDef(src, def, s);
  TF_GraphImportGraphDef(g, def, opts, s);
  CHECK_OK(s);
  CHECK(run_y(sess, g, 1, 1, s));
  {
    /* Grow the graph after runs: z = y + y, then fetch z. */
    TF_Operation* y = TF_GraphOperationByName(g, "y");
    TF_Operation* z = tfc_add(g, "z", y, y, s);
    int64_t dims[2] = {1, 2};
    float in[2] = {0, 0};
    TF_Tensor* x_val = tfc_float_tensor(in, dims, 2);
    TF_Tensor* z_val = NULL;
    TF_Output x = {TF_GraphOperationByName(g, "x"), 0}, zo = {z, 0};
    CHECK_OK(s);
    TF_SessionRun(sess, NULL, &x, &x_val, 1, &zo, &z_val, 1, NULL, 0, NULL, s);
    CHECK_OK(s);
    CHECK(((float*)TF_TensorData(z_val))[0] == 20.0f);
    CHECK(((float*)TF_TensorData(z_val))[1] == 40.0f);
    TF_DeleteTensor(x_val);
    TF_DeleteTensor(z_val);
  }
  TF_DeleteImportGraphDefOptions(opts);
  TF_DeleteBuffer(def);
  TF_DeleteSession(sess, s);
  TF_DeleteGraph(g);
  TF_DeleteGraph(src);
  TF_DeleteStatus(s);
}

TFC_TEST(TargetsOnlyAndFetchTargetOverlap) {
  TF_Status* s = TF_NewStatus();
  TF_Graph* g = build_xy(s);
  TF_Session* sess = TF_NewSession(g, NULL, s);
  TF_Operation* w = TF_GraphOperationByName(g, "w");
  TF_Output wo = {w, 0};
  TF_Tensor* out = NULL;
  const TF_Operation* targets[1];
  targets[0] = w;
  TF_SessionRun(sess, NULL, NULL, NULL, 0, NULL, NULL, 0, targets, 1, NULL, s);
  CHECK_OK(s);
  TF_SessionRun(sess, NULL, NULL, NULL, 0, &wo, &out, 1, targets, 1, NULL, s);
  CHECK_OK(s);
  CHECK(((float*)TF_TensorData(out))[0] == 10.0f);
  TF_DeleteTensor(out);
  TF_DeleteSession(sess, s);
  TF_DeleteGraph(g);
  TF_DeleteStatus(s);
}

TFC_TEST(BadFeeds) {
  TF_Status* s = TF_NewStatus();
  TF_Graph* g = build_xy(s);
  TF_Session* sess = TF_NewSession(g, NULL, s);
  TF_Output x = {TF_GraphOperationByName(g, "x"), 0};
  TF_Output y = {TF_GraphOperationByName(g, "y"), 0};
  TF_Output nul = {NULL, 0};
  int64_t dims[2] = {1, 2}, bad_dims[2] = {1, 3};
  int32_t ints[2] = {1, 2};
  float fl[3] = {1, 2, 3};
  TF_Tensor* wrong_type = TF_AllocateTensor(TF_INT32, dims, 2, 8);
  TF_Tensor* wrong_shape = tfc_float_tensor(fl, bad_dims, 2);
  TF_Tensor* out = (TF_Tensor*)0x1;
  memcpy(TF_TensorData(wrong_type), ints, 8);
  TF_SessionRun(sess, NULL, &x, &wrong_type, 1, &y, &out, 1, NULL, 0, NULL, s);
  CHECK_STATUS(s, TF_INVALID_ARGUMENT, "x");
  CHECK(out == NULL); /* set to NULL on entry, left NULL on failure */
  TF_SessionRun(sess, NULL, &x, &wrong_shape, 1, &y, &out, 1, NULL, 0, NULL, s);
  CHECK_STATUS(s, TF_INVALID_ARGUMENT, "");
  TF_SessionRun(sess, NULL, &nul, &wrong_shape, 1, &y, &out, 1, NULL, 0, NULL,
                s);
  CHECK_STATUS(s, TF_INVALID_ARGUMENT, "NULL");
  /* Fetching y without feeding x. */
  TF_SessionRun(sess, NULL, NULL, NULL, 0, &y, &out, 1, NULL, 0, NULL, s);
  CHECK(TF_GetCode(s) != TF_OK);
  CHECK(out == NULL);
  TF_DeleteTensor(wrong_type);
  TF_DeleteTensor(wrong_shape);
  TF_DeleteSession(sess, s);
  TF_DeleteGraph(g);
  TF_DeleteStatus(s);
}

struct run_args {
  TF_Session* sess;
  TF_Graph* g;
  int ok;
};

static void* run_many(void* p) {
  struct run_args* a = (struct run_args*)p;
  TF_Status* s = TF_NewStatus();
  int i;
  a->ok = 1;
  for (i = 0; i < 50; ++i) {
    if (!run_y(a->sess, a->g, (float)i, (float)-i, s)) a->ok = 0;
  }
  TF_DeleteStatus(s);
  return NULL;
}

TFC_TEST(ConcurrentRunsOnOneSession) {
  TF_Status* s = TF_NewStatus();
  TF_Graph* g = build_xy(s);
  TF_Session* sess = TF_NewSession(g, NULL, s);
  pthread_t threads[4];
  struct run_args args[4];
  int i;
  for (i = 0; i < 4; ++i) {
    args[i].sess = sess;
    args[i].g = g;
    pthread_create(&threads[i], NULL, run_many, &args[i]);
  }
  for (i = 0; i < 4; ++i) pthread_join(threads[i], NULL);
  for (i = 0; i < 4; ++i) CHECK(args[i].ok);
  TF_DeleteSession(sess, s);
  TF_DeleteGraph(g);
  TF_DeleteStatus(s);
}

TFC_TEST(CloseDeleteAndDeferredGraphDelete) {
  TF_Status* s = TF_NewStatus();
  TF_Graph* g = build_xy(s);
  TF_Session* sess = TF_NewSession(g, NULL, s);
  TF_Session* sess2 = TF_NewSession(g, NULL, s);
  TF_DeleteGraph(g); /* finalizer order: graph first; sessions keep it */
  CHECK(run_y(sess, g, 1, 2, s));
  TF_CloseSession(sess, s);
  CHECK_OK(s);
  run_y(sess, g, 1, 2, s);
  CHECK_STATUS(s, TF_CANCELLED, "Session has been closed.");
  TF_DeleteSession(sess, s);
  CHECK_OK(s);
  CHECK(run_y(sess2, g, 3, 4, s));
  TF_DeleteSession(sess2, s); /* frees the graph */
  CHECK_OK(s);
  TF_DeleteSession(NULL, s); /* cppflow v2 deleter on a failed load */
  CHECK_OK(s);
  TF_DeleteStatus(s);
}

TFC_TEST(NullArgumentsAndOptions) {
  TF_Status* s = TF_NewStatus();
  TF_SessionOptions* o = TF_NewSessionOptions();
  TF_Graph* g = TF_NewGraph();
  /* ConfigProto{intra_op_parallelism_threads: 2, inter_op...: 1} */
  const char config[4] = {0x10, 0x02, 0x28, 0x01};
  CHECK(TF_NewSession(NULL, o, s) == NULL);
  CHECK_STATUS(s, TF_INVALID_ARGUMENT, "");
  TF_SetConfig(o, config, sizeof(config), s);
  CHECK_OK(s);
  TF_SetConfig(o, "\xff\xff\xff", 3, s);
  CHECK_STATUS(s, TF_INVALID_ARGUMENT, "Unparseable ConfigProto");
  TF_SetTarget(o, "grpc://far:2222");
  CHECK(TF_NewSession(g, o, s) == NULL);
  CHECK(TF_GetCode(s) != TF_OK);
  TF_SetTarget(o, "local");
  {
    TF_Session* sess = TF_NewSession(g, o, s);
    TF_DeviceList* dl;
    CHECK_OK(s);
    dl = TF_SessionListDevices(sess, s);
    CHECK_OK(s);
    CHECK_EQ_I64(TF_DeviceListCount(dl), 1);
    CHECK_STR(TF_DeviceListType(dl, 0, s), "CPU");
    CHECK_STR(TF_DeviceListName(dl, 0, s),
              "/job:localhost/replica:0/task:0/device:CPU:0");
    CHECK(TF_DeviceListMemoryBytes(dl, 0, s) > 0);
    CHECK(TF_DeviceListIncarnation(dl, 0, s) != 0);
    CHECK(TF_DeviceListName(dl, 1, s) == NULL);
    CHECK_STATUS(s, TF_INVALID_ARGUMENT, "index out of bounds");
    TF_DeleteDeviceList(dl);
    TF_DeleteDeviceList(NULL);
    TF_SessionRun(NULL, NULL, NULL, NULL, 0, NULL, NULL, 0, NULL, 0, NULL, s);
    CHECK_STATUS(s, TF_INVALID_ARGUMENT, "NULL");
    TF_DeleteSession(sess, s);
    /* A deleted session used again: an error, not a crash. */
    TF_SessionRun(sess, NULL, NULL, NULL, 0, NULL, NULL, 0, NULL, 0, NULL, s);
    CHECK_STATUS(s, TF_INVALID_ARGUMENT, "deleted");
  }
  TF_DeleteSessionOptions(o);
  TF_DeleteSessionOptions(NULL);
  TF_DeleteGraph(g);
  TF_DeleteStatus(s);
}

TFC_TEST(BadFetchesAndForeignOperations) {
  TF_Status* s = TF_NewStatus();
  TF_Graph* g = build_xy(s);
  TF_Graph* other = TF_NewGraph();
  TF_Session* sess = TF_NewSession(g, NULL, s);
  TF_Output w5 = {TF_GraphOperationByName(g, "w"), 5};
  TF_Operation* foreign = tfc_placeholder(other, "foreign", TF_FLOAT, NULL, -1,
                                          s);
  TF_Output fo = {foreign, 0};
  TF_Tensor* out = NULL;
  const TF_Operation* t[1];
  TF_SessionRun(sess, NULL, NULL, NULL, 0, &w5, &out, 1, NULL, 0, NULL, s);
  CHECK(TF_GetCode(s) != TF_OK);
  CHECK(out == NULL);
  TF_SessionRun(sess, NULL, NULL, NULL, 0, &fo, &out, 1, NULL, 0, NULL, s);
  CHECK_STATUS(s, TF_NOT_FOUND, "foreign");
  t[0] = NULL;
  TF_SessionRun(sess, NULL, NULL, NULL, 0, NULL, NULL, 0, t, 1, NULL, s);
  CHECK_STATUS(s, TF_INVALID_ARGUMENT, "Target 0 is NULL");
  TF_DeleteSession(sess, s);
  TF_DeleteGraph(other);
  TF_DeleteGraph(g);
  TF_DeleteStatus(s);
}

TFC_MAIN(TFC_CASE(BadFetchesAndForeignOperations), TFC_CASE(RunFeedFetch),
         TFC_CASE(UnalignedCallerFeed),
         TFC_CASE(SessionBeforeImportAndGrownGraph),
         TFC_CASE(TargetsOnlyAndFetchTargetOverlap), TFC_CASE(BadFeeds),
         TFC_CASE(ConcurrentRunsOnOneSession),
         TFC_CASE(CloseDeleteAndDeferredGraphDelete),
         TFC_CASE(NullArgumentsAndOptions))
