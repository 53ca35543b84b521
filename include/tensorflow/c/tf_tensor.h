/* TF_Tensor: a typed n-dimensional array. Non-string types store elements
 * densely in row-major order; TF_STRING tensors store TF_TString records
 * (tf_tstring.h). Output tensors returned by the library are owned by the
 * caller (TF_DeleteTensor). Tensors may be deleted from any thread, in any
 * order relative to graphs, sessions and eager handles. */
#ifndef TENSORFLOW_C_TF_TENSOR_H_
#define TENSORFLOW_C_TF_TENSOR_H_

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "tensorflow/c/c_api_macros.h"
#include "tensorflow/c/tf_datatype.h"
#include "tensorflow/c/tf_status.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Allocator attributes (kept for API compatibility; CPU only here). */
typedef struct TF_AllocatorAttributes {
  size_t struct_size;
  /* Set boolean to 1 for CPU allocation, else 0. */
  unsigned char on_host;
} TF_AllocatorAttributes;

#define TF_ALLOCATOR_ATTRIBUTES_STRUCT_SIZE \
  TF_OFFSET_OF_END(TF_AllocatorAttributes, on_host)

typedef struct TF_Tensor TF_Tensor;

/* A tensor over data[0, len). `deallocator(data, len, deallocator_arg)` is
 * called exactly once when the library no longer needs `data`: at once if
 * the data is copied (fixed-size types at an address not 64-byte aligned),
 * else when the last reference dies. A NULL deallocator means the memory is
 * not owned. Returns NULL (after calling the deallocator) if `len` is too
 * small for the shape of a fixed-size type. */
TF_CAPI_EXPORT extern TF_Tensor* TF_NewTensor(
    TF_DataType, const int64_t* dims, int num_dims, void* data, size_t len,
    void (*deallocator)(void* data, size_t len, void* arg),
    void* deallocator_arg);

/* A library-owned tensor of `len` bytes, 64-byte aligned, for the caller to
 * fill through TF_TensorData (TF_STRING: zeroed TF_TString records, owned by
 * the tensor). */
TF_CAPI_EXPORT extern TF_Tensor* TF_AllocateTensor(TF_DataType,
                                                   const int64_t* dims,
                                                   int num_dims, size_t len);

/* `tensor` itself if its buffer can be taken over (sole owner), else NULL. */
TF_CAPI_EXPORT extern TF_Tensor* TF_TensorMaybeMove(TF_Tensor* tensor);

/* Drops this tensor; NULL is a no-op. */
TF_CAPI_EXPORT extern void TF_DeleteTensor(TF_Tensor*);

TF_CAPI_EXPORT extern TF_DataType TF_TensorType(const TF_Tensor*);

/* Changes the shape (same element count is the caller's responsibility). */
TF_CAPI_EXPORT extern void TF_SetShape(TF_Tensor* tensor, const int64_t* dims,
                                       int num_dims);

/* Rank; 0 for scalars. */
TF_CAPI_EXPORT extern int TF_NumDims(const TF_Tensor*);

/* REQUIRES: 0 <= dim_index < TF_NumDims(tensor). */
TF_CAPI_EXPORT extern int64_t TF_Dim(const TF_Tensor* tensor, int dim_index);

/* Bytes of the data buffer (24 per element for TF_STRING). */
TF_CAPI_EXPORT extern size_t TF_TensorByteSize(const TF_Tensor*);

/* The data buffer; non-NULL even for 0-element tensors. */
TF_CAPI_EXPORT extern void* TF_TensorData(const TF_Tensor*);

/* Product of the dimensions. */
TF_CAPI_EXPORT extern int64_t TF_TensorElementCount(const TF_Tensor* tensor);

/* Makes `to` share `from`'s buffer viewed as `type` with `new_dims`;
 * INVALID_ARGUMENT if the byte sizes differ. */
TF_CAPI_EXPORT extern void TF_TensorBitcastFrom(const TF_Tensor* from,
                                                TF_DataType type, TF_Tensor* to,
                                                const int64_t* new_dims,
                                                int num_new_dims,
                                                TF_Status* status);

/* True if the data is 64-byte aligned. */
TF_CAPI_EXPORT extern bool TF_TensorIsAligned(const TF_Tensor*);

#ifdef __cplusplus
} /* end extern "C" */
#endif

#endif /* TENSORFLOW_C_TF_TENSOR_H_ */
