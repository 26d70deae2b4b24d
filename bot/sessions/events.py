"""Conversation events: what happened in which session, for live views and channel delivery.

The dialogue service publishes an event for every stored message and every change of who owns
a conversation; the agent panel shows them live, and channels deliver agents' messages to the
shopper's app. With Redis the events cross processes (pub/sub on one channel); without it they
stay inside the process.

    subscription = bus.subscribe()
    event = subscription.get(timeout=1.0)   # ConversationEvent or None
    subscription.close()
"""

from __future__ import annotations

import json
import queue
import threading
import time
from abc import ABC, abstractmethod
from dataclasses import asdict, dataclass, field, fields, is_dataclass
from typing import Any

import redis

from bot.sessions.redis_connection import connect

#: Event kinds: a stored message (user, assistant, agent, system), or an ownership change.
KINDS = ("message", "handoff", "takeover", "handback")


@dataclass(frozen=True, slots=True)
class ConversationEvent:
    """One thing that happened in a conversation.

    Attributes:
        kind: One of KINDS.
        session_id: The conversation.
        channel: Where the shopper is ("web", "whatsapp", ...).
        role: For messages: who wrote it (see bot.types.ROLES); else "".
        text: For messages: the text as shown; else a short description.
        at: Unix time.
        data: Extra detail: the reply (cards, citations), the NLU of a user message, the agent.
    """

    kind: str
    session_id: str
    channel: str = "web"
    role: str = ""
    text: str = ""
    at: float = field(default_factory=time.time)
    data: dict[str, Any] = field(default_factory=dict)

    def to_json(self) -> str:
        # The fields as they are (asdict deep-copied the reply and NLU dicts of every event
        # only to serialise them); a dataclass inside `data` still becomes its dict.
        return json.dumps({f.name: getattr(self, f.name) for f in fields(self)},
                          default=_plain)

    @classmethod
    def from_json(cls, raw: str | bytes) -> "ConversationEvent":
        return cls(**json.loads(raw))


def _plain(value: Any) -> Any:
    if is_dataclass(value) and not isinstance(value, type):
        return asdict(value)
    raise TypeError(f"{type(value).__name__} is not JSON serialisable")


class Subscription(ABC):
    """Events published after `subscribe()`, in order."""

    @abstractmethod
    def get(self, timeout: float | None = None) -> ConversationEvent | None:
        """The next event, or None after `timeout` seconds without one."""

    @abstractmethod
    def close(self) -> None: ...


class EventBus(ABC):
    @abstractmethod
    def publish(self, event: ConversationEvent) -> None:
        """Send an event to every subscriber; never raises (a lost live update is not a lost
        message: the transcript is in the session store)."""

    def publish_all(self, events: list[ConversationEvent]) -> None:
        """Publish ``events`` in order (a turn's message and reply); never raises."""
        for event in events:
            self.publish(event)

    @abstractmethod
    def subscribe(self) -> Subscription: ...

    def close(self) -> None:
        """Release connections."""


class MemoryEventBus(EventBus):
    """Events inside one process."""

    def __init__(self) -> None:
        self._subscribers: list[queue.Queue] = []
        self._lock = threading.Lock()

    def publish(self, event: ConversationEvent) -> None:
        with self._lock:
            subscribers = list(self._subscribers)
        for subscriber in subscribers:
            subscriber.put(event)

    def subscribe(self) -> Subscription:
        inbox: queue.Queue = queue.Queue()
        with self._lock:
            self._subscribers.append(inbox)
        return _MemorySubscription(self, inbox)

    def _drop(self, inbox: queue.Queue) -> None:
        with self._lock:
            if inbox in self._subscribers:
                self._subscribers.remove(inbox)


class _MemorySubscription(Subscription):
    def __init__(self, bus: MemoryEventBus, inbox: queue.Queue) -> None:
        self._bus, self._inbox = bus, inbox

    def get(self, timeout: float | None = None) -> ConversationEvent | None:
        try:
            return self._inbox.get(timeout=timeout)
        except queue.Empty:
            return None

    def close(self) -> None:
        self._bus._drop(self._inbox)


class RedisEventBus(EventBus):
    """Events on one Redis pub/sub channel, shared by every process on the same Redis."""

    def __init__(self, url: str, *, channel: str = "shopdesk:events",
                 socket_timeout: float = 2.0) -> None:
        self._client = connect(url, socket_timeout=socket_timeout)
        self.channel = channel

    def publish(self, event: ConversationEvent) -> None:
        self.publish_all([event])

    def publish_all(self, events: list[ConversationEvent]) -> None:
        try:  # one round trip for a turn's events, in order (a pipeline without MULTI)
            with self._client.pipeline(transaction=False) as pipe:
                for event in events:
                    pipe.publish(self.channel, event.to_json())
                pipe.execute()
        except redis.RedisError:
            pass  # documented: live updates are best effort

    def subscribe(self) -> Subscription:
        pubsub = self._client.pubsub(ignore_subscribe_messages=True)
        pubsub.subscribe(self.channel)
        return _RedisSubscription(pubsub)

    def close(self) -> None:
        self._client.close()


class _RedisSubscription(Subscription):
    def __init__(self, pubsub: Any) -> None:
        self._pubsub = pubsub

    def get(self, timeout: float | None = None) -> ConversationEvent | None:
        deadline = None if timeout is None else time.monotonic() + timeout
        while True:
            left = None if deadline is None else max(0.0, deadline - time.monotonic())
            message = self._pubsub.get_message(timeout=left if left is not None else 1.0)
            if message and message.get("type") == "message":
                return ConversationEvent.from_json(message["data"])
            if deadline is not None and time.monotonic() >= deadline:
                return None

    def close(self) -> None:
        self._pubsub.close()


def open_event_bus(redis_url: str, socket_timeout: float = 2.0) -> EventBus:
    """Redis pub/sub when a URL is set, else in-process."""
    return (RedisEventBus(redis_url, socket_timeout=socket_timeout) if redis_url
            else MemoryEventBus())
