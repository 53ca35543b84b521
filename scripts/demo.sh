#!/usr/bin/env bash
# Runs every example program in order, from the repository root, writing
# their files to demo_output/. Usage: scripts/demo.sh BUILD_DIR
# Later examples append their line to EXAMPLES below.
set -euo pipefail

BUILD_DIR=${1:?usage: scripts/demo.sh BUILD_DIR}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
case "$BUILD_DIR" in /*) ;; *) BUILD_DIR="$ROOT/$BUILD_DIR" ;; esac
cd "$ROOT"
mkdir -p demo_output

# name: what it shows
EXAMPLES=(
  "variables_add: TF1 variables, the uninitialized-value error, then v1 + v2"
  "save_restore: Saver writes model.ckpt (+ .meta, checkpoint); restore rebuilt, via ImportMetaGraph, only v1, renamed"
  "ema_restore: train with ExponentialMovingAverage, restore the shadow value into the plain variable"
  "saved_model: export a TF1 SavedModel and serve it back through its signature"
  "freeze_add: freeze save_restore's model.ckpt (v1/v2/add) to model.pb, import it under Net, run Net/add:0"
  "feed_batch: a placeholder graph frozen, imported with input_map and run on a fed batch"
)

for entry in "${EXAMPLES[@]}"; do
  name=${entry%%:*}
  echo "=== example_${name} —${entry#*:} ==="
  "$BUILD_DIR/examples/example_${name}" demo_output
  echo
done

# The TensorFlow-compatible C API (libtensorflow.so): C programs written only
# against tensorflow/c/c_api.h, and the tutorial's C# program under Mono.
SHARED=${TFP_SHARED_DIR:-$ROOT/../shared}
FIXTURES=$SHARED/fixtures/tf
echo "=== C API (libtensorflow.so) — C programs ==="
if [ -d "$FIXTURES" ]; then
  echo "--- import_run: frozen-tf2onnx-fc-layers under prefix 'fc', X = 1..784"
  "$BUILD_DIR/examples/c/example_c_import_run" \
    "$FIXTURES/frozen-tf2onnx-fc-layers/frozen.pb" fc X output 1,784
  echo "--- half_plus_two: TF_LoadSessionFromSavedModel, prints 0.5x+2"
  "$BUILD_DIR/examples/c/example_c_half_plus_two" \
    "$FIXTURES/savedmodel-tf1-half-plus-two/00000123"
else
  echo "(fixtures not found at $FIXTURES: C API fixture demos skipped)"
fi
echo "--- import_run: demo_output/model.pb (v1 + v2) under prefix 'Net'"
"$BUILD_DIR/examples/c/example_c_import_run" demo_output/model.pb Net - add 1
echo
echo "=== C API — the tutorial's C# program (TensorFlowSharp API) under Mono ==="
CS_DIR=$BUILD_DIR/examples/csharp
if [ -f "$CS_DIR/LoadFrozenGraph.exe" ] && command -v mono >/dev/null; then
  echo "--- demo_output/model.pb (v1 + v2, no input): prints 3"
  LD_LIBRARY_PATH="$BUILD_DIR/lib" mono "$CS_DIR/LoadFrozenGraph.exe" \
    demo_output/model.pb - add
  if [ -d "$FIXTURES" ]; then
    echo "--- frozen-tf2onnx-fc-layers, X = 1..784 (same input as import_run above)"
    LD_LIBRARY_PATH="$BUILD_DIR/lib" mono "$CS_DIR/LoadFrozenGraph.exe" \
      "$FIXTURES/frozen-tf2onnx-fc-layers/frozen.pb" X output 1,784
  fi
else
  echo "(mono or LoadFrozenGraph.exe missing: C# demo skipped)"
fi
echo

# The tutorial's Python programs, unchanged but for `import
# tfpersist.compat.v1 as tf` (the package built in $BUILD_DIR/python).
if [ -d "$BUILD_DIR/python/tfpersist" ]; then
  PY=/usr/bin/python3
  [ -x "$PY" ] || PY=python3
  echo "=== python: the tutorial's programs with import tfpersist.compat.v1 as tf (examples/python/tutorial.py) ==="
  PYTHONPATH="$BUILD_DIR/python" "$PY" examples/python/tutorial.py demo_output/python
fi
