"""Continuous batching: one thread advances every running reply together, step by step.

Each step packs, into one forward pass, the next token of every decoding request (plus its
speculative draft) and a bounded chunk of newcomers' prompts. A request joins the running batch
between steps as soon as there is a free slot and cache room, and leaves it the step it finishes or
is cancelled, so a long reply never blocks a short one and no session waits for another's turn.
On a CPU the win is that the weights, the real cost of decoding, are read once per step for all
sessions instead of once per session.

The scheduler decides; `ModelRunner` executes; `KVCachePool` owns the caches (as vLLM v1 splits
scheduler, model runner and KV cache manager).
"""

from __future__ import annotations

import logging
import queue
import threading
from collections import OrderedDict, deque
from dataclasses import dataclass

import torch

from models.generation.errors import GeneratorNotLoaded
from models.generation.kv_cache_pool import CacheBudgetExceeded, KVCachePool
from models.generation.request import Failed, Finished, Request, describe
from models.generation.runner import GaveWay, ModelRunner, Segment
from models.generation.speculative import accept_greedy

logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class SchedulerConfig:
    """How much work one step may do.

    Attributes:
        max_batch: Most requests in the running batch (decoding or prefilling).
        prefill_chunk: Most prompt tokens run in one step; longer prompts take several steps,
            so decoding sessions keep moving while a long prompt is read.
        speculate_below: Speculative drafts are verified only while fewer than this many
            requests run: in a big batch the weights are already shared and drafts cost compute.
        background_chunk: Most prompt tokens an idle-time prefill runs in one step.
        give_way_within_chunk: A reply submitted while an idle-time prefill's step runs stops
            that step at the next decoder layer (the chunk runs again later), so it waits for
            one layer instead of the whole step: a first turn arriving while another session's
            history is prefilled (after every reply, in a live service) gets its first token
            that much sooner. False: it waits for the step to end.
    """

    max_batch: int = 8
    prefill_chunk: int = 512
    speculate_below: int = 3
    background_chunk: int = 32
    give_way_within_chunk: bool = True


