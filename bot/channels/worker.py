"""`ChannelWorker`: answers one messaging app's shoppers in the background.

The webhook only checks, parses, dedupes and queues (`accept`), so the platform gets its 200 at
once; the worker runs each turn through `DialogueService.reply` in a thread and sends the reply.
A session's messages are answered one at a time in arrival order; different sessions run
concurrently up to ``concurrency``. Human agents' messages (``service.subscribe_events()``) of this
platform's sessions are relayed to the shopper too.

The relay heals itself: when its subscription breaks (Redis restarted or away) it subscribes
again with backoff (0.1 s doubling to 5 s), then catches up on agents' messages stored since
the break, so none is lost in the gap; `relay_health()` shows in /readyz. A reply or agent
message the platform refused after the sender's retries is reported in the conversation
(`DialogueService.report_undelivered`: a system line and an event the panel shows), never
passed off as sent.
"""

from __future__ import annotations

import asyncio
import logging
import threading
import time
from collections import deque
from typing import Any

from starlette.concurrency import run_in_threadpool

from bot.dialogue import DialogueService, InvalidChatMessage, RateLimited
from bot.types import ChannelMessage, Reply

from bot.channels.errors import ChannelBusy, DeliveryFailed
from bot.channels.platform import UNSUPPORTED_TEXT, Platform
from bot.channels.sender import Sender
from bot.channels.types import TEXT, Inbound, Outgoing

log = logging.getLogger(__name__)

#: Retried deliveries of one message id within this long are answered once; a message the
#: platform dates further back is not answered at all (its mark may be gone: a replayed body
#: verifies as well as the first, Meta's signature covering no time).
DEDUPE_TTL_S = 24 * 3600
SORRY_TEXT = "Sorry, something went wrong on our side. Please try again in a moment."
RATE_LIMITED_TEXT = ("You're sending messages faster than I can answer. "
                     "Please wait a minute and try again.")
#: The relay's pause before subscribing again: doubles from the first to the last.
RELAY_BACKOFF_S = (0.1, 5.0)
#: Agents' messages stored this long before a relay break are looked at again after it.
CATCH_UP_MARGIN_S = 5.0


