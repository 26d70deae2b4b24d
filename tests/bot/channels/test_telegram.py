"""Telegram webhook through the real app and dialogue service; replies reach a fake Bot API."""

from __future__ import annotations

import pytest

from bot.channels.platform import UNSUPPORTED_TEXT
from bot.channels.samples import telegram_headers, telegram_message, telegram_text
from bot.channels.telegram import Telegram
from bot.types import ProductCard, Reply

PATH = "/webhooks/telegram"


@pytest.fixture
def send(client, secrets):
    def send(body):
        response = client.post(PATH, json=body,
                               headers=telegram_headers(secrets["telegram_secret_token"]))
        assert response.status_code == 200, response.text
        return response.json()

    return send


@pytest.fixture
def chat(user) -> int:
    return int(user)


def test_wrong_or_missing_secret_token_is_refused_and_never_processed(
        client, send, replies, fake_api, dialogue_service, chat):
    body = telegram_text(chat, "hi")
    missing = client.post(PATH, json=body)
    wrong = client.post(PATH, json=body, headers=telegram_headers("guess"))
    assert (missing.status_code, wrong.status_code) == (401, 403)
    assert "X-Telegram-Bot-Api-Secret-Token" in missing.json()["error"]
    send(telegram_text(chat + 1, "hi"))
    replies(chat + 1, 1)
    assert fake_api.sent_to(chat) == []
    assert dialogue_service.sessions.get(f"telegram:{chat}") is None


def test_order_status_conversation(send, replies, secrets, chat):
    for text in ("where is my order?", "000000111", "priya.patel@example.com"):
        assert send(telegram_text(chat, text)) == {"status": "ok", "queued": 1}
    sent = replies(chat, 3)
    assert "on its way" in sent[2].text
    assert sent[2].path == f"/tg/bot{secrets['telegram_bot_token']}/sendMessage"
    assert sent[2].payload["chat_id"] == chat  # a number, as Telegram gives it


def test_a_redelivered_update_is_answered_once(send, replies, chat):
    body = telegram_text(chat, "/start", update_id=900_000_001)
    assert send(body)["queued"] == 1
    assert send(body)["queued"] == 0
    send(telegram_text(chat, "thanks"))
    sent = replies(chat, 2)
    assert len(sent) == 2
    assert "store assistant" in sent[0].text  # /start is a greeting
    keyboard = sent[0].payload["reply_markup"]["keyboard"]
    assert [row[0]["text"] for row in keyboard] == [
        "Track my order", "Return an item", "Shipping costs", "Talk to a human"]
    assert sent[0].payload["reply_markup"]["one_time_keyboard"] is True
    assert "reply_markup" not in sent[1].payload


def test_product_cards_are_text_lines(send, replies, chat):
    send(telegram_text(chat, "show me backpacks under $40"))
    [reply] = replies(chat, 1)
    cards = [b for b in reply.text.split("\n\n") if b.startswith("\u2022 ")]
    assert cards and all("$" in c and "https://shop.example.com/" in c for c in cards)
    assert reply.payload["reply_markup"]["keyboard"][0][0]["text"].startswith("Tell me about")


@pytest.mark.parametrize("fields", [
    {"sticker": {"file_id": "s1", "emoji": "\U0001F600"}},
    {"photo": [{"file_id": "p1", "width": 90, "height": 90}]},
    {"voice": {"file_id": "v1", "duration": 2}},
    {"location": {"latitude": 1.0, "longitude": 2.0}},
])
def test_unsupported_kinds_get_a_polite_text_reply(send, replies, dialogue_service, chat, fields):
    send(telegram_message(chat, fields))
    [reply] = replies(chat, 1)
    assert reply.text == UNSUPPORTED_TEXT
    assert dialogue_service.sessions.get(f"telegram:{chat}") is None


def test_other_updates_are_acknowledged_and_ignored(send, chat):
    edited = {"update_id": 900_000_100, "edited_message": {"chat": {"id": chat}, "text": "x"}}
    assert send(edited) == {"status": "ok", "queued": 0}
    joined = telegram_message(chat, {"new_chat_members": [{"id": 5}]})
    assert send(joined) == {"status": "ok", "queued": 0}
    assert send({"message": {}})["status"] == "ignored"  # no update_id


def test_render_splits_at_4096_and_puts_the_keyboard_last():
    platform = Telegram(bot_token="1:x", api_base="https://tg.test")
    requests = platform.render("-100123", Reply("Word. " * 1000, quick_replies=("Yes",)))
    assert [len(r.payload["text"]) <= 4096 for r in requests] == [True, True]
    assert requests[0].payload["chat_id"] == -100123 and "reply_markup" not in requests[0].payload
    assert requests[1].payload["reply_markup"]["keyboard"] == [[{"text": "Yes"}]]
    assert requests[0].describe == "telegram sendMessage"  # what is logged: no token
    card = ProductCard("MB02", "Fusion Backpack", 59.0, url_key="fusion-backpack", currency="USD")
    [request] = platform.render("7", Reply("Found:", products=(card,)))
    assert request.payload["text"] == "Found:\n\n\u2022 Fusion Backpack: $59.00"


def test_a_message_keeps_the_time_telegram_dates_it_by():
    platform = Telegram(bot_token="1:t", api_base="https://api.telegram.test")
    update = telegram_text(42, "hi")
    update["message"]["date"] = 1700000000
    assert platform.parse(update)[0].sent_at == 1700000000.0
