"""Takeover attempts against a service on a real redis-server, each refused, while the rightful
shopper's conversation goes on, on every channel: the web API, WhatsApp, Telegram, Messenger
(signed webhooks answered through a recording fake of their send APIs) and Rasa's REST channel.
Also: a verification opens one order, expires, and writes ask for it again."""

from __future__ import annotations

import json
import time
import uuid
from dataclasses import replace
from datetime import date

import pytest
import redis
from fastapi.testclient import TestClient

from bot.channels.fake_api import FakePlatformApi
from bot.channels.samples import (messenger_text, signed, telegram_headers, telegram_text,
                                  whatsapp_text)
from bot.dialogue import DialogueService
from bot.dialogue.orders.order_verification import USED_AT, VERIFIED_AT
from bot.sessions.errors import InvalidSessionId, UnknownSession
from bot.sessions.events import MemoryEventBus
from bot.sessions.redis_store import RedisSessionStore
from bot.settings import Settings
from bot.types import ChannelMessage
from bot.web.app import create_app
from kb.orders import DemoOrderBackend

pytestmark = pytest.mark.integration

SECRETS = {
    "whatsapp_verify_token": "wa-verify", "whatsapp_app_secret": "wa-app-secret",
    "whatsapp_access_token": "wa-access-token", "whatsapp_phone_number_id": "1234567890",
    "telegram_bot_token": "123456:tg-bot-token", "telegram_secret_token": "tg-secret",
    "messenger_verify_token": "fb-verify", "messenger_app_secret": "fb-app-secret",
    "messenger_page_token": "fb-page-token", "rasa_rest_token": "rasa-rest-token",
}
PRIYA = "priya.patel@example.com"
REPLY_S = 60


@pytest.fixture(scope="module")
def service(demo_kb, demo_retriever, dialogue_service, redis_server):
    """The real models over sessions in the real Redis, with orders of its own."""
    store = RedisSessionStore(redis_server, key_prefix=f"security-{uuid.uuid4().hex[:6]}:")
    yield DialogueService(demo_kb, demo_retriever, dialogue_service.understander,
                          dialogue_service.generator, store,
                          DemoOrderBackend.seeded(demo_kb, date.today()),
                          rate_limit_per_minute=0, events=MemoryEventBus())
    store.close()  # the models are the shared fixture's


@pytest.fixture(scope="module")
def fake_api():
    with FakePlatformApi() as fake:
        yield fake


@pytest.fixture(scope="module")
def client(service, fake_api):
    settings = replace(Settings.from_env(), **SECRETS,
                       whatsapp_api_base=f"{fake_api.url}/wa/v20.0",
                       telegram_api_base=f"{fake_api.url}/tg",
                       messenger_api_base=f"{fake_api.url}/fb/v20.0")
    with TestClient(create_app(settings, service=service)) as client:
        yield client


def _user() -> str:
    return str(10**11 + uuid.uuid4().int % 10**11)


def _deliver(client, channel: str, user: str, text: str) -> None:
    """A shopper's message through the platform's signed webhook."""
    if channel == "telegram":
        response = client.post("/webhooks/telegram", json=telegram_text(int(user), text),
                               headers=telegram_headers(SECRETS["telegram_secret_token"]))
    else:
        body = whatsapp_text(user, text) if channel == "whatsapp" else messenger_text(user, text)
        raw, headers = signed(body, SECRETS[f"{channel}_app_secret"])
        response = client.post(f"/webhooks/{channel}", content=raw, headers=headers)
    assert response.status_code == 200 and response.json()["queued"] == 1, response.text


def _say(client, fake_api, channel: str, user: str, text: str) -> str:
    """Deliver ``text`` and return the text of the reply the platform was sent."""
    before = len(fake_api.sent_to(user))
    _deliver(client, channel, user, text)
    fake_api.wait_for(lambda sent: sum(r.recipient == user for r in sent) > before, REPLY_S)
    return " ".join(r.text for r in fake_api.sent_to(user)[before:])


def _web(client, message: str, session_id: str | None = None, token: str = "") -> dict:
    client.cookies.clear()
    body = {"message": message} | ({"session_id": session_id} if session_id else {})
    response = client.post("/v1/chat", json=body,
                           headers={"authorization": f"Bearer {token}"} if token else {})
    assert response.status_code == 200, response.text
    return response.json()


# --- messaging apps ------------------------------------------------------------------------------

# each channel's rightful shopper later changes a different order of the same customer
WRITES = {"whatsapp": ("Please cancel my order 000000115", "shall i cancel", "yes", "is canceled"),
          "telegram": ("I need to change the shipping address for order 000000118",
                       "new delivery address", "90 Palm Court, Honolulu, HI 96815",
                       "90 Palm Court"),
          "messenger": ("I want to cancel order 000000120", "shall i cancel", "yes",
                        "is canceled")}


