#!/usr/bin/env python3
"""Print the content SHA-256 of LIBSVM files, as data.Dataset.ContentSHA256 defines it.

For each sample line in order: label (float64, little-endian), the number of
index:value pairs (uint32), then each pair as index (uint32, 1-based) and value
(float64); -0 is written as +0. Comments ('#' to the end of the line), blank
lines and qid:N are not part of the content. The file is assumed to be valid
LIBSVM text (the Go reader checks that); this script only re-derives the digest.

    /usr/bin/python3 data/testdata/content_sha256.py ../shared/data/a9a ../shared/data/a9a.t
"""
import hashlib
import struct
import sys


def f64(x):
    return struct.pack("<d", 0.0 if x == 0 else x)


def content_sha256(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for line in f:
            tokens = line.split(b"#", 1)[0].split()
            if not tokens:
                continue
            pairs = [t.split(b":", 1) for t in tokens[1:] if not t.startswith(b"qid:")]
            h.update(f64(float(tokens[0])) + struct.pack("<I", len(pairs)))
            for index, value in pairs:
                h.update(struct.pack("<I", int(index)) + f64(float(value)))
    return h.hexdigest()


if __name__ == "__main__":
    for p in sys.argv[1:]:
        print(content_sha256(p), p)
