"""Session stores: one contract run against the memory store and a real redis-server."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import threading
import time
from contextlib import contextmanager
from pathlib import Path

import pytest
import redis

from bot.errors import http_status
from bot.sessions.errors import InvalidSessionId, SessionBusy, SessionStoreUnavailable, UnknownSession
from bot.sessions.factory import open_session_store
from bot.sessions.memory_store import MemorySessionStore
from bot.sessions.redis_store import RedisSessionStore
from bot.settings import Settings
from bot.types import Citation, ProductCard, Reply, TranscriptEntry

ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture(params=["memory", pytest.param("redis", marks=pytest.mark.integration)])
def make_store(request):
    """Builds stores of the parametrised kind (Redis ones on an emptied server); closes them."""
    url = request.getfixturevalue("redis_url") if request.param == "redis" else ""
    made = []

    def make(**options):
        store = RedisSessionStore(url, **options) if url else MemorySessionStore(**options)
        made.append(store)
        return store

    yield make
    for store in made:
        store.close()


@pytest.fixture
def store(make_store):
    return make_store(ttl_seconds=60, blocking_timeout=2)


def wait_until(predicate, within: float = 5.0) -> bool:
    """Polls until ``predicate()`` is true; for real-time expiry that no fake clock can reach."""
    deadline = time.monotonic() + within
    while not predicate():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.05)
    return True


def append(store, session_id: str, text: str) -> None:
    with store.transaction(session_id) as session:
        session.transcript.append(TranscriptEntry("user", text))


def texts(session) -> list[str]:
    return [entry.text for entry in session.transcript]


def test_round_trip_keeps_every_field(store):
    reply = Reply(text="It ships in 2 days.", citations=(Citation("faq-3", "Shipping"),),
                  products=(ProductCard("MJ01", "Beaumont Jacket", 99.0, sizes=("M", "L")),),
                  quick_replies=("Track my order",), action="answer")
    with store.transaction("web:abc-1", channel="whatsapp") as session:
        session.transcript += [
            TranscriptEntry("user", "when does it ship?", at=1.5,
                            facts=[("faq-3", "Orders ship within 2 days.")],
                            nlu={"intent": "shipping", "confidence": 0.93, "entities": []}),
            TranscriptEntry("assistant", reply.text, at=2.5, reply=reply.to_dict()),
        ]
        session.slots["order_id"] = "000000042"
        session.flow = "order_status"
        session.verified_order = "000000042"
        session.shown_products += ["MJ01", "WS03"]
        session.handoff_owner = "queue"
        session.failures = 2
        session.metadata["locale"] = "de-DE"

    got = store.get("web:abc-1")
    assert got.to_dict() == json.loads(json.dumps(session.to_dict()))  # tuples come back as lists
    assert got.transcript[0] == session.transcript[0]
    assert got.channel == "whatsapp" and got.updated >= got.created
    assert Reply.from_dict(got.transcript[1].reply) == reply
    assert store.get("web:other") is None


def test_transaction_without_create_raises_unknown_session(store):
    with pytest.raises(UnknownSession, match="'nope'") as caught:
        with store.transaction("nope", create=False):
            pass
    assert http_status(caught.value) == 404
    assert store.get("nope") is None
    append(store, "nope", "hello")
    with store.transaction("nope", create=False) as session:
        assert texts(session) == ["hello"]


def test_failed_transaction_keeps_stored_state_and_frees_lock(store):
    append(store, "s1", "first")
    before = store.get("s1")
    with pytest.raises(RuntimeError):
        with store.transaction("s1") as session:
            session.transcript.append(TranscriptEntry("assistant", "half a reply"))
            session.flow = "return"
            raise RuntimeError("generator crashed")
    assert store.get("s1") == before
    with pytest.raises(RuntimeError):
        with store.transaction("fresh"):
            raise RuntimeError("crashed on the first turn")
    assert store.get("fresh") is None
    append(store, "s1", "second")  # the lock was released: no SessionBusy
    assert texts(store.get("s1")) == ["first", "second"]


def test_session_expires_after_ttl(make_store):
    store = make_store(ttl_seconds=1)
    append(store, "short", "hi")
    assert [s.id for s in store.list_sessions()] == ["short"]
    assert wait_until(lambda: store.get("short") is None)
    assert store.list_sessions() == []
    with pytest.raises(UnknownSession):
        with store.transaction("short", create=False):
            pass


def test_delete(store):
    append(store, "s1", "hi")
    append(store, "s2", "hi")
    assert store.delete("s1") is True
    assert store.get("s1") is None
    assert store.delete("s1") is False
    assert [s.id for s in store.list_sessions()] == ["s2"]


def test_list_sessions_most_recently_updated_first(store):
    for session_id in ("a", "b", "c"):
        append(store, session_id, "hi")
    append(store, "a", "again")
    assert [s.id for s in store.list_sessions()] == ["a", "c", "b"]
    assert [s.id for s in store.list_sessions(limit=2)] == ["a", "c"]
    assert texts(store.list_sessions(limit=1)[0]) == ["hi", "again"]
    assert store.list_sessions(limit=0) == []
    with pytest.raises(ValueError, match="limit"):
        store.list_sessions(limit=-1)


def test_rate_limit_per_session_and_minute(store):
    for attempt in range(3):  # a minute boundary between the calls would reset the window
        minute = int(time.time() // 60)
        results = [store.allow(f"r{attempt}", 3) for _ in range(4)]
        other = store.allow(f"other{attempt}", 3)
        if int(time.time() // 60) == minute:
            break
    assert results == [True, True, True, False]
    assert other is True
    assert all(store.allow("free", 0) for _ in range(50))


def test_mark_once_lets_the_first_caller_through_until_the_mark_expires(store):
    assert store.mark_once("dedupe:whatsapp:wamid.1", 60) is True
    assert store.mark_once("dedupe:whatsapp:wamid.1", 60) is False
    assert store.mark_once("dedupe:telegram:wamid.1", 60) is True
    assert store.mark_once("short", 1) is True
    assert wait_until(lambda: store.mark_once("short", 1))  # true again once expired
    for key, ttl in (("", 60), ("k", 0)):
        with pytest.raises(ValueError):
            store.mark_once(key, ttl)


def test_mark_once_from_many_threads_lets_exactly_one_through(make_store):
    store = make_store(ttl_seconds=60)
    start = threading.Barrier(8)
    results = []

    def mark() -> None:
        start.wait()
        results.append(store.mark_once("dedupe:messenger:m_1", 60))

    threads = [threading.Thread(target=mark) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(results) == [False] * 7 + [True]


@pytest.mark.integration
def test_mark_once_is_shared_by_every_process_on_the_same_redis(redis_url):
    first, second = RedisSessionStore(redis_url), RedisSessionStore(redis_url)
    assert first.mark_once("dedupe:whatsapp:wamid.9", 60) is True
    assert second.mark_once("dedupe:whatsapp:wamid.9", 60) is False  # a retry that hit another
    assert 0 < redis.Redis.from_url(redis_url).ttl("shopdesk:once:dedupe:whatsapp:wamid.9") <= 60
    first.close()
    second.close()


def test_count_counts_in_the_window_its_first_event_opened(store):
    assert [store.count("wrong-pairs:order:a", 60) for _ in range(3)] == [1, 2, 3]
    assert store.counted("wrong-pairs:order:a") == 3
    assert store.counted("wrong-pairs:order:b") == 0 and store.count("wrong-pairs:order:b", 60) == 1
    assert store.count("short", 1) == 1
    assert wait_until(lambda: store.counted("short") == 0)  # the window is over
    assert store.count("short", 1) == 1
    for key, window in (("", 60), ("k", 0)):
        with pytest.raises(ValueError):
            store.count(key, window)


@pytest.mark.integration
def test_counts_are_shared_by_every_process_on_the_same_redis(redis_url):
    first, second = RedisSessionStore(redis_url), RedisSessionStore(redis_url)
    first.count("wrong-pairs:email:x", 60)
    assert second.count("wrong-pairs:email:x", 60) == 2 and first.counted("wrong-pairs:email:x") == 2
    assert 0 < redis.Redis.from_url(redis_url).ttl("shopdesk:count:wrong-pairs:email:x") <= 60
    first.close()
    second.close()


@pytest.mark.parametrize("bad", ["", "x" * 129, "a b", "a/b", "ü", "id\n", "*"])
def test_invalid_session_ids_are_rejected(store, bad):
    calls = [lambda: store.get(bad), lambda: store.delete(bad), lambda: store.allow(bad, 5),
             lambda: store.transaction(bad).__enter__()]
    for call in calls:
        with pytest.raises(InvalidSessionId, match="invalid session id") as caught:
            call()
        assert http_status(caught.value) == 400
    assert store.list_sessions() == []


def test_longest_and_punctuated_ids_are_accepted(store):
    for session_id in ("x" * 128, "web:Ab_0.9-z"):
        append(store, session_id, "hi")
        assert store.get(session_id).id == session_id


def test_two_threads_lose_no_update(make_store):
    store = make_store(ttl_seconds=60, blocking_timeout=10)
    start = threading.Barrier(2)
    errors = []

    def turns(tag: str) -> None:
        try:
            start.wait()
            for i in range(50):
                append(store, "shared", f"{tag}-{i}")
        except Exception as exc:  # surfaced by the assertion below
            errors.append(exc)

    threads = [threading.Thread(target=turns, args=(tag,)) for tag in "ab"]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    got = texts(store.get("shared"))
    assert len(got) == 100
    for tag in "ab":
        assert [t for t in got if t.startswith(tag)] == [f"{tag}-{i}" for i in range(50)]


def test_second_turn_of_a_busy_session_raises_session_busy(make_store):
    store = make_store(ttl_seconds=60, blocking_timeout=0.2)
    with store.transaction("s1") as session:
        session.flow = "return"
        with pytest.raises(SessionBusy, match="busy") as caught:
            with store.transaction("s1"):
                pass
        append(store, "s2", "other sessions are not blocked")
    assert http_status(caught.value) == 409
    assert store.get("s1").flow == "return"


WORKER = """
import sys
import redis
from bot.sessions.redis_store import RedisSessionStore
from bot.types import TranscriptEntry

