#!/usr/bin/env python3
"""Serve a built site (dist/) for the end-to-end tests, as a static host would.

Usage: python3 serve.py DIRECTORY [PORT]   (PORT defaults to 4173; binds 127.0.0.1 only)

- Files are served with the MIME types browsers insist on (application/wasm for
  WebAssembly streaming compilation, application/json for the data, text/calendar for the
  calendars).
- Every page is a prerendered file (dist/<path>/index.html), so deep links need no fallback:
  a folder without its trailing slash is redirected to it, as plain static hosts do.
- A path with no matching file is answered with 404.html and status 404 (the site's own
  not-found page), like a static host's error page. A build without 404.html (client-only
  rendering) gets the single-page fallback instead: index.html with status 200.
- Under /data/ a missing file is always a plain 404, so the app can tell "no such event" (its
  404 page) from a network failure (its retry message).
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
    ".ics": "text/calendar; charset=utf-8",
}


def make_handler(root):
    class Handler(http.server.SimpleHTTPRequestHandler):
        extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map, **MIME_TYPES}

        def __init__(self, *args, **kwargs):
            super().__init__(*args, directory=root, **kwargs)

        def _resolve(self):
            """True when the path names a file or a page; otherwise rewrite it to the fallback.

            Returns False when the answer must be the site's 404 page with status 404.
            """
            url_path = urllib.parse.unquote(urllib.parse.urlsplit(self.path).path)
            normalized = posixpath.normpath(url_path)
            if normalized == "/data" or normalized.startswith("/data/"):
                return True  # real files or a real 404
            local = self.translate_path(self.path)
            if os.path.isfile(local):
                return True
            if os.path.isdir(local) and os.path.isfile(os.path.join(local, "index.html")):
                return True
            if os.path.isfile(os.path.join(root, "404.html")):
                return False
            self.path = "/index.html"
            return True

        def _not_found_page(self, with_body):
            with open(os.path.join(root, "404.html"), "rb") as f:
                body = f.read()
            self.send_response(404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if with_body:
                self.wfile.write(body)

        def do_GET(self):
            if self._resolve():
                super().do_GET()
            else:
                self._not_found_page(True)

        def do_HEAD(self):
            if self._resolve():
                super().do_HEAD()
            else:
                self._not_found_page(False)

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
