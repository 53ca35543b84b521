#!/usr/bin/env python3
"""Checks libtensorflow.so's dynamic symbol table with `nm -D --defined-only`:
every function of the spec's client symbol lists (and every function the
spec names, and every function our headers declare) is exported as code,
and nothing but TF_*/TFE_* symbols is exported.

Usage: symbols_test.py LIBTENSORFLOW.so INCLUDE_DIR LIST.txt [LIST.txt ...]
"""
import glob
import os
import re
import subprocess
import sys


def read_list(path):
    with open(path, encoding="utf-8") as f:
        return [l.strip() for l in f if l.strip() and not l.startswith("#")]


def main():
    lib, include_dir, lists = sys.argv[1], sys.argv[2], sys.argv[3:]
    out = subprocess.run(["nm", "-D", "--defined-only", lib], check=True,
                         capture_output=True, text=True).stdout
    exported = {}
    for line in out.splitlines():
        parts = line.split()
        if len(parts) >= 3:
            exported[parts[2]] = parts[1]
    errors = []
    for name, kind in sorted(exported.items()):
        if not re.match(r"^TFE?_", name):
            errors.append(f"exported symbol outside the C API: {name} ({kind})")
    wanted = set()
    for path in lists:
        wanted.update(read_list(path))
    headers = ""
    for h in glob.glob(os.path.join(include_dir, "tensorflow", "**", "*.h"),
                       recursive=True):
        with open(h, encoding="utf-8") as f:
            headers += f.read()
    declared = set(re.findall(
        r"TF_CAPI_EXPORT extern [^;]*?\b(TFE?_[A-Za-z0-9]+)\(", headers, re.S))
    for name in sorted(wanted | declared):
        if exported.get(name) != "T":
            errors.append(f"not exported as a function: {name}")
    for e in errors:
        print(e)
    print(f"{len(exported)} exported symbols; {len(wanted)} from the lists, "
          f"{len(declared)} declared in headers")
    if errors:
        print(f"0 passed, {len(errors)} failed")
        return 1
    print(f"{len(wanted | declared)} passed, 0 failed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