url, session_id, tag, n = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
store = RedisSessionStore(url, ttl_seconds=60)
print("ready", flush=True)
redis.Redis.from_url(url).blpop(["test:go"], timeout=10)  # start together
for i in range(n):
    with store.transaction(session_id) as session:
        session.transcript.append(TranscriptEntry("user", f"{tag}-{i}"))
store.close()
"""


@pytest.mark.integration
def test_two_processes_lose_no_update(redis_url):
    n = 60
    workers = [subprocess.Popen([sys.executable, "-c", WORKER, redis_url, "shared", tag, str(n)],
                                cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                text=True) for tag in "ab"]
    try:
        for worker in workers:
            assert worker.stdout.readline().strip() == "ready", worker.stderr.read()
        redis.Redis.from_url(redis_url).rpush("test:go", 1, 1)
        for worker in workers:
            assert worker.wait(timeout=60) == 0, worker.stderr.read()
    finally:
        for worker in workers:
            worker.kill()
            worker.wait()
            worker.stdout.close()
            worker.stderr.close()
    got = texts(RedisSessionStore(redis_url).get("shared"))
    assert len(got) == 2 * n
    for tag in "ab":
        assert [t for t in got if t.startswith(tag)] == [f"{tag}-{i}" for i in range(n)]


@contextmanager
def closed_port():
    """A loopback port that refuses connections: bound, so nobody else takes it, not listening."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        yield sock.getsockname()[1]


