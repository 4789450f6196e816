#!/usr/bin/env python3
"""A registration endpoint for the end-to-end tests: records every request and fails on demand.

Usage: python3 receiver.py [PORT]   (no PORT or 0: any free port; binds 127.0.0.1 only)
Prints "listening on http://127.0.0.1:PORT" once it accepts connections.

It follows the contract in README.md ("Registration endpoint"): CORS for any origin, JSON with
an Idempotency-Key header, 201 with {"reference": ...} for a new registration, the same answer
again for a repeated key, 4xx with {"message": ...} for a refusal.

  OPTIONS /register   the CORS preflight (never fails)
  POST    /register   a registration, answered as configured below
  GET     /_log       everything received: {"requests": [...], "registrations": {...}, "conflicts": [...]}
  POST    /_control   sets the behaviour; any of:
                        fail_rate     share of registrations that fail (0..1), default 0
                        failures      how they fail, chosen at random: "500" (error, not stored),
                                      "slow" (stored, answered after slow_seconds: past the
                                      client's timeout), "close" (connection closed without an
                                      answer; stored first in half the cases)
                        slow_seconds  default 2
                        seed          for the random choices
                        status        answer every registration with this status (e.g. 503), not stored
                        refuse_email  answer 422 with a message for this email address
                        hold          true: keep every registration waiting until hold is false
  POST    /_reset     forgets everything, back to answering 201
"""

import json
import random
import socket
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

LOCK = threading.Lock()
RELEASE = threading.Event()
DEFAULTS = {"fail_rate": 0.0, "failures": ["500", "slow", "close"], "slow_seconds": 2.0, "seed": 1,
            "status": None, "refuse_email": None, "hold": False}
STATE = {}


def reset():
    STATE.clear()
    STATE.update(config=dict(DEFAULTS), requests=[], registrations={}, conflicts=[], rng=random.Random(1))
    RELEASE.set()


reset()


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def cors(self):
        self.send_header("Access-Control-Allow-Origin", self.headers.get("Origin") or "*")
        self.send_header("Vary", "Origin")

    def answer(self, status, payload=None, extra=()):
        body = json.dumps(payload).encode() if payload is not None else b""
        try:
            self.send_response(status)
            self.cors()
            for k, v in extra:
                self.send_header(k, v)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up (timed out) before the answer

    def read_body(self):
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length else b""

    def do_OPTIONS(self):
        self.send_response(204)
        self.cors()
        self.send_header("Access-Control-Allow-Methods", "POST")
        self.send_header("Access-Control-Allow-Headers", "Content-Type, Idempotency-Key")
        self.send_header("Access-Control-Allow-Private-Network", "true")
        self.send_header("Access-Control-Max-Age", "600")
        self.send_header("Content-Length", "0")
        self.end_headers()

    def do_GET(self):
        if self.path != "/_log":
            return self.answer(404, {"message": "not here"})
        with LOCK:
            log = {k: STATE[k] for k in ("requests", "registrations", "conflicts")}
            return self.answer(200, log)

    def do_POST(self):
        raw = self.read_body()
        if self.path == "/_reset":
            with LOCK:
                reset()
            return self.answer(200, {"ok": True})
        if self.path == "/_control":
            with LOCK:
                change = json.loads(raw or b"{}")
                STATE["config"].update(change)
                if "seed" in change:
                    STATE["rng"] = random.Random(change["seed"])
                if STATE["config"]["hold"]:
                    RELEASE.clear()
                else:
                    RELEASE.set()
            return self.answer(200, STATE["config"])
        if self.path != "/register":
            return self.answer(404, {"message": "not here"})
        self.register(raw)

    def register(self, raw):
        key = self.headers.get("Idempotency-Key")
        try:
            body = json.loads(raw)
        except ValueError:
            body = None
        with LOCK:
            config = dict(STATE["config"])
            roll = STATE["rng"].random()
            failure = STATE["rng"].choice(config["failures"]) if config["failures"] else "500"
            coin = STATE["rng"].random()
            record = {"key": key, "body": body, "content_type": self.headers.get("Content-Type"), "at": time.time()}
            STATE["requests"].append(record)
        if body is None or not key:
            record["outcome"] = "400"
            return self.answer(400, {"message": "Send JSON with an Idempotency-Key header."})
        if not RELEASE.is_set():
            RELEASE.wait()
        if config["status"]:
            record["outcome"] = str(config["status"])
            return self.answer(int(config["status"]), {"message": "The registration service is down for a moment."})
        email = (body.get("answers") or {}).get("email")
        if config["refuse_email"] and email == config["refuse_email"]:
            record["outcome"] = "422"
            return self.answer(422, {"message": "This email address is already registered."})
        failing = roll < config["fail_rate"]
        if failing and failure == "500":
            record["outcome"] = "500"
            return self.answer(500, {"message": "Something broke; try again."})
        if failing and failure == "close" and coin < 0.5:
            record["outcome"] = "close"
            return self.close_without_answer()
        status, payload = self.store(key, body)
        if failing and failure == "close":
            record["outcome"] = "stored+close"
            return self.close_without_answer()
        if failing and failure == "slow":
            record["outcome"] = "stored+slow"
            time.sleep(float(config["slow_seconds"]))
            return self.answer(status, payload)
        record["outcome"] = str(status)
        return self.answer(status, payload)

    def store(self, key, body):
        """Keeps a registration once per key; a repeat gets the first answer again."""
        with LOCK:
            known = STATE["registrations"].get(key)
            if known is None:
                reference = body.get("reference") or key[:8]
                STATE["registrations"][key] = {"body": body, "reference": reference, "repeats": 0}
                return 201, {"reference": reference}
            if known["body"] != body:
                STATE["conflicts"].append({"key": key, "first": known["body"], "again": body})
                return 422, {"message": "This idempotency key was used for a different registration."}
            known["repeats"] += 1
            return 201, {"reference": known["reference"]}

    def close_without_answer(self):
        self.close_connection = True
        try:
            self.connection.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass


def main():
    port = int(sys.argv[1]) if len(sys.argv) > 1 else 0
    server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
    server.daemon_threads = True
    print(f"listening on http://127.0.0.1:{server.server_address[1]}", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()


if __name__ == "__main__":
    main()
