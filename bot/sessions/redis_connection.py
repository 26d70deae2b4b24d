"""Redis clients from a URL, with one timeout and retry policy for every user of Redis.

The session store, the event bus and the panel's login store each connect through
``connect``, so they all give up on an unreachable Redis the same way.
"""

from __future__ import annotations

import redis
from redis.backoff import ExponentialBackoff
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.retry import Retry


def connect(url: str, *, socket_timeout: float = 5.0) -> redis.Redis:
    """A Redis client for ``url``; it connects lazily, on the first command.

    Args:
        url: ``redis://[[user]:password@]host:port/db``, ``rediss://...`` or ``unix://...``.
        socket_timeout: Seconds to wait for a connection or a reply before the command fails
            with ``redis.ConnectionError`` or ``redis.TimeoutError``.

    Returns:
        The client; a command whose connection broke retries twice, briefly, before it fails.
        A command that timed out is not retried: a frozen Redis fails it in ``socket_timeout``,
        not three times that.

    Raises:
        ValueError: a malformed URL.
    """
    return redis.Redis.from_url(
        url, socket_timeout=socket_timeout, socket_connect_timeout=socket_timeout,
        # a short retry rides out a blip; the default backs off for seconds
        retry=Retry(ExponentialBackoff(cap=0.2, base=0.02), retries=2,
                    supported_errors=(RedisConnectionError,)))
