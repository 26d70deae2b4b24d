"""The loaded generator: model, tokenizer, cache pool and scheduler wired together.

`Generator` is the public face and holds an `Engine` once loaded. The engine turns a conversation
into a `Request` in the caller's thread (validate, render, tokenize) and relays the scheduler's
events to sync or async consumers, cancelling the request when the consumer goes away.
"""

from __future__ import annotations

import asyncio
import logging
import queue
import threading
import time
from collections.abc import AsyncIterator, Iterator, Sequence
from pathlib import Path
from typing import Any

import torch

from models.generation import prompts
from models.device import resolve_device
from models.generation.errors import GenerationBusy, GeneratorUnavailable, MalformedChat, PromptTooLong
from models.generation.kv_cache_pool import KVCachePool
from models.generation.request import Failed, Request
from models.generation.runner import LoadedModel, ModelRunner, load_causal_lm
from models.generation.sampling import TextStream, check_params
from models.generation.scheduler import Scheduler, SchedulerConfig
from models.generation.speculative import SpeculationConfig
from models.generation.types import ChatMessage, Fact, GenerationResult, GeneratorOptions, GeneratorStats, SamplingParams

logger = logging.getLogger(__name__)

_CANCEL_WAIT_S = 30.0
#: The pool entry holding the rules' prefix every conversation starts with (never a session id:
#: those are non-empty strings a caller chose, and this one has a character no channel sends).
RULES_PREFIX_ID = "\x00rules-prefix"


class _QueueSink:
    """Events for a thread that blocks on them."""

    def __init__(self) -> None:
        self.events: queue.SimpleQueue[Any] = queue.SimpleQueue()

    def put(self, event: Any) -> None:
        self.events.put(event)


class _LoopSink:
    """Events for an asyncio consumer, handed over through its loop."""

    def __init__(self, loop: asyncio.AbstractEventLoop, request: Request) -> None:
        self.loop, self.request = loop, request
        self.events: asyncio.Queue[Any] = asyncio.Queue()

    def put(self, event: Any) -> None:
        try:
            self.loop.call_soon_threadsafe(self.events.put_nowait, event)
        except RuntimeError:  # the loop is closed: nobody is listening any more
            self.request.cancelled.set()


