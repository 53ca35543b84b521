# Helpers shared by every layer (cf. leveldb_test()).
#
# tfp_library(NAME SRCS a.cc b.cc DEPS other_lib ...)
#   A static library for one layer. Include roots: include/ (public) and src/
#   (internal). DEPS are linked PUBLIC; they must be layers allowed by
#   docs/layers.md (checked by scripts/check_layers.py).
# tfp_test(NAME SRCS a_test.cc DEPS lib ...)
#   A GoogleTest binary registered with CTest (one CTest test per TEST()).
include_guard(GLOBAL)

function(tfp_library name)
  cmake_parse_arguments(ARG "" "" "SRCS;DEPS" ${ARGN})
  add_library(${name} STATIC ${ARG_SRCS})
  target_include_directories(${name} PUBLIC
    ${PROJECT_SOURCE_DIR}/include ${PROJECT_SOURCE_DIR}/src)
  target_link_libraries(${name} PUBLIC ${ARG_DEPS})
  target_compile_options(${name} PRIVATE ${TFP_WARNINGS})
endfunction()

function(tfp_test name)
  cmake_parse_arguments(ARG "" "" "SRCS;DEPS" ${ARGN})
  add_executable(${name} ${ARG_SRCS})
  target_link_libraries(${name} PRIVATE ${ARG_DEPS} tfp_testing
    GTest::gmock GTest::gtest_main)
  target_compile_definitions(${name} PRIVATE
    TFP_SHARED_DIR="${TFP_SHARED_DIR}"
    TFP_SOURCE_DIR="${PROJECT_SOURCE_DIR}")
  gtest_discover_tests(${name} DISCOVERY_TIMEOUT 60
    PROPERTIES ENVIRONMENT "TFP_SHARED_DIR=${TFP_SHARED_DIR}")
endfunction()

function(tfp_bench name)
  cmake_parse_arguments(ARG "" "" "SRCS;DEPS" ${ARGN})
  add_executable(${name} ${ARG_SRCS})
  target_link_libraries(${name} PRIVATE ${ARG_DEPS} benchmark::benchmark)
endfunction()
