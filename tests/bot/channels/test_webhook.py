"""What the three webhooks share: a channel without its settings is off (404 naming them)."""

from __future__ import annotations

from dataclasses import replace

from fastapi.testclient import TestClient

from bot.settings import Settings
from bot.web.app import create_app


def test_channels_without_settings_answer_404_naming_what_to_set(dialogue_service, secrets):
    settings = replace(Settings.from_env({}), telegram_bot_token=secrets["telegram_bot_token"])
    with TestClient(create_app(settings, service=dialogue_service)) as client:
        assert not getattr(client.app.state, "channels", {})  # no worker was started
        whatsapp = client.post("/webhooks/whatsapp", json={})
        assert whatsapp.status_code == 404
        assert whatsapp.json() == {
            "error": "the whatsapp channel is off: set SHOPDESK_WHATSAPP_VERIFY_TOKEN, "
                     "SHOPDESK_WHATSAPP_APP_SECRET, SHOPDESK_WHATSAPP_ACCESS_TOKEN, "
                     "SHOPDESK_WHATSAPP_PHONE_NUMBER_ID",
            "kind": "ChannelDisabled"}
        handshake = client.get("/webhooks/messenger", params={
            "hub.mode": "subscribe", "hub.verify_token": "t", "hub.challenge": "1"})
        assert handshake.status_code == 404
        telegram = client.post("/webhooks/telegram", json={})  # half configured: still off
        assert telegram.status_code == 404
        assert telegram.json()["error"] == ("the telegram channel is off: set "
                                            "SHOPDESK_TELEGRAM_SECRET_TOKEN")


def test_channel_settings_come_from_the_environment():
    settings = Settings.from_env({"SHOPDESK_WHATSAPP_APP_SECRET": "s",
                                  "SHOPDESK_TELEGRAM_API_BASE": "http://127.0.0.1:9"})
    assert settings.whatsapp_app_secret == "s"
    assert settings.telegram_api_base == "http://127.0.0.1:9"
    assert Settings().whatsapp_api_base == "https://graph.facebook.com/v20.0"
    assert Settings().messenger_page_token == "" and Settings().store_url == ""


def test_deeply_nested_signed_bodies_are_acknowledged_not_a_server_error(
        client, secrets, replies, user):
    """Platforms retry any non-2xx for hours: a verified body too deep to read is logged and
    acknowledged (200 ignored), and the channel goes on answering."""
    from bot.channels.samples import signed, telegram_headers, whatsapp_text
    from bot.channels.signatures import META_SIGNATURE_HEADER, sign

    deep = b'{"object": "page", "entry": ' + b"[" * 30_000 + b"]" * 30_000 + b"}"  # < 64 KiB

    def meta(secret: str) -> dict:
        return {"content-type": "application/json", META_SIGNATURE_HEADER: sign(deep, secret)}

    for channel, headers in (
            ("whatsapp", meta(secrets["whatsapp_app_secret"])),
            ("messenger", meta(secrets["messenger_app_secret"])),
            ("telegram", {"content-type": "application/json",
                          **telegram_headers(secrets["telegram_secret_token"])})):
        response = client.post(f"/webhooks/{channel}", content=deep, headers=headers)
        assert response.status_code == 200, (channel, response.text)
        assert response.json()["status"] == "ignored" and "deeper" in response.json()["error"]
    unsigned = client.post("/webhooks/whatsapp", content=deep,
                           headers={"content-type": "application/json"})
    assert unsigned.status_code == 401  # the signature is checked first, as for any body
    raw, headers = signed(whatsapp_text(user, "hi"), secrets["whatsapp_app_secret"])
    assert client.post("/webhooks/whatsapp", content=raw, headers=headers).status_code == 200
    assert replies(user, 1)[0].text


def test_a_message_dated_before_the_dedupe_marks_memory_is_not_queued(dialogue_service):
    """A replayed body verifies as well as the first (Meta signs no time), and after a day its
    message id's mark is gone: the platform's own date is what tells it apart."""
    import asyncio
    import time
    import uuid

    from bot.channels.sender import Sender
    from bot.channels.types import Inbound
    from bot.channels.whatsapp import WhatsApp
    from bot.channels.worker import DEDUPE_TTL_S, ChannelWorker

    worker = ChannelWorker(WhatsApp(access_token="t", phone_number_id="1", api_base="http://x"),
                           dialogue_service, Sender())
    now, user = time.time(), f"1555{uuid.uuid4().int % 10**7}"
    old = Inbound("whatsapp", user, f"wamid.{uuid.uuid4().hex}", "hi", sent_at=now - DEDUPE_TTL_S - 60)
    fresh = Inbound("whatsapp", user, f"wamid.{uuid.uuid4().hex}", "hi", sent_at=now - 3600)
    undated = Inbound("whatsapp", user, f"wamid.{uuid.uuid4().hex}", "hi")
    assert asyncio.run(worker.accept([old, fresh, undated])) == 2
    assert [m.message_id for m in worker._pending[f"whatsapp:{user}"]] == [fresh.message_id,
                                                                          undated.message_id]