class Engine:
    """Everything `Generator.load()` builds. Use `Engine.start`."""

    def __init__(self, loaded: LoadedModel, kv_cache_bytes: int, options: GeneratorOptions) -> None:
        self.model, self.tokenizer, self.device = loaded.model, loaded.tokenizer, loaded.device
        self.options = options
        self.runner = ModelRunner(loaded)
        # On a GPU one query at a time would mean thousands of kernel launches per prefill.
        self.runner.exact = options.exact_attention and loaded.device.type == "cpu"
        self.static_decode = (loaded.device.type == "cuda" if options.cuda_graphs is None
                              else options.cuda_graphs)
        draft = options.speculative_draft
        if self.static_decode and loaded.device.type == "cuda" and draft:
            # Drafts are verified on the eager path: on a GPU it costs more than the graph
            # replays it saves.
            logger.info("Speculative drafts are off while CUDA graphs decode")
            draft = 0
        self.speculation = SpeculationConfig(max_draft=draft)
        self.context_tokens = min(options.context_tokens, self.runner.max_positions)
        self.pool = self._make_pool(kv_cache_bytes)
        self.template = prompts.template_for(loaded.tokenizer)
        self.end_ids = _end_ids(loaded, self.template.end_of_turn)
        self._tokenizer_lock = threading.Lock()  # HF tokenizers are not safe across threads
        self._prefills: dict[str, Request] = {}  # each session's newest idle-time prefill
        self._prefills_lock = threading.Lock()
        config = SchedulerConfig(max_batch=options.max_batch, prefill_chunk=options.prefill_chunk,
                                 background_chunk=options.background_chunk)
        self.scheduler = Scheduler(self.runner, self.pool, config)

    @classmethod
    def start(
        cls, path: Path, device: str, dtype: str | None, quantize: str, kv_cache_bytes: int,
        options: GeneratorOptions,
    ) -> Engine:
        """Load the model and start the scheduler thread."""
        if options.num_threads:
            torch.set_num_threads(options.num_threads)
        torch_device = torch.device(resolve_device(device))
        loaded = load_causal_lm(path, torch_device, dtype, quantize)
        engine = cls(loaded, kv_cache_bytes, options)
        engine.keep_rules_prefix()
        return engine

    def keep_rules_prefix(self) -> int:
        """Run the system turn every conversation starts with once, and keep its cache as the
        donor of that prefix: a session's first turn then prefills only its own turn, also
        after a restart or when every other session's cache was evicted.

        Skipped (0) without a cache budget, on static slots (each one is a running session's
        place, and a GPU prefills the rules in milliseconds) and for a template whose turns
        are not separate pieces (the system turn's tokens may not start every prompt).

        Returns:
            The tokens kept.
        """
        if not self.pool.enabled or self.pool.provider is not None or not isinstance(
                self.template, prompts.ChatMLTemplate):
            return 0
        tokens = self.encode(self.template.turn("system", prompts.render_system(None)))
        request = Request(session_id=RULES_PREFIX_ID, prompt=tokens,
                          params=SamplingParams(max_new_tokens=1), sink=_QueueSink(),
                          text=TextStream(_LockedDecoder(self.tokenizer, self._tokenizer_lock),
                                          (), self.end_ids))
        for _ in self.iterate(request, result_box=None):
            pass
        return len(tokens) if self.pool.keep(RULES_PREFIX_ID) else 0

    def prefill(self, session_id: str, turns: Sequence[tuple[str, str]],
                reserve_tokens: int) -> threading.Event:
        """Queue an idle-time prefill of a conversation's finished turns (``(role, text)``,
        system first, as `prompts.history_turns` renders them) into the session's cache
        (`Scheduler.submit_background`), so that its next reply runs only the new turn.

        Skipped (the event comes back set) without a cache budget, for a template whose turns
        are not separate pieces, when the cache holds the history already, when the session
        has a reply running, and when the history and ``reserve_tokens`` would not fit the
        context (the next prompt then drops old exchanges and starts elsewhere).

        Returns:
            An event set once the prefill finished, was replaced, cancelled or skipped.

        Raises:
            MalformedChat: An empty session id, or a role other than system/user/assistant.
        """
        if not isinstance(session_id, str) or not session_id.strip():
            raise MalformedChat("session_id must be a non-empty string")
        if any(role not in ("system", "user", "assistant") for role, _ in turns):
            raise MalformedChat("turns must be (system|user|assistant, text) pairs")
        skipped = threading.Event()
        skipped.set()
        if not self.pool.enabled or not isinstance(self.template, prompts.ChatMLTemplate):
            return skipped
        tokens = self.encode("".join(self.template.turn(role, text) for role, text in turns))
        if len(tokens) + reserve_tokens > self.context_tokens:
            return skipped
        cached = self.pool.tokens_of(session_id)
        if cached[: len(tokens)] == tokens:
            return skipped
        request = Request(session_id=session_id, prompt=tokens,
                          params=SamplingParams(max_new_tokens=1), sink=_QueueSink(),
                          text=TextStream(_LockedDecoder(self.tokenizer, self._tokenizer_lock),
                                          (), self.end_ids), background=True)
        with self._prefills_lock:
            if len(self._prefills) > 256:  # forget the finished ones now and then
                self._prefills = {k: r for k, r in self._prefills.items() if not r.done.is_set()}
            self._prefills[session_id] = request
        return request.done if self.scheduler.submit_background(request) else skipped

    def cancel_prefill(self, session_id: str) -> None:
        """Drop the session's idle-time prefill, queued or running (what ran stays cached)."""
        with self._prefills_lock:
            request = self._prefills.pop(session_id, None)
        if request is not None and not request.done.is_set():
            self.scheduler.cancel(request)

    def _make_pool(self, kv_cache_bytes: int) -> KVCachePool:
        """The cache pool; with static decoding, caches live in the static decoder's slots."""
        if not self.static_decode:
            return KVCachePool(self.runner.layout, kv_cache_bytes)
        from models.generation.cuda_graphs import SlotArena, StaticDecoder

        max_len = self.context_tokens + self.speculation.max_draft + 1
        arena = SlotArena.for_budget(self.runner.layout, kv_cache_bytes, max_len,
                                     min_slots=self.options.max_batch)
        capture = self.device.type == "cuda"
        self.runner.static = StaticDecoder(self.model, arena, capture=capture)
        self.runner.static.capture_all(self.options.max_batch)
        logger.info("Static decode over %d KV slots of %d tokens%s", arena.n_slots, max_len,
                    " with CUDA graphs" if capture else " (eager: no GPU)")
        return KVCachePool(self.runner.layout, arena.nbytes, provider=arena)

    def close(self) -> None:
        self.scheduler.close()
        self.pool.clear()

    # --- requests -------------------------------------------------------------------------------

    def prepare(
        self, session_id: str, messages: Sequence[ChatMessage], facts: Sequence[Fact],
        params: SamplingParams,
    ) -> Request:
        """Check, render and tokenize a conversation into a request (caller's thread)."""
        if not isinstance(session_id, str) or not session_id.strip():
            raise MalformedChat("session_id must be a non-empty string")
        messages, facts = list(messages), list(facts)
        prompts.validate(messages, facts)
        check_params(params)
        prompt = prompts.build_prompt(
            messages, facts,
            template=self.template,
            count_tokens=lambda text: len(self.encode(text)),
            budget_tokens=self.context_tokens,
            reserve_tokens=params.max_new_tokens + self.speculation.max_draft + 1,
            drop_step=self.options.drop_step,
        )
        end_ids = frozenset() if params.ignore_eos else self.end_ids
        text = TextStream(_LockedDecoder(self.tokenizer, self._tokenizer_lock), params.stop,
                          end_ids, prompt.citations)
        return Request(
            session_id=session_id, prompt=self.encode(prompt.text), params=params,
            sink=_QueueSink(), text=text,
            dropped_messages=prompt.dropped_messages, speculation=self.speculation,
        )

    def prepare_turns(self, session_id: str, turns: Sequence[tuple[str, str]],
                      params: SamplingParams) -> Request:
        """A request for turns rendered already (by a client of the chat server): laid out
        with the model's template, its [n] labels left as written for the client to map.

        Raises:
            MalformedChat: An empty session id, no turns, or a role other than
                system/user/assistant.
            PromptTooLong: The prompt and its reply space exceed the context budget.
        """
        if not isinstance(session_id, str) or not session_id.strip():
            raise MalformedChat("session_id must be a non-empty string")
        if not turns or any(role not in ("system", "user", "assistant") for role, _ in turns):
            raise MalformedChat("turns must be (system|user|assistant, text) pairs, at least one")
        check_params(params)
        prompt = self.encode(self.template.render(turns))
        needed = len(prompt) + params.max_new_tokens + self.speculation.max_draft + 1
        if needed > self.context_tokens:
            raise PromptTooLong(needed, self.context_tokens)
        end_ids = frozenset() if params.ignore_eos else self.end_ids
        text = TextStream(_LockedDecoder(self.tokenizer, self._tokenizer_lock), params.stop,
                          end_ids)
        return Request(session_id=session_id, prompt=prompt, params=params, sink=_QueueSink(),
                       text=text, speculation=self.speculation)

    def encode(self, text: str) -> list[int]:
        with self._tokenizer_lock:
            return self.tokenizer(text, add_special_tokens=False)["input_ids"]

    def iterate(self, request: Request, result_box: list[GenerationResult] | None,
                deadline: float | None = None) -> Iterator[str]:
        """Submit on first `next()`, yield text pieces, cancel if closed early or if no piece
        comes before ``deadline`` (a `time.perf_counter()` value: `GeneratorUnavailable`)."""
        sink = _QueueSink()
        self._submit(request, sink)
        done = False
        try:
            while True:
                event = _next_event(sink, deadline)
                if isinstance(event, str):
                    yield event
                    continue
                done = True
                _finish(event, result_box)
                return
        finally:
            if not done:
                # Waiting (one step at most) means that when the consumer's `close()` returns,
                # the session can take a new request and its cache is evictable again.
                self.scheduler.cancel(request, wait_s=_CANCEL_WAIT_S)

    async def aiterate(self, request: Request, loop: asyncio.AbstractEventLoop,
                       result_box: list[GenerationResult] | None = None) -> AsyncIterator[str]:
        """Async twin of `iterate` (without a deadline: the caller cancels)."""
        sink = _LoopSink(loop, request)
        self._submit(request, sink)
        done = False
        try:
            while True:
                event = await sink.events.get()
                if isinstance(event, str):
                    yield event
                    continue
                done = True
                _finish(event, result_box)
                return
        finally:
            if not done:
                self.scheduler.cancel(request)
                # As in `iterate`: once `aclose()` returns, the session is free again.
                try:
                    await loop.run_in_executor(None, request.done.wait, _CANCEL_WAIT_S)
                except (RuntimeError, asyncio.CancelledError):
                    pass  # the loop is shutting down or we are cancelled again: do not wait

    def _submit(self, request: Request, sink: Any) -> None:
        """Hand the request to the scheduler; its events will arrive on `sink`."""
        request.sink = sink
        request.created = time.perf_counter()
        if not self.scheduler.submit(request):
            raise GenerationBusy(f"session {request.session_id!r} already has a reply in progress")

    def stats(self) -> GeneratorStats:
        pool, scheduler = self.pool, self.scheduler
        return GeneratorStats(
            sessions=len(pool), cache_bytes=pool.nbytes, budget_bytes=pool.budget_bytes,
            cache_hits=pool.hits, cache_misses=pool.misses, reused_tokens=pool.reused_tokens,
            evictions=pool.evictions, active_requests=scheduler.active, steps=scheduler.steps,
            batched_steps=scheduler.batched_steps, max_batch=scheduler.max_batch_seen,
            idle_prefill_tokens=scheduler.background_tokens,
        )


