/* TF_DataType: element types of tensors, with the values of TensorFlow's
 * types.proto (bindings hard-code them). */
#ifndef TENSORFLOW_C_TF_DATATYPE_H_
#define TENSORFLOW_C_TF_DATATYPE_H_

#include <stddef.h>

#include "tensorflow/c/c_api_macros.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum TF_DataType {
  TF_FLOAT = 1,
  TF_DOUBLE = 2,
  TF_INT32 = 3, /* Int32 tensors are always in 'host' memory. */
  TF_UINT8 = 4,
  TF_INT16 = 5,
  TF_INT8 = 6,
  TF_STRING = 7,
  TF_COMPLEX64 = 8, /* Single-precision complex */
  TF_COMPLEX = 8,   /* Old identifier kept for API backwards compatibility */
  TF_INT64 = 9,
  TF_BOOL = 10,
  TF_QINT8 = 11,    /* Quantized int8 */
  TF_QUINT8 = 12,   /* Quantized uint8 */
  TF_QINT32 = 13,   /* Quantized int32 */
  TF_BFLOAT16 = 14, /* Float32 truncated to 16 bits. */
  TF_QINT16 = 15,   /* Quantized int16 */
  TF_QUINT16 = 16,  /* Quantized uint16 */
  TF_UINT16 = 17,
  TF_COMPLEX128 = 18, /* Double-precision complex */
  TF_HALF = 19,
  TF_RESOURCE = 20,
  TF_VARIANT = 21,
  TF_UINT32 = 22,
  TF_UINT64 = 23,
  TF_FLOAT8_E5M2 = 24,        /* 5 exponent bits, 2 mantissa bits. */
  TF_FLOAT8_E4M3FN = 25,      /* 4 exponent bits, 3 mantissa bits, finite. */
  TF_FLOAT8_E4M3FNUZ = 26,    /* finite, unsigned zero */
  TF_FLOAT8_E4M3B11FNUZ = 27, /* exponent bias 11, finite, unsigned zero */
  TF_FLOAT8_E5M2FNUZ = 28,    /* finite, unsigned zero */
  TF_INT4 = 29,
  TF_UINT4 = 30,
  TF_INT2 = 31,
  TF_UINT2 = 32,
  TF_FLOAT4_E2M1FN = 33
} TF_DataType;

/* Bytes per element of `dt`; 0 for variable-length (TF_STRING) and unknown
 * types. */
TF_CAPI_EXPORT extern size_t TF_DataTypeSize(TF_DataType dt);

#ifdef __cplusplus
} /* end extern "C" */
#endif

#endif /* TENSORFLOW_C_TF_DATATYPE_H_ */
