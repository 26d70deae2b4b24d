"""`Sender`: POSTs to a platform's send API with a timeout and a few retries."""

from __future__ import annotations

import asyncio
import logging

import httpx2

from bot.channels.errors import DeliveryFailed
from bot.channels.types import Outgoing

log = logging.getLogger(__name__)


class Sender:
    """Sends `Outgoing` requests; retries 5xx, 429 and connection errors, never other 4xx.

    Use inside a running event loop; `aclose()` when done.

    Args:
        timeout: Seconds for each attempt (connect, write and read).
        retries: Extra attempts after the first.
        backoff: Seconds before the first retry; doubles for each further one.
        max_connections: Connections kept open to the platforms together.

    Raises:
        ValueError: a negative ``retries`` or a non-positive ``timeout``.
    """

    def __init__(self, *, timeout: float = 10.0, retries: int = 2, backoff: float = 0.5,
                 max_connections: int = 20) -> None:
        if timeout <= 0:
            raise ValueError(f"timeout must be > 0, got {timeout}")
        if retries < 0:
            raise ValueError(f"retries must be >= 0, got {retries}")
        self.retries = retries
        self.backoff = backoff
        self._client = httpx2.AsyncClient(
            timeout=timeout, limits=httpx2.Limits(max_connections=max_connections))

    async def send(self, request: Outgoing) -> None:
        """POST one request.

        Raises:
            DeliveryFailed: a 4xx other than 429, or no success after the retries.
        """
        problem = ""
        for attempt in range(self.retries + 1):
            if attempt:
                await asyncio.sleep(self.backoff * 2 ** (attempt - 1))
            try:
                response = await self._client.post(request.url, json=request.payload,
                                                   params=request.params or None,
                                                   headers=request.headers or None)
            except httpx2.TransportError as exc:  # refused, reset, timed out
                problem = f"{type(exc).__name__}: {exc}"
                log.info("%s: attempt %d failed: %s", request.describe, attempt + 1, problem)
                continue
            if response.status_code < 300:
                return
            problem = f"HTTP {response.status_code}: {response.text[:200]}"
            if response.status_code != 429 and response.status_code < 500:
                raise DeliveryFailed(f"{request.describe} refused: {problem}")
            log.info("%s: attempt %d failed: %s", request.describe, attempt + 1, problem)
        raise DeliveryFailed(f"{request.describe} failed after {self.retries + 1} attempts: "
                             f"{problem}")

    async def aclose(self) -> None:
        await self._client.aclose()
