#!/usr/bin/env python3
"""Sizes of the built site against its budget (issue 3), from dist/ as scripts/build left it.

Prints, in KB (1000 bytes) compressed with brotli -q 11 and gzip -9:
  - the Wasm and the JS glue;
  - per page type, the bytes a first visit downloads (HTML with its inlined CSS and page data,
    JS, Wasm, and any data file the page fetches before it is interactive: none when
    prerendered) and the HTML+CSS needed before first paint.
Exits 1 when a budget is exceeded, naming it; `--report` only prints.

Budgets: Wasm <= 110 KB brotli; first visit <= 140 KB brotli; HTML+CSS before first paint
<= 14 KB brotli (one TCP initial window).
"""

import glob
import gzip
import os
import subprocess
import sys

DIST = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "dist")
PAGES = [
    ("home", "index.html"),
    ("event", "istiocon-2022/index.html"),
    ("programme", "istiocon-2022/programme/index.html"),
    ("tracks", "istiocon-2022/tracks/index.html"),
    ("session", "istiocon-2022/sessions/a3/index.html"),
    ("register", "istiocon-2022/register/index.html"),
    ("speaker", "speakers/lin-sun/index.html"),
    ("404", "404.html"),
]
WASM_BUDGET, FIRST_VISIT_BUDGET, FIRST_PAINT_BUDGET = 110_000, 140_000, 14_000


def brotli(data: bytes) -> int:
    return len(subprocess.run(["brotli", "-c", "-q", "11"], input=data, capture_output=True, check=True).stdout)


def gz(data: bytes) -> int:
    return len(gzip.compress(data, 9))


def read(path: str) -> bytes:
    with open(path, "rb") as f:
        return f.read()


def kb(n: int) -> str:
    return f"{n / 1000:.1f}"


def main() -> int:
    report_only = "--report" in sys.argv
    wasm_files = [p for p in glob.glob(os.path.join(DIST, "*.wasm"))]
    js_files = [p for p in glob.glob(os.path.join(DIST, "*.js"))]
    if not wasm_files or not js_files:
        print("error: no Wasm or JS in dist/: run scripts/build first", file=sys.stderr)
        return 2
    wasm, js = read(max(wasm_files, key=os.path.getsize)), read(max(js_files, key=os.path.getsize))
    wasm_br, js_br = brotli(wasm), brotli(js)
    print(f"Wasm: {kb(len(wasm))} KB raw, {kb(gz(wasm))} KB gzip, {kb(wasm_br)} KB brotli (budget {kb(WASM_BUDGET)})")
    print(f"JS:   {kb(len(js))} KB raw, {kb(gz(js))} KB gzip, {kb(js_br)} KB brotli")
    print()
    print("| page | HTML+CSS brotli (first paint) | first visit brotli (HTML+JS+Wasm) |")
    print("|---|---|---|")
    over = []
    if wasm_br > WASM_BUDGET:
        over.append(f"Wasm {kb(wasm_br)} KB > {kb(WASM_BUDGET)} KB")
    for name, path in PAGES:
        html = read(os.path.join(DIST, path))
        html_br = brotli(html)
        # The 404 page starts no app: it is all a visitor downloads.
        visit = html_br if name == "404" else html_br + js_br + wasm_br
        print(f"| {name} | {kb(html_br)} KB | {kb(visit)} KB |")
        if html_br > FIRST_PAINT_BUDGET:
            over.append(f"{name}: HTML+CSS {kb(html_br)} KB > {kb(FIRST_PAINT_BUDGET)} KB")
        if visit > FIRST_VISIT_BUDGET:
            over.append(f"{name}: first visit {kb(visit)} KB > {kb(FIRST_VISIT_BUDGET)} KB")
    print()
    if over:
        print("over budget: " + "; ".join(over))
        return 0 if report_only else 1
    print("within budget")
    return 0


if __name__ == "__main__":
    sys.exit(main())