@pytest.mark.parametrize("channel", ["whatsapp", "telegram", "messenger"])
def test_a_messaging_conversation_is_reachable_only_through_its_signed_webhook(
        client, fake_api, service, channel):
    user = _user()
    assert "email" in _say(client, fake_api, channel, user, "where is my order 000000111?")
    assert "on its way" in _say(client, fake_api, channel, user, PRIYA)
    session_id = f"{channel}:{user}"
    never_wrote = f"{channel}:{_user()}"

    # read: refused by the id grammar, the same answer for a number that never wrote
    reads = [client.get(f"/v1/sessions/{sid}", headers=h) for sid in (session_id, never_wrote)
             for h in ({}, {"authorization": "Bearer x"})]
    assert {r.status_code for r in reads} == {422} and len({r.text for r in reads}) == 1
    # write, other orders, address change, cancel: every /v1 door is shut
    for text in ("what is the status of my order?", "and order 000000115?",
                 "change the address of order 000000118 to 1 Evil Street, Nowhere",
                 "cancel order 000000120"):
        for body in ({"session_id": session_id, "message": text},
                     {"session_id": session_id, "message": text, "channel": channel}):
            assert client.post("/v1/chat", json=body).status_code == 422
    with client.websocket_connect("/v1/ws") as socket:
        socket.send_text(json.dumps({"session_id": session_id, "message": "status?"}))
        assert socket.receive_json()["status"] == 400
    # Rasa's channel (even with its token) names its own namespace, never the platform's
    for sender in (user, session_id):
        reply = client.post("/webhooks/rest/webhook", json={
            "sender": sender, "message": "what is the status of my order 000000111?"},
            headers={"authorization": f"Bearer {SECRETS['rasa_rest_token']}"}).json()
        assert "on its way" not in json.dumps(reply) and "email" in reply[0]["text"]
    # the core refuses a web message in the platform's namespace, whoever builds it
    with pytest.raises(InvalidSessionId):
        service.reply(ChannelMessage(session_id, "status of my order?", "web"))

    # the rightful shopper goes on; another order of theirs needs its email again
    ask, prompt, answer, done = WRITES[channel]
    assert "email" in _say(client, fake_api, channel, user, ask).lower()
    assert prompt in _say(client, fake_api, channel, user, PRIYA).lower()
    assert done in _say(client, fake_api, channel, user, answer)
    audit = service.session(session_id).audit
    assert audit[-1]["channel"] == channel and audit[-1]["email"] == "p***@example.com"
    assert audit[-1]["order"] in ("000000115", "000000118", "000000120")


def test_a_web_client_cannot_open_a_messaging_conversation_nor_make_agents_write_to_strangers(
        client, fake_api, service):
    stranger = _user()
    refused = client.post("/v1/chat", json={"session_id": f"whatsapp:{stranger}",
                                            "message": "I want to talk to a human"})
    assert refused.status_code == 422
    with pytest.raises(UnknownSession):
        service.take_over(f"whatsapp:{stranger}", "alice")
    with pytest.raises(UnknownSession):
        service.agent_message(f"whatsapp:{stranger}", "alice", "Hello! How can I help?")
    assert fake_api.sent_to(stranger) == []


# --- the web API ----------------------------------------------------------------------------------


def test_a_web_conversation_is_its_owners_only(client, service, redis_server):
    first = _web(client, "where is my order 000000111?")
    victim, token = first["session_id"], first["session_token"]
    assert "on its way" in _web(client, PRIYA, victim, token)["reply"]["text"]
    thief = _web(client, "hi")
    never_issued = "web:" + "A" * 24

    def attempts(session_id: str, headers: dict, cookie: str = "") -> list[tuple[int, str]]:
        client.cookies.clear()
        if cookie:
            client.cookies.set("shopdesk_session", cookie, path="/v1")
        answers = [client.get(f"/v1/sessions/{session_id}", headers=headers)]
        for text in ("what is the status of my order?", "and order 000000116?",
                     "Please cancel my order 000000116", "yes"):
            answers.append(client.post("/v1/chat", json={"session_id": session_id,
                                                         "message": text}, headers=headers))
        return [(a.status_code, a.json()["kind"]) for a in answers]

    anonymous = attempts(victim, {})
    assert anonymous == attempts(never_issued, {})  # no existence leak
    assert {status for status, _ in anonymous} == {401}
    other = {"authorization": f"Bearer {thief['session_token']}"}
    assert attempts(victim, other) == attempts(never_issued, other)
    assert {kind for _, kind in attempts(victim, other)} == {"UnknownSession"}
    assert {status for status, _ in attempts(victim, {}, cookie=thief["session_token"])} == {404}
    assert service.orders.find("000000116", "sam.lee@example.com").status == "processing"

    # the victim goes on: another order of the same customer needs its email again
    other_order = _web(client, "what about order 000000105?", victim, token)["reply"]["text"]
    assert "email" in other_order and "delivered" not in other_order
    raw = redis.Redis.from_url(redis_server).get(f"{service.sessions.key_prefix}session:{victim}")
    assert token.encode() not in raw and json.loads(raw)["owner_digest"]


def test_a_verification_expires_and_writes_ask_for_a_fresh_one(client, service):
    first = _web(client, "where is my order 000000117?")
    session_id, token = first["session_id"], first["session_token"]
    assert "000000117" in _web(client, "roni_cost@example.com", session_id, token)["reply"]["text"]

    with service.sessions.transaction(session_id) as session:  # 20 minutes pass unused
        session.slots[USED_AT] = repr(time.time() - 20 * 60)
    lapsed = _web(client, "what is the status of my order?", session_id, token)["reply"]["text"]
    assert "order number" in lapsed and "000000117" not in lapsed
    assert service.session(session_id).verified_order == ""

    _web(client, "000000117", session_id, token)
    _web(client, "roni_cost@example.com", session_id, token)
    with service.sessions.transaction(session_id) as session:  # made 10 minutes ago, used now
        session.slots[VERIFIED_AT] = repr(time.time() - 10 * 60)
    again = _web(client, "cancel this order", session_id, token)["reply"]["text"]
    assert "confirm the order number and email again" in again
    assert "email" in _web(client, "000000117", session_id, token)["reply"]["text"]
    assert "shall i cancel" in _web(client, "roni_cost@example.com", session_id,
                                    token)["reply"]["text"].lower()
    assert "is canceled" in _web(client, "yes", session_id, token)["reply"]["text"]
    entry = service.session(session_id).audit[-1]
    assert entry | {"at": 0} == {"at": 0, "action": "cancel", "order": "000000117",
                                 "email": "r***@example.com", "channel": "web",
                                 "detail": "canceled"}
