#!/usr/bin/env python3
"""Checks that every #include respects the layer map in docs/layers.md.

A file in src/<layer>/ (or include/tfpersist/<layer>/) may include headers of
its own layer and of the layers listed for it below. The Python extension
(python/src/) may include only public headers ("tfpersist/<layer>/..." from
include/), never src/ internals. Tests, benches, examples and tools outside
src/ may include anything. Exit 1 on a violation.
"""
import os
import re
import sys

# layer -> layers it may include (besides itself). Mirrors docs/layers.md.
ALLOWED = {
    "base": set(),
    "core": {"base"},
    "io": {"base", "core"},
    "graph": {"base", "core"},
    "runtime": {"base", "core", "graph", "io"},  # io: kernels/io/ only
    "train": {"base", "core", "io", "graph", "runtime"},
    "tools": {"base", "core", "io", "graph", "runtime", "train"},
    "c_api": {"base", "core", "io", "graph", "runtime", "train", "tools"},
}
LAYERS = set(ALLOWED)
INCLUDE = re.compile(r'#include\s+"(?:tfpersist/)?([a-z_]+)/')
INTERNAL_INCLUDE = re.compile(r'#include\s+"([a-z_]+)/')


def layer_of(path):
    parts = path.split(os.sep)
    if parts[0] == "src" and len(parts) > 2 and parts[1] in LAYERS:
        return parts[1]
    if parts[:2] == ["include", "tfpersist"] and len(parts) > 3 and parts[2] in LAYERS:
        return parts[2]
    return None


def check_python():
    """python/src/ may use include/tfpersist only (docs/layers.md)."""
    bad = []
    for dirpath, _, files in os.walk(os.path.join("python", "src")):
        for f in files:
            if not f.endswith((".h", ".cc")):
                continue
            path = os.path.join(dirpath, f)
            with open(path, encoding="utf-8") as fh:
                for n, line in enumerate(fh, 1):
                    m = INTERNAL_INCLUDE.match(line.strip())
                    if m and m.group(1) in LAYERS:
                        bad.append(f"{path}:{n}: python may include only "
                                   f"public headers (tfpersist/...), not "
                                   f"'{m.group(1)}/'")
    return bad


def main():
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    os.chdir(root)
    bad = []
    for top in ("src", "include"):
        for dirpath, _, files in os.walk(top):
            for f in files:
                if not f.endswith((".h", ".cc")):
                    continue
                path = os.path.join(dirpath, f)
                layer = layer_of(path)
                if layer is None:
                    continue
                with open(path, encoding="utf-8") as fh:
                    for n, line in enumerate(fh, 1):
                        m = INCLUDE.match(line.strip())
                        if not m or m.group(1) not in LAYERS:
                            continue
                        dep = m.group(1)
                        if dep == layer or dep in ALLOWED[layer]:
                            if (layer == "runtime" and dep == "io" and
                                    "kernels/io" not in path):
                                bad.append(f"{path}:{n}: only runtime/kernels/io may include io/")
                            continue
                        bad.append(f"{path}:{n}: layer '{layer}' may not include '{dep}/'")
    bad.extend(check_python())
    for b in bad:
        print(b)
    if bad:
        print(f"check_layers: {len(bad)} include(s) break docs/layers.md")
        return 1
    print("check_layers: all includes follow docs/layers.md")
    return 0


if __name__ == "__main__":
    sys.exit(main())
