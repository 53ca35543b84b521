/* Graph-building helpers shared by the C API tests (C only). */
#ifndef TFPERSIST_TESTS_C_API_TFC_GRAPH_UTIL_H_
#define TFPERSIST_TESTS_C_API_TFC_GRAPH_UTIL_H_

#include "tensorflow/c/c_api.h"

/* Placeholder `name` of dtype with shape dims[0, num_dims) (-1 = unknown
 * rank: no shape attr). */
static inline TF_Operation* tfc_placeholder(TF_Graph* g, const char* name,
                                            TF_DataType dtype,
                                            const int64_t* dims, int num_dims,
                                            TF_Status* s) {
  TF_OperationDescription* d = TF_NewOperation(g, "Placeholder", name);
  TF_SetAttrType(d, "dtype", dtype);
  if (num_dims >= 0) TF_SetAttrShape(d, "shape", dims, num_dims);
  return TF_FinishOperation(d, s);
}

static inline void tfc_no_dealloc(void* data, size_t len, void* arg) {
  (void)data;
  (void)len;
  (void)arg;
}

/* A float Const of shape dims holding values (copied). */
static inline TF_Operation* tfc_const_float(TF_Graph* g, const char* name,
                                            const float* values,
                                            const int64_t* dims, int num_dims,
                                            TF_Status* s) {
  int64_t n = 1;
  int i;
  TF_Tensor* t;
  TF_OperationDescription* d;
  TF_Operation* op;
  for (i = 0; i < num_dims; ++i) n *= dims[i];
  t = TF_AllocateTensor(TF_FLOAT, dims, num_dims, (size_t)n * sizeof(float));
  memcpy(TF_TensorData(t), values, (size_t)n * sizeof(float));
  d = TF_NewOperation(g, "Const", name);
  TF_SetAttrTensor(d, "value", t, s);
  TF_SetAttrType(d, "dtype", TF_FLOAT);
  TF_DeleteTensor(t);
  if (TF_GetCode(s) != TF_OK) {
    TF_FinishOperation(d, s); /* consumes d */
    return NULL;
  }
  op = TF_FinishOperation(d, s);
  return op;
}

/* a + b (AddV2, T inferred). */
static inline TF_Operation* tfc_add(TF_Graph* g, const char* name,
                                    TF_Operation* a, TF_Operation* b,
                                    TF_Status* s) {
  TF_OperationDescription* d = TF_NewOperation(g, "AddV2", name);
  TF_Output x = {a, 0}, y = {b, 0};
  TF_AddInput(d, x);
  TF_AddInput(d, y);
  return TF_FinishOperation(d, s);
}

/* A float tensor of shape dims with values (copied). */
static inline TF_Tensor* tfc_float_tensor(const float* values,
                                          const int64_t* dims, int num_dims) {
  int64_t n = 1;
  int i;
  TF_Tensor* t;
  for (i = 0; i < num_dims; ++i) n *= dims[i];
  t = TF_AllocateTensor(TF_FLOAT, dims, num_dims, (size_t)n * sizeof(float));
  if (n > 0) memcpy(TF_TensorData(t), values, (size_t)n * sizeof(float));
  return t;
}

#endif /* TFPERSIST_TESTS_C_API_TFC_GRAPH_UTIL_H_ */
