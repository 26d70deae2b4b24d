"""One HTTP client for the order-system connectors: timeouts, retries with backoff, 429s.

Every connector talks to its platform through ``PlatformHttp.request``. It retries what a
later attempt can fix (connection errors, timeouts, 429 Too Many Requests after the
``Retry-After`` the platform asks for, 502/503/504) with exponential backoff, and turns what
cannot be fixed by us (the retries run out, the platform refuses the credentials) into one
``OrderSystemUnavailable`` the HTTP layer maps to 503. Other 4xx answers are returned for the
connector to interpret (404: no such order; 422: the platform refused the change).
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from typing import Callable

import httpx2

from kb.errors import OrderSystemUnavailable

log = logging.getLogger(__name__)

_RETRIED = {429, 502, 503, 504}


@dataclass(frozen=True, slots=True)
class HttpOptions:
    """How a connector talks to its platform.

    Args:
        timeout_s: seconds for each attempt (connect, write, read).
        retries: extra attempts after the first.
        backoff_s: seconds before the first retry without a Retry-After; doubles each time.
        max_wait_s: the longest Retry-After honoured; a longer one fails at once.
    """

    timeout_s: float = 10.0
    retries: int = 3
    backoff_s: float = 0.5
    max_wait_s: float = 30.0

    def __post_init__(self) -> None:
        if self.timeout_s <= 0 or self.retries < 0 or self.backoff_s < 0 or self.max_wait_s < 0:
            raise ValueError("timeout_s must be > 0; retries, backoff_s and max_wait_s >= 0")


class PlatformHttp:
    """A small synchronous client bound to one platform's base URL and credentials."""

    def __init__(self, platform: str, base_url: str, *, headers: dict[str, str] | None = None,
                 auth: tuple[str, str] | None = None, options: HttpOptions = HttpOptions(),
                 sleep: Callable[[float], None] = time.sleep) -> None:
        """
        Args:
            platform: its name in messages ("Shopify").
            base_url: the API root, e.g. "https://shop.example.com/wp-json/wc/v3".
            headers: sent with every request (tokens).
            auth: HTTP basic credentials, when the platform uses them.
            options: timeouts and retries.
            sleep: waits between attempts (tests pass a recorder instead of sleeping).

        Raises:
            ValueError: a base URL that is not http(s).
        """
        if not base_url.startswith(("http://", "https://")):
            raise ValueError(f"{platform} base URL must start with https:// (got {base_url!r})")
        self.platform = platform
        self.options = options
        self._sleep = sleep
        # trust_env=False: a library never reads proxies or certificates from the environment.
        self._client = httpx2.Client(base_url=base_url.rstrip("/"), headers=headers or {},
                                     auth=auth, timeout=options.timeout_s, trust_env=False)

    def request(self, method: str, path: str, *, params: dict | None = None,
                json: object = None) -> httpx2.Response:
        """Send one request, retrying what may succeed later.

        Returns:
            The response: 2xx, or a 4xx other than 401/403/429 for the caller to read.

        Raises:
            OrderSystemUnavailable: credentials refused, or no answer after the retries.
        """
        problem = ""
        for attempt in range(self.options.retries + 1):
            try:
                response = self._client.request(method, path, params=params, json=json)
            except httpx2.TransportError as exc:  # refused, reset, timed out
                problem = f"{type(exc).__name__}"
                wait = self._backoff(attempt)
            else:
                if response.status_code in (401, 403):
                    raise OrderSystemUnavailable(
                        f"{self.platform} refused our credentials (HTTP {response.status_code})")
                if response.status_code not in _RETRIED and response.status_code < 500:
                    return response
                problem = f"HTTP {response.status_code}"
                wait = self._wait(response, attempt)
            if attempt == self.options.retries or wait is None:
                break
            log.info("%s %s %s: %s; retrying in %.2fs", self.platform, method, path, problem, wait)
            self._sleep(wait)
        raise OrderSystemUnavailable(f"{self.platform} is unavailable: {problem} after "
                                     f"{attempt + 1} attempt(s)")

    def throttled(self, attempt: int, retry_after: float | None = None) -> bool:
        """For platforms that throttle inside a 200 answer (Shopify GraphQL): wait and say
        whether to try again."""
        wait = self._backoff(attempt) if retry_after is None else retry_after
        if attempt >= self.options.retries or wait > self.options.max_wait_s:
            return False
        self._sleep(wait)
        return True

    def close(self) -> None:
        self._client.close()

    def _wait(self, response: httpx2.Response, attempt: int) -> float | None:
        """Seconds to wait before the next attempt; None when the platform asks too long."""
        header = response.headers.get("Retry-After")
        if header is None:
            return self._backoff(attempt)
        try:
            wait = float(header)
        except ValueError:
            try:
                wait = parsedate_to_datetime(header).timestamp() - time.time()
            except (TypeError, ValueError):
                return self._backoff(attempt)
        wait = max(0.0, wait)
        return wait if wait <= self.options.max_wait_s else None

    def _backoff(self, attempt: int) -> float:
        return self.options.backoff_s * 2 ** attempt
