"""Session locks on a real redis-server: held by the turn (not the thread), renewed while the
turn runs, freed within their TTL when the process holding them dies, fenced at save."""

from __future__ import annotations

import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
import redis

from bot.sessions.errors import SessionBusy
from bot.sessions.redis_store import RedisSessionStore
from bot.types import TranscriptEntry

pytestmark = pytest.mark.integration
ROOT = Path(__file__).resolve().parents[3]


def test_a_turn_resumed_on_another_thread_saves_and_releases(redis_url):
    """Starlette resumes a streaming turn on whichever worker thread is free."""
    store = RedisSessionStore(redis_url, ttl_seconds=60)

    def turn():
        with store.transaction("s1") as session:
            session.transcript.append(TranscriptEntry("user", "hello"))
            yield "token"
            session.transcript.append(TranscriptEntry("assistant", "hi there"))

    steps = turn()
    first = threading.Thread(target=next, args=(steps,))
    first.start()
    first.join()
    finished = threading.Thread(target=lambda: list(steps))  # another thread ends the turn
    finished.start()
    finished.join()
    assert [e.text for e in store.get("s1").transcript] == ["hello", "hi there"]
    assert redis.Redis.from_url(redis_url).exists("shopdesk:lock:s1") == 0
    with store.transaction("s1", create=False):  # free at once, not after a TTL
        pass
    store.close()


def test_a_turn_longer_than_the_lock_ttl_stays_exclusive(redis_url):
    # A 1 s TTL renewed every 0.25 s: a lock expires only when its renewal stalls a whole
    # second (0.3 s flaked when other processes starved the renewing thread on 2 busy cores).
    store = RedisSessionStore(redis_url, ttl_seconds=60, lock_timeout=1.0, blocking_timeout=0.2)
    rival = RedisSessionStore(redis_url, ttl_seconds=60, lock_timeout=1.0, blocking_timeout=0.2)
    tries: list[str] = []
    with store.transaction("long") as session:
        session.transcript.append(TranscriptEntry("user", "a long question"))
        deadline = time.monotonic() + 3.0  # three TTLs
        while time.monotonic() < deadline:
            with pytest.raises(SessionBusy, match="busy"):
                with rival.transaction("long"):
                    pass
            tries.append("refused")
    assert len(tries) >= 3
    assert [e.text for e in store.get("long").transcript] == ["a long question"]
    with rival.transaction("long") as session:  # the next turn goes on after it
        session.transcript.append(TranscriptEntry("user", "next"))
    assert len(rival.get("long").transcript) == 2
    store.close()
    rival.close()


HOLDER = """
import sys, time
from bot.sessions.redis_store import RedisSessionStore
from bot.types import TranscriptEntry
store = RedisSessionStore(sys.argv[1], ttl_seconds=60, lock_timeout=float(sys.argv[2]))
with store.transaction("crash") as session:
    session.transcript.append(TranscriptEntry("user", "saved before the crash"))
    store.checkpoint(session)
    print("holding", flush=True)
    time.sleep(600)
"""


def test_the_lock_of_a_killed_process_frees_within_its_ttl_and_the_checkpoint_survives(redis_url):
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, redis_url, "2"], cwd=ROOT,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "holding", holder.stderr.read()
        store = RedisSessionStore(redis_url, ttl_seconds=60, blocking_timeout=0.1)
        deadline = time.monotonic() + 2.5  # longer than the TTL: the holder keeps renewing
        while time.monotonic() < deadline:
            with pytest.raises(SessionBusy):
                with store.transaction("crash"):
                    pass
        holder.kill()
        holder.wait()
        killed = time.monotonic()
        waiting = RedisSessionStore(redis_url, ttl_seconds=60, blocking_timeout=5)
        with waiting.transaction("crash") as session:
            freed_after = time.monotonic() - killed
            assert [e.text for e in session.transcript] == ["saved before the crash"]
            session.transcript.append(TranscriptEntry("user", "are you there?"))
        assert freed_after <= 2.5, f"the dead turn's lock held for {freed_after:.1f} s"
        store.close()
        waiting.close()
    finally:
        holder.kill()
        holder.wait()
        holder.stdout.close()
        holder.stderr.close()


def test_a_checkpoint_outside_a_transaction_is_refused(redis_url):
    store = RedisSessionStore(redis_url, ttl_seconds=60)
    with store.transaction("s2") as session:
        pass
    with pytest.raises(RuntimeError, match="outside a transaction"):
        store.checkpoint(session)
    store.close()


def test_a_checkpoint_after_losing_the_lock_saves_nothing(redis_url):
    store = RedisSessionStore(redis_url, ttl_seconds=60)
    raw = redis.Redis.from_url(redis_url)
    with pytest.raises(SessionBusy, match="outlived its lock"):
        with store.transaction("s3") as session:
            session.transcript.append(TranscriptEntry("user", "first"))
            raw.set("shopdesk:lock:s3", "another turn")
            store.checkpoint(session)
    assert store.get("s3") is None
    assert raw.get("shopdesk:lock:s3") == b"another turn"
    store.close()


def test_a_renewal_during_the_save_does_not_void_it(redis_url):
    """Renewing a lock (PEXPIRE) counts as a write to the key the save WATCHes; a save racing a
    renewal of its own lock must still land, not fail as if the lock were lost."""
    store = RedisSessionStore(redis_url, ttl_seconds=60, lock_timeout=4)
    renewer = redis.Redis.from_url(redis_url)
    stop = threading.Event()

    def renew_all_the_time() -> None:  # the keeper renews every second; this, every 2 ms
        while not stop.wait(0.002):
            renewer.pexpire("shopdesk:lock:race", 4000)

    thread = threading.Thread(target=renew_all_the_time)
    thread.start()
    try:
        for i in range(200):
            with store.transaction("race") as session:
                session.transcript.append(TranscriptEntry("user", f"message {i}"))
    finally:
        stop.set()
        thread.join()
        renewer.close()
    assert len(store.get("race").transcript) == 200
    store.close()
