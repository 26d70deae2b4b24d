"""Hard edges for request bodies, before any route reads them: size, framing, type and depth.

`RequestLimits` is plain ASGI middleware: it reads a body of at most ``max_bytes`` (a larger
Content-Length gets 413 before a byte is read; a chunked body without a length gets 411), refuses
non-JSON bodies on the chat routes (415) and JSON nested deeper than ``max_depth`` (400; Python's parser
would recurse until RecursionError), then hands the buffered body to the app.

The signed webhooks are left to check depth themselves, after their signature: a verified body
they cannot use is acknowledged (200) so that the platform stops retrying it.
"""

from __future__ import annotations

import json
import sys

from starlette.datastructures import Headers
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from bot.web.error_handlers import error_json

#: Deepest JSON nesting accepted (objects and arrays); shopper requests use 2 or 3 levels.
MAX_JSON_DEPTH = 32


def json_depth(body: bytes) -> int:
    """How deeply a JSON text nests its objects and arrays (0 for a scalar or for text that is
    not JSON, which the route refuses on its own). Never raises: nesting deeper than Python's
    parser recurses counts as deeper than any limit."""
    try:
        value = json.loads(body)
    except RecursionError:
        return sys.maxsize
    except ValueError:
        return 0
    deepest, stack = 0, [(value, 1)]
    while stack:  # iterative: the parsed value may still be ~1000 levels deep
        node, depth = stack.pop()
        if isinstance(node, (dict, list)):
            deepest = max(deepest, depth)
            stack.extend((child, depth + 1) for child in
                         (node.values() if isinstance(node, dict) else node))
    return deepest


class RequestLimits:
    """ASGI middleware enforcing body size, framing, JSON content type on /v1 and JSON depth.

    Args:
        app: The application.
        max_bytes: Largest body accepted.
        max_depth: Deepest JSON nesting accepted.
        depth_exempt: Path prefixes that check depth themselves (the signed webhooks).
        json_only: Paths whose POST body must be application/json (others answer 405 or
            check their own type).
    """

    def __init__(self, app: ASGIApp, *, max_bytes: int, max_depth: int = MAX_JSON_DEPTH,
                 depth_exempt: tuple[str, ...] = (),
                 json_only: frozenset[str] = frozenset()) -> None:
        self.app = app
        self.json_only = json_only
        self.max_bytes = max_bytes
        self.max_depth = max_depth
        self.depth_exempt = depth_exempt

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] not in ("POST", "PUT", "PATCH"):
            await self.app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        refusal = self._refuse_headers(scope["method"], scope["path"], headers)
        if refusal is None:
            body, refusal = await self._read(receive)
        if refusal is None and headers.get("content-type", "").startswith("application/json") \
                and not scope["path"].startswith(self.depth_exempt) \
                and json_depth(body) > self.max_depth:
            refusal = error_json(400, f"the JSON body nests deeper than {self.max_depth} levels",
                                 "JsonTooDeep")
        if refusal is not None:
            await refusal(scope, receive, send)
            return
        await self.app(scope, _replay(body, receive), send)

    def _refuse_headers(self, method: str, path: str, headers: Headers):
        length = headers.get("content-length")
        if length is not None and (not length.isdigit() or int(length) > self.max_bytes):
            return error_json(413, f"request body is {length[:20]} bytes; the limit is "
                              f"{self.max_bytes}", "RequestTooLarge")
        if length is None and headers.get("transfer-encoding"):
            # a chunked body would have to be read whole before its size could be known
            return error_json(411, "send the request body with a Content-Length header",
                              "LengthRequired")
        if method == "POST" and path in self.json_only and not headers.get(
                "content-type", "").startswith("application/json"):
            return error_json(415, "send the request body as application/json",
                              "UnsupportedMediaType")
        return None

    async def _read(self, receive: Receive):
        chunks, size = [], 0
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                return b"", error_json(400, "the client went away", "ClientDisconnected")
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > self.max_bytes:  # more than its Content-Length said
                return b"", error_json(413, f"request body is over {self.max_bytes} bytes",
                                       "RequestTooLarge")
            chunks.append(chunk)
            if not message.get("more_body", False):
                return b"".join(chunks), None


def _replay(body: bytes, receive: Receive) -> Receive:
    """A receive that yields the buffered body once, then the client's later messages
    (a disconnect, which streaming responses listen for)."""
    delivered = False

    async def replay() -> Message:
        nonlocal delivered
        if not delivered:
            delivered = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()

    return replay
