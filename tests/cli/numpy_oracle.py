"""Prints tensors the way TF's inspect_checkpoint --all_tensors does.

Usage: numpy_oracle.py MANIFEST, where each manifest line is
name<TAB>numpy dtype<TAB>comma-separated shape<TAB>raw file; raw files hold
the elements in C order (strings: an 8-byte little-endian length, then the
bytes, per element). The test compares this with `tfpersist`'s output.
"""
import struct
import sys

import numpy as np


def load(dtype, shape, raw):
    if dtype != "bytes":
        return np.frombuffer(raw, dtype=dtype).reshape(shape)
    values, i = [], 0
    while i < len(raw):
        (n,) = struct.unpack("<Q", raw[i:i + 8])
        values.append(raw[i + 8:i + 8 + n])
        i += 8 + n
    arr = np.empty(len(values), dtype=object)
    arr[:] = values
    return arr.reshape(shape)


def main(manifest):
    with open(manifest) as f:
        for line in f:
            name, dtype, shape, path = line.rstrip("\n").split("\t")
            shape = tuple(int(d) for d in shape.split(",") if d)
            with open(path, "rb") as raw:
                arr = load(dtype, shape, raw.read())
            print("tensor_name: ", name)
            print(arr)


if __name__ == "__main__":
    main(sys.argv[1])
