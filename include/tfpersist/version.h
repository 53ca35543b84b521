// The tfpersist version: the single source of truth (CMakeLists.txt reads
// it from here for the package version, the .so version and tfpersist.pc).

#ifndef TFPERSIST_VERSION_H_
#define TFPERSIST_VERSION_H_

#define TFPERSIST_VERSION_MAJOR 0
#define TFPERSIST_VERSION_MINOR 2
#define TFPERSIST_VERSION_PATCH 0
// "MAJOR.MINOR.PATCH"
#define TFPERSIST_VERSION_STRING "0.2.0"
// Comparable: MAJOR * 10000 + MINOR * 100 + PATCH.
#define TFPERSIST_VERSION                                          \
  (TFPERSIST_VERSION_MAJOR * 10000 + TFPERSIST_VERSION_MINOR * 100 + \
   TFPERSIST_VERSION_PATCH)

// The TensorFlow release whose file formats and op registrations the graphs
// we write follow (see tfpersist/graph/tf_version.h for the GraphDef
// producer numbers).
#define TFPERSIST_TF_COMPAT_VERSION_STRING "1.15.0"

#endif  // TFPERSIST_VERSION_H_
