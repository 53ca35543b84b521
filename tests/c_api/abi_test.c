/* ABI of the public headers: struct sizes/offsets and enum values as
 * TensorFlow 2.x (x86-64) defines them; bindings hard-code these. */
#include <stddef.h>

#include "tensorflow/c/c_api.h"
#include "tensorflow/c/eager/c_api.h"
#include "tfc_test.h"

TFC_TEST(BufferLayout) {
  CHECK_EQ_I64(sizeof(TF_Buffer), 24);
  CHECK_EQ_I64(offsetof(TF_Buffer, data), 0);
  CHECK_EQ_I64(offsetof(TF_Buffer, length), 8);
  CHECK_EQ_I64(offsetof(TF_Buffer, data_deallocator), 16);
}

TFC_TEST(InputOutputLayout) {
  CHECK_EQ_I64(sizeof(TF_Output), 16);
  CHECK_EQ_I64(offsetof(TF_Output, oper), 0);
  CHECK_EQ_I64(offsetof(TF_Output, index), 8);
  CHECK_EQ_I64(sizeof(TF_Input), 16);
  CHECK_EQ_I64(offsetof(TF_Input, index), 8);
}

TFC_TEST(TStringLayout) {
  CHECK_EQ_I64(sizeof(TF_TString), 24);
  CHECK_EQ_I64(TF_TString_SmallCapacity, 22);
  CHECK_EQ_I64(offsetof(TF_TString_Large, cap), 8);
  CHECK_EQ_I64(offsetof(TF_TString_Large, ptr), 16);
  CHECK_EQ_I64(offsetof(TF_TString_Offset, offset), 4);
  CHECK_EQ_I64(offsetof(TF_TString_Offset, count), 8);
  CHECK_EQ_I64(offsetof(TF_TString_View, ptr), 8);
  CHECK_EQ_I64(TF_TSTR_SMALL, 0);
  CHECK_EQ_I64(TF_TSTR_LARGE, 1);
  CHECK_EQ_I64(TF_TSTR_OFFSET, 2);
  CHECK_EQ_I64(TF_TSTR_VIEW, 3);
}

TFC_TEST(AttrMetadataLayout) {
  CHECK_EQ_I64(sizeof(TF_AttrMetadata), 32);
  CHECK_EQ_I64(offsetof(TF_AttrMetadata, list_size), 8);
  CHECK_EQ_I64(offsetof(TF_AttrMetadata, type), 16);
  CHECK_EQ_I64(offsetof(TF_AttrMetadata, total_size), 24);
  CHECK_EQ_I64(TF_ATTR_STRING, 0);
  CHECK_EQ_I64(TF_ATTR_FUNC, 8);
}

TFC_TEST(WhileParamsAndAllocatorLayout) {
  CHECK_EQ_I64(sizeof(TF_WhileParams), 72);
  CHECK_EQ_I64(offsetof(TF_WhileParams, cond_output), 24);
  CHECK_EQ_I64(offsetof(TF_WhileParams, name), 64);
  CHECK_EQ_I64(TF_ALLOCATOR_ATTRIBUTES_STRUCT_SIZE, 9);
}

