/* TF_Status, TF_Buffer, TF_Version, legacy string encoding. */
#include <errno.h>

#include "tensorflow/c/c_api.h"
#include "tfc_test.h"

TFC_TEST(NewStatusIsOk) {
  TF_Status* s = TF_NewStatus();
  CHECK(s != NULL);
  CHECK_EQ_I64(TF_GetCode(s), TF_OK);
  CHECK_STR(TF_Message(s), "");
  TF_DeleteStatus(s);
  TF_DeleteStatus(NULL);
}

TFC_TEST(SetStatusOverwrites) {
  TF_Status* s = TF_NewStatus();
  TF_SetStatus(s, TF_NOT_FOUND, "missing x");
  CHECK_EQ_I64(TF_GetCode(s), TF_NOT_FOUND);
  CHECK_STR(TF_Message(s), "missing x");
  TF_SetStatus(s, TF_OK, "ignored");
  CHECK_EQ_I64(TF_GetCode(s), TF_OK);
  CHECK_STR(TF_Message(s), "");
  TF_DeleteStatus(s);
}

static void visit(const char* key, const char* value, void* capture) {
  char* out = (char*)capture;
  strcat(out, key);
  strcat(out, "=");
  strcat(out, value);
  strcat(out, ";");
}

TFC_TEST(PayloadsAndIOError) {
  char seen[64] = "";
  TF_Status* s = TF_NewStatus();
  TF_SetPayload(s, "k", "v"); /* ignored on OK */
  TF_SetStatus(s, TF_INTERNAL, "boom");
  TF_SetPayload(s, "a", "1");
  TF_ForEachPayload(s, visit, seen);
  CHECK_STR(seen, "a=1;");
  TF_SetStatusFromIOError(s, ENOENT, "opening f");
  CHECK_STATUS(s, TF_NOT_FOUND, "opening f");
  TF_SetStatusFromIOError(s, 0, "fine");
  CHECK_OK(s);
  TF_DeleteStatus(s);
}

static int dealloc_calls = 0;
static void count_dealloc(void* data, size_t len) {
  (void)len;
  ++dealloc_calls;
  free(data);
}

TFC_TEST(BufferDeallocatorCalledOnce) {
  TF_Buffer* b = TF_NewBuffer();
  CHECK(b->data == NULL && b->length == 0 && b->data_deallocator == NULL);
  b->data = malloc(5);
  b->length = 5;
  b->data_deallocator = count_dealloc;
  dealloc_calls = 0;
  TF_DeleteBuffer(b);
  CHECK_EQ_I64(dealloc_calls, 1);
  TF_DeleteBuffer(NULL);
}

TFC_TEST(BufferFromStringCopies) {
  char src[4] = {'a', 'b', 'c', 'd'};
  TF_Buffer* b = TF_NewBufferFromString(src, 4);
  TF_Buffer copy;
  src[0] = 'z';
  CHECK_EQ_I64(b->length, 4);
  CHECK(memcmp(b->data, "abcd", 4) == 0);
  copy = TF_GetBuffer(b);
  CHECK(copy.data == b->data && copy.length == 4);
  TF_DeleteBuffer(b);
  b = TF_NewBufferFromString("", 0); /* cppflow's empty RunOptions */
  CHECK(b != NULL);
  CHECK_EQ_I64(b->length, 0);
  TF_DeleteBuffer(b);
}

TFC_TEST(VersionString) {
  const char* v = TF_Version();
  CHECK(v != NULL);
  CHECK(strncmp(v, "2.", 2) == 0);
  CHECK(strstr(v, "tfpersist") != NULL);
}

TFC_TEST(LegacyStringEncodeDecode) {
  char dst[200];
  char big[150];
  const char* out = NULL;
  size_t out_len = 0;
  size_t n;
  TF_Status* s = TF_NewStatus();
  CHECK_EQ_I64(TF_StringEncodedSize(5), 6);
  CHECK_EQ_I64(TF_StringEncodedSize(127), 128);
  CHECK_EQ_I64(TF_StringEncodedSize(128), 130); /* 2-byte varint */
  n = TF_StringEncode("hello", 5, dst, sizeof(dst), s);
  CHECK_OK(s);
  CHECK_EQ_I64(n, 6);
  CHECK_EQ_I64(dst[0], 5);
  CHECK_EQ_I64(TF_StringDecode(dst, n, &out, &out_len, s), 6);
  CHECK_OK(s);
  CHECK_EQ_I64(out_len, 5);
  CHECK(memcmp(out, "hello", 5) == 0 && out == dst + 1);
  memset(big, 'x', sizeof(big));
  n = TF_StringEncode(big, sizeof(big), dst, sizeof(dst), s);
  CHECK_EQ_I64(n, 152);
  CHECK_EQ_I64((unsigned char)dst[0], 0x80 | (150 & 0x7f));
  CHECK_EQ_I64(dst[1], 1);
  TF_StringEncode(big, sizeof(big), dst, 10, s);
  CHECK_STATUS(s, TF_INVALID_ARGUMENT, "too small");
  /* Truncated input: length says 5, only 2 bytes follow. */
  TF_StringDecode("\x05" "ab", 3, &out, &out_len, s);
  CHECK_STATUS(s, TF_INVALID_ARGUMENT, "too short");
  TF_DeleteStatus(s);
}

TFC_MAIN(TFC_CASE(NewStatusIsOk), TFC_CASE(SetStatusOverwrites),
         TFC_CASE(PayloadsAndIOError), TFC_CASE(BufferDeallocatorCalledOnce),
         TFC_CASE(BufferFromStringCopies), TFC_CASE(VersionString),
         TFC_CASE(LegacyStringEncodeDecode))
