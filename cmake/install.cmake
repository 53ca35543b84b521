# Install rules: libtfpersist (shared + static, PIC), the public headers with
# the generated proto headers they include, the `tfpersist` tool with its
# argv[0] entry points, a CMake package (find_package(tfpersist CONFIG)) with
# namespaced targets, and tfpersist.pc for pkg-config.
#
#   tfpersist::tfpersist         the shared library (carries its dependencies)
#   tfpersist::tfpersist_static  the static archive (links protobuf & co.)
include_guard(GLOBAL)
include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

# The layers, top down: the order a static link needs.
set(TFP_LAYER_LIBS tfpersist_tools tfpersist_train tfpersist_runtime
    tfpersist_graph tfpersist_io tfpersist_core tfpersist_proto tfpersist_base)

# Appends to ${out} the external link items (file paths or -l flags) that
# target ${tgt} needs, following imported targets; our own layers are skipped.
function(tfp_collect_external_libs tgt out)
  set(items ${${out}})
  get_target_property(deps ${tgt} INTERFACE_LINK_LIBRARIES)
  if(NOT deps)
    set(deps)
  endif()
  foreach(dep ${deps})
    # A PRIVATE dependency of a static library: $<LINK_ONLY:target>.
    if(dep MATCHES "^\\$<LINK_ONLY:(.*)>$")
      set(dep ${CMAKE_MATCH_1})
    endif()
    if(dep MATCHES "^tfpersist_|^\\$<")
      continue()
    elseif(TARGET ${dep})
      get_target_property(type ${dep} TYPE)
      get_target_property(loc ${dep} IMPORTED_LOCATION)
      if(NOT loc)
        get_target_property(loc ${dep} IMPORTED_LOCATION_NOCONFIG)
      endif()
      if(NOT loc)
        get_target_property(loc ${dep} IMPORTED_LOCATION_RELEASE)
      endif()
      if(loc)
        list(APPEND items ${loc})
      endif()
      tfp_collect_external_libs(${dep} items)
    elseif(dep MATCHES "::")
      message(WARNING "install: ${tgt} links ${dep}, not visible here")
    elseif(NOT dep STREQUAL "")
      list(APPEND items ${dep})
    endif()
  endforeach()
  list(REMOVE_DUPLICATES items)
  set(${out} ${items} PARENT_SCOPE)
endfunction()

# Imported targets the layers found in their own directories (e.g. oneDNN's
# OpenMP), found again here so their libraries can be listed.
find_package(OpenMP QUIET)
set(TFP_EXTERNAL_LIBS)
foreach(lib ${TFP_LAYER_LIBS})
  tfp_collect_external_libs(${lib} TFP_EXTERNAL_LIBS)
endforeach()

# --- shared library: every layer archive, whole --------------------------
file(WRITE ${CMAKE_CURRENT_BINARY_DIR}/tfp_shared_stub.cc
     "// libtfpersist.so is the layer archives linked whole.\n")
add_library(tfpersist_shared SHARED ${CMAKE_CURRENT_BINARY_DIR}/tfp_shared_stub.cc)
set(whole)
foreach(lib ${TFP_LAYER_LIBS})
  list(APPEND whole $<TARGET_FILE:${lib}>)
endforeach()
add_dependencies(tfpersist_shared ${TFP_LAYER_LIBS})
target_link_libraries(tfpersist_shared PRIVATE -Wl,--whole-archive ${whole}
  -Wl,--no-whole-archive ${TFP_EXTERNAL_LIBS} -pthread)
set_target_properties(tfpersist_shared PROPERTIES
  OUTPUT_NAME tfpersist VERSION ${PROJECT_VERSION}
  SOVERSION ${PROJECT_VERSION_MAJOR}.${PROJECT_VERSION_MINOR})
target_include_directories(tfpersist_shared INTERFACE
  $<INSTALL_INTERFACE:${CMAKE_INSTALL_INCLUDEDIR}>)
target_link_libraries(tfpersist_shared INTERFACE protobuf::libprotobuf
  Threads::Threads)
target_compile_features(tfpersist_shared INTERFACE cxx_std_17)
set_target_properties(tfpersist_shared PROPERTIES EXPORT_NAME tfpersist)
# Let CTest and examples find it from the build tree.
set_target_properties(tfpersist_shared PROPERTIES
  LIBRARY_OUTPUT_DIRECTORY ${PROJECT_BINARY_DIR}/lib)

# --- static library: the layer archives merged with an ar MRI script -----
set(TFP_STATIC_LIB ${PROJECT_BINARY_DIR}/lib/libtfpersist.a)
set(mri "CREATE ${TFP_STATIC_LIB}\n")
foreach(lib ${TFP_LAYER_LIBS})
  string(APPEND mri "ADDLIB $<TARGET_FILE:${lib}>\n")
