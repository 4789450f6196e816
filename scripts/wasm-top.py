#!/usr/bin/env python3
"""Where the Wasm's bytes go, by crate: reads the code section and the name section of the
wasm-bindgen input Cargo leaves in the target dir (before wasm-opt, which strips the names), and
prints the crates whose functions take the most bytes, and the largest functions (a small
twiggy `top` for a report, not a test). Sizes are raw bytes of function bodies before wasm-opt.

Usage: scripts/wasm-top.py [WASM] [N]   (default: the release build of the app, 10 rows)
"""
import os
import re
import sys


def leb(data, i):
    result = shift = 0
    while True:
        b = data[i]
        i += 1
        result |= (b & 0x7F) << shift
        shift += 7
        if b < 0x80:
            return result, i


def sections(data):
    i = 8
    while i < len(data):
        sid = data[i]
        size, i = leb(data, i + 1)
        yield sid, data[i:i + size]
        i += size


def crate_of(name):
    """The first path segment of a Rust symbol (legacy mangling or already demangled)."""
    m = re.match(r"_ZN(\d+)", name)
    if m:
        n = int(m.group(1))
        crate = name[len(m.group(0)):len(m.group(0)) + n]
        if crate.startswith("_$LT$"):
            # A trait impl, `<Type as Trait>::f`: the first crate path named in it.
            path = re.search(r"([a-z_][a-z0-9_]*)\.\.", crate) or re.search(r"([a-z_][a-z0-9_]*)\.\.", name)
            crate = path.group(1) if path else "(impl)"
    else:
        name = name.lstrip("<&*( ")
        crate = re.split(r"::|<| |\[", name)[0] or name
    crate = re.sub(r"\$.*", "", crate)
    return crate or "(unnamed)"


def main():
    target = os.environ.get("CARGO_TARGET_DIR", os.path.expanduser("~/.cache/istio-events/target"))
    path = sys.argv[1] if len(sys.argv) > 1 else os.path.join(target, "wasm32-unknown-unknown/release/istio-events-site.wasm")
    rows = int(sys.argv[2]) if len(sys.argv) > 2 else 10
    data = open(path, "rb").read()
    imported = 0
    bodies = []
    names = {}
    data_bytes = 0
    for sid, body in sections(data):
        if sid == 2:  # imports: functions among them shift the indices of the code section
            count, i = leb(body, 0)
            for _ in range(count):
                for _ in range(2):
                    n, i = leb(body, i)
                    i += n
                kind = body[i]
                i += 1
                if kind == 0:
                    _, i = leb(body, i)
                    imported += 1
                elif kind == 1:
                    i += 1
                    flags = body[i]; i += 1
                    _, i = leb(body, i)
                    if flags & 1:
                        _, i = leb(body, i)
                elif kind == 2:
                    flags = body[i]; i += 1
                    _, i = leb(body, i)
                    if flags & 1:
                        _, i = leb(body, i)
                elif kind == 3:
                    i += 2
        elif sid == 10:
            count, i = leb(body, 0)
            for _ in range(count):
                size, j = leb(body, i)
                bodies.append(size + (j - i))
                i = j + size
        elif sid == 11:
            data_bytes = len(body)
        elif sid == 0:
            n, i = leb(body, 0)
            if body[i:i + n] != b"name":
                continue
            i += n
            while i < len(body):
                sub = body[i]
                size, i = leb(body, i + 1)
                end = i + size
                if sub == 1:
                    count, i = leb(body, i)
                    for _ in range(count):
                        idx, i = leb(body, i)
                        n, i = leb(body, i)
                        names[idx] = body[i:i + n].decode("utf-8", "replace")
                        i += n
                i = end
    by_crate = {}
    funcs = []
    for k, size in enumerate(bodies):
        name = names.get(imported + k, f"func[{imported + k}]")
        crate = crate_of(name)
        by_crate[crate] = by_crate.get(crate, 0) + size
        funcs.append((size, name))
    total = sum(bodies) + data_bytes
    print(f"{path}: {len(data) / 1000:.1f} KB raw; code {sum(bodies) / 1000:.1f} KB in {len(bodies)} functions, data {data_bytes / 1000:.1f} KB")
    print("| crate | code KB | share |")
    print("|---|---|---|")
    for crate, size in sorted(by_crate.items(), key=lambda c: -c[1])[:rows]:
        print(f"| {crate} | {size / 1000:.1f} | {100 * size / total:.1f}% |")
    print(f"| (data segments) | {data_bytes / 1000:.1f} | {100 * data_bytes / total:.1f}% |")
    print()
    print("| largest functions | KB |")
    print("|---|---|")
    for size, name in sorted(funcs, reverse=True)[:rows]:
        print(f"| {name[:110]} | {size / 1000:.1f} |")


if __name__ == "__main__":
    main()
