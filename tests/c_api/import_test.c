/* GraphDef import: prefix, input mapping, return outputs, control
 * dependencies, bad and mutated input, imported fixture shapes. */
#include "tensorflow/c/c_api.h"
#include "tfc_graph_util.h"
#include "tfc_test.h"

/* x: Placeholder float [-1, 2]; w: Const [[1,2],[3,4]] wait: shape [2];
 * y = x + w. */
static TF_Graph* build_xy(TF_Status* s) {
  TF_Graph* g = TF_NewGraph();
  int64_t xdims[2] = {-1, 2}, wdims[1] = {2};
  float w[2] = {10, 20};
  TF_Operation* x = tfc_placeholder(g, "x", TF_FLOAT, xdims, 2, s);
  TF_Operation* c = tfc_const_float(g, "w", w, wdims, 1, s);
  tfc_add(g, "y", x, c, s);
  return g;
}

/* Random byte mutations and truncations of a valid GraphDef: every import
 * returns a status (and every accepted graph can be run), never crashes. */
TFC_TEST(MutatedGraphDefsNeverCrash) {
  TF_Status* s = TF_NewStatus();
  TF_Graph* src = build_xy(s);
  TF_Buffer* def = TF_NewBuffer();
  unsigned char* bytes;
  unsigned int seed = 12345;
  int it, accepted = 0;
  TF_GraphToGraphDef(src, def, s);
  CHECK_OK(s);
  bytes = (unsigned char*)malloc(def->length);
  for (it = 0; it < 400; ++it) {
    TF_Buffer mutated;
    TF_Graph* g = TF_NewGraph();
    int k;
    memcpy(bytes, def->data, def->length);
    for (k = 0; k < 1 + it % 4; ++k) {
      seed = seed * 1103515245u + 12345u;
      bytes[(seed >> 8) % def->length] = (unsigned char)(seed >> 16);
    }
    mutated.data = bytes;
    mutated.length = it % 5 == 0 ? (seed >> 4) % def->length : def->length;
    mutated.data_deallocator = NULL;
    TF_GraphImportGraphDef(g, &mutated, NULL, s);
    if (TF_GetCode(s) == TF_OK) {
      TF_Session* sess = TF_NewSession(g, NULL, s);
      ++accepted;
      if (sess != NULL) {
        TF_Operation* y = TF_GraphOperationByName(g, "y");
        if (y != NULL) {
          TF_Output yo = {y, 0};
          TF_Tensor* out = NULL;
          TF_SessionRun(sess, NULL, NULL, NULL, 0, &yo, &out, 1, NULL, 0,
                        NULL, s);
          /* A result on success, none on failure. */
          CHECK((TF_GetCode(s) == TF_OK) == (out != NULL));
          TF_DeleteTensor(out);
        }
        TF_DeleteSession(sess, s);
      }
    } else {
      CHECK(TF_Message(s)[0] != '\0');
    }
    TF_DeleteGraph(g);
  }
  printf("%d of 400 mutated GraphDefs accepted\n", accepted);
  free(bytes);
  TF_DeleteBuffer(def);
  TF_DeleteGraph(src);
  TF_DeleteStatus(s);
}

/* cppflow v1 wraps inputs/outputs with TF_GraphGetTensorNumDims/Shape and
 * TF_OperationOutputType on an imported frozen graph. */
TFC_TEST(ImportedFixtureShapesAndTypes) {
  char path[1024];
  TF_Buffer* def;
  TF_Status* s;
  TF_Graph* g;
  TF_Output x, out;
  int64_t dims[2];
  snprintf(path, sizeof(path),
           "%s/fixtures/tf/frozen-tf2onnx-fc-layers/frozen.pb",
           tfc_shared_dir());
  def = tfc_read_file(path);
  if (def == NULL) TFC_SKIP("fixture not found");
  s = TF_NewStatus();
  g = TF_NewGraph();
  TF_GraphImportGraphDef(g, def, NULL, s);
  CHECK_OK(s);
  x.oper = TF_GraphOperationByName(g, "X");
  out.oper = TF_GraphOperationByName(g, "output");
  x.index = out.index = 0;
  CHECK(x.oper != NULL && out.oper != NULL);
  CHECK_EQ_I64(TF_OperationOutputType(x), TF_FLOAT);
  CHECK_EQ_I64(TF_OperationOutputType(out), TF_FLOAT);
  CHECK_EQ_I64(TF_GraphGetTensorNumDims(g, x, s), 2);
  TF_GraphGetTensorShape(g, x, dims, 2, s);
  CHECK_OK(s);
  CHECK_EQ_I64(dims[0], -1);
  CHECK_EQ_I64(dims[1], 784);
  CHECK_EQ_I64(TF_GraphGetTensorNumDims(g, out, s), 2);
  TF_GraphGetTensorShape(g, out, dims, 2, s);
  CHECK_OK(s);
  CHECK_EQ_I64(dims[0], -1);
  CHECK_EQ_I64(dims[1], 10);
  TF_DeleteBuffer(def);
  TF_DeleteGraph(g);
  TF_DeleteStatus(s);
}

