"""Conversation events in one process and across processes (a real redis-server)."""

import pytest

from bot.sessions.events import ConversationEvent, MemoryEventBus, RedisEventBus, open_event_bus


@pytest.fixture(params=["memory", pytest.param("redis", marks=pytest.mark.integration)])
def bus(request):
    if request.param == "memory":
        bus = MemoryEventBus()
    else:
        bus = RedisEventBus(request.getfixturevalue("redis_url"))
    yield bus
    bus.close()


def test_subscribers_get_events_published_after_they_subscribed_in_order(bus):
    bus.publish(ConversationEvent("message", "before"))
    first, second = bus.subscribe(), bus.subscribe()
    try:
        for n in range(3):
            bus.publish(ConversationEvent("message", f"s{n}", role="user", text=f"hi {n}",
                                          data={"n": n}))
        for subscription in (first, second):
            got = [subscription.get(timeout=2) for _ in range(3)]
            assert [e.session_id for e in got] == ["s0", "s1", "s2"]
            assert got[2].data == {"n": 2} and got[2].text == "hi 2"
            assert subscription.get(timeout=0.05) is None
    finally:
        first.close()
        second.close()


def test_a_closed_subscription_gets_nothing_more():
    bus = MemoryEventBus()
    subscription = bus.subscribe()
    subscription.close()
    bus.publish(ConversationEvent("handoff", "s"))
    assert subscription.get(timeout=0.01) is None


def test_publishing_to_an_unreachable_redis_does_not_raise():
    RedisEventBus("redis://127.0.0.1:1/0").publish(ConversationEvent("message", "s"))


def test_open_event_bus_picks_by_url():
    assert isinstance(open_event_bus(""), MemoryEventBus)
