#!/usr/bin/env bash
# Runs the benchmarks (never part of `make test`). Usage: scripts/bench.sh BUILD_DIR
# Each prints its own figures; bundle/torch benches print ratios against the
# raw limits (write(), memcpy, pread) and libtorch measured in the same run.
set -euo pipefail
BUILD_DIR=${1:?usage: scripts/bench.sh BUILD_DIR}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
case "$BUILD_DIR" in /*) ;; *) BUILD_DIR="$ROOT/$BUILD_DIR" ;; esac
TMP=$(mktemp -d /tmp/tfpersist_bench.XXXXXX)
trap 'rm -rf "$TMP"' EXIT

run() { echo "=== $1 ==="; shift; "$@"; echo; }
run "crc32c" "$BUILD_DIR/bench/io/io_crc32c_bench" --benchmark_min_time=0.2
run "bundle save/restore (1 GiB, 10,000 tensors)" "$BUILD_DIR/bench/io/io_bundle_bench" "$TMP/bundle" 3
if [ -x "$BUILD_DIR/bench/io/io_torch_bench" ]; then
  run "libtorch torch::save/load (same tensors)" "$BUILD_DIR/bench/io/io_torch_bench" "$TMP/torch" 3
fi
run "Saver save/restore" "$BUILD_DIR/bench/train/train_saver_bench" --benchmark_min_time=0.2
run "kernels" "$BUILD_DIR/bench/runtime/runtime_kernels_bench" --benchmark_min_time=0.2
run "bench models (Session::Run)" "$BUILD_DIR/bench/tools/tools_models_bench" --benchmark_min_time=0.2
run "bench models vs OpenCV dnn and TorchScript (ours / best peer)" \
  /usr/bin/python3 "$ROOT/bench/inference/compare_peers.py" "$BUILD_DIR"
