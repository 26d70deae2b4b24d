"""Rasa's REST channel (/webhooks/rest/webhook) over the real dialogue service: the reply in
Rasa's message format, quick replies as buttons, cards and sources in `custom`, silence while a
human owns the conversation, and bad input refused in the service's error shape."""

from __future__ import annotations

import uuid

import pytest

from bot.dialogue import CAPABILITIES

WEBHOOK = "/webhooks/rest/webhook"
RETURN_PASSAGE = "policy:returns-and-replacements#1"
TOKEN = "rasa-rest-token-for-tests"


@pytest.fixture(scope="module")
def client(dialogue_service):
    """The app with the Rasa REST channel on; the client sends the channel's token."""
    from dataclasses import replace

    from fastapi.testclient import TestClient

    from bot.settings import Settings
    from bot.web.app import create_app

    settings = replace(Settings.from_env(), rasa_rest_token=TOKEN)
    with TestClient(create_app(settings, service=dialogue_service),
                    headers={"authorization": f"Bearer {TOKEN}"}) as client:
        yield client


def test_without_its_token_the_channel_refuses_and_without_a_setting_it_is_off(
        client, dialogue_service):
    from fastapi.testclient import TestClient

    from bot.settings import Settings
    from bot.web.app import create_app

    sender = _sender()
    body = {"sender": sender, "message": "where is my order 000000101?"}
    bare = client.post(WEBHOOK, json=body, headers={"authorization": ""})
    wrong = client.post(WEBHOOK, json=body, headers={"authorization": "Bearer guess"})
    assert (bare.status_code, wrong.status_code) == (401, 403)
    with TestClient(create_app(Settings.from_env(), service=dialogue_service)) as off:
        assert off.post(WEBHOOK, json=body).status_code == 404
        assert off.get("/webhooks/rest/").status_code == 404
    with pytest.raises(Exception, match="no session"):
        dialogue_service.session(f"rest:{sender}")  # nothing reached a conversation


def _sender() -> str:
    return f"rasa-test-{uuid.uuid4().hex[:12]}"


def _send(client, sender: str, message: str, **extra) -> list[dict]:
    """POST one message that must succeed; returns Rasa's list of bot messages."""
    response = client.post(WEBHOOK, json={"sender": sender, "message": message, **extra})
    assert response.status_code == 200, response.text
    return response.json()


def test_the_channel_answers_rasas_health_check(client):
    response = client.get("/webhooks/rest/")
    assert response.status_code == 200 and response.json() == {"status": "ok"}


def test_a_greeting_is_one_message_with_quick_replies_as_buttons(client, dialogue_service):
    sender = _sender()
    messages = _send(client, sender, "hello", metadata={"locale": "en-US"})

    assert len(messages) == 1
    message = messages[0]
    assert message["recipient_id"] == sender and message["text"]
    assert message["buttons"] == [{"title": q, "payload": q} for q in CAPABILITIES]
    assert "custom" not in message  # no cards, no sources, no handoff
    session = dialogue_service.session(f"rest:{sender}")
    assert session.channel == "rasa-rest" and session.metadata["locale"] == "en-US"
    assert [e.role for e in session.transcript] == ["user", "assistant"]


def test_a_button_payload_sent_back_continues_the_conversation(client):
    sender = _sender()
    track = _send(client, sender, "hello")[0]["buttons"][0]["payload"]
    asked = _send(client, sender, track)[0]["text"]
    assert "order number" in asked
    assert "email" in _send(client, sender, "000000101")[0]["text"]
    status = _send(client, sender, "roni_cost@example.com")[0]["text"]
    assert "000000101" in status and "delivered" in status


def test_product_cards_travel_in_custom(client):
    message = _send(client, _sender(), "I need a backpack under $50")[0]

    products = message["custom"]["products"]
    assert products and message["custom"]["handoff"] is False
    assert {"sku", "name", "price", "url_key", "image", "in_stock"} <= products[0].keys()
    assert all((p["special_price"] or p["price"]) <= 50 for p in products)
    assert products[0]["name"] in message["text"]


def test_a_grounded_answer_carries_its_sources_in_custom(client):
    message = _send(client, _sender(), "How many days do I have to return an item?")[0]

    assert "30" in message["text"] and "[" not in message["text"]  # markers are removed
    assert [c["id"] for c in message["custom"]["citations"]] == [RETURN_PASSAGE]


def test_asking_for_a_human_says_so_in_custom(client):
    message = _send(client, _sender(), "I want to talk to a human")[0]
    assert message["custom"]["handoff"] is True and message["text"]


def test_the_bot_stays_quiet_while_a_human_owns_the_conversation(client, dialogue_service):
    sender = _sender()
    _send(client, sender, "hi")
    dialogue_service.take_over(f"rest:{sender}", "alice")

    assert _send(client, sender, "where is my order?") == []
    assert dialogue_service.session(f"rest:{sender}").transcript[-1].text == "where is my order?"

    dialogue_service.hand_back(f"rest:{sender}")
    assert _send(client, sender, "hello")[0]["text"]


BAD_REQUESTS = {
    "no sender": (422, {"json": {"message": "hi"}}),
    "sender with a space": (422, {"json": {"sender": "a b", "message": "hi"}}),
    "sender too long": (422, {"json": {"sender": "x" * 124, "message": "hi"}}),
    "no message": (422, {"json": {"sender": "s"}}),
    "message not text": (422, {"json": {"sender": "s", "message": 42}}),
    "metadata not an object": (422, {"json": {"sender": "s", "message": "hi", "metadata": [1]}}),
    "empty message": (422, {"json": {"sender": "s", "message": "   "}}),
    "JSON 40 levels deep": (400, {"content": b'{"sender": "s", "message": "hi", "metadata": '
                                             + b'{"a": ' * 40 + b"1" + b"}" * 41,
                                  "headers": {"content-type": "application/json"}}),
    "not JSON": (400, {"content": b"{nope", "headers": {"content-type": "application/json"}}),
}


@pytest.mark.parametrize("case", list(BAD_REQUESTS))
def test_bad_input_is_a_4xx_in_the_services_error_shape(client, case):
    status, request = BAD_REQUESTS[case]
    response = client.post(WEBHOOK, **request)
    assert response.status_code == status, response.text
    error = response.json()
    assert error.keys() == {"error", "kind"} and error["error"] and error["kind"]


def test_the_longest_sender_fits_a_session_id(client, dialogue_service):
    sender = "x" * 123
    assert _send(client, sender, "hello")[0]["recipient_id"] == sender
    assert dialogue_service.session(f"rest:{sender}").channel == "rasa-rest"
