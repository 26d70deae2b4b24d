"""WhatsApp webhook through the real app and dialogue service; replies reach a fake Cloud API."""

from __future__ import annotations

import pytest

from bot.channels.platform import UNSUPPORTED_TEXT
from bot.channels.samples import (signed, whatsapp_message, whatsapp_status, whatsapp_text,
                                  whatsapp_value)
from bot.channels.signatures import META_SIGNATURE_HEADER, sign
from bot.channels.whatsapp import WhatsApp
from bot.types import ProductCard, Reply

PATH = "/webhooks/whatsapp"


def post(client, body, secret: str, headers: dict | None = None):
    raw, signed_headers = signed(body, secret)
    return client.post(PATH, content=raw, headers=signed_headers if headers is None else headers)


@pytest.fixture
def send(client, secrets):
    def send(body):
        response = post(client, body, secrets["whatsapp_app_secret"])
        assert response.status_code == 200, response.text
        return response.json()

    return send


# --- handshake and signatures --------------------------------------------------------------------


def test_handshake_echoes_the_challenge_for_the_right_token(client, secrets):
    params = {"hub.mode": "subscribe", "hub.verify_token": secrets["whatsapp_verify_token"],
              "hub.challenge": "1158201444"}
    response = client.get(PATH, params=params)
    assert response.status_code == 200
    assert response.text == "1158201444"
    assert response.headers["content-type"].startswith("text/plain")
    wrong = client.get(PATH, params=params | {"hub.verify_token": "guess"})
    assert wrong.status_code == 403 and "verify_token" in wrong.json()["error"]
    assert client.get(PATH, params={"hub.mode": "subscribe"}).status_code == 422  # schema


def test_unsigned_or_badly_signed_deliveries_are_refused_and_never_processed(
        client, secrets, send, replies, fake_api, dialogue_service, user):
    body = whatsapp_text(user, "hi")
    raw, headers = signed(body, secrets["whatsapp_app_secret"])
    tampered = raw.replace(b"hi", b"yo")
    cases = [
        (client.post(PATH, content=raw, headers={"content-type": "application/json"}), 401),
        (client.post(PATH, content=tampered, headers=headers), 403),
        (post(client, body, "not-the-app-secret"), 403),
        (post(client, body, secrets["messenger_app_secret"]), 403),  # another app's secret
        (client.post(PATH, content=raw, headers={META_SIGNATURE_HEADER: "sha256=zz"}), 403),
    ]
    assert [response.status_code for response, _ in cases] == [status for _, status in cases]
    assert "X-Hub-Signature-256" in cases[0][0].json()["error"]
    # a later valid delivery is answered; by then a processed bad one would have been too
    other = str(int(user) + 1)
    send(whatsapp_text(other, "hi"))
    replies(other, 1)
    assert fake_api.sent_to(user) == []
    assert dialogue_service.sessions.get(f"whatsapp:{user}") is None


# --- conversations -------------------------------------------------------------------------------


def test_order_status_conversation(send, replies, fake_api, secrets, user):
    for text in ("where is my order?", "000000111", "priya.patel@example.com"):
        assert send(whatsapp_text(user, text)) == {"status": "ok", "queued": 1}
    sent = replies(user, 3)
    assert "order number" in sent[0].text.lower()
    assert "email" in sent[1].text.lower()
    assert "on its way" in sent[2].text and "000000111" in sent[2].text
    request = sent[2]
    assert request.path == "/wa/v20.0/1234567890/messages"
    assert request.headers["authorization"] == f"Bearer {secrets['whatsapp_access_token']}"
    assert request.payload["messaging_product"] == "whatsapp"
    assert request.payload["to"] == user


def test_a_retried_delivery_is_answered_once(send, replies, fake_api, user):
    body = whatsapp_text(user, "hi", message_id="wamid.retried-1")
    assert send(body)["queued"] == 1
    assert send(body)["queued"] == 0  # Meta retries when our 200 came late
    send(whatsapp_text(user, "thanks"))
    sent = replies(user, 2)  # one session's messages are answered in order
    assert len(sent) == 2
    assert "store assistant" in sent[0].text and "welcome" in sent[1].text


