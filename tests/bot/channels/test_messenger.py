"""Messenger webhook through the real app and dialogue service; replies reach a fake Send API."""

from __future__ import annotations

import pytest

from bot.channels.messenger import Messenger
from bot.channels.platform import UNSUPPORTED_TEXT
from bot.channels.samples import messenger_event, messenger_text, signed
from bot.types import ProductCard, Reply

PATH = "/webhooks/messenger"


def post(client, body, secret: str):
    raw, headers = signed(body, secret)
    return client.post(PATH, content=raw, headers=headers)


@pytest.fixture
def send(client, secrets):
    def send(body):
        response = post(client, body, secrets["messenger_app_secret"])
        assert response.status_code == 200, response.text
        return response.json()

    return send


def test_handshake(client, secrets):
    params = {"hub.mode": "subscribe", "hub.verify_token": secrets["messenger_verify_token"],
              "hub.challenge": "c-42"}
    assert client.get(PATH, params=params).text == "c-42"
    wrong = params | {"hub.verify_token": secrets["whatsapp_verify_token"]}
    assert client.get(PATH, params=wrong).status_code == 403


def test_badly_signed_events_are_refused_and_never_processed(
        client, secrets, send, replies, fake_api, dialogue_service, user):
    body = messenger_text(user, "hi")
    raw, _ = signed(body, secrets["messenger_app_secret"])
    assert client.post(PATH, content=raw).status_code == 401
    assert post(client, body, secrets["whatsapp_app_secret"]).status_code == 403
    send(messenger_text(str(int(user) + 1), "hi"))
    replies(str(int(user) + 1), 1)
    assert fake_api.sent_to(user) == []
    assert dialogue_service.sessions.get(f"messenger:{user}") is None


def test_order_status_conversation(send, replies, secrets, user):
    for text in ("where is my order?", "000000111", "priya.patel@example.com"):
        send(messenger_text(user, text))
    sent = replies(user, 3)
    assert "on its way" in sent[2].text
    assert sent[2].path == "/fb/v20.0/me/messages"
    assert sent[2].query == {"access_token": secrets["messenger_page_token"]}
    assert sent[2].payload["messaging_type"] == "RESPONSE"


def test_a_retried_event_is_answered_once(send, replies, user):
    body = messenger_text(user, "hi", mid="m_retried-1")
    assert (send(body)["queued"], send(body)["queued"]) == (1, 0)
    send(messenger_text(user, "thanks"))
    sent = replies(user, 2)
    assert len(sent) == 2 and "welcome" in sent[1].text
    quick = sent[0].payload["message"]["quick_replies"]
    assert [q["title"] for q in quick] == [
        "Track my order", "Return an item", "Shipping costs", "Talk to a human"]


def test_product_cards_become_a_generic_template_with_quick_replies(send, replies, user):
    send(messenger_text(user, "show me backpacks under $40"))
    text, cards = replies(user, 2)
    assert text.payload["message"]["text"].startswith("Here is what I found")
    template = cards.payload["message"]["attachment"]["payload"]
    assert template["template_type"] == "generic"
    assert 1 <= len(template["elements"]) <= 4
    for element in template["elements"]:
        assert element["subtitle"].startswith("$")
        assert element["buttons"][0]["url"].startswith("https://shop.example.com/")
        assert element.get("image_url", "https://shop.example.com/media/").startswith(
            "https://shop.example.com/media/")  # the demo store lacks some images
    [quick] = cards.payload["message"]["quick_replies"]
    assert len(quick["title"]) <= 20 and quick["payload"].startswith("qr:Tell me about the ")


def test_a_tapped_quick_reply_sends_its_full_text(send, replies, dialogue_service, user):
    send(messenger_event(user, {"message": {"mid": "m_tap-1", "text": "Shipping costs",
                                            "quick_reply": {"payload": "qr:Shipping costs"}}}))
    [reply] = replies(user, 1)
    assert "$" in reply.text
    assert dialogue_service.session(f"messenger:{user}").transcript[0].text == "Shipping costs"


@pytest.mark.parametrize("message", [
    {"attachments": [{"type": "image", "payload": {"url": "https://x.test/a.jpg"}}]},
    {"attachments": [{"type": "audio", "payload": {"url": "https://x.test/a.mp4"}}]},
    {"sticker_id": 369239263222822,
     "attachments": [{"type": "image", "payload": {"sticker_id": 369239263222822}}]},
])
def test_unsupported_kinds_get_a_polite_text_reply(send, replies, dialogue_service, user,
                                                   message):
    send(messenger_event(user, {"message": {"mid": f"m_att-{user}", **message}}))
    [reply] = replies(user, 1)
    assert reply.text == UNSUPPORTED_TEXT
    assert dialogue_service.sessions.get(f"messenger:{user}") is None


def test_receipts_and_echoes_are_acknowledged_and_ignored(send, user):
    delivered = {"delivery": {"mids": ["m_1"], "watermark": 1}}
    assert send(messenger_event(user, delivered))["queued"] == 0
    assert send(messenger_event(user, {"read": {"watermark": 1}}))["queued"] == 0
    echo = {"message": {"mid": "m_echo", "text": "our own reply", "is_echo": True}}
    assert send(messenger_event(user, echo))["queued"] == 0
    assert send({"object": "instagram", "entry": []})["status"] == "ignored"


def test_a_long_agent_message_is_split_at_2000(send, replies, dialogue_service, monkeypatch,
                                               user):
    send(messenger_text(user, "hi"))
    replies(user, 1)
    monkeypatch.setattr(dialogue_service, "max_message_chars", 20_000)
    text = "An agent's long answer. " * 300  # 7,200 characters
    dialogue_service.agent_message(f"messenger:{user}", "Bob", text)
    sent = replies(user, 5)[1:]
    assert [len(r.text) <= 2000 for r in sent] == [True] * 4
    assert " ".join(r.text for r in sent) == text.strip()


def test_render_caps_quick_replies_and_template_elements():
    platform = Messenger(page_token="p", api_base="https://graph.test/v20.0")
    cards = tuple(ProductCard(f"S{i}", f"Product {i}", 10.0 + i) for i in range(12))
    reply = Reply("Many.", products=cards, quick_replies=tuple(f"Choice number {i} is long"
                                                               for i in range(15)))
    text, template = platform.render("77", reply)
    assert "quick_replies" not in text.payload["message"]
    elements = template.payload["message"]["attachment"]["payload"]["elements"]
    assert len(elements) == 10 and "buttons" not in elements[0]  # no store URL: no links
    quick = template.payload["message"]["quick_replies"]
    assert len(quick) == 13 and all(len(q["title"]) <= 20 for q in quick)
    assert quick[0]["payload"] == "qr:Choice number 0 is long"
    assert template.params == {"access_token": "p"} and template.describe == "messenger me/messages"


def test_a_message_keeps_the_time_messenger_dates_it_by():
    platform = Messenger(page_token="p", api_base="https://graph.test/v20.0")
    body = messenger_text("77", "hi")
    body["entry"][0]["messaging"][0]["timestamp"] = 1700000000123  # milliseconds
    assert platform.parse(body)[0].sent_at == pytest.approx(1700000000.123)
