/* The eager subset cppflow v2 uses: handles, contexts, single-op execution
 * with type attrs inferred from inputs. */
#include <pthread.h>

#include "tensorflow/c/eager/c_api.h"
#include "tfc_graph_util.h"
#include "tfc_test.h"

static TFE_TensorHandle* float_handle(const float* v, const int64_t* dims,
                                      int nd, TF_Status* s) {
  TF_Tensor* t = tfc_float_tensor(v, dims, nd);
  TFE_TensorHandle* h = TFE_NewTensorHandle(t, s);
  TF_DeleteTensor(t); /* cppflow deletes the tensor before the handle */
  return h;
}

static TFE_TensorHandle* int_handle(const int32_t* v, const int64_t* dims,
                                    int nd, TF_Status* s) {
  int64_t n = 1;
  int i;
  TF_Tensor* t;
  TFE_TensorHandle* h;
  for (i = 0; i < nd; ++i) n *= dims[i];
  t = TF_AllocateTensor(TF_INT32, dims, nd, (size_t)n * 4);
  memcpy(TF_TensorData(t), v, (size_t)n * 4);
  h = TFE_NewTensorHandle(t, s);
  TF_DeleteTensor(t);
  return h;
}

/* Runs a 1-output op; returns the resolved tensor (caller frees). */
static TF_Tensor* run1(TFE_Op* op, TF_Status* s) {
  TFE_TensorHandle* out[1] = {NULL};
  int n = 1;
  TF_Tensor* t;
  TFE_Execute(op, out, &n, s);
  TFE_DeleteOp(op);
  if (TF_GetCode(s) != TF_OK || n != 1) return NULL;
  t = TFE_TensorHandleResolve(out[0], s);
  TFE_DeleteTensorHandle(out[0]); /* the tensor stays valid */
  return t;
}

TFC_TEST(HandlesShareTensors) {
  TF_Status* s = TF_NewStatus();
  float v[3] = {1, 2, 3};
  int64_t dims[1] = {3};
  TFE_TensorHandle* h = float_handle(v, dims, 1, s);
  TFE_TensorHandle* copy;
  TF_Tensor* r;
  CHECK_OK(s);
  CHECK_EQ_I64(TFE_TensorHandleDataType(h), TF_FLOAT);
  CHECK_EQ_I64(TFE_TensorHandleNumDims(h, s), 1);
  CHECK_EQ_I64(TFE_TensorHandleDim(h, 0, s), 3);
  CHECK_EQ_I64(TFE_TensorHandleNumElements(h, s), 3);
  TFE_TensorHandleDim(h, 5, s);
  CHECK_STATUS(s, TF_INVALID_ARGUMENT, "");
  CHECK_STR(TFE_TensorHandleDeviceName(h, s),
            "/job:localhost/replica:0/task:0/device:CPU:0");
  CHECK_STR(TFE_TensorHandleBackingDeviceName(h, s),
            "/job:localhost/replica:0/task:0/device:CPU:0");
  copy = TFE_TensorHandleCopySharingTensor(h, s);
  TFE_DeleteTensorHandle(h);
  r = TFE_TensorHandleResolve(copy, s);
  CHECK_OK(s);
  CHECK(((float*)TF_TensorData(r))[2] == 3.0f);
  TF_DeleteTensor(r);
  TFE_DeleteTensorHandle(copy);
  TFE_DeleteTensorHandle(NULL);
  CHECK(TFE_NewTensorHandle(NULL, s) == NULL);
  CHECK_STATUS(s, TF_INVALID_ARGUMENT, "");
  TF_DeleteStatus(s);
}

TFC_TEST(ArithmeticInfersT) {
  TF_Status* s = TF_NewStatus();
  TFE_ContextOptions* o = TFE_NewContextOptions();
  TFE_Context* ctx = TFE_NewContext(o, s);
  float a[2] = {6, 8}, b[2] = {2, 4};
  int64_t dims[1] = {2};
  const char* ops[4] = {"AddV2", "Sub", "Mul", "RealDiv"};
  float want[4][2] = {{8, 12}, {4, 4}, {12, 32}, {3, 2}};
  TFE_TensorHandle* ha;
  TFE_TensorHandle* hb;
  int i;
  TFE_DeleteContextOptions(o);
  CHECK_OK(s);
  ha = float_handle(a, dims, 1, s);
  hb = float_handle(b, dims, 1, s);
  for (i = 0; i < 4; ++i) {
    TFE_Op* op = TFE_NewOp(ctx, ops[i], s);
    TF_Tensor* r;
    CHECK_OK(s);
    TFE_OpAddInput(op, ha, s);
    TFE_OpAddInput(op, hb, s);
    r = run1(op, s);
    CHECK_OK(s);
    CHECK(((float*)TF_TensorData(r))[0] == want[i][0]);
    CHECK(((float*)TF_TensorData(r))[1] == want[i][1]);
    TF_DeleteTensor(r);
  }
  TFE_DeleteTensorHandle(ha);
  TFE_DeleteTensorHandle(hb);
  TFE_DeleteContext(ctx);
  TF_DeleteStatus(s);
}