class Scheduler:
    """Owns the generation thread and everything it mutates.

    Args:
        runner: Executes packed forward passes.
        pool: Session caches.
        config: Step limits.
    """

    def __init__(self, runner: ModelRunner, pool: KVCachePool, config: SchedulerConfig) -> None:
        if config.max_batch < 1 or config.prefill_chunk < 1:
            raise ValueError("max_batch and prefill_chunk must be >= 1")
        self.runner, self.pool, self.config = runner, pool, config
        self._inbox: queue.SimpleQueue[Request | None] = queue.SimpleQueue()
        self._waiting: deque[Request] = deque()
        self._running: list[Request] = []
        self._sessions: set[str] = set()  # sessions with a request queued or running
        # Idle-time prefills (`submit_background`), one per session, oldest first; only the
        # scheduler thread touches them. `_prefilling` is the one holding a pinned cache.
        self._idle_work: OrderedDict[str, Request] = OrderedDict()
        self._prefilling: Request | None = None
        self.background_tokens = 0
        #: Idle-time prefill steps stopped part-way for a reply (`give_way_within_chunk`).
        self.gave_way = 0
        # Set by `submit`, cleared as the inbox is read: a reply is waiting to be taken in.
        self._reply_submitted = threading.Event()
        self._lock = threading.Lock()
        self._closed = False
        self.steps = self.batched_steps = self.max_batch_seen = 0
        self._thread = threading.Thread(target=self._loop, name="shopdesk-generator", daemon=True)
        self._thread.start()

    # --- called from any thread ----------------------------------------------------------------

    def submit(self, request: Request) -> bool:
        """Queue a request; False when its session already has one queued or running."""
        with self._lock:
            if self._closed:
                raise GeneratorNotLoaded("the generator is closed")
            if request.session_id in self._sessions:
                return False
            self._sessions.add(request.session_id)
        self._inbox.put(request)
        self._reply_submitted.set()
        return True

    def submit_background(self, request: Request) -> bool:
        """Queue an idle-time prefill (``request.background``): its prompt runs into the
        session's cache while no reply is queued or running, a chunk at a time, and stops (what
        ran stays cached) when a reply arrives; it resumes once the replies are done, unless
        the reply was its own session's (that reply's prompt runs the rest). A newer one for
        the same session replaces it; `cancel` drops it.

        Returns:
            False when the session has a reply queued or running (it fills the cache itself).
        """
        with self._lock:
            if self._closed:
                raise GeneratorNotLoaded("the generator is closed")
            if request.session_id in self._sessions:
                return False
        self._inbox.put(request)
        return True

    def cancel(self, request: Request, wait_s: float = 0.0) -> None:
        """Stop a request at the next step boundary; its cache is kept up to what ran.

        Args:
            request: The request.
            wait_s: Wait this long for it to leave (its cache unpinned); 0 returns at once.
        """
        request.cancelled.set()
        self._inbox.put(None)  # wake the loop if it is idle
        if wait_s > 0 and self._thread.is_alive():
            request.done.wait(wait_s)

    @property
    def active(self) -> int:
        """Requests queued or running."""
        with self._lock:
            return len(self._sessions)

    def close(self, timeout: float = 30.0) -> None:
        """Fail every queued or running request and stop the thread."""
        with self._lock:
            self._closed = True
        self._inbox.put(None)
        self._thread.join(timeout)

    # --- the generation thread ------------------------------------------------------------------

    def _loop(self) -> None:
        while True:
            idle = not self._waiting and not self._running and not self._idle_work
            if not self._take_inbox(block=idle):
                break
            try:
                self._step()
            except Exception as error:  # the loop must survive: fail this step's requests only
                logger.exception("Generation step failed")
                for request in list(self._running):
                    self._finish(request, Failed(error), keep_cache=False)
        self._shutdown()

    def _take_inbox(self, block: bool) -> bool:
        """Move submitted requests to the waiting queue; False once closed."""
        # Cleared before reading: a reply put in meanwhile leaves it set, which at worst stops
        # one idle-time step for a reply already taken in (never a reply left unseen).
        self._reply_submitted.clear()
        try:
            item = self._inbox.get(block=block)
            while True:
                if item is not None and item.background:
                    self._queue_background(item)
                elif item is not None:
                    self._waiting.append(item)
                item = self._inbox.get_nowait()
        except queue.Empty:
            pass
        with self._lock:
            return not self._closed

    def _shutdown(self) -> None:
        error = GeneratorNotLoaded("the generator was closed while this reply was generated")
        for request in list(self._running):
            self._finish(request, Failed(error), keep_cache=False)
        for request in list(self._waiting):
            self._drop_waiting(request, Failed(error))
        for request in list(self._idle_work.values()):
            self._drop_background(request)
        while True:
            try:
                request = self._inbox.get_nowait()
            except queue.Empty:
                return
            if request is not None and request.background:
                request.done.set()
            elif request is not None:
                self._drop_waiting(request, Failed(error))

    def _step(self) -> None:
        self._yield_to_replies()
        self._reap_cancelled()
        self._admit()
        if not self._running:
            self._prefill_in_idle_time()
            return
        plan = self._plan()
        logits = self.runner.forward([segment for _, segment, _ in plan])
        self.steps += 1
        if len(plan) > 1:
            self.batched_steps += 1
        self.max_batch_seen = max(self.max_batch_seen, len(plan))
        picks = _greedy_picks(plan, logits)
        for index, ((request, segment, draft), scores) in enumerate(zip(plan, logits)):
            if request.pending:
                continue  # a prompt chunk that is not the last: nothing to sample yet
            if index in picks:
                finished = request.emit(picks[index])
            else:
                finished = self._consume(request, draft, scores)
            if finished:
                self._finish(request, Finished(request.result()), keep_cache=True)

    # --- idle-time prefills (scheduler thread) ---------------------------------------------------

    def _queue_background(self, request: Request) -> None:
        older = self._idle_work.pop(request.session_id, None)
        if older is not None:
            self._drop_background(older)
        self._idle_work[request.session_id] = request

    def _yield_to_replies(self) -> None:
        """Before any reply's step: drop cancelled prefills and those of sessions with a reply
        of their own, and unpin the running one (kept for later) while any reply waits or runs."""
        live = {r.session_id for r in self._waiting} | {r.session_id for r in self._running}
        for request in list(self._idle_work.values()):
            if request.cancelled.is_set() or request.session_id in live:
                self._drop_background(request)
        if self._prefilling is not None and (self._waiting or self._running):
            self.pool.unpin(self._prefilling.session_id)  # what ran stays in the cache
            self._prefilling = None

    def _prefill_in_idle_time(self) -> None:
        """Run one chunk of the oldest idle-time prefill (nothing else is queued or running)."""
        if self._prefilling is None:
            if not self._idle_work:
                return
            request = next(iter(self._idle_work.values()))
            try:
                acquired = self.pool.acquire(request.session_id, request.prompt,
                                             request.reserve_tokens, counted=False)
            except Exception:  # no room, or a bad prompt: the cache is only an optimisation
                logger.debug("Idle-time prefill of session %s skipped", request.session_id,
                             exc_info=True)
                self._drop_background(request)
                return
            request.start(acquired.cache, acquired.reused)
            self._prefilling = request
        request = self._prefilling
        chunk = tuple(request.pending[: self.config.background_chunk])
        give_way = self._reply_submitted.is_set if self.config.give_way_within_chunk else None
        try:
            self.runner.forward([Segment(request.cache, chunk, 1)], give_way=give_way)
        except GaveWay:  # a reply came: it runs first, and this chunk again afterwards
            self.gave_way += 1
            return
        except Exception:  # a cache left half-written must not be reused
            logger.exception("Idle-time prefill of session %s failed", request.session_id)
            self.pool.release(request.session_id)
            self._drop_background(request)
            return
        request.pending = request.pending[len(chunk):]
        self.background_tokens += len(chunk)
        if not request.pending:
            self._drop_background(request)

    def _drop_background(self, request: Request) -> None:
        """Forget an idle-time prefill (done, replaced or cancelled); its cache stays."""
        if self._idle_work.get(request.session_id) is request:
            del self._idle_work[request.session_id]
        if self._prefilling is request:
            self.pool.unpin(request.session_id)
            self._prefilling = None
        request.done.set()

    def _reap_cancelled(self) -> None:
        for request in [r for r in self._running if r.cancelled.is_set()]:
            request.finish_reason = "cancelled"
            self._finish(request, Failed(CancelledReply()), keep_cache=True)
        for request in [r for r in self._waiting if r.cancelled.is_set()]:
            self._drop_waiting(request, Failed(CancelledReply()))

    def _admit(self) -> None:
        """Move waiting requests into the running batch while slots and cache room allow."""
        while self._waiting and len(self._running) < self.config.max_batch:
            request = self._waiting[0]
            try:
                acquired = self.pool.acquire(request.session_id, request.prompt,
                                             request.reserve_tokens)
            except CacheBudgetExceeded as error:
                if self._running:
                    return  # room frees up when a running request finishes
                self._waiting.popleft()
                self._drop_waiting(request, Failed(error), popped=True)
                continue
            except Exception as error:
                self._waiting.popleft()
                self._drop_waiting(request, Failed(error), popped=True)
                continue
            self._waiting.popleft()
            request.start(acquired.cache, acquired.reused)
            self._running.append(request)
            logger.debug("Admitted %s", describe(request))

    def _plan(self) -> list[tuple[Request, Segment, list[int]]]:
        """This step's segments: every decoding request's next token(s), then prompt chunks."""
        plan = []
        speculate = len(self._running) < self.config.speculate_below
        for request in self._running:
            if request.decoding:
                draft = request.draft() if speculate else []
                tokens = (request.generated[-1], *draft)
                plan.append((request, Segment(request.cache, tokens, len(tokens)), draft))
        budget = self.config.prefill_chunk
        for request in self._running:
            if request.pending and budget > 0:
                chunk, request.pending = request.pending[:budget], request.pending[budget:]
                budget -= len(chunk)
                plan.append((request, Segment(request.cache, tuple(chunk), 1), []))
        return plan

    def _consume(self, request: Request, draft: list[int], scores) -> bool:
        """Turn a segment's logits into tokens; True when the request is finished."""
        if not draft:
            return request.emit(request.pick(scores[-1]))
        predicted, accepted_so_far = [], []
        for row, guess in zip(scores, [*draft, None]):
            choice = request.pick(row, accepted_so_far)
            predicted.append(choice)
            if guess is None or choice != guess:
                break
            accepted_so_far.append(guess)
        accepted = accept_greedy(draft, predicted)
        request.drafted += len(draft)
        request.accepted += accepted
        request.lookup.record(len(draft), accepted)
        # The cache holds the last token and all drafts; keep the last token and accepted ones.
        request.cache.crop(request.cache.length - (len(draft) - accepted))
        for token in predicted[: accepted + 1]:
            if request.emit(token):
                return True
        return False

    def _finish(self, request: Request, event: Finished | Failed, keep_cache: bool) -> None:
        if request in self._running:
            self._running.remove(request)
        if not keep_cache:
            self.pool.release(request.session_id)
        self.pool.unpin(request.session_id)
        with self._lock:
            self._sessions.discard(request.session_id)
        request.done.set()
        request.sink.put(event)
        if isinstance(event, Finished):
            t = event.result.timings
            logger.info(
                "Reply for session %s: %d prompt tokens (%d cached), first token in %.0f ms, "
                "%d tokens at %.1f tok/s", request.session_id, t.prompt_tokens, t.reused_tokens,
                t.ttft_s * 1e3, t.decode_tokens, t.decode_tokens_per_s,
            )
        else:
            logger.debug("Stopped %s (%s)", describe(request), request.finish_reason)

    def _drop_waiting(self, request: Request, event: Failed, popped: bool = False) -> None:
        if not popped and request in self._waiting:
            self._waiting.remove(request)
        with self._lock:
            self._sessions.discard(request.session_id)
        request.done.set()
        request.sink.put(event)


def _greedy_picks(plan, logits) -> dict[int, int]:
    """Next tokens of the plain greedy segments, chosen in one batched argmax.

    One argmax and one device-to-host copy per step instead of one per session: on a GPU each
    `int(argmax)` waits for the device, 32 waits per step at 32 sessions.

    Returns:
        Token per plan index, for segments without drafts or penalties (others are left out).
    """
    rows = [index for index, (request, _, draft) in enumerate(plan)
            if not request.pending and not draft and request.plain_greedy]
    if len(rows) < 2:
        return {}
    chosen = torch.stack([logits[index][-1] for index in rows]).argmax(dim=-1).tolist()
    return dict(zip(rows, chosen))


class CancelledReply(Exception):
    """The caller stopped reading the reply; raised only inside the scheduler's bookkeeping."""