TFC_TEST(ToGraphDefAndImportWithPrefix) {
  TF_Status* s = TF_NewStatus();
  TF_Graph* g = build_xy(s);
  TF_Graph* g2 = TF_NewGraph();
  TF_Buffer* def = TF_NewBuffer();
  TF_ImportGraphDefOptions* opts = TF_NewImportGraphDefOptions();
  TF_ImportGraphDefResults* results;
  TF_Output* outs;
  TF_Operation** opers;
  int nouts = 0, nopers = 0;
  TF_GraphToGraphDef(g, def, s);
  CHECK_OK(s);
  CHECK(def->length > 0);
  TF_ImportGraphDefOptionsSetPrefix(opts, "net");
  TF_ImportGraphDefOptionsAddReturnOutput(opts, "y", 0);
  TF_ImportGraphDefOptionsAddReturnOperation(opts, "x");
  CHECK_EQ_I64(TF_ImportGraphDefOptionsNumReturnOutputs(opts), 1);
  CHECK_EQ_I64(TF_ImportGraphDefOptionsNumReturnOperations(opts), 1);
  results = TF_GraphImportGraphDefWithResults(g2, def, opts, s);
  CHECK_OK(s);
  TF_ImportGraphDefResultsReturnOutputs(results, &nouts, &outs);
  CHECK_EQ_I64(nouts, 1);
  CHECK_STR(TF_OperationName(outs[0].oper), "net/y");
  TF_ImportGraphDefResultsReturnOperations(results, &nopers, &opers);
  CHECK_EQ_I64(nopers, 1);
  CHECK_STR(TF_OperationName(opers[0]), "net/x");
  TF_DeleteImportGraphDefResults(results);
  CHECK(TF_GraphOperationByName(g2, "net/w") != NULL);
  /* Same prefix again: names collide. */
  TF_GraphImportGraphDef(g2, def, opts, s);
  CHECK_STATUS(s, TF_INVALID_ARGUMENT, "Node name 'net/x' already exists");
  /* Uniquified prefix: net_1/... */
  TF_ImportGraphDefOptionsSetUniquifyPrefix(opts, 1);
  TF_GraphImportGraphDef(g2, def, opts, s);
  CHECK(TF_GetCode(s) == TF_OK || TF_GetCode(s) == TF_INVALID_ARGUMENT);
  TF_DeleteImportGraphDefOptions(opts);
  TF_DeleteBuffer(def);
  TF_DeleteGraph(g2);
  TF_DeleteGraph(g);
  TF_DeleteStatus(s);
}

