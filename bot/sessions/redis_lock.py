"""Session locks in Redis that belong to a turn, not to a thread, and stay alive while it runs.

A `Lease` is ``SET lock:{id} <random token> NX PX <ttl>``; release and renewal are Lua scripts
that act only while the key still holds our token (compare-and-delete, compare-and-pexpire), so
a turn never frees or extends a lock another turn has taken. The token lives in the lease object,
which travels with the turn: a streamed turn that Starlette resumes on another worker thread
releases its lock just the same (redis-py's default Lock keeps its token thread-locally).

`LeaseKeeper` renews every held lease from one daemon thread at a quarter of the TTL, so a turn
may run as long as it needs and stays exclusive, while the lock of a process that died (kill -9)
frees itself within the TTL. A lease whose renewal finds another token is marked ``lost``; the
store's fenced save then refuses to write (`SessionBusy`).
"""

from __future__ import annotations

import logging
import secrets
import threading
import time

import redis

log = logging.getLogger(__name__)

_RELEASE = """
if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) end
return 0
"""
_EXTEND = """
if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) end
return 0
"""


class Lease:
    """One turn's hold on a session lock: the key, our token, and whether we lost it."""

    __slots__ = ("name", "token", "lost")

    def __init__(self, name: str) -> None:
        self.name = name
        self.token = secrets.token_hex(16).encode()
        self.lost = False


class LeaseKeeper:
    """Takes, renews and releases `Lease`s on one Redis client.

    Args:
        client: The store's Redis client.
        ttl_s: How long a lock outlives the last renewal (a dead process's lock frees itself
            this long after it died at most).
        poll_s: Pause between tries while another turn holds the lock.
    """

    def __init__(self, client: redis.Redis, ttl_s: float, poll_s: float = 0.01) -> None:
        self.client = client
        self.ttl_ms = max(1, round(ttl_s * 1000))
        self.poll_s = poll_s
        self._release = client.register_script(_RELEASE)
        self._extend = client.register_script(_EXTEND)
        self._held: set[Lease] = set()
        self._guard = threading.Lock()
        self._wake = threading.Event()
        self._thread: threading.Thread | None = None
        self._closed = False

    def acquire(self, name: str, blocking_timeout: float) -> Lease | None:
        """The lease, or None when another turn held the lock for ``blocking_timeout``.

        Raises:
            redis.ConnectionError, redis.TimeoutError: Redis cannot be reached.
        """
        lease = Lease(name)
        deadline = time.monotonic() + blocking_timeout
        while not self.client.set(name, lease.token, nx=True, px=self.ttl_ms):
            if time.monotonic() >= deadline:
                return None
            time.sleep(self.poll_s)  # polling the lock's key, as redis-py's Lock does
        with self._guard:
            self._held.add(lease)
            self._start()
        return lease

    def release(self, lease: Lease) -> bool:
        """Free the lock if it is still ours; True when it was.

        Raises:
            redis.ConnectionError, redis.TimeoutError: Redis cannot be reached (the lock then
                frees itself within the TTL).
        """
        with self._guard:
            self._held.discard(lease)
        return bool(self._release(keys=[lease.name], args=[lease.token]))

    def still_ours(self, lease: Lease) -> bool:
        """Renew now; False (and ``lease.lost``) when another turn has the lock."""
        if not lease.lost and not self._extend(keys=[lease.name], args=[lease.token, self.ttl_ms]):
            lease.lost = True
        return not lease.lost

    def close(self) -> None:
        self._closed = True
        self._wake.set()

    def _start(self) -> None:
        """Start the renewing thread on first use (the caller holds ``_guard``)."""
        if self._thread is None or not self._thread.is_alive():
            self._thread = threading.Thread(target=self._renew_forever, name="session-lease-keeper",
                                            daemon=True)
            self._thread.start()

    def _renew_forever(self) -> None:
        interval = self.ttl_ms / 4000  # three renewals may be late before a lock lapses
        while not self._closed:
            self._wake.wait(interval)
            with self._guard:
                leases = [lease for lease in self._held if not lease.lost]
            if leases:
                self._renew(leases)

    def _renew(self, leases: list[Lease]) -> None:
        try:
            with self.client.pipeline(transaction=False) as pipe:
                for lease in leases:
                    self._extend(keys=[lease.name], args=[lease.token, self.ttl_ms], client=pipe)
                renewed = pipe.execute()
        except redis.RedisError as exc:  # a blip: the next round tries again within the TTL
            log.warning("session locks not renewed (%d held): %s", len(leases), exc)
            return
        with self._guard:
            still_held = set(self._held)
        for lease, ok in zip(leases, renewed):
            if not ok and lease in still_held:  # (a lease released meanwhile is no news)
                lease.lost = True
                log.warning("lock %s was taken by another turn; this turn will not be saved",
                            lease.name)
