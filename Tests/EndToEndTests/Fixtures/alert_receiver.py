#!/usr/bin/env python3
"""A local HTTP receiver for the alert tests: each POST's body is appended to OUT as one line
{"received": <unix seconds>, "path": ..., "body": <the body as JSON, or as text>}. While the file
OUT.down exists it answers 503 (a channel that is down). Prints its port on the first line.

  alert_receiver.py OUT [PORT]
"""
import json, os, signal, sys, time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

# A test runner may start it with SIGTERM ignored; it must end when told.
signal.signal(signal.SIGTERM, signal.SIG_DFL)
out = sys.argv[1]
port = int(sys.argv[2]) if len(sys.argv) > 2 else 0


class Receiver(BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", 0))).decode("utf-8", "replace")
        if os.path.exists(out + ".down"):
            self.send_response(503)
            self.end_headers()
            return
        try:
            parsed = json.loads(body)
        except ValueError:
            parsed = body
        with open(out, "a") as f:
            f.write(json.dumps({"received": time.time(), "path": self.path, "body": parsed}) + "\n")
        self.send_response(200)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args):
        pass


server = ThreadingHTTPServer(("127.0.0.1", port), Receiver)
print(server.server_address[1], flush=True)
server.serve_forever()
