#!/usr/bin/env python3
"""Sizes of the built site against its budget, from dist/ as scripts/build left it.

Prints, in KB (1000 bytes) compressed with brotli -q 11 and gzip -9:
  - the app's Wasm bundle and its JS glue (there must be exactly one of each);
  - per page type, the bytes a first visit downloads (HTML with its inlined CSS and the data
    it hands over, JS, Wasm; no data file is fetched) and the HTML+CSS needed before first
    paint.
Exits 1 when a budget is exceeded, naming it; `--report` only prints.

Budgets: HTML+CSS before first paint <= 14 KB brotli (one TCP initial window): the page up to
the data it hands over to the app (`<script id="page-data">`, last in <body>), which only the
Wasm reads, after the first paint. The Wasm and the first visit are held to ceilings at the sizes
the one hydrated app has reached (the target is 300 KB Wasm and 330 KB first visit, then 200 KB;
README "Size and speed" says what stands in the way), so they cannot grow unnoticed.
"""

import glob
import gzip
import os
import re
import subprocess
import sys

# DIST_DIR, as scripts/build takes it, measures another build.
DIST = os.environ.get("DIST_DIR") or os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "dist")
PAGES = [
    ("home", "index.html"),
    ("event", "istiocon-2022/index.html"),
    ("programme", "istiocon-2022/programme/index.html"),
    ("tracks", "istiocon-2022/tracks/index.html"),
    ("session", "istiocon-2022/sessions/a3/index.html"),
    ("agenda", "istiocon-2022/agenda/index.html"),
    ("register", "istiocon-2022/register/index.html"),
    ("speaker", "speakers/lin-sun/index.html"),
    ("404", "404.html"),
]
# Ceilings a little above what the build reaches, so a regression fails CI; lower them when a
# change makes the site smaller. They were 355,000 / 378,000 / 11,700 with printing (Wasm
# 353,380 B); issue 22's schedule grid took the Wasm to 367,344 B (+13.9 KB) and the
# programme's first paint to 12.8 KB (its placement classes and grid rules), its photos
# (measured alone on their branch: 361,783 B, +8.4 KB) to 372,521 B together (2026-12-07).
# That is over the "under the size budgets": raised here so the check keeps guarding
# against the next regression, not to call the budget met (the note on issue 22 says so).
# Issue 23's service worker support in the app (registration, the update banner, "Save for
# offline" with its progress: src/offline.rs, components/offline.rs) took the Wasm from
# 373.0 KB to 382.4 KB brotli (+9.4 KB, not yet profiled for what in it costs most), 2026-12-07.
WASM_BUDGET, FIRST_VISIT_BUDGET, FIRST_PAINT_BUDGET = 383_500, 408_000, 13_100
# The service worker (issue 23: at most 15 KB brotli), when the build made one (SITE_OFFLINE=0
# makes none). It is fetched after the page is live, so it is not part of the first visit.
WORKER_BUDGET = 15_000


_BROTLI: dict[bytes, int] = {}


def brotli(data: bytes) -> int:
    """Brotli size of `data` (each distinct input compressed once: every page loads the same Wasm)."""
    if data not in _BROTLI:
        _BROTLI[data] = len(subprocess.run(["brotli", "-c", "-q", "11"], input=data, capture_output=True, check=True).stdout)
    return _BROTLI[data]


def gz(data: bytes) -> int:
    return len(gzip.compress(data, 9))


def read(path: str) -> bytes:
    with open(path, "rb") as f:
        return f.read()


def kb(n: int) -> str:
    return f"{n / 1000:.1f}"


def loads(html: bytes) -> tuple[str, str] | None:
    """The JS and Wasm files a page's script loads (None for a page without the app)."""
    m = re.search(rb"import\('/([^']+\.js)'\).*?module_or_path: ?'/([^']+\.wasm)'", html)
    return (m.group(1).decode(), m.group(2).decode()) if m else None


def main() -> int:
    report_only = "--report" in sys.argv
    wasm_files = glob.glob(os.path.join(DIST, "*.wasm"))
    if not wasm_files:
        print("error: no Wasm in dist/: run scripts/build first", file=sys.stderr)
        return 2
    if len(wasm_files) > 1:
        print(f"error: {len(wasm_files)} Wasm files in dist/ (one app, one bundle): {sorted(wasm_files)}", file=sys.stderr)
        return 1
    over = []
    # The app's Wasm and its script, as the pages name them: every page that starts the app
    # names the same two files.
    named = {tuple(files) for page in glob.glob(os.path.join(DIST, "**", "index.html"), recursive=True) if (files := loads(read(page)))}
    if len(named) != 1:
        print(f"error: the pages name {len(named)} different app files (one app, one bundle): {sorted(named)}", file=sys.stderr)
        return 1
    js_name, wasm_name = next(iter(named))
    wasm, js_br = read(os.path.join(DIST, wasm_name)), brotli(read(os.path.join(DIST, js_name)))
    print("| the app | Wasm raw | Wasm gzip | Wasm brotli | JS brotli |")
    print("|---|---|---|---|---|")
    print(f"| {wasm_name} | {kb(len(wasm))} KB | {kb(gz(wasm))} KB | {kb(brotli(wasm))} KB | {kb(js_br)} KB |")
    print()
    print("| page | Wasm (brotli) | HTML+CSS before its data (first paint) | whole HTML with its data | first visit (HTML+JS+Wasm) |")
    print("|---|---|---|---|---|")
    for name, path in PAGES:
        html = read(os.path.join(DIST, path))
        before_data = html.split(b'<script id="page-data"', 1)[0]
        html_br, paint_br = brotli(html), brotli(before_data)
        files = loads(html)
        # The 404 page starts no app: it is all a visitor downloads.
        wasm_br = brotli(read(os.path.join(DIST, files[1]))) if files else 0
        js_br = brotli(read(os.path.join(DIST, files[0]))) if files else 0
        visit = html_br + js_br + wasm_br
        print(f"| {name} | {kb(wasm_br)} KB | {kb(paint_br)} KB | {kb(html_br)} KB | {kb(visit)} KB |")
        if wasm_br > WASM_BUDGET:
            over.append(f"{name}: Wasm {kb(wasm_br)} KB > {kb(WASM_BUDGET)} KB")
        if paint_br > FIRST_PAINT_BUDGET:
            over.append(f"{name}: HTML+CSS before its data {kb(paint_br)} KB > {kb(FIRST_PAINT_BUDGET)} KB")
        if visit > FIRST_VISIT_BUDGET:
            over.append(f"{name}: first visit {kb(visit)} KB > {kb(FIRST_VISIT_BUDGET)} KB")
    print()
    worker = os.path.join(DIST, "sw.js")
    if os.path.isfile(worker):
        worker_br = brotli(read(worker))
        print(f"| the service worker | raw | brotli |\n|---|---|---|\n| sw.js | {kb(len(read(worker)))} KB | {kb(worker_br)} KB |\n")
        if worker_br > WORKER_BUDGET:
            over.append(f"service worker {kb(worker_br)} KB > {kb(WORKER_BUDGET)} KB")
    if over:
        print("over budget: " + "; ".join(over))
        return 0 if report_only else 1
    print("within budget")
    return 0


if __name__ == "__main__":
    sys.exit(main())
