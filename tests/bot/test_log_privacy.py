"""Nothing secret in logs: a real `shopdesk serve` (real Redis, channels answering through a
recording fake of the send APIs) holds a conversation on every channel, and its log has no
token, no email address, no order number and no message text."""

from __future__ import annotations

import json
import logging
import uuid

import httpx2
import pytest

from bot.channels.fake_api import FakePlatformApi
from bot.channels.samples import (messenger_text, signed, telegram_headers, telegram_text,
                                  whatsapp_text)
from bot.log_privacy import PrivacyFilter, mask

SECRETS = {
    "whatsapp_verify_token": "wa-verify-9f1c", "whatsapp_app_secret": "wa-app-secret-77d2",
    "whatsapp_access_token": "wa-access-token-5be0", "whatsapp_phone_number_id": "1234567890",
    "telegram_bot_token": "123456:tg-bot-token-c4a8", "telegram_secret_token": "tg-secret-01ee",
    "messenger_verify_token": "fb-verify-3a3a", "messenger_app_secret": "fb-app-secret-8c1d",
    "messenger_page_token": "fb-page-token-e9b2", "rasa_rest_token": "rasa-rest-token-6f0f",
}
#: Words only the shoppers wrote: none may reach the log.
MARKERS = ("Zebulon", "Quartzberry")
EMAIL, ORDER = "priya.patel@example.com", "000000111"


def test_mask_hides_emails_order_numbers_and_credentials():
    line = ("POST https://api.telegram.org/bot123456:AAE-x_y/sendMessage?access_token=EAAB "
            "for priya.patel@example.com about 000000111, Authorization: Bearer s3cr3t")
    masked = mask(line)
    for secret in ("123456:AAE-x_y", "EAAB", "priya.patel", "000000111", "s3cr3t"):
        assert secret not in masked
    assert "p***@example.com" in masked and "******111" in masked
    assert mask("session web:abc took 12.5 ms at 1718000000.25") == \
        "session web:abc took 12.5 ms at 1718000000.25"


def test_the_filter_keeps_access_lines_usable_without_their_query():
    record = logging.LogRecord("uvicorn.access", logging.INFO, __file__, 1,
                               '%s - "%s %s HTTP/%s" %d', ("127.0.0.1:5", "GET",
                               "/webhooks/whatsapp?hub.verify_token=wa-verify", "1.1", 200), None)
    PrivacyFilter().filter(record)
    assert record.getMessage() == '127.0.0.1:5 - "GET /webhooks/whatsapp HTTP/1.1" 200'


@pytest.mark.integration
def test_a_full_conversation_on_every_channel_leaves_no_secret_in_the_log(
        service_process, redis_url, tmp_path):
    with FakePlatformApi() as fake:
        env = {f"SHOPDESK_{k.upper()}": v for k, v in SECRETS.items()} | {
            "SHOPDESK_REDIS_URL": redis_url, "SHOPDESK_LOG_LEVEL": "INFO",
            "SHOPDESK_RATE_LIMIT_PER_MINUTE": "0", "SHOPDESK_GENERATOR_THREADS": "1",
            "SHOPDESK_WHATSAPP_API_BASE": f"{fake.url}/wa/v20.0",
            "SHOPDESK_TELEGRAM_API_BASE": f"{fake.url}/tg",
            "SHOPDESK_MESSENGER_API_BASE": f"{fake.url}/fb/v20.0"}
        service = service_process("private", env, tmp_path)
        service.start()
        try:
            service.wait_ready()
            tokens = _converse(service.url, fake)
        finally:
            service.stop()
    log = service.logfile.read_text(errors="replace")
    assert "POST /v1/chat HTTP/1.1" in log and "/webhooks/whatsapp HTTP/1.1" in log  # it logs
    leaks = [s for s in (*SECRETS.values(), *tokens, EMAIL, ORDER, *MARKERS)
             if s in log and s != SECRETS["whatsapp_phone_number_id"]]
    assert leaks == [], f"the log holds {leaks}"


def _converse(url: str, fake: FakePlatformApi) -> list[str]:
    """One conversation per channel (each asks for an order by number and email, with a
    marker word); returns the web conversation's tokens."""
    user = str(10**11 + uuid.uuid4().int % 10**11)
    texts = (f"Hello, I am {MARKERS[0]} {MARKERS[1]}", f"where is my order {ORDER}?", EMAIL)
    with httpx2.Client(base_url=url, timeout=120) as http:
        first = http.post("/v1/chat", json={"message": texts[0]}).json()
        auth = {"authorization": f"Bearer {first['session_token']}"}
        for text in texts[1:]:
            answer = http.post("/v1/chat/stream", headers=auth,
                               json={"session_id": first["session_id"], "message": text})
            assert answer.status_code == 200 and "event: reply" in answer.text
        assert http.get(f"/v1/sessions/{first['session_id']}", headers=auth).status_code == 200
        assert http.get("/webhooks/whatsapp", params={
            "hub.mode": "subscribe", "hub.verify_token": SECRETS["whatsapp_verify_token"],
            "hub.challenge": "42"}).text == "42"
        assert http.get("/api/search", params={"q": f"{MARKERS[0]} backpack"}).status_code == 200
        for text in texts:
            for channel, body, headers in _webhook_bodies(user, text):
                assert http.post(f"/webhooks/{channel}", content=body,
                                 headers=headers).status_code == 200
            rasa = http.post("/webhooks/rest/webhook", json={"sender": user, "message": text},
                             headers={"authorization": f"Bearer {SECRETS['rasa_rest_token']}"})
            assert rasa.status_code == 200
        # every platform answered all three messages, the last with the order's status
        fake.wait_for(lambda sent: sum(r.recipient == user for r in sent) >= 9, 120)
    assert sum("on its way" in r.text for r in fake.sent_to(user)) >= 3
    assert {r.query.get("access_token") for r in fake.requests if r.path.startswith("/fb")} == {
        SECRETS["messenger_page_token"]}  # the token went where it belongs, and only there
    return [first["session_token"]]


def _webhook_bodies(user: str, text: str):
    raw, headers = signed(whatsapp_text(user, text), SECRETS["whatsapp_app_secret"])
    yield "whatsapp", raw, headers
    raw, headers = signed(messenger_text(user, text), SECRETS["messenger_app_secret"])
    yield "messenger", raw, headers
    yield "telegram", json.dumps(telegram_text(int(user), text)).encode(), {
        "content-type": "application/json", **telegram_headers(SECRETS["telegram_secret_token"])}
