/* tfpersist's TensorFlow-compatible C API: export macros (TF 2.x names).
 * Written for tfpersist; names and meanings follow TensorFlow's public C API. */
#ifndef TENSORFLOW_C_C_API_MACROS_H_
#define TENSORFLOW_C_C_API_MACROS_H_

#ifdef SWIG
#define TF_CAPI_EXPORT
#else
#if defined(_WIN32)
#ifdef TF_COMPILE_LIBRARY
#define TF_CAPI_EXPORT __declspec(dllexport)
#else
#define TF_CAPI_EXPORT __declspec(dllimport)
#endif
#else
#define TF_CAPI_EXPORT __attribute__((visibility("default")))
#endif
#endif

/* Marks a function deprecated; takes a message string. */
#if defined(__GNUC__) || defined(__clang__)
#define TF_DEPRECATED(msg) __attribute__((deprecated(msg)))
#else
#define TF_DEPRECATED(msg)
#endif

/* The offset of a struct field plus its size (TF's struct-size macro). */
#define TF_OFFSET_OF_END(TYPE, MEMBER) \
  (offsetof(TYPE, MEMBER) + sizeof(((TYPE*)0)->MEMBER))

#endif /* TENSORFLOW_C_C_API_MACROS_H_ */
