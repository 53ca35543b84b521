#!/usr/bin/env bash
# Runs every libFuzzer target for SECONDS each, one after the other, from
# seeds built out of ../shared fixtures (scripts/fuzz_seeds.py). New inputs
# go to BUILD_DIR/fuzz-corpus/<target>/ (kept between runs); crashes to
# BUILD_DIR/fuzz-artifacts/. Prints executions per target; exits non-zero on
# the first finding.
# Usage: scripts/fuzz.sh BUILD_DIR SECONDS [TARGET...]
set -euo pipefail
BUILD_DIR=${1:?usage: scripts/fuzz.sh BUILD_DIR SECONDS [TARGET...]}
SECONDS_EACH=${2:?seconds per target}
shift 2
ROOT=$(cd "$(dirname "$0")/.." && pwd)
case "$BUILD_DIR" in /*) ;; *) BUILD_DIR="$ROOT/$BUILD_DIR" ;; esac
SHARED=${TFP_SHARED_DIR:-$ROOT/../shared}
SEEDS="$BUILD_DIR/fuzz-seeds"
if [ -d "$SHARED/fixtures/tf" ]; then
  rm -rf "$SEEDS"
  /usr/bin/python3 "$ROOT/scripts/fuzz_seeds.py" "$SHARED" "$SEEDS" >/dev/null
else
  echo "fuzz: $SHARED/fixtures/tf is absent; starting from empty corpora"
fi
TARGETS=("$@")
if [ ${#TARGETS[@]} -eq 0 ]; then
  for f in "$ROOT"/fuzz/*_fuzzer.cc; do TARGETS+=("$(basename "$f" .cc)"); done
fi
mkdir -p "$BUILD_DIR/fuzz-artifacts"
export ASAN_OPTIONS=${ASAN_OPTIONS:-halt_on_error=1:detect_leaks=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-halt_on_error=1:print_stacktrace=1}
for t in "${TARGETS[@]}"; do
  corpus="$BUILD_DIR/fuzz-corpus/$t"
  mkdir -p "$corpus" "$SEEDS/$t"
  log="$BUILD_DIR/fuzz-artifacts/$t.log"
  # -rss_limit_mb / -malloc_limit_mb: an input that makes us allocate more
  # than 2 GiB is a finding (resource caps), as is one running > 10 s.
  if ! "$BUILD_DIR/fuzz/$t" "$corpus" "$SEEDS/$t" \
      -max_total_time="$SECONDS_EACH" -timeout=10 -rss_limit_mb=2048 \
      -max_len=1048576 -print_final_stats=1 \
      -artifact_prefix="$BUILD_DIR/fuzz-artifacts/$t-" >"$log" 2>&1; then
    echo "fuzz: $t FAILED (log: $log)"
    grep -E "ERROR|SUMMARY|Test unit written" "$log" | head -20
    exit 1
  fi
  execs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$')
  cov=$(grep -o 'cov: [0-9]*' "$log" | tail -1)
  echo "fuzz: $t ok: $execs executions in ${SECONDS_EACH}s, $cov, corpus $(ls "$corpus" | wc -l) files"
done
