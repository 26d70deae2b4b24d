"""The Rasa action server (rasa-sdk) with ShopDesk's actions: real Rasa action-server payloads
posted over HTTP to its /webhook, checking the SlotSet events and the messages it returns.

The server is rasa-sdk's own app, served in this process over the session's dialogue service, so
the models load once. One slow test runs `shopdesk actions` itself as a process.
"""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import threading
import time
import urllib.error
import urllib.request
import uuid
from pathlib import Path
from typing import Any, Iterator

import pytest
from sanic import Sanic

from bot.rasa.actions import ShopDeskComponents, create_action_server

ROOT = Path(__file__).resolve().parents[3]
RETURN_QUESTION = "How many days do I have to return an item?"
RETURN_PASSAGE = "policy:returns-and-replacements#1"
ACTION_NAMES = ["action_shopdesk_search_knowledge", "action_shopdesk_product_search",
                "action_shopdesk_order_status", "action_shopdesk_grounded_reply"]
ORDER_SLOTS = {"order_id": "000000101", "email": "roni_cost@example.com"}
#: The action server's token, as Rasa sends it (endpoints.yml action_endpoint.token -> ?token=).
TOKEN = "actions-token-for-tests"


def _free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def action_server(dialogue_service) -> Iterator[str]:
    """rasa-sdk's Sanic app with our actions, on a free port, served from a background loop."""
    app = create_action_server(ShopDeskComponents.of(dialogue_service), token=TOKEN)
    port = _free_port()
    loop = asyncio.new_event_loop()
    thread = threading.Thread(target=loop.run_forever, daemon=True)
    thread.start()

    async def start():
        server = await app.create_server(host="127.0.0.1", port=port, access_log=False,
                                         return_asyncio_server=True)
        await server.startup()
        await server.start_serving()
        return server

    async def stop(server):
        server.close()
        await server.wait_closed()

    server = asyncio.run_coroutine_threadsafe(start(), loop).result(timeout=30)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        asyncio.run_coroutine_threadsafe(stop(server), loop).result(timeout=30)
        loop.call_soon_threadsafe(loop.stop)
        thread.join(timeout=10)
        Sanic.unregister_app(app)  # one app of a name per process


def action_call(action: str, text: str, *, slots: dict[str, Any] | None = None,
                sender: str | None = None, intent: str = "ask") -> dict:
    """What Rasa 3.x posts to an action server to run `action` after the user said `text`."""
    sender = sender or f"rasa-test-{uuid.uuid4().hex[:12]}"
    now = time.time()
    parse_data = {"text": text, "intent": {"name": intent, "confidence": 0.97},
                  "entities": [], "intent_ranking": [{"name": intent, "confidence": 0.97}],
                  "message_id": uuid.uuid4().hex}
    return {
        "next_action": action,
        "sender_id": sender,
        "tracker": {
            "sender_id": sender,
            "slots": {"session_started_metadata": None, **(slots or {})},
            "latest_message": parse_data,
            "latest_event_time": now,
            "followup_action": None,
            "paused": False,
            "events": [
                {"event": "action", "timestamp": now - 2, "name": "action_session_start"},
                {"event": "session_started", "timestamp": now - 2},
                {"event": "action", "timestamp": now - 2, "name": "action_listen"},
                {"event": "user", "timestamp": now - 1, "text": text, "parse_data": parse_data,
                 "input_channel": "rest"},
            ] + [{"event": "slot", "timestamp": now, "name": k, "value": v}
                 for k, v in (slots or {}).items()],
            "latest_input_channel": "rest",
            "active_loop": {},
            "latest_action": {"action_name": "action_listen"},
            "latest_action_name": "action_listen",
        },
        "domain": {
            "version": "3.1",
            "session_config": {"session_expiration_time": 60,
                               "carry_over_slots_to_new_session": True},
            "intents": [intent], "entities": [],
            "slots": {name: {"type": "any", "mappings": [{"type": "custom"}]}
                      for name in ("order_id", "email", "product_query", "max_price",
                                   "order_status", "shopdesk_citations", "shopdesk_products")},
            "responses": {}, "actions": ACTION_NAMES, "forms": {}, "e2e_actions": [],
        },
        "version": "3.21.0",
    }


