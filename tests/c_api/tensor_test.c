/* TF_Tensor creation (caller memory with/without deallocator, unaligned,
 * library-owned), accessors and TF_TString helpers. */
#include <stdint.h>

#include "tensorflow/c/c_api.h"
#include "tfc_test.h"

static int dealloc_calls = 0;
static void* dealloc_arg_seen = NULL;
static void count_dealloc(void* data, size_t len, void* arg) {
  (void)data;
  (void)len;
  ++dealloc_calls;
  dealloc_arg_seen = arg;
}

TFC_TEST(AlignedDataIsSharedUntilDelete) {
  static float data[4] __attribute__((aligned(64))) = {1, 2, 3, 4};
  int64_t dims[2] = {2, 2};
  TF_Tensor* t;
  dealloc_calls = 0;
  t = TF_NewTensor(TF_FLOAT, dims, 2, data, sizeof(data), count_dealloc,
                   (void*)0x1234);
  CHECK(t != NULL);
  CHECK_EQ_I64(dealloc_calls, 0);
  CHECK(TF_TensorData(t) == data);
  CHECK_EQ_I64(TF_TensorType(t), TF_FLOAT);
  CHECK_EQ_I64(TF_NumDims(t), 2);
  CHECK_EQ_I64(TF_Dim(t, 0), 2);
  CHECK_EQ_I64(TF_Dim(t, 1), 2);
  CHECK_EQ_I64(TF_TensorByteSize(t), 16);
  CHECK_EQ_I64(TF_TensorElementCount(t), 4);
  CHECK(TF_TensorIsAligned(t));
  TF_DeleteTensor(t);
  CHECK_EQ_I64(dealloc_calls, 1);
  CHECK(dealloc_arg_seen == (void*)0x1234);
}

TFC_TEST(UnalignedDataIsCopiedAndReleasedAtOnce) {
  static char raw[64 + 17] __attribute__((aligned(64)));
  float* data = (float*)(raw + 4); /* 4 mod 64: not aligned */
  int64_t dims[1] = {3};
  TF_Tensor* t;
  data[0] = 1.5f;
  data[1] = 2.5f;
  data[2] = -3.0f;
  dealloc_calls = 0;
  t = TF_NewTensor(TF_FLOAT, dims, 1, data, 12, count_dealloc, NULL);
  CHECK(t != NULL);
  CHECK_EQ_I64(dealloc_calls, 1); /* copied, caller memory released */
  CHECK(TF_TensorData(t) != data);
  CHECK(TF_TensorIsAligned(t));
  data[0] = 99.0f; /* the tensor holds its own copy */
  CHECK(((float*)TF_TensorData(t))[0] == 1.5f);
  CHECK(((float*)TF_TensorData(t))[2] == -3.0f);
  TF_DeleteTensor(t);
  CHECK_EQ_I64(dealloc_calls, 1);
}

TFC_TEST(NullDeallocatorMeansNotOwned) {
  static int32_t data[2] __attribute__((aligned(64))) = {7, 8};
  int64_t dims[1] = {2};
  TF_Tensor* t = TF_NewTensor(TF_INT32, dims, 1, data, 8, NULL, NULL);
  CHECK(t != NULL);
  CHECK(TF_TensorData(t) == data);
  TF_DeleteTensor(t); /* must not free static memory */
  TF_DeleteTensor(NULL);
}

TFC_TEST(TooSmallLenIsRejected) {
  static float data[2] __attribute__((aligned(64)));
  int64_t dims[1] = {3};
  dealloc_calls = 0;
  CHECK(TF_NewTensor(TF_FLOAT, dims, 1, data, 8, count_dealloc, NULL) == NULL);
  CHECK_EQ_I64(dealloc_calls, 1);
  dims[0] = -2;
  CHECK(TF_NewTensor(TF_FLOAT, dims, 1, data, 8, NULL, NULL) == NULL);
  CHECK(TF_AllocateTensor(TF_FLOAT, dims, 1, 8) == NULL);
}

TFC_TEST(ScalarAndEmptyTensors) {
  int64_t dims[1] = {0};
  TF_Tensor* t = TF_AllocateTensor(TF_DOUBLE, NULL, 0, 8);
  CHECK(t != NULL);
  CHECK_EQ_I64(TF_NumDims(t), 0);
  CHECK_EQ_I64(TF_TensorElementCount(t), 1);
  *(double*)TF_TensorData(t) = 2.25;
  CHECK(*(double*)TF_TensorData(t) == 2.25);
  TF_DeleteTensor(t);
  t = TF_AllocateTensor(TF_FLOAT, dims, 1, 0);
  CHECK(t != NULL);
  CHECK(TF_TensorData(t) != NULL); /* cppflow v1 rejects NULL data */
  CHECK_EQ_I64(TF_TensorByteSize(t), 0);
  TF_DeleteTensor(t);
}

