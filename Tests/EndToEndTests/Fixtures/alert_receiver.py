#!/usr/bin/env python3
"""A local HTTP receiver for the alert tests: each POST's body is appended to OUT as one line
{"received": <unix seconds>, "path": ..., "body": <the body as JSON, or as text>}. While the file
OUT.down exists it answers 503 (a channel that is down). Prints its port on the first line.

  alert_receiver.py OUT [PORT] [--tls CERT KEY]
"""
import json, os, signal, ssl, sys, time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

# A test runner may start it with SIGTERM ignored or blocked; it must end when told.
signal.signal(signal.SIGTERM, signal.SIG_DFL)
signal.pthread_sigmask(signal.SIG_UNBLOCK, [signal.SIGTERM])
args = sys.argv[1:]
tls = None
if "--tls" in args:
    at = args.index("--tls")
    tls = args[at + 1:at + 3]
    del args[at:at + 3]
out = args[0]
port = int(args[1]) if len(args) > 1 else 0


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
if tls:
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(tls[0], tls[1])
    server.socket = context.wrap_socket(server.socket, server_side=True)
print(server.server_address[1], flush=True)
server.serve_forever()