TFC_TEST(ImportInputMappingAndControlDeps) {
  TF_Status* s = TF_NewStatus();
  TF_Graph* g = build_xy(s);
  TF_Graph* g2 = TF_NewGraph();
  TF_Buffer* def = TF_NewBuffer();
  TF_ImportGraphDefOptions* opts = TF_NewImportGraphDefOptions();
  TF_ImportGraphDefResults* results;
  int64_t dims[2] = {-1, 2};
  TF_Operation* feed = tfc_placeholder(g2, "feed", TF_FLOAT, dims, 2, s);
  TF_Operation* dep = tfc_placeholder(g2, "dep", TF_FLOAT, dims, 2, s);
  TF_Output feed0 = {feed, 0};
  TF_Output ret[1];
  TF_Operation* imported_y;
  TF_Input y0;
  const char** missing_names;
  int* missing_idx;
  int nmissing = -1;
  TF_GraphToGraphDef(g, def, s);
  TF_ImportGraphDefOptionsSetPrefix(opts, "m");
  TF_ImportGraphDefOptionsAddInputMapping(opts, "x", 0, feed0);
  TF_ImportGraphDefOptionsAddInputMapping(opts, "absent", 0, feed0);
  TF_ImportGraphDefOptionsAddControlDependency(opts, dep);
  TF_ImportGraphDefOptionsAddReturnOutput(opts, "y", 0);
  results = TF_GraphImportGraphDefWithResults(g2, def, opts, s);
  CHECK_OK(s);
  TF_ImportGraphDefResultsMissingUnusedInputMappings(results, &nmissing,
                                                     &missing_names,
                                                     &missing_idx);
  CHECK_EQ_I64(nmissing, 1);
  CHECK_STR(missing_names[0], "absent");
  TF_DeleteImportGraphDefResults(results);
  imported_y = TF_GraphOperationByName(g2, "m/y");
  y0.oper = imported_y;
  y0.index = 0;
  CHECK(TF_OperationInput(y0).oper == feed); /* x mapped to feed */
  CHECK(TF_OperationNumControlInputs(TF_GraphOperationByName(g2, "m/w")) >= 1);
  {
    TF_Operation* ctrl[4];
    int nc = TF_OperationGetControlOutputs(dep, ctrl, 4);
    CHECK(nc >= 1);
    CHECK_EQ_I64(TF_OperationNumControlOutputs(dep), nc);
  }
  /* WithReturnOutputs: count must match. */
  TF_ImportGraphDefOptionsSetPrefix(opts, "m2");
  TF_GraphImportGraphDefWithReturnOutputs(g2, def, opts, ret, 2, s);
  CHECK_STATUS(s, TF_INVALID_ARGUMENT, "Expected 'num_return_outputs' to be 1, got 2");
  TF_GraphImportGraphDefWithReturnOutputs(g2, def, opts, ret, 1, s);
  CHECK_OK(s);
  CHECK_STR(TF_OperationName(ret[0].oper), "m2/y");
  TF_DeleteImportGraphDefOptions(opts);
  TF_DeleteBuffer(def);
  TF_DeleteGraph(g2);
  TF_DeleteGraph(g);
  TF_DeleteStatus(s);
}

TFC_TEST(ImportBadInput) {
  TF_Status* s = TF_NewStatus();
  TF_Graph* g = TF_NewGraph();
  TF_ImportGraphDefOptions* opts = TF_NewImportGraphDefOptions();
  /* Garbage bytes. */
  TF_Buffer* junk = TF_NewBufferFromString("\xff\xff\xff\xff garbage", 12);
  /* node { name: "n" op: "NoSuchOp" } */
  TF_Buffer* unknown = TF_NewBufferFromString(
      "\x0a\x0f\x0a\x01n\x12\x08NoSuchOp\x22\x00", 17);
  TF_Buffer empty = {NULL, 0, NULL};
  TF_GraphImportGraphDef(g, junk, opts, s);
  CHECK_STATUS(s, TF_INVALID_ARGUMENT, "Invalid GraphDef");
  TF_GraphImportGraphDef(g, unknown, opts, s);
  CHECK_STATUS(s, TF_NOT_FOUND, "NoSuchOp");
  CHECK(TF_GraphOperationByName(g, "n") == NULL);
  TF_GraphImportGraphDef(g, NULL, opts, s);
  CHECK_STATUS(s, TF_INVALID_ARGUMENT, "Invalid GraphDef");
  TF_GraphImportGraphDef(g, &empty, NULL, s); /* empty GraphDef is fine */
  CHECK_OK(s);
  TF_ImportGraphDefOptionsSetPrefix(opts, "bad:prefix");
  TF_GraphImportGraphDef(g, &empty, opts, s);
  CHECK_STATUS(s, TF_INVALID_ARGUMENT, "would lead to invalid node names");
  TF_DeleteBuffer(junk);
  TF_DeleteBuffer(unknown);
  TF_DeleteImportGraphDefOptions(opts);
  TF_DeleteGraph(g);
  TF_DeleteStatus(s);
}

TFC_MAIN(TFC_CASE(MutatedGraphDefsNeverCrash),
         TFC_CASE(ImportedFixtureShapesAndTypes),
         TFC_CASE(ToGraphDefAndImportWithPrefix),
         TFC_CASE(ImportInputMappingAndControlDeps), TFC_CASE(ImportBadInput))
