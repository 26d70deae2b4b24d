"""Fixtures of the channel tests: a fake platform API (a real HTTP server on loopback that
records what the service sends) and the app with all three channels pointed at it."""

from __future__ import annotations

import uuid
from dataclasses import replace
from typing import Iterator

import pytest
from fastapi.testclient import TestClient

from bot.channels.fake_api import FakePlatformApi
from bot.settings import Settings
from bot.web.app import create_app

#: Seconds a test waits for the worker's reply to reach the fake (a turn takes well under 1 s;
#: the margin is for a busy 2-core box).
REPLY_S = 60

SECRETS = {
    "whatsapp_verify_token": "wa-verify", "whatsapp_app_secret": "wa-app-secret",
    "whatsapp_access_token": "wa-access-token", "whatsapp_phone_number_id": "1234567890",
    "telegram_bot_token": "123456:tg-bot-token", "telegram_secret_token": "tg-secret",
    "messenger_verify_token": "fb-verify", "messenger_app_secret": "fb-app-secret",
    "messenger_page_token": "fb-page-token",
}
STORE_URL = "https://shop.example.com"


@pytest.fixture(scope="session")
def fake_api() -> Iterator[FakePlatformApi]:
    with FakePlatformApi() as fake:
        yield fake


@pytest.fixture(scope="session")
def channel_settings(fake_api) -> Settings:
    return replace(Settings.from_env(), **SECRETS, store_url=STORE_URL,
                   whatsapp_api_base=f"{fake_api.url}/wa/v20.0",
                   telegram_api_base=f"{fake_api.url}/tg",
                   messenger_api_base=f"{fake_api.url}/fb/v20.0")


@pytest.fixture(scope="module")
def client(dialogue_service, channel_settings) -> Iterator[TestClient]:
    """The app with the three channels on; their workers run while the module's tests do."""
    with TestClient(create_app(channel_settings, service=dialogue_service)) as client:
        yield client


@pytest.fixture
def user() -> str:
    """A fresh numeric user id (WhatsApp number, Telegram chat id or Messenger PSID)."""
    return str(10**11 + uuid.uuid4().int % 10**11)


@pytest.fixture(scope="session")
def secrets() -> dict[str, str]:
    return dict(SECRETS)


@pytest.fixture
def replies(fake_api):
    """``replies(user, count)``: the first ``count`` requests the fake got for ``user``, once it
    has them (fails after REPLY_S seconds)."""

    def wait(user: str, count: int, timeout: float = REPLY_S):
        fake_api.wait_for(lambda sent: sum(r.recipient == str(user) for r in sent) >= count,
                          timeout)
        return fake_api.sent_to(user)

    return wait
