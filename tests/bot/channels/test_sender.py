"""`Sender` against a real local HTTP server: retries on 5xx and connection errors, none on 4xx."""

from __future__ import annotations

import asyncio
import socket

import pytest

from bot.channels.errors import DeliveryFailed
from bot.channels.fake_api import FakePlatformApi
from bot.channels.sender import Sender
from bot.channels.types import Outgoing


@pytest.fixture
def fake():
    with FakePlatformApi() as fake:  # its own, so no worker elsewhere eats the failures
        yield fake


def send(request: Outgoing, **options) -> None:
    async def run() -> None:
        sender = Sender(backoff=0.01, **options)
        try:
            await sender.send(request)
        finally:
            await sender.aclose()

    asyncio.run(run())


def test_posts_json_with_headers_and_params(fake):
    send(Outgoing(f"{fake.url}/me/messages", {"text": "hi"}, "test",
                  params={"access_token": "t0k"}, headers={"Authorization": "Bearer b"}))
    [request] = fake.requests
    assert request.path == "/me/messages" and request.query == {"access_token": "t0k"}
    assert request.headers["authorization"] == "Bearer b"
    assert request.payload == {"text": "hi"}


def test_server_errors_are_retried_until_success(fake):
    fake.fail_next(2, status=503)
    send(Outgoing(f"{fake.url}/x", {"n": 1}, "test"), retries=2)
    assert len(fake.requests) == 3


def test_gives_up_after_the_retries(fake):
    fake.fail_next(3, status=500)
    with pytest.raises(DeliveryFailed, match="after 3 attempts: HTTP 500"):
        send(Outgoing(f"{fake.url}/x", {"n": 1}, "test"), retries=2)
    assert len(fake.requests) == 3


def test_client_errors_are_not_retried(fake):
    fake.fail_next(1, status=400)
    with pytest.raises(DeliveryFailed, match="refused: HTTP 400"):
        send(Outgoing(f"{fake.url}/x", {"n": 1}, "test"), retries=2)
    assert len(fake.requests) == 1


def test_an_unreachable_api_fails_after_the_retries_without_naming_the_url():
    with socket.socket() as sock:  # bound, not listening: connections are refused
        sock.bind(("127.0.0.1", 0))
        url = f"http://127.0.0.1:{sock.getsockname()[1]}/botSECRET/sendMessage"
        with pytest.raises(DeliveryFailed, match="telegram sendMessage failed after 2") as caught:
            send(Outgoing(url, {"text": "hi"}, "telegram sendMessage"), retries=1, timeout=2)
    assert "SECRET" not in str(caught.value)
