#!/usr/bin/python3
"""Local HTTP stand-ins for the Ansible tests (loopback only, stop after --max-seconds).

  pods:   answers GET on every --port of every --address (one loopback address per pod IP the
          fake controller hands out) like the app's pods would for the smoke check: 200 with
          {"status":"UP"} for the --path list, 503 while --unhealthy-dir holds a file named after
          the address, 404 else; appends "ADDRESS PATH STATUS" per request to --hits.
  events: plays Logstash's http input: accepts POSTed JSON with HTTP basic auth deploy:$TOKEN
          (the token from the environment variable named by --token-env), appends each event as
          one line to --out, answers 401 on a wrong token.
"""
import argparse
import base64
import json
import os
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


def pods_handler(paths, unhealthy_dir, hits):
    lock = threading.Lock()

    class Pods(BaseHTTPRequestHandler):
        def do_GET(self):
            address = self.server.server_address[0]
            if os.path.exists(os.path.join(unhealthy_dir, address)):
                self.answer(503, {"status": "DOWN"})
            elif self.path in paths:
                self.answer(200, {"status": "UP"})
            else:
                self.answer(404, {"status": 404})

        def answer(self, code, body):
            with lock, open(hits, "a", encoding="utf-8") as handle:
                handle.write(f"{self.server.server_address[0]} {self.path} {code}\n")
            data = json.dumps(body).encode()
            self.send_response(code)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, *args):
            pass

    return Pods


def events_handler(token, out):
    expected = "Basic " + base64.b64encode(f"deploy:{token}".encode()).decode()
    lock = threading.Lock()

    class Events(BaseHTTPRequestHandler):
        def do_POST(self):
            body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
            if self.headers.get("Authorization") != expected:
                self.send_response(401)
                self.end_headers()
                return
            event = json.loads(body)
            with lock, open(out, "a", encoding="utf-8") as handle:
                handle.write(json.dumps(event, sort_keys=True) + "\n")
            self.send_response(200)
            self.send_header("Content-Length", "2")
            self.end_headers()
            self.wfile.write(b"ok")

        def log_message(self, *args):
            pass

    return Events


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("kind", choices=["pods", "events"])
    parser.add_argument("--port", type=int, action="append", required=True)
    parser.add_argument("--path", action="append", default=[])
    parser.add_argument("--address", action="append", default=[])
    parser.add_argument("--unhealthy-dir", default="/nonexistent")
    parser.add_argument("--hits", default=os.devnull)
    parser.add_argument("--token-env", default="DEPLOY_EVENT_TOKEN")
    parser.add_argument("--out", default="events.jsonl")
    parser.add_argument("--max-seconds", type=int, default=900)
    args = parser.parse_args()
    if args.kind == "pods":
        handler = pods_handler(set(args.path), args.unhealthy_dir, args.hits)
    else:
        handler = events_handler(os.environ[args.token_env], args.out)
    servers = [ThreadingHTTPServer((address, port), handler)
               for address in (args.address or ["127.0.0.1"]) for port in args.port]
    for server in servers:
        threading.Thread(target=server.serve_forever, daemon=True).start()
    print(f"{args.kind} stand-in on {','.join(args.address or ['127.0.0.1'])} port {','.join(map(str, args.port))}",
          flush=True)
    time.sleep(args.max_seconds)


if __name__ == "__main__":
    main()
