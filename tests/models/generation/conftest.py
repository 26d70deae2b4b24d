"""A faithful local fake of an OpenAI-compatible chat server, for the failure cases a real
server will not produce on demand (5xx, 429, hangs, malformed events, a cut-off stream).

Each request takes the next scripted behaviour (the last one repeats). The fake speaks real HTTP
on a real socket, so the client's timeouts, connection handling and streaming are exercised.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

Behaviour = Callable[[BaseHTTPRequestHandler], None]


def sse(handler: BaseHTTPRequestHandler, events: list[str]) -> None:
    handler.send_response(200)
    handler.send_header("Content-Type", "text/event-stream")
    handler.end_headers()
    for event in events:
        handler.wfile.write(f"data: {event}\n\n".encode())
        handler.wfile.flush()


def chunk(content: str = "", finish: str | None = None) -> str:
    return json.dumps({"choices": [{"index": 0, "delta": {"content": content},
                                    "finish_reason": finish}]})


def reply(*pieces: str, cached: int = 0) -> Behaviour:
    """A normal streamed reply: the pieces, a finish, usage, [DONE]."""
    usage = {"prompt_tokens": 100, "completion_tokens": len(pieces),
             "prompt_tokens_details": {"cached_tokens": cached}}
    events = [chunk(p) for p in pieces] + [chunk("", "stop"),
                                           json.dumps({"choices": [], "usage": usage}), "[DONE]"]
    return lambda handler: sse(handler, events)


def status(code: int, headers: dict[str, str] | None = None) -> Behaviour:
    def respond(handler: BaseHTTPRequestHandler) -> None:
        body = json.dumps({"error": {"message": f"status {code}"}}).encode()
        handler.send_response(code)
        for name, value in (headers or {}).items():
            handler.send_header(name, value)
        handler.send_header("Content-Length", str(len(body)))
        handler.end_headers()
        handler.wfile.write(body)
    return respond


def raw_events(*events: str) -> Behaviour:
    return lambda handler: sse(handler, list(events))


def cut_off(*pieces: str) -> Behaviour:
    """Some pieces, then the connection drops (a crashed server)."""
    def respond(handler: BaseHTTPRequestHandler) -> None:
        sse(handler, [chunk(p) for p in pieces])
        handler.close_connection = True
        handler.connection.shutdown(2)
    return respond


class FakeChatServer:
    """The fake: `url`, `script` (behaviours), `requests` (parsed bodies), `hang` (an Event that
    hanging behaviours wait on), `disconnected` (set when a client closes an endless stream)."""

    def __init__(self, port: int = 0) -> None:
        self.script: list[Behaviour] = [reply("Hello.")]
        self.requests: list[dict] = []
        self.hang = threading.Event()
        self.disconnected = threading.Event()
        fake = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args) -> None:  # keep pytest output clean
                pass

            def end_headers(self) -> None:
                if self.command == "POST":  # said, as a real server would, so no client reuses it
                    self.send_header("Connection", "close")
                super().end_headers()

            def do_GET(self) -> None:
                if self.path.rstrip("/").endswith("/models"):
                    body = json.dumps({"data": [{"id": "fake-model"}]}).encode()
                    self.send_response(200)
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body)
                else:
                    status(404)(self)

            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length", 0))
                fake.requests.append(json.loads(self.rfile.read(length)))
                behaviour = fake.script.pop(0) if len(fake.script) > 1 else fake.script[0]
                self.close_connection = True  # one request per connection: simple to reason about
                try:
                    behaviour(self)
                except (BrokenPipeError, ConnectionResetError):
                    fake.disconnected.set()

        self._server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
        self._server.daemon_threads = True
        self.port = self._server.server_address[1]
        self.url = f"http://127.0.0.1:{self.port}/v1"
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()

    def hanging(self) -> Behaviour:
        return lambda handler: self.hang.wait(10)

    def endless(self) -> Behaviour:
        """Streams a piece every few milliseconds until the client goes away."""
        def respond(handler: BaseHTTPRequestHandler) -> None:
            sse(handler, [chunk("Yes")])
            while not self.disconnected.is_set():
                sse_piece = f"data: {chunk(' and')}\n\n".encode()
                handler.wfile.write(sse_piece)
                handler.wfile.flush()
                self.hang.wait(0.005)
        return respond

    # The behaviours, reachable from tests (conftest modules are not importable by name).
    reply = staticmethod(reply)
    status = staticmethod(status)
    raw_events = staticmethod(raw_events)
    cut_off = staticmethod(cut_off)
    chunk = staticmethod(chunk)

    def stop(self) -> None:
        self.hang.set()
        self._server.shutdown()
        self._server.server_close()


@pytest.fixture
def fake_server() -> Iterator[FakeChatServer]:
    server = FakeChatServer()
    yield server
    server.stop()
