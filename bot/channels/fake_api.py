"""`FakePlatformApi`: a local stand-in for the WhatsApp, Telegram and Messenger send APIs.

It records every request and answers like the platforms do, so tests, ``bench/webhooks.py`` and
a developer without platform accounts can see exactly what the service would send. Point the
``*_api_base`` settings at ``fake.url`` (plus any path prefix)::

    with FakePlatformApi() as fake:
        ...  # SHOPDESK_TELEGRAM_API_BASE=fake.url
        fake.wait_for(lambda sent: any(r.recipient == "42" for r in sent), timeout=10)
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qsl, urlsplit


@dataclass(frozen=True, slots=True)
class Recorded:
    """One request the fake received."""

    method: str
    path: str
    query: dict[str, str]
    headers: dict[str, str]  # names in lower case
    payload: Any
    at: float = field(default_factory=time.monotonic)

    @property
    def recipient(self) -> str:
        """Whom it was sent to: WhatsApp "to", Telegram "chat_id" or Messenger "recipient.id"."""
        body = self.payload if isinstance(self.payload, dict) else {}
        found = body.get("to") or body.get("chat_id") or (body.get("recipient") or {}).get("id")
        return "" if found is None else str(found)

    @property
    def text(self) -> str:
        """The message's text (an interactive message's body), or ""."""
        body = self.payload if isinstance(self.payload, dict) else {}
        if isinstance(body.get("text"), str):  # Telegram
            return body["text"]
        if isinstance(body.get("text"), dict):  # WhatsApp text
            return body["text"].get("body", "")
        if isinstance(body.get("interactive"), dict):  # WhatsApp buttons or list
            return body["interactive"].get("body", {}).get("text", "")
        message = body.get("message")
        return message.get("text", "") if isinstance(message, dict) else ""


class FakePlatformApi:
    """A threaded HTTP server on a free loopback port that records what it is sent.

    Args:
        host: Interface to listen on (loopback only by default).
    """

    def __init__(self, host: str = "127.0.0.1") -> None:
        self._requests: list[Recorded] = []
        self._failures: list[int] = []
        self._changed = threading.Condition()
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 - the http.server hook's name
                length = int(self.headers.get("content-length") or 0)
                raw = self.rfile.read(length)
                try:
                    payload = json.loads(raw) if raw else None
                except ValueError:
                    payload = raw.decode(errors="replace")
                parts = urlsplit(self.path)
                status = fake._record(Recorded(
                    "POST", parts.path, dict(parse_qsl(parts.query)),
                    {k.lower(): v for k, v in self.headers.items()}, payload))
                body = json.dumps({"ok": status < 300, "result": {"message_id": 1},
                                   "messages": [{"id": "wamid.fake"}]}).encode()
                self.send_response(status)
                self.send_header("content-type", "application/json")
                self.send_header("content-length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: Any) -> None:  # keep test output quiet
                pass

        self._server = ThreadingHTTPServer((host, 0), Handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, args=(0.05,),
                                        name="fake-platform", daemon=True)
        self.url = f"http://{host}:{self._server.server_address[1]}"

    def start(self) -> "FakePlatformApi":
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def __enter__(self) -> "FakePlatformApi":
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    @property
    def requests(self) -> list[Recorded]:
        """Every request so far, in arrival order (a copy)."""
        with self._changed:
            return list(self._requests)

    def sent_to(self, recipient: str) -> list[Recorded]:
        """The requests for one user id, in arrival order."""
        return [r for r in self.requests if r.recipient == str(recipient)]

    def fail_next(self, count: int, status: int = 500) -> None:
        """Answer the next ``count`` requests with ``status`` (they are still recorded)."""
        with self._changed:
            self._failures += [status] * count

    def wait_for(self, predicate: Callable[[list[Recorded]], bool],
                 timeout: float = 30.0) -> list[Recorded]:
        """Block until ``predicate(requests)`` holds; returns the requests then.

        Raises:
            TimeoutError: it did not hold within ``timeout`` seconds (the message lists what
                was received).
        """
        deadline = time.monotonic() + timeout
        with self._changed:
            while not predicate(list(self._requests)):
                left = deadline - time.monotonic()
                if left <= 0:
                    seen = [(r.recipient, r.text[:60]) for r in self._requests[-10:]]
                    raise TimeoutError(f"not received within {timeout:g} s; last requests: {seen}")
                self._changed.wait(left)
            return list(self._requests)

    def _record(self, request: Recorded) -> int:
        with self._changed:
            self._requests.append(request)
            status = self._failures.pop(0) if self._failures else 200
            self._changed.notify_all()
        return status
