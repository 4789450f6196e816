#!/usr/bin/env python3
"""Makes the benchmarks' baseline: a copy of a built site with every <script> removed from its
pages (the same prerendered HTML and CSS, read as a plain static site), precompressed like the
site so that nginx serves both alike. Other files are linked, not copied.

Usage: bench/script-free.py DIST OUT
"""
import os
import re
import shutil
import subprocess
import sys

src, out = sys.argv[1], sys.argv[2]
shutil.rmtree(out, ignore_errors=True)
for folder, _, files in os.walk(src):
    target = os.path.join(out, os.path.relpath(folder, src))
    os.makedirs(target, exist_ok=True)
    for name in files:
        path = os.path.join(folder, name)
        if name.endswith(".html"):
            with open(path, encoding="utf-8") as f:
                html = re.sub(r"<script\b.*?</script>", "", f.read(), flags=re.S)
            dst = os.path.join(target, name)
            with open(dst, "w", encoding="utf-8") as f:
                f.write(html)
            subprocess.run(["brotli", "-f", "-q", "11", "-o", dst + ".br", dst], check=True)
            subprocess.run(["gzip", "-f", "-k", "-9", dst], check=True)
        elif not name.endswith((".html.br", ".html.gz")):
            os.symlink(os.path.abspath(path), os.path.join(target, name))
