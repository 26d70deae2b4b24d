"""Reading an OpenAI-compatible chat completion stream: status, server-sent events, reply text.

    data: {"choices": [{"delta": {"content": "Yes"}, "finish_reason": null}]}
    data: {"choices": [], "usage": {"prompt_tokens": 412, "completion_tokens": 9, ...}}
    data: [DONE]

Anything else that claims to be an event (not JSON, no choices and no usage, an ``error``
object, which vLLM sends mid-stream) is a failed attempt, retried like a 5xx.
"""

from __future__ import annotations

import json
import socket
import threading
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

import httpx2

from models.generation.citations import Citations, open_label_length
from models.generation.errors import GeneratorUnavailable


class Retryable(Exception):
    """An attempt failed in a way another attempt may not (the server may recover).

    Args:
        problem: What went wrong, for logs and the final error.
        wait_s: How long the server asked us to wait (a 429's Retry-After), if it did.
    """

    def __init__(self, problem: str, wait_s: float | None = None) -> None:
        super().__init__(problem)
        self.wait_s = wait_s


@dataclass(frozen=True, slots=True)
class Chunk:
    """One event of the stream: new reply text, why it ended, token usage."""

    content: str = ""
    finish_reason: str = ""
    usage: dict[str, Any] = field(default_factory=dict)


def check_status(response: httpx2.Response) -> None:
    """Raise for an unusable status: 429 and 5xx may pass (`Retryable`), other 4xx will not.

    Raises:
        Retryable: 429 or 5xx.
        GeneratorUnavailable: Another non-2xx (a wrong model name, key or request): retrying
            cannot help, and the service falls back exactly as when the server is down.
    """
    status = response.status_code
    if status < 300:
        return
    response.read()
    detail = response.text[:200].strip()
    if status == 429 or status >= 500:
        raise Retryable(f"HTTP {status}: {detail}", _retry_after(response))
    raise GeneratorUnavailable(f"the generation server refused the request (HTTP {status}: {detail})")


def _retry_after(response: httpx2.Response) -> float | None:
    raw = response.headers.get("retry-after", "")
    try:
        return max(0.0, float(raw))
    except ValueError:
        return None  # absent, or an HTTP date: use our own backoff


def cut_at(response: httpx2.Response, seconds: float) -> threading.Timer:
    """Break the response's connection in ``seconds`` (cancel the returned timer to keep it).

    A read timeout bounds each wait for the next piece, not the reply: a server that sends a
    piece now and then (a batch busy with other prompts) could keep a turn past its deadline
    one wait at a time. Shutting the socket down wakes the blocked read at once (it fails as a
    transport error), and the server sees the client gone and cancels the generation.
    """
    def cut() -> None:
        stream = response.extensions.get("network_stream")
        sock = stream.get_extra_info("socket") if stream is not None else None
        if sock is not None:
            try:
                sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass  # closed already: the reply ended on its own

    timer = threading.Timer(max(0.0, seconds), cut)
    timer.daemon = True
    timer.start()
    return timer


def chunks(lines: Iterable[str]) -> Iterator[Chunk]:
    """The stream's events until ``[DONE]`` (or its end).

    Raises:
        Retryable: A malformed event or an error event.
    """
    for line in lines:
        if not line.startswith("data:"):
            continue  # blank separators, ": keep-alive" comments, event:/id:/retry: fields
        data = line[5:].strip()
        if data == "[DONE]":
            return
        try:
            payload = json.loads(data)
        except ValueError:
            raise Retryable(f"malformed event: {data[:80]!r}") from None
        yield _chunk(payload, data)


def _chunk(payload: Any, data: str) -> Chunk:
    if not isinstance(payload, dict):
        raise Retryable(f"malformed event: {data[:80]!r}")
    if "error" in payload:
        raise Retryable(f"error event: {str(payload['error'])[:160]}")
    choices, usage = payload.get("choices"), payload.get("usage")
    if not isinstance(choices, list) or (not choices and not isinstance(usage, dict)):
        raise Retryable(f"event without choices: {data[:80]!r}")
    content, finish = "", ""
    if choices:
        choice = choices[0]
        delta = choice.get("delta") if isinstance(choice, dict) else None
        if not isinstance(delta, dict):
            raise Retryable(f"event without a delta: {data[:80]!r}")
        content = delta.get("content") or ""
        finish = choice.get("finish_reason") or ""
        if not isinstance(content, str) or not isinstance(finish, str):
            raise Retryable(f"malformed delta: {data[:80]!r}")
    return Chunk(content, finish, usage if isinstance(usage, dict) else {})


class ReplyText:
    """The reply as it streams: the model's [n] labels turned into fact ids, an unfinished
    label held back until it closes (as `models.generation.sampling.TextStream` does).

    Args:
        citations: The prompt's numbering of facts.
    """

    def __init__(self, citations: Citations) -> None:
        self._citations = citations
        self._raw = ""
        self._sent = 0
        self.pieces = 0  # content events (a token count when the server reports no usage)
        self.first_at = 0.0  # perf_counter of the first visible text
        self.finish_reason = ""
        self.usage: dict[str, Any] = {}

    @property
    def started(self) -> bool:
        """Some text reached the caller (so the request must not be sent again)."""
        return self._sent > 0

    @property
    def text(self) -> str:
        return self._citations.to_ids(self._raw)

    def push(self, chunk: Chunk) -> str:
        """Take one event; return the text that became final (maybe empty)."""
        if chunk.usage:
            self.usage = chunk.usage
        if chunk.finish_reason:
            self.finish_reason = chunk.finish_reason
        if chunk.content:
            self.pieces += 1
            self._raw += chunk.content
        held = 0 if self.finish_reason else open_label_length(self._raw)
        visible = self._citations.to_ids(self._raw[: len(self._raw) - held])
        if len(visible) <= self._sent:
            return ""
        if not self.first_at:
            self.first_at = time.perf_counter()
        piece, self._sent = visible[self._sent:], len(visible)
        return piece
