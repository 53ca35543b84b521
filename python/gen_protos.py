#!/usr/bin/env python3
"""Generates Python protobuf classes for tfpersist._proto.

usage: gen_protos.py PROTOC PROTO_ROOT OUT_DIR FILE.proto...

Runs protoc --python_out on the project's own .proto files (package
`tensorflow`, TF's paths) and rewrites their imports so the classes live in
tfpersist._proto.tensorflow.* instead of a top-level `tensorflow` package
(which would shadow a real TensorFlow install). Writes OUT_DIR/__init__.py
last (the build's stamp).
"""
import os
import re
import subprocess
import sys


def main(argv):
    protoc, root, out = argv[1], argv[2], argv[3]
    files = argv[4:]
    os.makedirs(out, exist_ok=True)
    subprocess.check_call([protoc, "--proto_path=" + root,
                           "--python_out=" + out] + files, cwd=root)
    pattern = re.compile(r"^from tensorflow\.", re.M)
    for dirpath, _, names in os.walk(out):
        if dirpath != out:
            init = os.path.join(dirpath, "__init__.py")
            if not os.path.exists(init):
                open(init, "w").close()
        for name in names:
            if not name.endswith("_pb2.py"):
                continue
            path = os.path.join(dirpath, name)
            with open(path, encoding="utf-8") as f:
                text = f.read()
            text = pattern.sub("from tfpersist._proto.tensorflow.", text)
            with open(path, "w", encoding="utf-8") as f:
                f.write(text)
    with open(os.path.join(out, "__init__.py"), "w") as f:
        f.write('"""Protobuf classes generated from tfpersist\'s proto/."""\n')
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
