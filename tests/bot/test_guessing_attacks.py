"""An outsider's attacks on the limits that stop guessing, against the real service on a real
redis-server: a guesser who knows an order number tries to lock its owner out, and a client
forges X-Forwarded-For to pass for others (or to spend others' limits). Each limit must stop
the guesser and leave the owner, elsewhere, alone; the header is believed only from a
configured proxy (`SHOPDESK_TRUSTED_PROXIES`)."""

from __future__ import annotations

import uuid
from dataclasses import replace
from datetime import date

import pytest
from fastapi.testclient import TestClient

from bot.dialogue import DialogueService
from bot.dialogue.orders.order_verification import VerificationPolicy
from bot.sessions.events import MemoryEventBus
from bot.sessions.redis_store import RedisSessionStore
from bot.settings import Settings
from bot.web.app import create_app
from kb.orders import DemoOrderBackend

pytestmark = pytest.mark.integration

PROXY = "10.0.0.2"  # the deployment's reverse proxy
CARLOS = "carlos.diaz@example.com"
READS_PER_MINUTE = 3


@pytest.fixture(scope="module")
def service(demo_kb, demo_retriever, dialogue_service, redis_server):
    """The real models over sessions in the real Redis, with the verification limits a
    deployment gets by default."""
    store = RedisSessionStore(redis_server, key_prefix=f"guessing-{uuid.uuid4().hex[:6]}:")
    yield DialogueService(demo_kb, demo_retriever, dialogue_service.understander,
                          dialogue_service.generator, store,
                          DemoOrderBackend.seeded(demo_kb, date.today()),
                          rate_limit_per_minute=0, events=MemoryEventBus(),
                          verification=VerificationPolicy())
    store.close()


@pytest.fixture(scope="module")
def app(service):
    settings = replace(Settings.from_env(), redis_url="", trusted_proxies="10.0.0.0/8",
                       read_rate_limit_per_minute=READS_PER_MINUTE)
    app = create_app(settings, service=service)
    with TestClient(app):  # runs the lifespan: the app's state is up for every client below
        yield app


def _from(app, address: str) -> TestClient:
    """A client of the running app connecting from ``address``."""
    return TestClient(app, client=(address, 41000))


def _order_reply(client: TestClient, number: str, email: str, headers: dict | None = None) -> str:
    """A new conversation asking about order ``number``, then giving ``email``."""
    headers = headers or {}
    first = client.post("/v1/chat", json={"message": f"where is my order {number}?"},
                        headers=headers)
    assert first.status_code == 200, first.text
    body = first.json()
    client.cookies.clear()
    answer = client.post("/v1/chat", json={"session_id": body["session_id"], "message": email},
                         headers=headers | {"authorization": f"Bearer {body['session_token']}"})
    assert answer.status_code == 200, answer.text
    return answer.json()["reply"]["text"]


def test_a_guesser_who_knows_an_order_number_cannot_lock_its_owner_out(app, service):
    order = service.orders.find("000000112", CARLOS)
    guesser = _from(app, "198.51.100.7")
    for i in range(8):  # eight conversations: past the five a client may give per order
        assert order.items[0].name not in _order_reply(guesser, order.id, f"g{i}@example.com")
    told = _order_reply(guesser, order.id, CARLOS)  # enumeration still stops: even the right pair
    assert order.items[0].name not in told and "on its way" not in told, told
    owner = _order_reply(_from(app, "203.0.113.20"), order.id, CARLOS)
    assert "on its way" in owner and order.items[0].name in owner, owner


def test_behind_the_proxy_a_guesser_and_the_owner_are_told_apart(app, service):
    order = service.orders.find("000000112", CARLOS)
    proxy = _from(app, PROXY)
    guesser = {"x-forwarded-for": "198.51.100.8"}
    for i in range(6):
        _order_reply(proxy, "000000119", f"p{i}@example.com", guesser)
    assert "Lando" not in _order_reply(proxy, "000000119", "alex.morgan@example.com", guesser)
    # the owner comes through the same proxy: another shopper, looked up
    told = _order_reply(proxy, order.id, CARLOS, {"x-forwarded-for": "203.0.113.21"})
    assert "on its way" in told, told
    alex = _order_reply(proxy, "000000119", "alex.morgan@example.com",
                        {"x-forwarded-for": "203.0.113.22"})
    assert "000000119" in alex and "couldn't find" not in alex, alex


def test_a_forged_forwarded_header_from_a_client_buys_no_guesses(app, service):
    """Not a trusted proxy: its X-Forwarded-For is read by nobody, whatever it says."""
    order = service.orders.find("000000107", "jane.doe@example.com")
    liar = _from(app, "198.51.100.9")
    for i in range(6):
        _order_reply(liar, order.id, f"f{i}@example.com",
                     {"x-forwarded-for": f"203.0.113.{50 + i}, {PROXY}"})
    told = _order_reply(liar, order.id, order.email, {"x-forwarded-for": "203.0.113.99"})
    assert order.items[0].name not in told, told


def _read(client: TestClient, headers: dict | None = None) -> int:
    return client.get("/v1/sessions/web:" + "R" * 24, headers=headers or {}).status_code


def test_reads_are_limited_per_shopper_behind_the_proxy_and_a_forged_header_escapes_nothing(app):
    proxy = _from(app, PROXY)
    reader = {"x-forwarded-for": "203.0.113.30"}
    assert [_read(proxy, reader) for _ in range(READS_PER_MINUTE)] == [401] * READS_PER_MINUTE
    assert _read(proxy, reader) == 429
    assert _read(proxy, {"x-forwarded-for": "203.0.113.31"}) == 401  # another shopper reads on
    # a client that is no proxy: each forged header is still its own address, limited once
    liar = _from(app, "198.51.100.10")
    seen = [_read(liar, {"x-forwarded-for": f"203.0.113.{60 + i}"})
            for i in range(READS_PER_MINUTE + 2)]
    assert seen[-1] == 429 and seen.count(401) == READS_PER_MINUTE, seen