endforeach()
string(APPEND mri "SAVE\nEND\n")
file(GENERATE OUTPUT ${PROJECT_BINARY_DIR}/tfpersist_static.mri CONTENT "${mri}")
add_custom_command(OUTPUT ${TFP_STATIC_LIB}
  COMMAND ${CMAKE_COMMAND} -E make_directory ${PROJECT_BINARY_DIR}/lib
  COMMAND ${CMAKE_COMMAND} -E remove -f ${TFP_STATIC_LIB}
  COMMAND ${CMAKE_AR} -M < ${PROJECT_BINARY_DIR}/tfpersist_static.mri
  DEPENDS ${TFP_LAYER_LIBS} ${PROJECT_BINARY_DIR}/tfpersist_static.mri
  COMMENT "Merging the layer archives into libtfpersist.a" VERBATIM)
add_custom_target(tfpersist_static ALL DEPENDS ${TFP_STATIC_LIB})


# --- what goes where ------------------------------------------------------
install(TARGETS tfpersist_shared EXPORT tfpersistTargets
  LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR} COMPONENT runtime
          NAMELINK_COMPONENT dev)
install(FILES ${TFP_STATIC_LIB} DESTINATION ${CMAKE_INSTALL_LIBDIR}
        COMPONENT dev)
install(DIRECTORY ${PROJECT_SOURCE_DIR}/include/
        DESTINATION ${CMAKE_INSTALL_INCLUDEDIR} COMPONENT dev
        FILES_MATCHING PATTERN "*.h")
install(DIRECTORY ${PROJECT_BINARY_DIR}/proto/gen/
        DESTINATION ${CMAKE_INSTALL_INCLUDEDIR} COMPONENT dev
        FILES_MATCHING PATTERN "*.pb.h")

set(TFP_CMAKE_DIR ${CMAKE_INSTALL_LIBDIR}/cmake/tfpersist)
install(EXPORT tfpersistTargets NAMESPACE tfpersist::
        DESTINATION ${TFP_CMAKE_DIR} COMPONENT dev)
configure_package_config_file(${PROJECT_SOURCE_DIR}/cmake/tfpersistConfig.cmake.in
  ${PROJECT_BINARY_DIR}/tfpersistConfig.cmake INSTALL_DESTINATION ${TFP_CMAKE_DIR}
  PATH_VARS CMAKE_INSTALL_LIBDIR CMAKE_INSTALL_INCLUDEDIR)
write_basic_package_version_file(${PROJECT_BINARY_DIR}/tfpersistConfigVersion.cmake
  COMPATIBILITY SameMinorVersion)
install(FILES ${PROJECT_BINARY_DIR}/tfpersistConfig.cmake
              ${PROJECT_BINARY_DIR}/tfpersistConfigVersion.cmake
        DESTINATION ${TFP_CMAKE_DIR} COMPONENT dev)

# pkg-config: the shared library by default, `--static` for the archive.
string(REPLACE ";" " " TFP_PC_LIBS_PRIVATE "${TFP_EXTERNAL_LIBS}")
configure_file(${PROJECT_SOURCE_DIR}/cmake/tfpersist.pc.in
  ${PROJECT_BINARY_DIR}/tfpersist.pc @ONLY)
install(FILES ${PROJECT_BINARY_DIR}/tfpersist.pc
        DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig COMPONENT dev)

# TensorFlow's C API (src/c_api): libtensorflow.so.2 and its tensorflow.pc.
if(TARGET tensorflow)
  get_target_property(TFP_TF_VERSION tensorflow VERSION)
  install(TARGETS tensorflow LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
          COMPONENT runtime NAMELINK_COMPONENT dev)
  file(WRITE ${PROJECT_BINARY_DIR}/tensorflow-installed.pc
"prefix=\${pcfiledir}/../..
libdir=\${prefix}/${CMAKE_INSTALL_LIBDIR}
includedir=\${prefix}/${CMAKE_INSTALL_INCLUDEDIR}

Name: tensorflow
Description: tfpersist's TensorFlow-compatible C API (libtensorflow)
Version: ${TFP_TF_VERSION}
Libs: -L\${libdir} -ltensorflow
Cflags: -I\${includedir}
")
  install(FILES ${PROJECT_BINARY_DIR}/tensorflow-installed.pc
          DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig RENAME tensorflow.pc
          COMPONENT dev)
endif()

# --- Debian packages (make package): tfpersist (runtime) + tfpersist-dev ---
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME tfpersist)
set(CPACK_PACKAGE_VENDOR "tfpersist")
set(CPACK_PACKAGE_CONTACT "tfpersist developers <tfpersist@localhost>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY
    "TensorFlow model persistence and a graph runtime, without TensorFlow")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_DEB_COMPONENT_INSTALL ON)
set(CPACK_COMPONENTS_ALL runtime dev)
set(CPACK_DEBIAN_ENABLE_COMPONENT_DEPENDS ON)
set(CPACK_DEBIAN_RUNTIME_PACKAGE_NAME tfpersist)
set(CPACK_DEBIAN_DEV_PACKAGE_NAME tfpersist-dev)
set(CPACK_DEBIAN_RUNTIME_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_DEV_PACKAGE_DEPENDS "libprotobuf-dev")
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_COMPONENT_DEV_DEPENDS runtime)
include(CPack)
