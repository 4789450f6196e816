#!/usr/bin/env python3
"""The site's benchmark (run by scripts/bench, after a release build): sizes, and Lighthouse
against a baseline measured in the same run, then the navigation and search benchmarks
(bench/navigate.mjs, bench/search.mjs) against the same server, and the profile of one navigation
and one page load (bench/profile.mjs) on a copy of the site that keeps the Wasm's names.

For the home, an event, a programme and a session page, Lighthouse (mobile preset, Debian
Chromium) runs three times on our page and three times on the baseline, alternating: the same
prerendered HTML and CSS with every script removed. Both are served as in production: by nginx
with deploy/nginx.conf (scripts/nginx-serve), precompressed files sent as they are. Load on these
2-core machines moves Lighthouse's numbers a lot, so medians are reported, and our LCP is
divided by the baseline's. Writes BENCHMARKS.md and prints it.

BENCH_VIEWPORT=1440x900 measures at that width instead of a phone's (the programme is a grid from
1024 px): Lighthouse lays the page out at that size on a desktop form factor but keeps the mobile
preset's throttling (4x CPU, slow 4G), so its TBT is held to the same budget; the navigation and
profile scripts use the same viewport. BENCH_PAGES=event,programme limits the pages. The report
goes to BENCHMARKS-<viewport>.md then.

With the service worker and without it (issue 23): where dist-noworker/ is built (scripts/bench
builds it with SITE_OFFLINE=0: the same site without the worker and the manifest), the home and
the programme also run on it, alternating with ours and the baseline in the same run, so the
worker's cost on a first visit is read from one run. BENCH_PARTS=lighthouse leaves out the
navigation, search and profile parts (default: all of them).
"""

import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
DIST = os.path.join(ROOT, "dist")
# The same site with the Wasm's names kept, for the CPU profile (bench/profile.mjs).
PROFILE_DIST = os.path.join(ROOT, "dist-profile")
# The same site built without the service worker (SITE_OFFLINE=0), for its cost.
NOWORKER_DIST = os.path.join(ROOT, "dist-noworker")
WORKER_PAGES = ("home", "programme")
PARTS = os.environ.get("BENCH_PARTS", "lighthouse,navigate,search,profile").split(",")
LIGHTHOUSE = os.path.join(ROOT, "bench", "node_modules", ".bin", "lighthouse")
NGINX_SERVE = os.path.join(ROOT, "scripts", "nginx-serve")
PAGES = [
    ("home", "/"),
    ("event", "/istiocon-2022/"),
    ("programme", "/istiocon-2022/programme/"),
    ("session", "/istiocon-2022/sessions/a3/"),
]
RUNS = int(os.environ.get("BENCH_RUNS", "3"))
VIEWPORT = os.environ.get("BENCH_VIEWPORT", "")
if VIEWPORT:
    WIDTH, HEIGHT = (int(n) for n in VIEWPORT.split("x"))
    SCREEN = [f"--screenEmulation.width={WIDTH}", f"--screenEmulation.height={HEIGHT}", "--screenEmulation.mobile=false",
              "--screenEmulation.deviceScaleFactor=1", "--formFactor=desktop"]
else:
    SCREEN = []
if os.environ.get("BENCH_PAGES"):
    PAGES = [p for p in PAGES if p[0] in os.environ["BENCH_PAGES"].split(",")]
CHROME_FLAGS = (
    "--headless=new --no-sandbox --disable-gpu --disable-quic --no-first-run "
    "--disable-background-networking --disable-component-update --disable-sync"
)
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
METRICS = [
    ("FCP", "first-contentful-paint", "ms"),
    ("LCP", "largest-contentful-paint", "ms"),
    ("TBT", "total-blocking-time", "ms"),
    ("CLS", "cumulative-layout-shift", ""),
]


def baseline_site(tmp: str) -> str:
    """The whole site with every <script> removed (bench/script-free.py): a plain static HTML
    site of the same pages, precompressed and served like ours."""
    out = os.path.join(tmp, "baseline")
    subprocess.run([sys.executable, os.path.join(ROOT, "bench", "script-free.py"), DIST, out], check=True)
    return out


