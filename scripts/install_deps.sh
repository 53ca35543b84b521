#!/usr/bin/env bash
# Installs the Debian 12 packages tfpersist needs to build, test and run its
# demo. Idempotent: installs only what is missing. Needs root (or sudo).
#   scripts/install_deps.sh         build, test, demo
#   scripts/install_deps.sh bench   also the peers `make bench` compares
#                                   against (TorchScript, OpenCV dnn)
set -euo pipefail

PKGS=(
  build-essential cmake pkg-config      # toolchain
  protobuf-compiler libprotobuf-dev     # .proto -> C++ (wire + text format)
  libeigen3-dev                         # tensor math in kernels
  libdnnl-dev                           # oneDNN: float conv / matmul kernels
  libsnappy-dev                         # snappy-compressed table blocks
  libjpeg-dev libpng-dev                # DecodeJpeg / DecodePng / EncodePng
  libre2-dev                            # regex ops (RE2, as TensorFlow)
  libgtest-dev libgmock-dev             # tests
  libbenchmark-dev                      # bench/
  python3-numpy python3-opencv          # independent readers in tests
  python3-dev pybind11-dev              # the tfpersist Python extension
  python3-protobuf python3-pytest       # its protobuf classes and tests
  graphviz                              # `tfpersist graph --format=svg`
  ccache                                # faster rebuilds
  mono-mcs mono-runtime                 # C# binding (bindings/csharp) + its demo/test
)

if [ "${1:-}" = "bench" ]; then
  PKGS+=(python3-torch libopenblas0-openmp python3-opencv)
fi

missing=()
for p in "${PKGS[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" \
    || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
echo "Installing Debian packages: ${missing[*]}"
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