TFC_TEST(FillShapeCastExpandDimsArgMax) {
  TF_Status* s = TF_NewStatus();
  TFE_Context* ctx = TFE_NewContext(NULL, s);
  int32_t dims_v[2] = {2, 3};
  int64_t d1[1] = {2};
  float one = 1.5f;
  TFE_TensorHandle* hdims = int_handle(dims_v, d1, 1, s);
  TFE_TensorHandle* hval = float_handle(&one, NULL, 0, s);
  TFE_TensorHandle* filled[1];
  TFE_Op* op;
  TF_Tensor* r;
  int n = 1, i;
  /* Fill(dims, value): T and index_type inferred (cppflow::fill). */
  op = TFE_NewOp(ctx, "Fill", s);
  TFE_OpAddInput(op, hdims, s);
  TFE_OpAddInput(op, hval, s);
  TFE_Execute(op, filled, &n, s);
  TFE_DeleteOp(op);
  CHECK_OK(s);
  CHECK_EQ_I64(n, 1);
  CHECK_EQ_I64(TFE_TensorHandleNumDims(filled[0], s), 2);
  CHECK_EQ_I64(TFE_TensorHandleDim(filled[0], 1, s), 3);
  /* Shape(out_type = int64), as cppflow's operator<< runs it. */
  op = TFE_NewOp(ctx, "Shape", s);
  TFE_OpAddInput(op, filled[0], s);
  TFE_OpSetAttrType(op, "out_type", TF_INT64);
  r = run1(op, s);
  CHECK_OK(s);
  CHECK_EQ_I64(TF_TensorType(r), TF_INT64);
  CHECK_EQ_I64(((int64_t*)TF_TensorData(r))[0], 2);
  CHECK_EQ_I64(((int64_t*)TF_TensorData(r))[1], 3);
  TF_DeleteTensor(r);
  /* Cast to int32. */
  op = TFE_NewOp(ctx, "Cast", s);
  TFE_OpAddInput(op, filled[0], s);
  TFE_OpSetAttrType(op, "DstT", TF_INT32);
  r = run1(op, s);
  CHECK_OK(s);
  CHECK_EQ_I64(TF_TensorType(r), TF_INT32);
  for (i = 0; i < 6; ++i) CHECK_EQ_I64(((int32_t*)TF_TensorData(r))[i], 1);
  TF_DeleteTensor(r);
  /* ExpandDims(x, 0): [2,3] -> [1,2,3]. */
  {
    int32_t zero = 0;
    TFE_TensorHandle* axis = int_handle(&zero, NULL, 0, s);
    op = TFE_NewOp(ctx, "ExpandDims", s);
    TFE_OpAddInput(op, filled[0], s);
    TFE_OpAddInput(op, axis, s);
    r = run1(op, s);
    CHECK_OK(s);
    CHECK_EQ_I64(TF_NumDims(r), 3);
    CHECK_EQ_I64(TF_Dim(r, 0), 1);
    TF_DeleteTensor(r);
    /* ArgMax over axis 0 of {3, 9, 4} -> 1 (int64 by default). */
    {
      float v[3] = {3, 9, 4};
      int64_t d3[1] = {3};
      TFE_TensorHandle* hv = float_handle(v, d3, 1, s);
      op = TFE_NewOp(ctx, "ArgMax", s);
      TFE_OpAddInput(op, hv, s);
      TFE_OpAddInput(op, axis, s);
      r = run1(op, s);
      CHECK_OK(s);
      CHECK_EQ_I64(TF_TensorType(r), TF_INT64);
      CHECK_EQ_I64(((int64_t*)TF_TensorData(r))[0], 1);
      TF_DeleteTensor(r);
      TFE_DeleteTensorHandle(hv);
    }
    TFE_DeleteTensorHandle(axis);
  }
  TFE_DeleteTensorHandle(filled[0]);
  TFE_DeleteTensorHandle(hdims);
  TFE_DeleteTensorHandle(hval);
  TFE_DeleteContext(ctx);
  TF_DeleteStatus(s);
}

TFC_TEST(ListInputAndAttrs) {
  TF_Status* s = TF_NewStatus();
  TFE_Context* ctx = TFE_NewContext(NULL, s);
  float a[2] = {1, 2}, b[2] = {10, 20};
  int64_t dims[1] = {2};
  TFE_TensorHandle* hs[2];
  TFE_Op* op;
  TF_Tensor* r;
  unsigned char is_list = 9;
  hs[0] = float_handle(a, dims, 1, s);
  hs[1] = float_handle(b, dims, 1, s);
  op = TFE_NewOp(ctx, "AddN", s);
  CHECK_EQ_I64(TFE_OpGetAttrType(op, "N", &is_list, s), TF_ATTR_INT);
  CHECK_EQ_I64(is_list, 0);
  TFE_OpGetAttrType(op, "nope", &is_list, s);
  CHECK_STATUS(s, TF_INVALID_ARGUMENT, "nope");
  CHECK_STR(TFE_OpGetName(op, s), "AddN");
  TFE_OpAddInputList(op, hs, 2, s); /* N and T inferred */
  CHECK_EQ_I64(TFE_OpGetFlatInputCount(op, s), 2);
  r = run1(op, s);
  CHECK_OK(s);
  CHECK(((float*)TF_TensorData(r))[1] == 22.0f);
  TF_DeleteTensor(r);
  CHECK_EQ_I64(TFE_OpNameGetAttrType(ctx, "Shape", "out_type", &is_list, s),
               TF_ATTR_TYPE);
  TFE_DeleteTensorHandle(hs[0]);
  TFE_DeleteTensorHandle(hs[1]);
  TFE_DeleteContext(ctx);
  TF_DeleteStatus(s);
}