def test_unreachable_redis_raises_store_unavailable():
    with closed_port() as port:
        store = RedisSessionStore(f"redis://:s3cret@127.0.0.1:{port}/0", socket_timeout=1)
        calls = [lambda: store.get("s1"), lambda: store.delete("s1"), lambda: store.allow("s1", 5),
                 lambda: store.list_sessions(), lambda: append(store, "s1", "hi")]
        for call in calls:
            with pytest.raises(SessionStoreUnavailable) as caught:
                call()
            message = str(caught.value)
            assert f"cannot reach Redis at redis://:***@127.0.0.1:{port}/0" in message
            assert "s3cret" not in message
            assert http_status(caught.value) == 503
        store.close()


@pytest.mark.integration
def test_new_store_instance_reads_what_an_old_one_wrote(redis_url):
    first = RedisSessionStore(redis_url, ttl_seconds=60)
    with first.transaction("s1") as written:
        written.transcript.append(TranscriptEntry("user", "hi", nlu={"intent": "greet"}))
        written.handoff_owner = "alice"
    first.close()
    second = RedisSessionStore(redis_url, ttl_seconds=60)
    assert second.get("s1") == written
    assert second.list_sessions() == [written]
    second.close()


@pytest.mark.integration
def test_save_sets_ttl_and_index_under_the_prefix(redis_url):
    store = RedisSessionStore(redis_url, ttl_seconds=30)
    append(store, "s1", "hi")
    raw = redis.Redis.from_url(redis_url)
    assert 0 < raw.pttl("shopdesk:session:s1") <= 30_000
    assert raw.zscore("shopdesk:sessions", "s1") == store.get("s1").updated
    assert raw.exists("shopdesk:lock:s1") == 0
    other = RedisSessionStore(redis_url, key_prefix="other:")
    assert other.get("s1") is None and other.list_sessions() == []


