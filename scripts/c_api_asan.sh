#!/usr/bin/env bash
# Runs the C API's C tests under AddressSanitizer + UBSan (leak checks on)
# without a full sanitizer build: src/c_api and the tests are compiled with
# -fsanitize=address,undefined and linked against BUILD_DIR's (regular)
# static layers. `make test SANITIZE=address,undefined` instruments
# everything; this is the quick check for the C API's lifetimes.
# Usage: scripts/c_api_asan.sh [BUILD_DIR]   (after `make build`)
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BUILD=${1:-$ROOT/build}
case "$BUILD" in /*) ;; *) BUILD="$ROOT/$BUILD" ;; esac
OUT=$BUILD/c_api_asan
mkdir -p "$OUT/lib"
cd "$ROOT"
FLAGS="-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all -g -O1"
objs=()
for f in src/c_api/*.cc; do
  o=$OUT/$(basename "$f" .cc).o
  if [ ! -f "$o" ] || [ "$f" -nt "$o" ] || [ src/c_api/c_api_internal.h -nt "$o" ]; then
    g++ -std=c++20 -fPIC $FLAGS -Iinclude -Isrc -I"$BUILD/proto/gen" \
      -I/usr/include/eigen3 -c "$f" -o "$o"
  fi
  objs+=("$o")
done
# The system libraries libtensorflow.so links (as CMake links it).
mapfile -t syslibs < <(tr ' ' '\n' < "$BUILD/src/c_api/CMakeFiles/tensorflow.dir/link.txt" |
  grep -E '^-l|^/.*\.so' | sort -u)
libs=()
for l in tools train runtime graph io core base; do
  libs+=("$BUILD/src/$l/libtfpersist_$l.a")
done
libs+=("$BUILD/proto/libtfpersist_proto.a")
g++ -shared $FLAGS -o "$OUT/lib/libtensorflow.so.2" -Wl,-soname,libtensorflow.so.2 \
  "${objs[@]}" -Wl,--start-group "${libs[@]}" -Wl,--end-group \
  "${syslibs[@]}" -lpthread \
  -Wl,--version-script=src/c_api/libtensorflow.map -Wl,--exclude-libs,ALL
ln -sf libtensorflow.so.2 "$OUT/lib/libtensorflow.so"
shared=${TFP_SHARED_DIR:-$ROOT/../shared}
export LD_LIBRARY_PATH=$OUT/lib ASAN_OPTIONS=detect_leaks=1
failed=0
for t in tests/c_api/*_test.c; do
  name=$(basename "$t" .c)
  [ "$name" = dlopen_test ] && continue
  gcc -std=c11 $FLAGS -Iinclude -DTFP_SHARED_DIR="\"$shared\"" "$t" \
    -L"$OUT/lib" -ltensorflow -lpthread -o "$OUT/$name"
  echo "== $name"
  "$OUT/$name" | tail -1 || failed=1
done
gcc -std=c11 $FLAGS tests/c_api/dlopen_test.c -ldl -o "$OUT/dlopen_test"
echo "== dlopen_test"
"$OUT/dlopen_test" "$OUT/lib/libtensorflow.so" tests/c_api/client_symbols.txt \
  tests/c_api/spec_symbols.txt | tail -1 || failed=1
exit $failed