def test_product_cards_become_text_lines_and_quick_replies_a_list(send, replies, user):
    send(whatsapp_text(user, "show me backpacks under $40"))
    [message] = replies(user, 1)  # text and cards fit the 1024 of an interactive body
    interactive = message.payload["interactive"]
    body = interactive["body"]["text"]
    assert body.startswith("Here is what I found")
    cards = [block for block in body.split("\n\n") if block.startswith("\u2022 ")]
    assert 1 <= len(cards) <= 4
    assert any("Backpack" in card for card in cards)
    for card in cards:
        name_price, link = card.split("\n")
        assert name_price.count("$") in (1, 2)  # the price, and the old one on sale
        assert link.startswith("https://shop.example.com/") and link.endswith(".html")
    assert interactive["type"] == "list"  # "Tell me about the ..." is over 20 characters
    [row] = interactive["action"]["sections"][0]["rows"]
    assert row["id"].startswith("qr:Tell me about the ") and len(row["title"]) <= 24


def test_a_tapped_list_row_sends_its_full_text(send, replies, dialogue_service, user):
    tapped = {"type": "interactive", "interactive": {"type": "list_reply", "list_reply": {
        "id": "qr:Shipping costs", "title": "Shipping costs"}}}
    send(whatsapp_message(user, tapped))
    [reply] = replies(user, 1)
    assert "$" in reply.text  # the rate table, from code
    assert dialogue_service.session(f"whatsapp:{user}").transcript[0].text == "Shipping costs"


@pytest.mark.parametrize("message", [
    {"type": "sticker", "sticker": {"id": "st1", "mime_type": "image/webp"}},
    {"type": "image", "image": {"id": "img1", "mime_type": "image/jpeg"}},
    {"type": "audio", "audio": {"id": "a1", "voice": True}},
    {"type": "location", "location": {"latitude": 1.0, "longitude": 2.0}},
    {"type": "reaction", "reaction": {"message_id": "wamid.x", "emoji": "\U0001F44D"}},
])
def test_unsupported_kinds_get_a_polite_text_reply(send, replies, dialogue_service, user,
                                                   message):
    send(whatsapp_message(user, message))
    [reply] = replies(user, 1)
    assert reply.text == UNSUPPORTED_TEXT
    assert dialogue_service.sessions.get(f"whatsapp:{user}") is None  # no turn was run


def test_status_callbacks_and_unreadable_bodies_are_acknowledged_and_ignored(
        client, secrets, send, fake_api, user):
    assert send(whatsapp_status(user, "read")) == {"status": "ok", "queued": 0}
    assert send(whatsapp_value({"messages": [{"from": user}]})) == {"status": "ok", "queued": 0}
    ignored = send({"object": "whatsapp_business_account", "entry": "not a list"})
    assert ignored["status"] == "ignored" and "entry" in ignored["error"]
    raw = b"{not json"
    signature = sign(raw, secrets["whatsapp_app_secret"])
    response = client.post(PATH, content=raw, headers={META_SIGNATURE_HEADER: signature})
    assert response.status_code == 200  # signed by Meta: a 4xx would only bring retries
    assert response.json() == {"status": "ignored", "error": "the body is not valid JSON"}


# --- human agents and long text ------------------------------------------------------------------


def test_an_agents_messages_reach_the_shopper_and_the_bot_stays_quiet(
        send, replies, dialogue_service, user):
    session_id = f"whatsapp:{user}"
    send(whatsapp_text(user, "hi"))
    replies(user, 1)
    dialogue_service.take_over(session_id, "Alice")
    events = dialogue_service.events.subscribe()
    try:
        send(whatsapp_text(user, "are you there?"))
        while True:  # the shopper's message is stored (and the bot said nothing)
            event = events.get(timeout=30)
            assert event is not None, "the shopper's message was not processed"
            if event.session_id == session_id and event.role == "user":
                break
    finally:
        events.close()
    dialogue_service.agent_message(session_id, "Alice", "Hi, this is Alice. Let me check.")
    sent = replies(user, 2)
    assert [r.text for r in sent] == [sent[0].text, "Hi, this is Alice. Let me check."]


