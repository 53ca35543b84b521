/* TF_TString: TensorFlow's 24-byte string record (the element type of
 * TF_STRING tensors since TF 2.4). Written for tfpersist from the layout
 * described in TensorFlow's public headers; little-endian 64-bit targets.
 *
 * The low 2 bits of the first byte give the representation:
 *   SMALL  (0): byte 0 = size << 2; up to 22 bytes inline at 1..23, NUL-ended
 *   LARGE  (1): size_t size << 2 | 1; size_t cap; char* ptr (malloc'ed, owned)
 *   OFFSET (2): uint32 size << 2 | 2; uint32 offset (from the record); uint32
 *   VIEW   (3): size_t size << 2 | 3; const char* ptr (not owned)
 * Every helper is static inline: clients manipulate records without calling
 * the library. */
#ifndef TENSORFLOW_CORE_PLATFORM_CTSTRING_INTERNAL_H_
#define TENSORFLOW_CORE_PLATFORM_CTSTRING_INTERNAL_H_

#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

typedef enum TF_TString_Type {
  TF_TSTR_SMALL = 0x00,
  TF_TSTR_LARGE = 0x01,
  TF_TSTR_OFFSET = 0x02,
  TF_TSTR_VIEW = 0x03,
  TF_TSTR_TYPE_MASK = 0x03
} TF_TString_Type;

typedef struct TF_TString_Large {
  size_t size;
  size_t cap;
  char* ptr;
} TF_TString_Large;

typedef struct TF_TString_Offset {
  uint32_t size;
  uint32_t offset;
  uint32_t count;
} TF_TString_Offset;

typedef struct TF_TString_View {
  size_t size;
  const char* ptr;
} TF_TString_View;

typedef struct TF_TString_Raw {
  uint8_t raw[24];
} TF_TString_Raw;

typedef union TF_TString_Union {
  TF_TString_Large large;
  TF_TString_Offset offset;
  TF_TString_View view;
  TF_TString_Raw raw;
} TF_TString_Union;

enum {
  TF_TString_SmallCapacity =
      (sizeof(TF_TString_Union) - sizeof(char) - sizeof(uint8_t))
};

typedef struct TF_TString_Small {
  uint8_t size;
  char str[TF_TString_SmallCapacity + sizeof(char)];
} TF_TString_Small;

typedef struct TF_TString {
  union {
    TF_TString_Small smll;
    TF_TString_Large large;
    TF_TString_Offset offset;
    TF_TString_View view;
    TF_TString_Raw raw;
  } u;
} TF_TString;

static inline size_t TF_TString_Align16(size_t i) {
  return (i + 0xF) & ~(size_t)0xF;
}

static inline TF_TString_Type TF_TString_GetType(const TF_TString* str) {
  return (TF_TString_Type)(str->u.raw.raw[0] & TF_TSTR_TYPE_MASK);
}

static inline void TF_TString_Init(TF_TString* str) {
  memset(str->u.raw.raw, 0, sizeof(TF_TString_Raw));
}

static inline void TF_TString_Dealloc(TF_TString* str) {
  if (TF_TString_GetType(str) == TF_TSTR_LARGE && str->u.large.ptr != NULL) {
    free(str->u.large.ptr);
    TF_TString_Init(str);
  }
}

static inline size_t TF_TString_GetSize(const TF_TString* str) {
  switch (TF_TString_GetType(str)) {
    case TF_TSTR_SMALL:
      return str->u.smll.size >> 2;
    case TF_TSTR_LARGE:
      return str->u.large.size >> 2;
    case TF_TSTR_OFFSET:
      return str->u.offset.size >> 2;
    case TF_TSTR_VIEW:
      return str->u.view.size >> 2;
    default:
      return 0;
  }
}

static inline size_t TF_TString_GetCapacity(const TF_TString* str) {
  switch (TF_TString_GetType(str)) {
    case TF_TSTR_SMALL:
      return TF_TString_SmallCapacity;
    case TF_TSTR_LARGE:
      return str->u.large.cap;
    default:
      return 0;
  }
}

static inline const char* TF_TString_GetDataPointer(const TF_TString* str) {
  switch (TF_TString_GetType(str)) {
    case TF_TSTR_SMALL:
      return str->u.smll.str;
    case TF_TSTR_LARGE:
      return str->u.large.ptr;
    case TF_TSTR_OFFSET:
      return (const char*)str + str->u.offset.offset;
    case TF_TSTR_VIEW:
      return str->u.view.ptr;
    default:
      return NULL;
  }
}

/* Makes `str` an owned string of `new_size` bytes (contents kept up to the
 * smaller size, rest uninitialized) and returns its writable bytes. */
static inline char* TF_TString_ResizeUninitialized(TF_TString* str,
                                                   size_t new_size) {
  size_t curr_size = TF_TString_GetSize(str);
  size_t copy_size = curr_size < new_size ? curr_size : new_size;
  TF_TString_Type type = TF_TString_GetType(str);
  const char* curr_ptr = TF_TString_GetDataPointer(str);
  char* new_ptr;
  if (new_size <= TF_TString_SmallCapacity) {
    char tmp[TF_TString_SmallCapacity + 1];
    if (copy_size > 0) memcpy(tmp, curr_ptr, copy_size);
    if (type == TF_TSTR_LARGE) free(str->u.large.ptr);
    TF_TString_Init(str);
    str->u.smll.size = (uint8_t)(new_size << 2);
    if (copy_size > 0) memcpy(str->u.smll.str, tmp, copy_size);
    str->u.smll.str[new_size] = '\0';
    return str->u.smll.str;
  }
  if (type == TF_TSTR_LARGE && new_size <= str->u.large.cap) {
    str->u.large.size = (new_size << 2) | TF_TSTR_LARGE;
    str->u.large.ptr[new_size] = '\0';
    return str->u.large.ptr;
  }
  {
    size_t new_cap = TF_TString_Align16(new_size + 1) - 1;
    new_ptr = (char*)malloc(new_cap + 1);
    if (new_ptr == NULL) return NULL;
    if (copy_size > 0) memcpy(new_ptr, curr_ptr, copy_size);
    if (type == TF_TSTR_LARGE) free(str->u.large.ptr);
    new_ptr[new_size] = '\0';
    str->u.large.size = (new_size << 2) | TF_TSTR_LARGE;
    str->u.large.cap = new_cap;
    str->u.large.ptr = new_ptr;
    return new_ptr;
  }
}