TFC_TEST(AllocateIsAlignedAndExactSize) {
  int64_t dims[2] = {1, 5};
  TF_Tensor* t = TF_AllocateTensor(TF_FLOAT, dims, 2, 20);
  TF_Tensor* moved;
  CHECK(t != NULL);
  CHECK_EQ_I64(TF_TensorByteSize(t), 20);
  CHECK_EQ_I64((uintptr_t)TF_TensorData(t) % 64, 0);
  moved = TF_TensorMaybeMove(t);
  CHECK(moved == t);
  TF_DeleteTensor(t);
}

TFC_TEST(SetShapeAndBitcast) {
  int64_t dims[1] = {4};
  int64_t two_by_two[2] = {2, 2};
  int64_t eight[1] = {8};
  TF_Status* s = TF_NewStatus();
  TF_Tensor* a = TF_AllocateTensor(TF_INT32, dims, 1, 16);
  TF_Tensor* b = TF_AllocateTensor(TF_INT32, dims, 1, 16);
  TF_SetShape(a, two_by_two, 2);
  CHECK_EQ_I64(TF_NumDims(a), 2);
  TF_TensorBitcastFrom(a, TF_INT16, b, eight, 1, s);
  CHECK_OK(s);
  CHECK_EQ_I64(TF_TensorType(b), TF_INT16);
  CHECK(TF_TensorData(b) == TF_TensorData(a));
  TF_TensorBitcastFrom(a, TF_INT16, b, dims, 1, s);
  CHECK_STATUS(s, TF_INVALID_ARGUMENT, "byte size");
  TF_DeleteTensor(a);
  TF_DeleteTensor(b);
  TF_DeleteStatus(s);
}

TFC_TEST(TStringInlineHelpers) {
  TF_TString small, large, view;
  const char* long_text = "this string is longer than twenty-two bytes";
  TF_TString_Init(&small);
  TF_TString_Copy(&small, "abc", 3);
  CHECK_EQ_I64(TF_TString_GetType(&small), TF_TSTR_SMALL);
  CHECK_EQ_I64(TF_TString_GetSize(&small), 3);
  CHECK_EQ_I64(small.u.raw.raw[0], 3 << 2);
  CHECK(memcmp(TF_TString_GetDataPointer(&small), "abc", 4) == 0);
  TF_TString_Init(&large);
  TF_TString_Copy(&large, long_text, strlen(long_text));
  CHECK_EQ_I64(TF_TString_GetType(&large), TF_TSTR_LARGE);
  CHECK_EQ_I64(TF_TString_GetSize(&large), strlen(long_text));
  CHECK(memcmp(TF_TString_GetDataPointer(&large), long_text,
               strlen(long_text)) == 0);
  TF_TString_AppendN(&small, "defg", 4);
  CHECK_EQ_I64(TF_TString_GetSize(&small), 7);
  CHECK(memcmp(TF_TString_GetDataPointer(&small), "abcdefg", 7) == 0);
  TF_TString_Init(&view);
  TF_TString_AssignView(&view, long_text, 4);
  CHECK_EQ_I64(TF_TString_GetType(&view), TF_TSTR_VIEW);
  CHECK(TF_TString_GetDataPointer(&view) == long_text);
  /* Exported wrappers agree with the inline helpers. */
  CHECK_EQ_I64(TF_StringGetSize(&large), strlen(long_text));
  CHECK_EQ_I64(TF_StringGetType(&view), TF_TSTR_VIEW);
  CHECK(TF_StringGetDataPointer(&view) == long_text);
  CHECK(TF_StringGetCapacity(&large) >= strlen(long_text));
  TF_StringDealloc(&large);
  TF_TString_Dealloc(&small);
  TF_StringInit(&small);
  TF_StringCopy(&small, "xy", 2);
  TF_StringAssignView(&small, "pq", 2);
  CHECK_EQ_I64(TF_StringGetSize(&small), 2);
}

TFC_TEST(StringTensorOwnsLargePayloads) {
  int64_t dims[1] = {2};
  TF_Tensor* t = TF_AllocateTensor(TF_STRING, dims, 1, 2 * sizeof(TF_TString));
  TF_TString* recs = (TF_TString*)TF_TensorData(t);
  CHECK(t != NULL);
  CHECK_EQ_I64(TF_TString_GetSize(&recs[0]), 0); /* zeroed = empty */
  TF_TString_Copy(&recs[0], "a string long enough to be LARGE (heap)", 39);
  TF_TString_Copy(&recs[1], "short", 5);
  TF_DeleteTensor(t); /* frees the LARGE payload (checked by ASan/LSan) */
}

TFC_MAIN(TFC_CASE(AlignedDataIsSharedUntilDelete),
         TFC_CASE(UnalignedDataIsCopiedAndReleasedAtOnce),
         TFC_CASE(NullDeallocatorMeansNotOwned), TFC_CASE(TooSmallLenIsRejected),
         TFC_CASE(ScalarAndEmptyTensors), TFC_CASE(AllocateIsAlignedAndExactSize),
         TFC_CASE(SetShapeAndBitcast), TFC_CASE(TStringInlineHelpers),
         TFC_CASE(StringTensorOwnsLargePayloads))
