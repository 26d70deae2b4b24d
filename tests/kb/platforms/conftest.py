"""A real HTTP server on 127.0.0.1 for the connector tests, serving a recorded fake platform.

A fake is a callable ``(Request) -> (status, headers, body)``; the server runs it for every
request in a thread of its own and records the request, so tests can assert what was sent.
"""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Callable, Iterator
from urllib.parse import parse_qs, urlsplit

import pytest


@dataclass
class Request:
    method: str
    path: str
    query: dict[str, str]
    headers: dict[str, str]
    body: object = None


@dataclass
class FakeServer:
    url: str
    requests: list[Request] = field(default_factory=list)
    #: (status, headers) answered instead of the fake, first to last (outages, 429s).
    failures: list[tuple[int, dict[str, str]]] = field(default_factory=list)


@pytest.fixture
def serve() -> Iterator[Callable[[Callable], FakeServer]]:
    """``serve(fake)`` starts a server for ``fake`` and returns its ``FakeServer``."""
    servers = []

    def start(fake: Callable) -> FakeServer:
        state = FakeServer("")

        class Handler(BaseHTTPRequestHandler):
            def _handle(self) -> None:
                parts = urlsplit(self.path)
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length) if length else b""
                request = Request(self.command, parts.path,
                                  {k: v[-1] for k, v in parse_qs(parts.query).items()},
                                  {k.lower(): v for k, v in self.headers.items()},
                                  json.loads(raw) if raw else None)
                state.requests.append(request)
                if state.failures:
                    status, headers = state.failures.pop(0)
                    body = {"errors": "recorded failure"}
                else:
                    status, headers, body = fake(request)
                payload = json.dumps(body).encode()
                self.send_response(status)
                for key, value in {"Content-Type": "application/json", **headers}.items():
                    self.send_header(key, value)
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

            do_GET = do_POST = do_PUT = _handle

            def log_message(self, *args) -> None:  # keep test output clean
                pass

        server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.02},
                         daemon=True).start()
        servers.append(server)
        state.url = f"http://127.0.0.1:{server.server_address[1]}"
        return state

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()


@pytest.fixture
def waits() -> list[float]:
    """Records the waits a connector asks for instead of sleeping (tests never sleep)."""
    return []