def _request(url: str, payload: dict | None = None, token: str | None = TOKEN) -> tuple[int, Any]:
    data = None if payload is None else json.dumps(payload).encode()
    url = url if token is None else f"{url}?token={token}"
    request = urllib.request.Request(url, data=data, headers={"content-type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read() or b"null")


def _run(server: str, payload: dict) -> tuple[dict[str, Any], list[dict]]:
    """POST an action call that must succeed; returns (slots it set, messages it sent)."""
    status, body = _request(f"{server}/webhook", payload)
    assert status == 200, body
    assert all(e["event"] == "slot" for e in body["events"])
    return {e["name"]: e["value"] for e in body["events"]}, body["responses"]


# --- the server ------------------------------------------------------------------------------


def test_the_server_answers_health_and_lists_the_shopdesk_actions(action_server):
    assert _request(f"{action_server}/health") == (200, {"status": "ok"})
    status, actions = _request(f"{action_server}/actions")
    assert status == 200 and [a["name"] for a in actions] == ACTION_NAMES


def test_the_server_answers_only_with_its_token_and_never_openly_beyond_loopback(
        action_server, dialogue_service):
    from bot.rasa.actions import run_action_server
    from bot.settings import SettingsError

    call = action_call("action_shopdesk_order_status", "status?", slots=ORDER_SLOTS)
    assert _request(f"{action_server}/webhook", call, token=None)[0] == 401
    assert _request(f"{action_server}/webhook", call, token="guess")[0] == 403
    assert _request(f"{action_server}/actions", token=None)[0] == 401
    assert _request(f"{action_server}/health", token=None) == (200, {"status": "ok"})
    with pytest.raises(SettingsError, match="SHOPDESK_RASA_ACTIONS_TOKEN"):
        run_action_server(ShopDeskComponents.of(dialogue_service), host="0.0.0.0")


def test_an_unknown_action_is_rasa_sdks_404(action_server):
    status, body = _request(f"{action_server}/webhook", action_call("action_nope", "hi"))
    assert status == 404
    assert body == {"error": "No registered action found for name 'action_nope'.",
                    "action_name": "action_nope"}


def test_a_message_without_text_rejects_the_action_with_a_400(action_server):
    status, body = _request(f"{action_server}/webhook",
                            action_call("action_shopdesk_grounded_reply", "   "))
    assert status == 400
    assert body["action_name"] == "action_shopdesk_grounded_reply" and "text" in body["error"]


# --- knowledge and products ----------------------------------------------------------------------


def test_knowledge_search_utters_the_answering_sentence_with_its_id(action_server):
    slots, messages = _run(action_server, action_call("action_shopdesk_search_knowledge",
                                                      RETURN_QUESTION))
    assert slots == {"shopdesk_citations": [RETURN_PASSAGE]}
    assert len(messages) == 1
    assert "30 days" in messages[0]["text"] and f"[{RETURN_PASSAGE}]" in messages[0]["text"]
    assert messages[0]["custom"]["citations"][0]["id"] == RETURN_PASSAGE


def test_product_search_reads_the_query_and_price_slots(action_server):
    payload = action_call("action_shopdesk_product_search", "what do you have?",
                          slots={"product_query": "backpack", "max_price": 50.0})
    slots, messages = _run(action_server, payload)

    cards = messages[0]["custom"]["products"]
    assert slots == {"shopdesk_products": [c["sku"] for c in cards]} and cards
    assert all((c["special_price"] or c["price"]) <= 50 for c in cards)
    assert all(c["name"] in messages[0]["text"] for c in cards)


def test_product_search_without_slots_searches_the_latest_message(action_server):
    slots, messages = _run(action_server, action_call("action_shopdesk_product_search",
                                                      "show me yoga pants for women"))
    assert slots["shopdesk_products"]
    assert any("pant" in c["name"].lower() for c in messages[0]["custom"]["products"])


def test_a_price_slot_that_is_not_a_price_rejects_the_action(action_server):
    payload = action_call("action_shopdesk_product_search", "a jacket",
                          slots={"max_price": "cheap"})
    status, body = _request(f"{action_server}/webhook", payload)
    assert status == 400 and "max_price" in body["error"]


# --- orders --------------------------------------------------------------------------------------


def test_order_status_with_a_matching_email_tells_the_status(action_server):
    slots, messages = _run(action_server, action_call("action_shopdesk_order_status",
                                                      "where is my order?", slots=ORDER_SLOTS))
    assert slots == {"order_status": "delivered", "shopdesk_order_error": None}
    assert "000000101" in messages[0]["text"] and "delivered" in messages[0]["text"]
    assert messages[0]["buttons"] == [{"title": "Return an item", "payload": "Return an item"}]


def test_order_status_without_a_matching_email_reveals_nothing(action_server, dialogue_service):
    order = dialogue_service.orders.find(**ORDER_SLOTS)
    payload = action_call("action_shopdesk_order_status", "where is my order?",
                          slots={"order_id": order.id, "email": "someone.else@example.com"})
    slots, messages = _run(action_server, payload)

    assert slots == {"order_status": None, "shopdesk_order_error": "not_found"}
    text = json.dumps(messages)
    for secret in (order.id, order.status, order.tracking, order.items[0].name, "roni"):
        assert secret.lower() not in text.lower()


def test_order_status_stops_looking_after_three_wrong_pairs_from_one_sender(action_server):
    sender = f"rasa-guess-{uuid.uuid4().hex[:8]}"
    wrong = {"order_id": ORDER_SLOTS["order_id"], "email": "guess@example.com"}

    def ask(slots):
        return _run(action_server, action_call("action_shopdesk_order_status", "where is it?",
                                               slots=slots, sender=sender))

    assert ask(wrong)[0]["shopdesk_order_error"] == "not_found"
    assert ask(ORDER_SLOTS)[0]["order_status"] == "delivered"  # a match clears the count
    for _ in range(3):
        assert ask(wrong)[0]["shopdesk_order_error"] == "not_found"
    slots, messages = ask(ORDER_SLOTS)  # now even the right pair is not looked up
    assert slots["shopdesk_order_error"] == "too_many_attempts" and slots["order_status"] is None
    assert slots["shopdesk_handoff"] is True
    assert "delivered" not in json.dumps(messages)
    # Another sender is not affected.
    other, _ = _run(action_server, action_call("action_shopdesk_order_status", "where is it?",
                                               slots=ORDER_SLOTS))
    assert other["order_status"] == "delivered"


@pytest.mark.parametrize("slots", [{}, {"order_id": "000000101"},
                                   {"email": "roni_cost@example.com"},
                                   {"order_id": "", "email": None}])
def test_order_status_with_a_detail_missing_asks_for_it(action_server, slots):
    result, messages = _run(action_server, action_call("action_shopdesk_order_status",
                                                       "where is my order?", slots=slots))
    assert result == {"order_status": None, "shopdesk_order_error": "missing_details"}
    text = messages[0]["text"]
    assert ("order number" in text) == (not slots.get("order_id"))
    assert ("email" in text) == (not slots.get("email"))
    assert "delivered" not in text


# --- grounded replies ---------------------------------------------------------------------------


def test_grounded_reply_answers_through_the_dialogue_service(action_server, dialogue_service):
    payload = action_call("action_shopdesk_grounded_reply", RETURN_QUESTION)
    slots, messages = _run(action_server, payload)

    assert slots == {"shopdesk_citations": [RETURN_PASSAGE], "shopdesk_handoff": False}
    assert "30" in messages[0]["text"]
    assert [c["id"] for c in messages[0]["custom"]["citations"]] == [RETURN_PASSAGE]
    session = dialogue_service.session(f"rasa:{payload['sender_id']}")
    assert session.channel == "rasa" and session.transcript[0].text == RETURN_QUESTION


def test_grounded_reply_is_silent_while_a_human_owns_the_conversation(action_server,
                                                                       dialogue_service):
    sender = f"rasa-test-{uuid.uuid4().hex[:12]}"
    _, greeting = _run(action_server, action_call("action_shopdesk_grounded_reply", "hello",
                                                  sender=sender))
    assert greeting[0]["buttons"]  # quick replies become Rasa buttons
    dialogue_service.take_over(f"rasa:{sender}", "alice")

    slots, messages = _run(action_server, action_call("action_shopdesk_grounded_reply",
                                                      "are you there?", sender=sender))
    assert messages == [] and slots == {"shopdesk_citations": [], "shopdesk_handoff": True}


def test_a_sender_id_that_cannot_be_a_session_id_is_rejected(action_server):
    status, body = _request(f"{action_server}/webhook", action_call(
        "action_shopdesk_grounded_reply", "hello", sender="not a valid id!"))
    assert status == 400 and "session id" in body["error"]


# --- the command ---------------------------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.integration
def test_shopdesk_actions_serves_the_actions_as_a_process(tmp_path):
    port = _free_port()
    env = {**os.environ, "SHOPDESK_REDIS_URL": "", "SHOPDESK_GENERATOR_THREADS": "1",
           "OMP_NUM_THREADS": "1", "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1"}
    log = tmp_path / "actions.log"
    with open(log, "wb") as out:
        command = [str(ROOT / ".venv" / "bin" / "shopdesk"), "actions", "--port", str(port)]
        proc = subprocess.Popen(command, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)
    server = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 180
        while True:
            try:
                if _request(f"{server}/health")[0] == 200:
                    break
            except OSError:
                pass
            try:  # returns at once if the process died, else after 0.5 s
                proc.wait(timeout=0.5)
                pytest.fail(f"shopdesk actions exited with {proc.returncode}:\n"
                            f"{log.read_text()[-3000:]}")
            except subprocess.TimeoutExpired:
                assert time.monotonic() < deadline, log.read_text()[-3000:]
        slots, _ = _run(server, action_call("action_shopdesk_order_status", "where is my order?",
                                            slots=ORDER_SLOTS))
        assert slots["order_status"] == "delivered"
    finally:
        proc.terminate()
        assert proc.wait(timeout=30) == 0, log.read_text()[-3000:]
