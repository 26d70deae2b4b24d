"""The agent-message relay heals: after a Redis restart it subscribes again, shows it in its
health, and delivers agents' messages (also those stored before it was back); a message the
platform refuses is reported in the conversation, never passed off as sent."""

from __future__ import annotations

import asyncio
import copy
import time

import pytest

from bot.channels.sender import Sender
from bot.channels.whatsapp import WhatsApp
from bot.channels.worker import ChannelWorker
from bot.sessions.events import RedisEventBus
from bot.sessions.redis_store import RedisSessionStore
from bot.types import TranscriptEntry

pytestmark = pytest.mark.integration


@pytest.fixture
def redis_service(dialogue_service, restartable_redis):
    """The shared service's models and store, with sessions and events on `restartable_redis`."""
    service = copy.copy(dialogue_service)
    service.sessions = RedisSessionStore(restartable_redis.url, ttl_seconds=600, socket_timeout=1)
    service.events = RedisEventBus(restartable_redis.url, socket_timeout=1)
    yield service
    service.sessions.close()
    service.events.close()


def _until(check, seconds: float, what: str):
    deadline = time.monotonic() + seconds
    while not (found := check()):
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.05)  # polling the condition
    return found


def test_the_relay_delivers_after_a_redis_restart(redis_service, restartable_redis, fake_api,
                                                  channel_settings, user):
    session_id = f"whatsapp:{user}"

    async def scenario():
        platform = WhatsApp(access_token="t", phone_number_id="99",
                            api_base=channel_settings.whatsapp_api_base)
        worker = ChannelWorker(platform, redis_service, Sender(retries=0))
        await worker.start()
        try:
            await asyncio.to_thread(_conversation_with_agent, redis_service, session_id)
            await asyncio.to_thread(fake_api.wait_for, lambda sent: any(
                r.recipient == user and r.text == "before the restart" for r in sent), 30)
            await asyncio.to_thread(restartable_redis.stop)
            await asyncio.to_thread(_until, lambda: not worker.relay_health()["connected"], 15,
                                    "the relay to notice")
            await asyncio.to_thread(restartable_redis.start)
            # Stored as soon as Redis is back: the relay may not be subscribed yet.
            await asyncio.to_thread(_until, lambda: _try_agent_message(
                redis_service, session_id, "after the restart"), 15, "Redis to take writes")
            await asyncio.to_thread(fake_api.wait_for, lambda sent: any(
                r.recipient == user and r.text == "after the restart" for r in sent), 30)
            health = worker.relay_health()
            assert health["connected"] and health["reconnects"] >= 1
        finally:
            await worker.stop(drain_s=1)

    asyncio.run(scenario())
    sent = [r.text for r in fake_api.sent_to(user)]
    assert sent.count("after the restart") == 1 and sent.count("before the restart") == 1


def _open_session(service, session_id: str) -> None:
    # the shopper wrote first: agents' messages go only to someone who did
    with service.sessions.transaction(session_id, channel="whatsapp") as session:
        session.transcript.append(TranscriptEntry("user", "can someone help me?"))


def _conversation_with_agent(service, session_id: str) -> None:
    _open_session(service, session_id)
    service.agent_message(session_id, "Alice", "before the restart")


def _try_agent_message(service, session_id: str, text: str) -> bool:
    try:
        service.agent_message(session_id, "Alice", text)
        return True
    except Exception:  # noqa: BLE001 - Redis still loading: try again
        return False


def test_an_agent_message_the_platform_refuses_is_reported_not_shown_as_sent(
        redis_service, fake_api, channel_settings, user):
    session_id = f"whatsapp:{user}"

    async def scenario():
        platform = WhatsApp(access_token="t", phone_number_id="99",
                            api_base=channel_settings.whatsapp_api_base)
        worker = ChannelWorker(platform, redis_service, Sender(retries=0))
        await worker.start()
        try:
            await asyncio.to_thread(_open_session, redis_service, session_id)
            fake_api.fail_next(1, status=400)
            await asyncio.to_thread(redis_service.agent_message, session_id, "Alice",
                                    "your refund is on its way")
            await asyncio.to_thread(_until, lambda: any(
                e.role == "system" and "Not delivered" in e.text
                for e in redis_service.session(session_id).transcript), 30, "the report")
        finally:
            await worker.stop(drain_s=1)

    asyncio.run(scenario())
    note = [e.text for e in redis_service.session(session_id).transcript if e.role == "system"]
    assert "your refund is on its way" in note[-1] and "400" in note[-1]


