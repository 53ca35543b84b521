#!/usr/bin/env python3
"""Runs the tutorial's C# program (examples/csharp/LoadFrozenGraph.cs) under
Mono on libtensorflow.so and compares it with `tfpersist run` on the same
input: frozen-tf2onnx-fc-layers fed X = linspace(1, 784, 784) as [1,784].
With --model-pb (the demo's v1 + v2 graph) it checks the printed 3 instead.

Usage:
  csharp_test.py fc MONO EXE LIBDIR TFPERSIST SHARED_DIR
  csharp_test.py add MONO EXE LIBDIR SAVE_RESTORE FREEZE_ADD
Exit 77 (skipped) without the fixtures.
"""
import os
import subprocess
import sys
import tempfile

import numpy as np


def run_csharp(mono, exe, libdir, args):
    env = dict(os.environ, LD_LIBRARY_PATH=libdir)
    out = subprocess.run([mono, exe] + args, env=env, capture_output=True,
                         text=True, timeout=300)
    if out.returncode != 0:
        print(out.stdout, out.stderr)
        raise SystemExit(f"LoadFrozenGraph.exe failed ({out.returncode})")
    lines = out.stdout.strip().splitlines()
    print(lines[0])
    return np.array([float(v) for v in lines[1:]], dtype=np.float32)


def check_fc(mono, exe, libdir, tfpersist, shared):
    model = os.path.join(shared, "fixtures/tf/frozen-tf2onnx-fc-layers/frozen.pb")
    if not os.path.exists(model):
        print(f"skipped: {model} not found")
        return 77
    got = run_csharp(mono, exe, libdir, [model, "X", "output", "1,784"])
    with tempfile.TemporaryDirectory() as tmp:
        x = np.linspace(1, 784, 784, dtype=np.float32).reshape(1, 784)
        np.save(os.path.join(tmp, "x.npy"), x)
        subprocess.run([tfpersist, "run", model, "--input",
                        "X:0=" + os.path.join(tmp, "x.npy"), "--output",
                        "output:0", "--output_dir=" + tmp], check=True,
                       capture_output=True, timeout=300)
        want = np.load(os.path.join(tmp, "output_0.npy")).astype(np.float32)
    print("C# :", got)
    print("CLI:", want.ravel())
    if got.shape != want.ravel().shape or not np.array_equal(got, want.ravel()):
        print("0 passed, 1 failed")
        return 1
    print("1 passed, 0 failed")
    return 0


def check_add(mono, exe, libdir, save_restore, freeze_add):
    with tempfile.TemporaryDirectory() as tmp:
        for prog in (save_restore, freeze_add):
            subprocess.run([prog, tmp], check=True, capture_output=True,
                           timeout=300)
        got = run_csharp(mono, exe, libdir,
                         [os.path.join(tmp, "model.pb"), "-", "add"])
    print("C#:", got)
    if got.tolist() != [3.0]:
        print("0 passed, 1 failed")
        return 1
    print("1 passed, 0 failed")
    return 0


def main():
    mode, args = sys.argv[1], sys.argv[2:]
    if mode == "fc":
        return check_fc(*args)
    return check_add(*args)


if __name__ == "__main__":
    sys.exit(main())
