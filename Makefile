# Entry points: `make demo` and `make test` (each installs what it needs).
#
#   make test                          RelWithDebInfo suite (build/)
#   make test SANITIZE=address,undefined
#                                      the suite under ASan+UBSan with clang,
#                                      halt_on_error=1 (build-asan/, which
#                                      also holds the fuzzers)
#   make tsan                          the concurrency tests under TSan
#                                      (build-tsan/)
#   make fuzz FUZZ_SECONDS=N           every libFuzzer target for N seconds
#                                      from fixture seeds (build-asan/)
#   make release-test                  the suite at -O3 (build-release/)
#   make test SANITIZE=address,undefined SAN_LAYERS=1
#                                      only the core/io/graph/runtime tests
#                                      (what .ci/run does)
SANITIZE ?=
FUZZ_SECONDS ?= 30
JOBS ?= $(shell nproc)
CMAKE_FLAGS ?=
CTEST_ARGS ?=
BUILD_TYPE ?= RelWithDebInfo
LAUNCHER := $(shell command -v ccache >/dev/null 2>&1 && echo -DCMAKE_CXX_COMPILER_LAUNCHER=ccache)

# One clang tree for ASan+UBSan tests and the fuzzers (instrumented for
# both, so CI compiles the library once for them). -O1 keeps it quick.
ASAN_DIR ?= build-asan
ASAN_FLAGS := -DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++ -DTFP_SANITIZE=address,undefined \
  -DTFP_FUZZ=ON -DTFP_BUILD_BENCH=OFF -DTFP_BUILD_PYTHON=OFF \
  -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -g"
TSAN_DIR ?= build-tsan
TSAN_FLAGS := -DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++ -DTFP_SANITIZE=thread \
  -DTFP_BUILD_BENCH=OFF -DTFP_BUILD_PYTHON=OFF \
  -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -g"
SAN_ENV := ASAN_OPTIONS=halt_on_error=1:abort_on_error=1:detect_leaks=1 \
  UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
  TSAN_OPTIONS=halt_on_error=1:second_deadlock_stack=1

comma := ,
ASAN_LIST := address$(comma)undefined
ifeq ($(SANITIZE),)
  BUILD_DIR ?= build
  SAN_CMAKE :=
else ifeq ($(SANITIZE),$(ASAN_LIST))
  BUILD_DIR ?= $(ASAN_DIR)
  SAN_CMAKE := $(ASAN_FLAGS)
else ifeq ($(SANITIZE),thread)
  BUILD_DIR ?= $(TSAN_DIR)
  SAN_CMAKE := $(TSAN_FLAGS)
else
  BUILD_DIR ?= build-$(subst $(comma),-,$(SANITIZE))
  SAN_CMAKE := -DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++ -DTFP_SANITIZE=$(SANITIZE) -DTFP_BUILD_BENCH=OFF
endif

.PHONY: all deps configure build test demo bench format clean fuzz fuzz-build \
  tsan release-test ops-doc

all: build

deps:
	@bash scripts/install_deps.sh

configure: deps
	@cmake -S . -B $(BUILD_DIR) -DCMAKE_BUILD_TYPE=$(BUILD_TYPE) $(LAUNCHER) $(SAN_CMAKE) $(CMAKE_FLAGS) >/dev/null

# SAN_LAYERS=1 (CI's lean sanitizer run): only the core/io/graph/runtime
# layers' test binaries, plus the fuzzers.
ifeq ($(SAN_LAYERS),1)
  BUILD_TARGETS = --target $$(cmake --build $(BUILD_DIR) --target help | \
    sed -n 's/^\.\.\. \(\(core\|io\|graph\|runtime\)[a-z0-9_]*_test\)$$/\1/p') fuzzers
  CTEST_ARGS += -E _NOT_BUILT
endif

build: configure
	@cmake --build $(BUILD_DIR) -j$(JOBS) $(BUILD_TARGETS)

test: build
	@python3 scripts/check_layers.py
	@cd $(BUILD_DIR) && $(SAN_ENV) ctest --output-on-failure -j$(JOBS) --timeout 900 $(CTEST_ARGS)

# The tests that run sessions, savers and readers from several threads.
tsan:
	@$(MAKE) --no-print-directory test SANITIZE=thread CTEST_ARGS="-R 'Concurren|Thread'"

release-test:
	@$(MAKE) --no-print-directory test BUILD_TYPE=Release BUILD_DIR=build-release

fuzz-build: deps
	@cmake -S . -B $(ASAN_DIR) -DCMAKE_BUILD_TYPE=RelWithDebInfo $(LAUNCHER) $(ASAN_FLAGS) $(CMAKE_FLAGS) >/dev/null
	@cmake --build $(ASAN_DIR) -j$(JOBS) --target fuzzers

fuzz: fuzz-build
	@$(SAN_ENV) bash scripts/fuzz.sh $(ASAN_DIR) $(FUZZ_SECONDS)

demo: build
	@bash scripts/demo.sh $(BUILD_DIR)

bench: build
	@bash scripts/install_deps.sh bench
	@bash scripts/bench.sh $(BUILD_DIR)

# docs/ops.md: the op table (every OpDef, its dtypes, whether a kernel runs
# it); regenerate after adding ops.
ops-doc: build
	@$(BUILD_DIR)/cli/tfpersist ops --markdown > docs/ops.md

format:
	@git ls-files '*.cc' '*.h' | xargs clang-format -i

clean:
	@rm -rf build build-asan build-tsan build-release demo_output