@pytest.mark.integration
def test_list_sessions_drops_ids_whose_session_expired(redis_url):
    store = RedisSessionStore(redis_url, ttl_seconds=60)
    for session_id in ("a", "b", "c"):
        append(store, session_id, "hi")
    raw = redis.Redis.from_url(redis_url)
    raw.delete("shopdesk:session:c")  # as if its TTL ran out
    assert [s.id for s in store.list_sessions(limit=1)] == ["b"]
    assert raw.zcard("shopdesk:sessions") == 2


@pytest.mark.integration
def test_turn_that_lost_its_lock_is_not_saved(redis_url):
    store = RedisSessionStore(redis_url, ttl_seconds=60)
    append(store, "s1", "first")
    raw = redis.Redis.from_url(redis_url)
    with pytest.raises(SessionBusy, match="outlived its lock"):
        with store.transaction("s1") as session:
            session.flow = "cancel"
            raw.set("shopdesk:lock:s1", "another turn")  # our lock expired and was taken
    assert store.get("s1").flow == ""
    assert raw.get("shopdesk:lock:s1") == b"another turn"  # the other turn's lock survives


def test_open_session_store_picks_the_backend_from_settings():
    settings = Settings.from_env({})
    assert settings.session_ttl_seconds == 7 * 24 * 3600
    assert settings.rate_limit_per_minute == 30
    memory = open_session_store(settings.redis_url, settings.session_ttl_seconds)
    assert isinstance(memory, MemorySessionStore)
    remote = open_session_store("redis://127.0.0.1:1/0", 60)  # connects on first use only
    assert isinstance(remote, RedisSessionStore) and remote.ttl_seconds == 60
    with pytest.raises(ValueError, match="invalid Redis URL"):
        open_session_store("http://127.0.0.1/0", 60)
    with pytest.raises(ValueError, match="ttl_seconds"):
        open_session_store("", 0)
