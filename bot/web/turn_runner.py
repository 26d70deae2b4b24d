"""`TurnRunner`: runs each shopper turn wholly on one of its own worker threads.

A turn is a generator (`DialogueService.turn`) that holds its session's lock while it streams.
Driving it with Starlette's ``iterate_in_threadpool`` resumed it on whichever pool thread was
free, shared that pool with every other sync route, and left an abandoned stream to be closed
by the garbage collector, somewhere, some time. Here one thread drives a turn from start to end,
the async side only relays its events, and when the client goes away (the consumer is closed or
cancelled) the thread closes the turn at its next event: the turn saves the shopper's message
and the partial reply marked as cut, releases its lock and cancels its generation.
"""

from __future__ import annotations

import asyncio
import logging
import threading
from collections.abc import AsyncIterator
from concurrent.futures import ThreadPoolExecutor

from bot.dialogue import DialogueService, Token, TurnResult
from bot.types import ChannelMessage

log = logging.getLogger(__name__)

_DONE = object()


class _Failed:
    __slots__ = ("error",)

    def __init__(self, error: BaseException) -> None:
        self.error = error


class TurnRunner:
    """Shopper turns on ``threads`` dedicated worker threads.

    Args:
        dialogue: The service whose turns run here.
        threads: Turns that may run at once (waiting for a generation slot counts).
    """

    def __init__(self, dialogue: DialogueService, threads: int) -> None:
        if threads < 1:
            raise ValueError(f"threads must be >= 1, got {threads}")
        self.dialogue = dialogue
        self._pool = ThreadPoolExecutor(threads, thread_name_prefix="turn")

    async def events(self, message: ChannelMessage) -> AsyncIterator[Token | TurnResult]:
        """The turn's `Token`s, then its `TurnResult`; its domain errors are raised here.

        Close (or cancel) the iterator when the client is gone: the turn then stops at its next
        event and saves what the shopper saw. Use it with ``contextlib.aclosing``.
        """
        loop = asyncio.get_running_loop()
        inbox: asyncio.Queue = asyncio.Queue()
        cancel = threading.Event()

        def hand_over(item: object) -> None:
            try:
                loop.call_soon_threadsafe(inbox.put_nowait, item)
            except RuntimeError:  # the loop is closed: nobody is listening any more
                cancel.set()

        def drive() -> None:
            turn = self.dialogue.turn(message)
            try:
                for event in turn:
                    if cancel.is_set():
                        break
                    hand_over(event)
            except Exception as error:  # noqa: BLE001 - raised again in the consumer
                hand_over(_Failed(error))
            finally:
                try:
                    turn.close()  # a cancelled turn saves what was shown, in this thread
                except Exception:  # noqa: BLE001 - the consumer is gone; the log must tell
                    log.exception("closing the cancelled turn of session %s failed",
                                  message.session_id)
                hand_over(_DONE)

        loop.run_in_executor(self._pool, drive)
        try:
            while True:
                item = await inbox.get()
                if item is _DONE:
                    return
                if isinstance(item, _Failed):
                    raise item.error
                yield item
        finally:
            cancel.set()

    async def reply(self, message: ChannelMessage) -> TurnResult:
        """Run a turn to its end and return its result.

        Raises:
            The turn's domain errors.
        """
        result = None
        events = self.events(message)
        try:
            async for event in events:
                if isinstance(event, TurnResult):
                    result = event
        finally:
            await events.aclose()
        if result is None:
            raise RuntimeError(f"the turn of session {message.session_id} ended without a result")
        return result

    def close(self) -> None:
        """Let running turns finish (they save themselves), then stop the threads."""
        self._pool.shutdown(wait=True, cancel_futures=False)
