/* Loads libtensorflow.so with dlopen (as Mono's P/Invoke and TF's Go/Rust
 * bindings do) and resolves every function listed in the given files (the
 * spec's client symbol lists), then calls a few through the pointers.
 * Usage: dlopen_test LIBTENSORFLOW.so LIST.txt [LIST.txt ...] */
#include <dlfcn.h>
#include <stdio.h>
#include <string.h>

typedef const char* (*version_fn)(void);
typedef void* (*new_fn)(void);
typedef void (*delete_fn)(void*);
typedef int (*code_fn)(const void*);

int main(int argc, char** argv) {
  void* lib;
  int i, resolved = 0, missing = 0;
  char line[256];
  if (argc < 3) {
    fprintf(stderr, "usage: %s LIB.so LIST.txt...\n", argv[0]);
    return 2;
  }
  lib = dlopen(argv[1], RTLD_NOW | RTLD_LOCAL);
  if (lib == NULL) {
    fprintf(stderr, "dlopen: %s\n", dlerror());
    return 1;
  }
  for (i = 2; i < argc; ++i) {
    FILE* f = fopen(argv[i], "r");
    if (f == NULL) {
      fprintf(stderr, "cannot read %s\n", argv[i]);
      return 1;
    }
    while (fgets(line, sizeof(line), f) != NULL) {
      line[strcspn(line, "\r\n")] = '\0';
      if (line[0] == '\0' || line[0] == '#') continue;
      if (dlsym(lib, line) == NULL) {
        fprintf(stderr, "unresolved: %s\n", line);
        ++missing;
      } else {
        ++resolved;
      }
    }
    fclose(f);
  }
  {
    /* Call through the resolved pointers. */
    version_fn version = (version_fn)dlsym(lib, "TF_Version");
    new_fn new_status = (new_fn)dlsym(lib, "TF_NewStatus");
    code_fn get_code = (code_fn)dlsym(lib, "TF_GetCode");
    delete_fn delete_status = (delete_fn)dlsym(lib, "TF_DeleteStatus");
    void* status;
    if (version == NULL || new_status == NULL || get_code == NULL ||
        delete_status == NULL || strncmp(version(), "2.", 2) != 0) {
      fprintf(stderr, "calling through dlsym'd pointers failed\n");
      return 1;
    }
    status = new_status();
    if (get_code(status) != 0) ++missing;
    delete_status(status);
    if (dlsym(lib, "_ZN9tfpersist6StatusC1Ev") != NULL) {
      fprintf(stderr, "an internal C++ symbol is visible\n");
      ++missing;
    }
  }
  dlclose(lib);
  printf("%d passed, %d failed\n", resolved, missing);
  return missing == 0 ? 0 : 1;
}
