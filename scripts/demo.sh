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

# The tutorial's Python programs, unchanged but for `import
# tfpersist.compat.v1 as tf` (the package built in $BUILD_DIR/python).
if [ -d "$BUILD_DIR/python/tfpersist" ]; then
  PY=/usr/bin/python3
  [ -x "$PY" ] || PY=python3
  echo "=== python: the tutorial's programs with import tfpersist.compat.v1 as tf (examples/python/tutorial.py) ==="
  PYTHONPATH="$BUILD_DIR/python" "$PY" examples/python/tutorial.py demo_output/python
fi
