/* TF_STRING feeds and fetches: TF_TString records (TF >= 2.4 clients) and
 * TensorFlowSharp's legacy offset-table layout, through a session. */
#include "tensorflow/c/c_api.h"
#include "tfc_graph_util.h"
#include "tfc_test.h"

/* Identity over a scalar/vector string placeholder; returns the session. */
static TF_Session* string_identity(TF_Graph* g, TF_Output* po, TF_Output* io,
                                   TF_Status* s) {
  TF_OperationDescription* d;
  po->oper = tfc_placeholder(g, "p", TF_STRING, NULL, -1, s);
  po->index = 0;
  d = TF_NewOperation(g, "Identity", "id");
  TF_AddInput(d, *po);
  io->oper = TF_FinishOperation(d, s);
  io->index = 0;
  return TF_NewSession(g, NULL, s);
}

TFC_TEST(LegacyStringOf24BytesAndHostileStringShapes) {
  /* A TensorFlowSharp scalar of 15 chars is 8 + 1 + 15 = 24 bytes, the size
   * of one TF_TString record: the layout must still be recognized. */
  TF_Status* s = TF_NewStatus();
  TF_Graph* g = TF_NewGraph();
  TF_Output po, io;
  TF_Session* sess = string_identity(g, &po, &io, s);
  TF_Tensor* in = TF_AllocateTensor(TF_STRING, NULL, 0, 24);
  TF_Tensor* out = NULL;
  char* base = (char*)TF_TensorData(in);
  int64_t huge[1] = {1000000000};
  static TF_TString rec[1];
  TF_Tensor* bad;
  CHECK_OK(s);
  memset(base, 0, 8);
  TF_StringEncode("fifteen-chars!!", 15, base + 8, 16, s);
  CHECK_OK(s);
  TF_SessionRun(sess, NULL, &po, &in, 1, &io, &out, 1, NULL, 0, NULL, s);
  CHECK_OK(s);
  CHECK_EQ_I64(TF_TString_GetSize((const TF_TString*)TF_TensorData(out)), 15);
  CHECK(memcmp(TF_TString_GetDataPointer((const TF_TString*)TF_TensorData(out)),
               "fifteen-chars!!", 15) == 0);
  TF_DeleteTensor(out);
  /* 10^9 elements claimed over one 24-byte record: an error, no crash. */
  TF_TString_Init(&rec[0]);
  bad = TF_NewTensor(TF_STRING, huge, 1, rec, sizeof(rec), tfc_no_dealloc,
                     NULL);
  CHECK(bad != NULL);
  TF_SessionRun(sess, NULL, &po, &bad, 1, &io, &out, 1, NULL, 0, NULL, s);
  CHECK_STATUS(s, TF_INVALID_ARGUMENT, "too short to hold number of elements");
  CHECK(out == NULL);
  TF_DeleteTensor(bad);
  TF_DeleteTensor(in);
  TF_DeleteSession(sess, s);
  TF_DeleteGraph(g);
  TF_DeleteStatus(s);
}

TFC_TEST(StringFeedAndFetch) {
  /* Identity over a string placeholder: TF_TString in, TF_TString out. */
  TF_Status* s = TF_NewStatus();
  TF_Graph* g = TF_NewGraph();
  int64_t dims[1] = {2};
  TF_Operation* p = tfc_placeholder(g, "p", TF_STRING, dims, 1, s);
  TF_OperationDescription* d = TF_NewOperation(g, "Identity", "id");
  TF_Output po = {p, 0}, io;
  TF_Tensor* in = TF_AllocateTensor(TF_STRING, dims, 1, 2 * sizeof(TF_TString));
  TF_Tensor* out = NULL;
  TF_TString* recs = (TF_TString*)TF_TensorData(in);
  const TF_TString* got;
  TF_Session* sess;
  const char* long_s = "a long string that does not fit the small buffer";
  TF_AddInput(d, po);
  io.oper = TF_FinishOperation(d, s);
  io.index = 0;
  CHECK_OK(s);
  TF_TString_Copy(&recs[0], "hi", 2);
  TF_TString_Copy(&recs[1], long_s, strlen(long_s));
  sess = TF_NewSession(g, NULL, s);
  TF_SessionRun(sess, NULL, &po, &in, 1, &io, &out, 1, NULL, 0, NULL, s);
  CHECK_OK(s);
  CHECK_EQ_I64(TF_TensorType(out), TF_STRING);
  CHECK_EQ_I64(TF_TensorByteSize(out), 2 * sizeof(TF_TString));
  got = (const TF_TString*)TF_TensorData(out);
  CHECK_EQ_I64(TF_TString_GetSize(&got[0]), 2);
  CHECK(memcmp(TF_TString_GetDataPointer(&got[0]), "hi", 2) == 0);
  CHECK_EQ_I64(TF_TString_GetSize(&got[1]), strlen(long_s));
  CHECK(memcmp(TF_TString_GetDataPointer(&got[1]), long_s, strlen(long_s)) ==
        0);
  TF_DeleteTensor(out);
  TF_DeleteTensor(in);
  TF_DeleteSession(sess, s);
  TF_DeleteGraph(g);
  TF_DeleteStatus(s);
}

TFC_TEST(LegacyStringFeed) {
  /* TensorFlowSharp's layout: uint64 offset table + varint strings. */
  TF_Status* s = TF_NewStatus();
  TF_Graph* g = TF_NewGraph();
  TF_Operation* p = tfc_placeholder(g, "p", TF_STRING, NULL, 0, s);
  TF_OperationDescription* d = TF_NewOperation(g, "Identity", "id");
  TF_Output po = {p, 0}, io;
  size_t enc = TF_StringEncodedSize(5);
  TF_Tensor* in = TF_AllocateTensor(TF_STRING, NULL, 0, 8 + enc);
  TF_Tensor* out = NULL;
  char* base = (char*)TF_TensorData(in);
  TF_Session* sess;
  TF_AddInput(d, po);
  io.oper = TF_FinishOperation(d, s);
  io.index = 0;
  memset(base, 0, 8); /* offset 0 */
  TF_StringEncode("hello", 5, base + 8, enc, s);
  CHECK_OK(s);
  sess = TF_NewSession(g, NULL, s);
  TF_SessionRun(sess, NULL, &po, &in, 1, &io, &out, 1, NULL, 0, NULL, s);
  CHECK_OK(s);
  CHECK_EQ_I64(TF_TString_GetSize((const TF_TString*)TF_TensorData(out)), 5);
  CHECK(memcmp(TF_TString_GetDataPointer((const TF_TString*)TF_TensorData(out)),
               "hello", 5) == 0);
  TF_DeleteTensor(out);
  TF_DeleteTensor(in);
  TF_DeleteSession(sess, s);
  TF_DeleteGraph(g);
  TF_DeleteStatus(s);
}

TFC_MAIN(TFC_CASE(LegacyStringOf24BytesAndHostileStringShapes),
         TFC_CASE(StringFeedAndFetch), TFC_CASE(LegacyStringFeed))