TFC_TEST(DataTypeValues) {
  CHECK_EQ_I64(TF_FLOAT, 1);
  CHECK_EQ_I64(TF_DOUBLE, 2);
  CHECK_EQ_I64(TF_INT32, 3);
  CHECK_EQ_I64(TF_UINT8, 4);
  CHECK_EQ_I64(TF_INT16, 5);
  CHECK_EQ_I64(TF_INT8, 6);
  CHECK_EQ_I64(TF_STRING, 7);
  CHECK_EQ_I64(TF_COMPLEX64, 8);
  CHECK_EQ_I64(TF_COMPLEX, 8);
  CHECK_EQ_I64(TF_INT64, 9);
  CHECK_EQ_I64(TF_BOOL, 10);
  CHECK_EQ_I64(TF_QINT8, 11);
  CHECK_EQ_I64(TF_QUINT8, 12);
  CHECK_EQ_I64(TF_QINT32, 13);
  CHECK_EQ_I64(TF_BFLOAT16, 14);
  CHECK_EQ_I64(TF_QINT16, 15);
  CHECK_EQ_I64(TF_QUINT16, 16);
  CHECK_EQ_I64(TF_UINT16, 17);
  CHECK_EQ_I64(TF_COMPLEX128, 18);
  CHECK_EQ_I64(TF_HALF, 19);
  CHECK_EQ_I64(TF_RESOURCE, 20);
  CHECK_EQ_I64(TF_VARIANT, 21);
  CHECK_EQ_I64(TF_UINT32, 22);
  CHECK_EQ_I64(TF_UINT64, 23);
  CHECK_EQ_I64(TF_FLOAT8_E5M2, 24);
  CHECK_EQ_I64(TF_FLOAT8_E4M3FN, 25);
  CHECK_EQ_I64(TF_FLOAT8_E4M3FNUZ, 26);
  CHECK_EQ_I64(TF_FLOAT8_E4M3B11FNUZ, 27);
  CHECK_EQ_I64(TF_FLOAT8_E5M2FNUZ, 28);
  CHECK_EQ_I64(TF_INT4, 29);
  CHECK_EQ_I64(TF_UINT4, 30);
  CHECK_EQ_I64(TF_INT2, 31);
  CHECK_EQ_I64(TF_UINT2, 32);
  CHECK_EQ_I64(TF_FLOAT4_E2M1FN, 33);
}

TFC_TEST(CodeValues) {
  CHECK_EQ_I64(TF_OK, 0);
  CHECK_EQ_I64(TF_CANCELLED, 1);
  CHECK_EQ_I64(TF_UNKNOWN, 2);
  CHECK_EQ_I64(TF_INVALID_ARGUMENT, 3);
  CHECK_EQ_I64(TF_DEADLINE_EXCEEDED, 4);
  CHECK_EQ_I64(TF_NOT_FOUND, 5);
  CHECK_EQ_I64(TF_ALREADY_EXISTS, 6);
  CHECK_EQ_I64(TF_PERMISSION_DENIED, 7);
  CHECK_EQ_I64(TF_RESOURCE_EXHAUSTED, 8);
  CHECK_EQ_I64(TF_FAILED_PRECONDITION, 9);
  CHECK_EQ_I64(TF_ABORTED, 10);
  CHECK_EQ_I64(TF_OUT_OF_RANGE, 11);
  CHECK_EQ_I64(TF_UNIMPLEMENTED, 12);
  CHECK_EQ_I64(TF_INTERNAL, 13);
  CHECK_EQ_I64(TF_UNAVAILABLE, 14);
  CHECK_EQ_I64(TF_DATA_LOSS, 15);
  CHECK_EQ_I64(TF_UNAUTHENTICATED, 16);
  CHECK_EQ_I64(TFE_DEVICE_PLACEMENT_EXPLICIT, 0);
  CHECK_EQ_I64(TFE_DEVICE_PLACEMENT_SILENT_FOR_INT32, 3);
}

TFC_TEST(DataTypeSizes) {
  CHECK_EQ_I64(TF_DataTypeSize(TF_FLOAT), 4);
  CHECK_EQ_I64(TF_DataTypeSize(TF_DOUBLE), 8);
  CHECK_EQ_I64(TF_DataTypeSize(TF_INT32), 4);
  CHECK_EQ_I64(TF_DataTypeSize(TF_UINT8), 1);
  CHECK_EQ_I64(TF_DataTypeSize(TF_INT64), 8);
  CHECK_EQ_I64(TF_DataTypeSize(TF_BOOL), 1);
  CHECK_EQ_I64(TF_DataTypeSize(TF_HALF), 2);
  CHECK_EQ_I64(TF_DataTypeSize(TF_COMPLEX128), 16);
  CHECK_EQ_I64(TF_DataTypeSize(TF_STRING), 0);
  CHECK_EQ_I64(TF_DataTypeSize(TF_RESOURCE), 0);
  CHECK_EQ_I64(TF_DataTypeSize((TF_DataType)0), 0);
  CHECK_EQ_I64(TF_DataTypeSize((TF_DataType)999), 0);
}

TFC_MAIN(TFC_CASE(BufferLayout), TFC_CASE(InputOutputLayout),
         TFC_CASE(TStringLayout), TFC_CASE(AttrMetadataLayout),
         TFC_CASE(WhileParamsAndAllocatorLayout), TFC_CASE(DataTypeValues),
         TFC_CASE(CodeValues), TFC_CASE(DataTypeSizes))