def test_a_long_agent_message_is_split_at_4096(send, replies, dialogue_service, monkeypatch,
                                               user):
    send(whatsapp_text(user, "hi"))
    replies(user, 1)
    monkeypatch.setattr(dialogue_service, "max_message_chars", 20_000)
    text = " ".join(f"Line {i} of the agent's long answer." for i in range(300))  # ~10,500
    dialogue_service.agent_message(f"whatsapp:{user}", "Alice", text)
    sent = replies(user, 4)[1:]
    assert [len(r.text) <= 4096 for r in sent] == [True, True, True]
    assert " ".join(r.text for r in sent) == text


# --- rendering -----------------------------------------------------------------------------------


def platform() -> WhatsApp:
    return WhatsApp(access_token="t", phone_number_id="99", api_base="https://graph.test/v20.0",
                    store_url="https://shop.test")


def test_up_to_three_short_quick_replies_become_buttons():
    [request] = platform().render("15550001", Reply("Cancel it?", quick_replies=("Yes", "No")))
    interactive = request.payload["interactive"]
    assert interactive["type"] == "button" and interactive["body"] == {"text": "Cancel it?"}
    assert [b["reply"] for b in interactive["action"]["buttons"]] == [
        {"id": "qr:Yes", "title": "Yes"}, {"id": "qr:No", "title": "No"}]
    assert request.url == "https://graph.test/v20.0/99/messages"


def test_a_long_text_with_quick_replies_ends_with_a_short_interactive_message():
    reply = Reply("Word. " * 1000, quick_replies=("A", "B", "C", "D"))  # 6000 characters
    requests = platform().render("15550001", reply)
    assert [r.payload["type"] for r in requests] == ["text", "text", "interactive"]
    assert len(requests[2].payload["interactive"]["body"]["text"]) <= 1024
    assert len(requests[2].payload["interactive"]["action"]["sections"][0]["rows"]) == 4


def test_cards_without_a_store_url_have_no_links():
    card = ProductCard("MB01", "Joust Duffle Bag", 34.0, special_price=29.0, url_key="joust",
                       in_stock=False, currency="USD")
    plain = WhatsApp(access_token="t", phone_number_id="9", api_base="https://g.test")
    [request] = plain.render("1", Reply("Found:", products=(card,)))
    assert request.payload["text"]["body"] == (
        "Found:\n\n\u2022 Joust Duffle Bag: $29.00 (was $34.00), out of stock")
    [linked] = platform().render("1", Reply("Found:", products=(card,)))
    assert linked.payload["text"]["body"].endswith("\nhttps://shop.test/joust.html")


def test_an_unreadable_message_in_a_batch_is_skipped_and_the_others_are_read():
    body = whatsapp_text("15550001", "first")
    messages = body["entry"][0]["changes"][0]["value"]["messages"]
    messages.append({"from": "15550001", "type": "text"})  # no id: unreadable
    messages.append(whatsapp_text("15550002", "third")["entry"][0]["changes"][0]["value"]
                    ["messages"][0])
    assert [(m.user_id, m.text) for m in platform().parse(body)] == [
        ("15550001", "first"), ("15550002", "third")]


def test_cards_print_the_stores_own_currency():
    """A euro store's card reads in euro on a messaging app, never "$"."""
    card = ProductCard("FL-100", "Halo 30W LED Floodlight", 49.0, special_price=44.0,
                       currency="EUR")
    plain = WhatsApp(access_token="t", phone_number_id="9", api_base="https://g.test")
    [request] = plain.render("1", Reply("Found:", products=(card,)))
    body = request.payload["text"]["body"]
    assert "Halo 30W LED Floodlight: €44.00 (was €49.00)" in body and "$" not in body
    quote = ProductCard("PS-340", "Card Payment Terminal", 0.0, currency="EUR")
    [request] = plain.render("1", Reply("Found:", products=(quote,)))
    assert request.payload["text"]["body"].endswith("Card Payment Terminal: price on request")


def test_a_message_keeps_the_time_whatsapp_dates_it_by():
    body = whatsapp_message("15550001", {"type": "text", "text": {"body": "hi"},
                                         "timestamp": "1700000000"})
    assert platform().parse(body)[0].sent_at == 1700000000.0
    body["entry"][0]["changes"][0]["value"]["messages"][0]["timestamp"] = "soon"
    assert platform().parse(body)[0].sent_at == 0.0  # unreadable: not told
