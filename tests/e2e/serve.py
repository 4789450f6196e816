#!/usr/bin/env python3
"""Serve a built site (dist/) for the end-to-end tests, as a static host would.

Usage: python3 serve.py DIRECTORY [PORT]   (PORT defaults to 4173; binds 127.0.0.1 only)

- Files are served with the MIME types browsers insist on (application/wasm for
  WebAssembly streaming compilation, application/json for the data).
- A path with no matching file is answered with index.html and status 200, like a static
  host configured for a single-page app, so deep links (/istiocon-2022/programme) load the app.
- Except under /data/: a missing data file is a real 404, so the app can tell "no such
  event" (its 404 page) from a network failure (its retry message).
"""

import http.server
import os
import posixpath
import sys
import urllib.parse

MIME_TYPES = {
    ".wasm": "application/wasm",
    ".json": "application/json",
    ".js": "text/javascript",
    ".mjs": "text/javascript",
    ".css": "text/css",
    ".html": "text/html; charset=utf-8",
    ".svg": "image/svg+xml",
    ".png": "image/png",
    ".ico": "image/x-icon",
    ".txt": "text/plain; charset=utf-8",
    ".xml": "application/xml",
    ".webmanifest": "application/manifest+json",
}


def make_handler(root):
    class Handler(http.server.SimpleHTTPRequestHandler):
        extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map, **MIME_TYPES}

        def __init__(self, *args, **kwargs):
            super().__init__(*args, directory=root, **kwargs)

        def _resolve(self):
            """Rewrite self.path to index.html when nothing matches (outside /data/)."""
            url_path = urllib.parse.unquote(urllib.parse.urlsplit(self.path).path)
            normalized = posixpath.normpath(url_path)
            if normalized == "/data" or normalized.startswith("/data/"):
                return  # real files or a real 404
            local = self.translate_path(self.path)
            if os.path.isfile(local):
                return
            if os.path.isdir(local) and os.path.isfile(os.path.join(local, "index.html")):
                return
            self.path = "/index.html"

        def do_GET(self):
            self._resolve()
            super().do_GET()

        def do_HEAD(self):
            self._resolve()
            super().do_HEAD()

        def end_headers(self):
            # Tests must always see the current build.
            self.send_header("Cache-Control", "no-store")
            super().end_headers()

        def list_directory(self, path):
            self.send_error(404, "Not found")
            return None

        def log_message(self, format, *args):
            pass  # quiet

    return Handler


def main():
    if len(sys.argv) < 2:
        sys.exit("usage: serve.py DIRECTORY [PORT]")
    root = os.path.abspath(sys.argv[1])
    port = int(sys.argv[2]) if len(sys.argv) > 2 else 4173
    index = os.path.join(root, "index.html")
    if not os.path.isfile(index):
        sys.exit(
            f"serve.py: {index} does not exist. Build the site first "
            "(trunk build --release, from the repository root), then run the tests again."
        )
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), make_handler(root))
    server.daemon_threads = True
    print(f"serving {root} at http://127.0.0.1:{port}/", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()


if __name__ == "__main__":
    main()
