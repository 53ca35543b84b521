#!/usr/bin/env python3
"""Writes the seed corpus of each fuzz target, built from the TF fixtures in
../shared (read there, never copied into the project), into OUT/<target>/.

Usage: fuzz_seeds.py SHARED_DIR OUT_DIR

Multi-file targets get the length-prefixed layout of fuzz/fuzz_util.h:
[u32 little-endian length][part] ... with the last part unprefixed."""
import glob
import os
import struct
import sys


def read(path):
    with open(path, "rb") as f:
        return f.read()


def packed(*parts):
    out = b""
    for p in parts[:-1]:
        out += struct.pack("<I", len(p)) + p
    return out + parts[-1]


def main():
    shared, out = sys.argv[1], sys.argv[2]
    tf = os.path.join(shared, "fixtures", "tf")
    seeds = {name: [] for name in (
        "graph_def_fuzzer", "bundle_fuzzer", "bundle_fixed_crc_fuzzer",
        "v1_checkpoint_fuzzer", "checkpoint_state_fuzzer", "npy_fuzzer",
        "meta_graph_fuzzer", "saved_model_fuzzer", "tensor_proto_fuzzer")}
    small = lambda p: os.path.getsize(p) <= (1 << 20)  # noqa: E731
    for pb in sorted(glob.glob(f"{tf}/*/*.pb")):
        if small(pb) and "saved_model" not in pb:
            seeds["graph_def_fuzzer"].append(read(pb))
    for index in sorted(glob.glob(f"{tf}/*/*.index") +
                        glob.glob(f"{tf}/*/*/*/*.index")):
        prefix = index[:-len(".index")]
        data = prefix + ".data-00000-of-00001"
        if os.path.exists(data) and small(data):
            both = packed(read(index), read(data))
            seeds["bundle_fuzzer"].append(both)
            seeds["bundle_fixed_crc_fuzzer"].append(both)
    for d in sorted(glob.glob(f"{tf}/ckpt-v1-*")):
        for f in sorted(os.listdir(d)):
            p = os.path.join(d, f)
            v1 = f == "model.ckpt" or (f.startswith("export")
                                       and not f.endswith(".meta"))
            if v1 and small(p):
                seeds["v1_checkpoint_fuzzer"].append(read(p))
    for p in sorted(glob.glob(f"{tf}/*/checkpoint")):
        seeds["checkpoint_state_fuzzer"].append(read(p))
    for p in sorted(glob.glob(f"{tf}/*/*.npy")):
        if small(p):
            seeds["npy_fuzzer"].append(read(p))
    for p in sorted(glob.glob(f"{tf}/*/*.meta")):
        if small(p):
            seeds["meta_graph_fuzzer"].append(read(p))
    for pb in sorted(glob.glob(f"{tf}/savedmodel-*/**/saved_model.pb",
                               recursive=True)):
        d = os.path.dirname(pb)
        index = os.path.join(d, "variables", "variables.index")
        data = os.path.join(d, "variables",
                            "variables.data-00000-of-00001")
        parts = [read(pb), b"", b""]
        if os.path.exists(index) and os.path.exists(data) and small(data):
            parts[1:] = [read(index), read(data)]
        if small(pb):
            seeds["saved_model_fuzzer"].append(packed(*parts))
    # TensorProtos: the "value" attrs of Const nodes would need a protobuf
    # parser here; a few hand-made encodings cover the field layout instead.
    seeds["tensor_proto_fuzzer"] += [
        bytes([0x08, 0x01, 0x12, 0x04, 0x12, 0x02, 0x08, 0x02,
               0x2a, 0x08]) + struct.pack("<2f", 1.5, -2.0),   # float [2]
        bytes([0x08, 0x03, 0x12, 0x00, 0x38, 0x07]),           # int32 scalar
        bytes([0x08, 0x07, 0x12, 0x00, 0x42, 0x02]) + b"ab",  # string scalar
    ]
    for name, items in seeds.items():
        d = os.path.join(out, name)
        os.makedirs(d, exist_ok=True)
        for i, item in enumerate(items):
            with open(os.path.join(d, f"seed{i:03d}"), "wb") as f:
                f.write(item)
        print(f"{name}: {len(items)} seeds")


if __name__ == "__main__":
    main()