static inline char* TF_TString_GetMutableDataPointer(TF_TString* str) {
  switch (TF_TString_GetType(str)) {
    case TF_TSTR_SMALL:
      return str->u.smll.str;
    case TF_TSTR_OFFSET:
    case TF_TSTR_VIEW:
      /* Copy into owned storage first. */
      return TF_TString_ResizeUninitialized(str, TF_TString_GetSize(str));
    case TF_TSTR_LARGE:
      return str->u.large.ptr;
    default:
      return NULL;
  }
}

static inline void TF_TString_Reserve(TF_TString* str, size_t new_cap) {
  TF_TString_Type type = TF_TString_GetType(str);
  size_t size = TF_TString_GetSize(str);
  size_t cap;
  char* ptr;
  if (type == TF_TSTR_SMALL && new_cap <= TF_TString_SmallCapacity) return;
  if (type == TF_TSTR_LARGE && new_cap <= str->u.large.cap) return;
  if (new_cap < size) new_cap = size;
  if (new_cap <= TF_TString_SmallCapacity) return;
  cap = TF_TString_Align16(new_cap + 1) - 1;
  ptr = (char*)malloc(cap + 1);
  if (ptr == NULL) return;
  if (size > 0) memcpy(ptr, TF_TString_GetDataPointer(str), size);
  ptr[size] = '\0';
  if (type == TF_TSTR_LARGE) free(str->u.large.ptr);
  str->u.large.size = (size << 2) | TF_TSTR_LARGE;
  str->u.large.cap = cap;
  str->u.large.ptr = ptr;
}

static inline void TF_TString_ReserveAmortized(TF_TString* str,
                                               size_t new_cap) {
  size_t curr = TF_TString_GetCapacity(str);
  if (new_cap > curr) {
    TF_TString_Reserve(str, new_cap > 2 * curr ? new_cap : 2 * curr);
  }
}

static inline char* TF_TString_Resize(TF_TString* str, size_t new_size,
                                      char c) {
  size_t curr_size = TF_TString_GetSize(str);
  char* p = TF_TString_ResizeUninitialized(str, new_size);
  if (p != NULL && new_size > curr_size) {
    memset(p + curr_size, c, new_size - curr_size);
  }
  return p;
}

/* Makes `dst` a VIEW of src[0, size): nothing is copied or owned. */
static inline void TF_TString_AssignView(TF_TString* dst, const char* src,
                                         size_t size) {
  TF_TString_Dealloc(dst);
  dst->u.view.size = (size << 2) | TF_TSTR_VIEW;
  dst->u.view.ptr = src;
}

static inline void TF_TString_AppendN(TF_TString* dst, const char* src,
                                      size_t src_size) {
  size_t dst_size;
  char* p;
  if (src_size == 0) return;
  dst_size = TF_TString_GetSize(dst);
  TF_TString_ReserveAmortized(dst, dst_size + src_size);
  p = TF_TString_ResizeUninitialized(dst, dst_size + src_size);
  if (p != NULL) memcpy(p + dst_size, src, src_size);
}

static inline void TF_TString_Append(TF_TString* dst, const TF_TString* src) {
  TF_TString_AppendN(dst, TF_TString_GetDataPointer(src),
                     TF_TString_GetSize(src));
}

/* Copies src[0, size) into owned storage of `dst`. */
static inline void TF_TString_Copy(TF_TString* dst, const char* src,
                                   size_t size) {
  char* p = TF_TString_ResizeUninitialized(dst, size);
  if (p != NULL && size > 0) memmove(p, src, size);
}

static inline void TF_TString_Assign(TF_TString* dst, const TF_TString* src) {
  if (dst == src) return;
  TF_TString_Dealloc(dst);
  switch (TF_TString_GetType(src)) {
    case TF_TSTR_SMALL:
    case TF_TSTR_VIEW:
      *dst = *src;
      return;
    case TF_TSTR_LARGE:
    case TF_TSTR_OFFSET:
    default:
      TF_TString_Copy(dst, TF_TString_GetDataPointer(src),
                      TF_TString_GetSize(src));
      return;
  }
}

static inline void TF_TString_Move(TF_TString* dst, TF_TString* src) {
  if (dst == src) return;
  TF_TString_Dealloc(dst);
  switch (TF_TString_GetType(src)) {
    case TF_TSTR_SMALL:
    case TF_TSTR_VIEW:
      *dst = *src;
      return;
    case TF_TSTR_LARGE:
      *dst = *src;
      TF_TString_Init(src);
      return;
    case TF_TSTR_OFFSET:
    default:
      TF_TString_Copy(dst, TF_TString_GetDataPointer(src),
                      TF_TString_GetSize(src));
      return;
  }
}

#endif /* TENSORFLOW_CORE_PLATFORM_CTSTRING_INTERNAL_H_ */