def serve(directory: str, port: int) -> subprocess.Popen:
    proc = subprocess.Popen([NGINX_SERVE, directory, str(port), str(port + 50)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    for _ in range(50):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=1)
            return proc
        except OSError:
            time.sleep(0.1)
    proc.kill()
    raise SystemExit(f"the server on port {port} did not start")


def lighthouse(url: str, out: str) -> dict:
    env = {**os.environ, "CHROME_PATH": "/usr/bin/chromium"}
    subprocess.run(
        [LIGHTHOUSE, url, "--quiet", "--output=json", f"--output-path={out}", f"--only-categories={','.join(CATEGORIES)}",
         f"--chrome-flags={CHROME_FLAGS}", *SCREEN],
        env=env, check=True, timeout=240,
    )
    with open(out, encoding="utf-8") as f:
        report = json.load(f)
    result = {c: round((report["categories"][c]["score"] or 0) * 100) for c in CATEGORIES}
    for name, audit, _ in METRICS:
        result[name] = report["audits"][audit]["numericValue"]
    return result


def median(runs: list, key: str) -> float:
    return statistics.median(r[key] for r in runs)


def main() -> int:
    if not os.path.isfile(os.path.join(DIST, "index.html")):
        print("error: no dist/: run scripts/build first", file=sys.stderr)
        return 2
    sizes = subprocess.run([sys.executable, os.path.join(ROOT, "scripts", "size.py"), "--report"], capture_output=True, text=True, check=True).stdout

    tmp = tempfile.mkdtemp(prefix="bench-")
    ours, base = serve(DIST, 4301), serve(baseline_site(tmp), 4302)
    noworker = serve(NOWORKER_DIST, 4304) if os.path.isfile(os.path.join(NOWORKER_DIST, "index.html")) else None
    results = {}
    node = {"navigate": "(not measured: BENCH_PARTS)", "search": "(not measured: BENCH_PARTS)", "profile": "(not measured: BENCH_PARTS)"}
    try:
        for name, url in PAGES:
            runs = {"ours": [], "baseline": [], "noworker": []}
            kinds = [("ours", 4301), ("baseline", 4302)]
            if noworker and name in WORKER_PAGES:
                kinds.append(("noworker", 4304))
            for i in range(RUNS):
                for kind, port in kinds:
                    r = lighthouse(f"http://127.0.0.1:{port}{url}", os.path.join(tmp, f"{name}-{kind}-{i}.json"))
                    runs[kind].append(r)
                    print(f"{name} {kind} run {i + 1}: performance {r['performance']}, LCP {r['LCP']:.0f} ms", file=sys.stderr)
            results[name] = runs
        # Navigation (click -> next route painted) and the programme search, on the same server.
        for name in [n for n in ("navigate", "search") if n in PARTS]:
            script = os.path.join(ROOT, "bench", f"{name}.mjs")
            args = ["node", script, "http://127.0.0.1:4301", "http://127.0.0.1:4302"]
            node[name] = subprocess.run(args, capture_output=True, text=True, check=True, timeout=1800).stdout
            print(node[name], file=sys.stderr)
        # Where the time goes, on the copy that keeps the Wasm's names (dist-profile/).
        if "profile" not in PARTS:
            pass
        elif os.path.isfile(os.path.join(PROFILE_DIST, "index.html")):
            named = serve(PROFILE_DIST, 4303)
            try:
                args = ["node", os.path.join(ROOT, "bench", "profile.mjs"), "http://127.0.0.1:4303"]
                node["profile"] = subprocess.run(args, capture_output=True, text=True, check=True, timeout=600).stdout
            finally:
                named.terminate()
                named.wait(timeout=10)
        else:
            node["profile"] = "(no dist-profile/: `WASM_NAMES=1 DIST_DIR=dist-profile scripts/build` makes it)"
        print(node["profile"], file=sys.stderr)
    finally:
        for server in (ours, base, noworker):
            if server:
                server.terminate()
                server.wait(timeout=10)
        shutil.rmtree(tmp, ignore_errors=True)

    lines = [
        "# Benchmarks",
        "",
        f"Measured by `scripts/bench` on {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, on this project's 2-core machine.",
        f"Lighthouse 12 (mobile preset, Debian Chromium{f', laid out at {VIEWPORT} on a desktop form factor with the mobile throttling' if VIEWPORT else ''}), {RUNS} runs per page alternating with the baseline; medians.",
        "Baseline: the same prerendered page with every script removed. Both served by nginx with deploy/nginx.conf (brotli).",
        "",
        "## Sizes",
        "",
        sizes.strip(),
        "",
        "## Lighthouse",
        "",
        "| page | performance | accessibility | best practices | SEO | FCP ms | LCP ms | TBT ms | CLS | baseline LCP ms | LCP / baseline |",
        "|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for name, runs in results.items():
        o, b = runs["ours"], runs["baseline"]
        ratio = median(o, "LCP") / max(median(b, "LCP"), 1)
        lines.append(
            f"| {name} | {median(o, 'performance'):.0f} | {median(o, 'accessibility'):.0f} | {median(o, 'best-practices'):.0f} | "
            f"{median(o, 'seo'):.0f} | {median(o, 'FCP'):.0f} | {median(o, 'LCP'):.0f} | {median(o, 'TBT'):.0f} | "
            f"{median(o, 'CLS'):.3f} | {median(b, 'LCP'):.0f} | {ratio:.2f} |"
        )
    with_without = [(name, runs) for name, runs in results.items() if runs["noworker"]]
    if with_without:
        lines += [
            "",
            "### With and without the service worker",
            "",
            "The same pages built without the worker and the manifest (dist-noworker/, SITE_OFFLINE=0), measured in the",
            "same run, alternating: a first visit registers the worker after the page is live, then the worker precaches",
            "the app shell.",
            "",
            "| page | LCP ms with | LCP ms without | TBT ms with | TBT ms without | FCP ms with | FCP ms without | performance with | without |",
            "|---|---|---|---|---|---|---|---|---|",
        ]
        for name, runs in with_without:
            o, n = runs["ours"], runs["noworker"]
            lines.append(
                f"| {name} | {median(o, 'LCP'):.0f} | {median(n, 'LCP'):.0f} | {median(o, 'TBT'):.0f} | {median(n, 'TBT'):.0f} | "
                f"{median(o, 'FCP'):.0f} | {median(n, 'FCP'):.0f} | {median(o, 'performance'):.0f} | {median(n, 'performance'):.0f} |"
            )
    lines += [
        "",
        "Targets (issue 21): accessibility, best practices and SEO 100; LCP at most 1.10 × the baseline, CLS 0",
        "and TBT at most 100 ms on every page type.",
        "",
        "## Navigation inside the app",
        "",
        node["navigate"].strip(),
        "",
        "## Programme search",
        "",
        node["search"].strip(),
        "",
        "## Where the main thread's time goes",
        "",
        node["profile"].strip(),
        "",
    ]
    text = "\n".join(lines)
    out = os.path.join(ROOT, f"BENCHMARKS-{VIEWPORT}.md" if VIEWPORT else "BENCHMARKS.md")
    # What people wrote below the marker (comparisons with earlier runs, what stands in the way
    # of a target) is theirs: a new run replaces the measurements above it, not that.
    try:
        with open(out, encoding="utf-8") as f:
            kept = f.read().partition(NOTES_MARKER)[2]
    except FileNotFoundError:
        kept = ""
    if kept:
        text = text.rstrip("\n") + "\n\n" + NOTES_MARKER + kept
    with open(out, "w", encoding="utf-8") as f:
        f.write(text)
    print(text)
    return 0


# Where the hand-written notes of BENCHMARKS.md begin; scripts/bench keeps everything after it.
NOTES_MARKER = "<!-- notes: written by hand, kept by scripts/bench -->"

if __name__ == "__main__":
    sys.exit(main())