class ChannelWorker:
    """Queues a platform's shopper messages, runs their turns and sends the replies.

    Args:
        platform: Reads and writes the platform's formats.
        service: Runs the turns (its session store also dedupes deliveries).
        sender: Posts to the platform; closed by `stop`.
        concurrency: Sessions answered at the same time.
        max_pending: Messages waiting at most; beyond it `accept` raises ChannelBusy.

    Raises:
        ValueError: ``concurrency`` or ``max_pending`` below 1.
    """

    def __init__(self, platform: Platform, service: DialogueService, sender: Sender, *,
                 concurrency: int = 4, max_pending: int = 1000) -> None:
        if concurrency < 1 or max_pending < 1:
            raise ValueError(f"concurrency and max_pending must be >= 1, got {concurrency}, "
                             f"{max_pending}")
        self.platform = platform
        self.service = service
        self.sender = sender
        self.concurrency = concurrency
        self.max_pending = max_pending
        self._pending: dict[str, deque[Inbound]] = {}  # session id -> messages not yet answered
        self._ready: asyncio.Queue[str] = asyncio.Queue()  # sessions with pending messages
        self._tasks: list[asyncio.Task] = []
        self._stopping = threading.Event()
        self._relay: threading.Thread | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._relay_connected = False
        self._relay_reconnects = 0
        self._relay_error = ""

    @property
    def pending(self) -> int:
        """Messages accepted and not yet answered."""
        return sum(len(messages) for messages in self._pending.values())

    async def start(self) -> None:
        """Start the answering tasks and the agent-message relay (in the running loop)."""
        self._loop = asyncio.get_running_loop()
        self._tasks = [asyncio.create_task(self._answer_sessions(),
                                           name=f"{self.platform.name}-{i}")
                       for i in range(self.concurrency)]
        try:  # subscribed before the first webhook; if Redis is away the relay keeps trying
            subscription = await run_in_threadpool(self.service.subscribe_events)
            self._relay_connected = True
        except Exception as error:  # noqa: BLE001 - the relay thread subscribes again
            log.warning("%s: agent relay not subscribed yet: %s", self.platform.name, error)
            subscription, self._relay_error = None, str(error)
        self._relay = threading.Thread(target=self._relay_agent_messages, args=(subscription,),
                                       name=f"{self.platform.name}-agent-relay", daemon=True)
        self._relay.start()

    def relay_health(self) -> dict[str, Any]:
        """Whether the agent-message relay is subscribed, how often it re-subscribed, and its
        last error (for /readyz)."""
        return {"connected": self._relay_connected, "reconnects": self._relay_reconnects,
                "last_error": self._relay_error}

    async def stop(self, drain_s: float = 10.0) -> None:
        """Answer what is queued (for up to ``drain_s`` seconds), then stop and close."""
        try:
            await asyncio.wait_for(self._ready.join(), drain_s)
        except asyncio.TimeoutError:
            log.warning("%s: stopping with %d messages unanswered", self.platform.name,
                        self.pending)
        self._stopping.set()
        for task in self._tasks:
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)
        if self._relay is not None:
            await run_in_threadpool(self._relay.join, 5.0)
        await self.sender.aclose()

    async def accept(self, messages: list[Inbound]) -> int:
        """Queue the messages not seen before; returns how many were queued.

        Raises:
            ChannelBusy: too many messages are waiting already (the platform will retry).
            SessionStoreUnavailable: the dedupe marks cannot be stored.
        """
        if self.pending + len(messages) > self.max_pending:
            raise ChannelBusy(f"{self.platform.name}: {self.pending} messages are waiting; "
                              "try again later")
        queued = 0
        for message in messages:
            if message.sent_at and time.time() - message.sent_at > DEDUPE_TTL_S:
                log.warning("%s: message %s sent %.0f h ago not answered (a replay?)",
                            self.platform.name, message.message_id,
                            (time.time() - message.sent_at) / 3600)
                self.service.metrics.webhook(self.platform.name, duplicate=True)
                continue
            key = f"dedupe:{message.channel}:{message.message_id}"
            first = await run_in_threadpool(self.service.mark_once, key, DEDUPE_TTL_S)
            self.service.metrics.webhook(self.platform.name, duplicate=not first)
            if not first:
                log.info("%s: message %s delivered again; answered already",
                         self.platform.name, message.message_id)
                continue
            waiting = self._pending.get(message.session_id)
            if waiting is None:
                self._pending[message.session_id] = deque([message])
                self._ready.put_nowait(message.session_id)
            else:  # its session is queued or being answered: it goes after the earlier ones
                waiting.append(message)
            queued += 1
        return queued

    # --- answering -------------------------------------------------------------------------------

    async def _answer_sessions(self) -> None:
        while True:
            session_id = await self._ready.get()
            try:
                waiting = self._pending[session_id]
                while waiting:
                    try:
                        await self._answer(waiting[0])
                    except Exception:  # noqa: BLE001 - the task must go on to the next session
                        log.exception("%s: answering session %s failed", self.platform.name,
                                      _masked(session_id))
                    finally:
                        waiting.popleft()
                del self._pending[session_id]  # no await since the last check: nothing new came
            finally:
                self._ready.task_done()

    async def _answer(self, message: Inbound) -> None:
        started = time.perf_counter()
        reply = await self._reply_to(message)
        if not reply.text:  # a person owns the conversation: the bot stays quiet
            return
        problem = await self._send(message.user_id,
                                   self.platform.render(message.user_id, reply))
        if problem:
            await run_in_threadpool(self._report_undelivered, message.session_id, reply.text,
                                    problem)
            return
        log.info("%s: session %s answered (%s) in %.2f s", self.platform.name,
                 _masked(message.session_id), reply.action, time.perf_counter() - started)

    async def _reply_to(self, message: Inbound) -> Reply:
        if message.kind != TEXT:
            return Reply(UNSUPPORTED_TEXT, action="unsupported")
        try:
            result = await run_in_threadpool(self.service.reply, ChannelMessage(
                message.session_id, message.text, self.platform.name))
        except InvalidChatMessage as error:
            return Reply(f"Sorry, I can't read that: {error}.", action="invalid")
        except RateLimited:
            return Reply(RATE_LIMITED_TEXT, action="rate_limited")
        except Exception:  # noqa: BLE001 - the edge: the shopper gets an apology, we get the log
            log.exception("%s: turn of session %s failed", self.platform.name,
                          _masked(message.session_id))
            return Reply(SORRY_TEXT, action="error")
        return result.reply

    async def _send(self, user_id: str, requests: list[Outgoing]) -> str:
        """Send the requests in order; "" when all went, else why the first failed one did not
        (the rest would arrive without their beginning, so they are not sent)."""
        for request in requests:
            try:
                await self.sender.send(request)
            except DeliveryFailed as error:
                log.warning("%s: reply to %s not delivered: %s", self.platform.name,
                            _masked(user_id), error)
                return str(error)
        return ""

    def _report_undelivered(self, session_id: str, text: str, problem: str) -> None:
        try:
            self.service.report_undelivered(session_id, text, f"{self.platform.name}: {problem}")
        except Exception:  # noqa: BLE001 - the log is the last place left to tell
            log.exception("%s: undelivered message of %s not reported", self.platform.name,
                          _masked(session_id))

    # --- human agents ----------------------------------------------------------------------------

    def _relay_agent_messages(self, subscription: Any) -> None:
        """In a thread: send agents' messages of this platform's sessions to the shopper,
        subscribing again (and catching up) whenever the subscription breaks."""
        backoff, broken_at = RELAY_BACKOFF_S[0], None
        while not self._stopping.is_set():
            if subscription is None:
                try:
                    subscription = self.service.subscribe_events()
                except Exception as error:  # noqa: BLE001 - Redis away: try again later
                    self._relay_error = str(error)
                    self._stopping.wait(backoff)
                    backoff = min(backoff * 2, RELAY_BACKOFF_S[1])
                    continue
                self._relay_connected, backoff = True, RELAY_BACKOFF_S[0]
                self._relay_reconnects += 1
                log.info("%s: agent relay subscribed again", self.platform.name)
                if broken_at is not None:
                    self._catch_up(broken_at - CATCH_UP_MARGIN_S)
            try:
                self._relay_until_broken(subscription)
            except Exception as error:  # noqa: BLE001 - the subscription broke: heal it
                log.warning("%s: agent relay lost its subscription: %s", self.platform.name,
                            error)
                self._relay_connected, self._relay_error = False, str(error)
                broken_at = time.time()
            finally:
                _close_quietly(subscription)
                subscription = None
        self._relay_connected = False

    def _relay_until_broken(self, subscription: Any) -> None:
        prefix = f"{self.platform.name}:"
        while not self._stopping.is_set():
            event = subscription.get(timeout=0.5)
            if (event is None or event.kind != "message" or event.role != "agent"
                    or not event.session_id.startswith(prefix)):
                continue
            self._relay_safely(event.session_id, event.text, event.data.get("at", event.at))

    def _catch_up(self, since: float) -> None:
        """Relay agents' messages stored since ``since`` that no process has relayed yet."""
        prefix = f"{self.platform.name}:"
        try:
            sessions = self.service.list_sessions(500)
        except Exception as error:  # noqa: BLE001 - the next break catches up again
            log.warning("%s: agent relay could not catch up: %s", self.platform.name, error)
            return
        for session in sessions:
            if not session.id.startswith(prefix) or session.updated < since:
                continue
            for entry in session.transcript:
                if entry.role == "agent" and entry.at >= since:
                    self._relay_safely(session.id, entry.text, entry.at)

    def _relay_safely(self, session_id: str, text: str, at: float) -> None:
        try:
            self._relay_one(session_id, text, at)
        except Exception:  # noqa: BLE001 - one lost relay must not end the thread
            log.exception("%s: agent message to %s not relayed", self.platform.name,
                          _masked(session_id))

    def _relay_one(self, session_id: str, text: str, at: float) -> None:
        # Only to someone who wrote to us on this platform first: never a number that merely
        # appears in a session id.
        session = self.service.session(session_id)
        if session.channel != self.platform.name or not any(
                e.role == "user" for e in session.transcript):
            log.warning("%s: agent message to %s not relayed: the user never wrote here",
                        self.platform.name, _masked(session_id))
            return
        # Every service process sharing Redis sees the event; the mark lets one of them send it.
        # Keyed by the stored message's time, so a catch-up never sends it twice.
        if not self.service.mark_once(f"relay:{session_id}:{at!r}", DEDUPE_TTL_S):
            return
        user_id = session_id[len(self.platform.name) + 1:]
        requests = self.platform.render_text(user_id, text)
        problem = asyncio.run_coroutine_threadsafe(self._send(user_id, requests),
                                                   self._loop).result(120)
        if problem:
            self._report_undelivered(session_id, text, problem)


def _close_quietly(subscription: Any) -> None:
    try:
        subscription.close()
    except Exception:  # noqa: BLE001 - a broken connection may fail to close; it is gone anyway
        pass


def _masked(session_id: str) -> str:
    """A session id with the user's number or id masked but its last 4 characters."""
    channel, _, user = session_id.rpartition(":")
    return f"{channel}:\u2026{user[-4:]}" if len(user) > 4 else session_id
