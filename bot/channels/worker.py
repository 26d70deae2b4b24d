"""`ChannelWorker`: answers one messaging app's shoppers in the background.

The webhook only checks, parses, dedupes and queues (`accept`), so the platform gets its 200 at
once; the worker runs each turn through `DialogueService.reply` in a thread and sends the reply.
A session's messages are answered one at a time in arrival order; different sessions run
concurrently up to ``concurrency``. Human agents' messages (``service.subscribe_events()``) of this
platform's sessions are relayed to the shopper too.
"""

from __future__ import annotations

import asyncio
import logging
import threading
import time
from collections import deque

from starlette.concurrency import run_in_threadpool

from bot.dialogue import DialogueService, InvalidChatMessage, RateLimited
from bot.sessions.events import ConversationEvent
from bot.types import ChannelMessage, Reply

from bot.channels.errors import ChannelBusy, DeliveryFailed
from bot.channels.platform import UNSUPPORTED_TEXT, Platform
from bot.channels.sender import Sender
from bot.channels.types import TEXT, Inbound, Outgoing

log = logging.getLogger(__name__)

#: Retried deliveries of one message id within this long are answered once.
DEDUPE_TTL_S = 24 * 3600
SORRY_TEXT = "Sorry, something went wrong on our side. Please try again in a moment."
RATE_LIMITED_TEXT = ("You're sending messages faster than I can answer. "
                     "Please wait a minute and try again.")


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
        subscription = await run_in_threadpool(self.service.subscribe_events)
        self._relay = threading.Thread(target=self._relay_agent_messages, args=(subscription,),
                                       name=f"{self.platform.name}-agent-relay", daemon=True)
        self._relay.start()

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
            key = f"dedupe:{message.channel}:{message.message_id}"
            if not await run_in_threadpool(self.service.mark_once, key, DEDUPE_TTL_S):
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
        await self._send(message.user_id, self.platform.render(message.user_id, reply))
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

    async def _send(self, user_id: str, requests: list[Outgoing]) -> None:
        for request in requests:
            try:
                await self.sender.send(request)
            except DeliveryFailed as error:  # the rest would arrive without its beginning
                log.warning("%s: reply to %s not delivered: %s", self.platform.name,
                            _masked(user_id), error)
                return

    # --- human agents ----------------------------------------------------------------------------

    def _relay_agent_messages(self, subscription) -> None:
        """In a thread: send agents' messages of this platform's sessions to the shopper."""
        prefix = f"{self.platform.name}:"
        try:
            while not self._stopping.is_set():
                event = subscription.get(timeout=0.5)
                if (event is None or event.kind != "message" or event.role != "agent"
                        or not event.session_id.startswith(prefix)):
                    continue
                try:
                    self._relay_one(event, event.session_id[len(prefix):])
                except Exception:  # noqa: BLE001 - one lost relay must not end the thread
                    log.exception("%s: agent message to %s not relayed", self.platform.name,
                                  _masked(event.session_id))
        finally:
            subscription.close()

    def _relay_one(self, event: ConversationEvent, user_id: str) -> None:
        # Only to someone who wrote to us on this platform first: never a number that merely
        # appears in a session id.
        session = self.service.session(event.session_id)
        if session.channel != self.platform.name or not any(
                e.role == "user" for e in session.transcript):
            log.warning("%s: agent message to %s not relayed: the user never wrote here",
                        self.platform.name, _masked(event.session_id))
            return
        # Every service process sharing Redis sees the event; the mark lets one of them send it.
        if not self.service.mark_once(f"relay:{event.session_id}:{event.at!r}",
                                               DEDUPE_TTL_S):
            return
        requests = self.platform.render_text(user_id, event.text)
        asyncio.run_coroutine_threadsafe(self._send(user_id, requests), self._loop).result(120)


def _masked(session_id: str) -> str:
    """A session id with the user's number or id masked but its last 4 characters."""
    channel, _, user = session_id.rpartition(":")
    return f"{channel}:\u2026{user[-4:]}" if len(user) > 4 else session_id