def _next_event(sink: _QueueSink, deadline: float | None) -> Any:
    """The request's next event, waiting at most until ``deadline``.

    Raises:
        GeneratorUnavailable: Nothing came in time (the model is busy or starved of CPU).
    """
    if deadline is None:
        return sink.events.get()
    try:
        return sink.events.get(timeout=max(0.0, deadline - time.perf_counter()))
    except queue.Empty:
        raise GeneratorUnavailable("the generator wrote nothing more before the turn's "
                                   "deadline") from None


def _finish(event: object, result_box: list[GenerationResult] | None) -> None:
    """The last event of a request: raise its failure, or hand over its result."""
    if isinstance(event, Failed):
        raise event.error
    if result_box is not None:
        result_box.append(event.result)  # type: ignore[attr-defined]


class _LockedDecoder:
    """The tokenizer's `decode`, serialised with the engine's other tokenizer calls."""

    def __init__(self, tokenizer: Any, lock: threading.Lock) -> None:
        self._tokenizer, self._lock = tokenizer, lock

    def decode(self, ids: Sequence[int], **kwargs: Any) -> str:
        with self._lock:
            return self._tokenizer.decode(ids, **kwargs)


def _end_ids(loaded: LoadedModel, end_of_turn: str) -> frozenset[int]:
    """Token ids that end a reply: the template's end-of-turn marker and the model's eos ids."""
    tokenizer, ids = loaded.tokenizer, set()
    eos = getattr(loaded.model.generation_config, "eos_token_id", None)
    ids.update(eos if isinstance(eos, list) else [eos] if eos is not None else [])
    if tokenizer.eos_token_id is not None:
        ids.add(tokenizer.eos_token_id)
    if end_of_turn:
        marker = tokenizer.convert_tokens_to_ids(end_of_turn)
        if isinstance(marker, int) and marker != tokenizer.unk_token_id:
            ids.add(marker)
    return frozenset(ids)