TFC_TEST(EagerErrors) {
  TF_Status* s = TF_NewStatus();
  TFE_Context* ctx = TFE_NewContext(NULL, s);
  float a[2] = {1, 2};
  int32_t i2[2] = {1, 2};
  int64_t dims[1] = {2};
  TFE_TensorHandle* ha = float_handle(a, dims, 1, s);
  TFE_TensorHandle* hi = int_handle(i2, dims, 1, s);
  TFE_TensorHandle* out[1];
  int n = 1;
  TFE_Op* op;
  CHECK(TFE_NewOp(ctx, "NoSuchOp", s) == NULL);
  CHECK_STATUS(s, TF_NOT_FOUND, "NoSuchOp");
  /* Mismatched input types. */
  op = TFE_NewOp(ctx, "AddV2", s);
  TFE_OpAddInput(op, ha, s);
  TFE_OpAddInput(op, hi, s);
  TFE_Execute(op, out, &n, s);
  CHECK(TF_GetCode(s) != TF_OK);
  TFE_DeleteOp(op);
  /* Too few inputs. */
  op = TFE_NewOp(ctx, "AddV2", s);
  TFE_OpAddInput(op, ha, s);
  n = 1;
  TFE_Execute(op, out, &n, s);
  CHECK(TF_GetCode(s) != TF_OK);
  TFE_DeleteOp(op);
  /* Capacity too small: AddV2 has 1 output. */
  op = TFE_NewOp(ctx, "AddV2", s);
  TFE_OpAddInput(op, ha, s);
  TFE_OpAddInput(op, ha, s);
  n = 0;
  TFE_Execute(op, out, &n, s);
  CHECK_STATUS(s, TF_INVALID_ARGUMENT, "num_retvals");
  TFE_DeleteOp(op);
  TFE_DeleteOp(NULL);
  TFE_DeleteTensorHandle(ha);
  TFE_DeleteTensorHandle(hi);
  TFE_DeleteContext(ctx);
  TFE_DeleteContext(NULL);
  TFE_DeleteContextOptions(NULL);
  TF_DeleteStatus(s);
}

struct eager_args {
  TFE_Context* ctx;
  int ok;
};

static void* eager_many(void* p) {
  struct eager_args* a = (struct eager_args*)p;
  TF_Status* s = TF_NewStatus();
  int i;
  a->ok = 1;
  for (i = 0; i < 20; ++i) {
    float v[1];
    int64_t d[1] = {1};
    TFE_TensorHandle* h;
    TFE_Op* op;
    TF_Tensor* r;
    v[0] = (float)i;
    h = float_handle(v, d, 1, s);
    op = TFE_NewOp(a->ctx, "Mul", s);
    TFE_OpAddInput(op, h, s);
    TFE_OpAddInput(op, h, s);
    r = run1(op, s);
    if (r == NULL || ((float*)TF_TensorData(r))[0] != (float)(i * i)) a->ok = 0;
    TF_DeleteTensor(r);
    TFE_DeleteTensorHandle(h);
  }
  TF_DeleteStatus(s);
  return NULL;
}

TFC_TEST(ConcurrentExecution) {
  TF_Status* s = TF_NewStatus();
  TFE_Context* ctx = TFE_NewContext(NULL, s);
  pthread_t t[3];
  struct eager_args args[3];
  int i;
  for (i = 0; i < 3; ++i) {
    args[i].ctx = ctx;
    pthread_create(&t[i], NULL, eager_many, &args[i]);
  }
  for (i = 0; i < 3; ++i) pthread_join(t[i], NULL);
  for (i = 0; i < 3; ++i) CHECK(args[i].ok);
  {
    TF_DeviceList* dl = TFE_ContextListDevices(ctx, s);
    CHECK_OK(s);
    CHECK_EQ_I64(TF_DeviceListCount(dl), 1);
    TF_DeleteDeviceList(dl);
  }
  TFE_DeleteContext(ctx);
  TF_DeleteStatus(s);
}

TFC_MAIN(TFC_CASE(HandlesShareTensors), TFC_CASE(ArithmeticInfersT),
         TFC_CASE(FillShapeCastExpandDimsArgMax), TFC_CASE(ListInputAndAttrs),
         TFC_CASE(EagerErrors), TFC_CASE(ConcurrentExecution))
