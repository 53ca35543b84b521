/* TF_Buffer: a block of bytes (usually a serialized protocol buffer) and an
 * optional deallocator. Clients may read and write its fields directly. */
#ifndef TENSORFLOW_C_TF_BUFFER_H_
#define TENSORFLOW_C_TF_BUFFER_H_

#include <stddef.h>
#include <stdint.h>

#include "tensorflow/c/c_api_macros.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Layout is ABI (24 bytes on 64-bit targets). When data_deallocator is
 * non-NULL, TF_DeleteBuffer calls it once with (data, length). */
typedef struct TF_Buffer {
  const void* data;
  size_t length;
  void (*data_deallocator)(void* data, size_t length);
} TF_Buffer;

/* A buffer holding a copy of proto[0, proto_len) (proto_len may be 0),
 * freed by TF_DeleteBuffer. */
TF_CAPI_EXPORT extern TF_Buffer* TF_NewBufferFromString(const void* proto,
                                                        size_t proto_len);
/* A zeroed buffer, typically passed as an output parameter. */
TF_CAPI_EXPORT extern TF_Buffer* TF_NewBuffer(void);
/* Calls the deallocator (if any), then frees the struct; NULL is a no-op. */
TF_CAPI_EXPORT extern void TF_DeleteBuffer(TF_Buffer* buffer);
/* The struct by value. */
TF_CAPI_EXPORT extern TF_Buffer TF_GetBuffer(TF_Buffer* buffer);

#ifdef __cplusplus
} /* end extern "C" */
#endif

#endif /* TENSORFLOW_C_TF_BUFFER_H_ */
