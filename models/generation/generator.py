"""`Generator`: grounded replies from a causal LM, with a KV cache kept per session.

    generator = Generator(assets.generator_dir, kv_cache_bytes=1 << 30)
    generator.load()
    for piece in generator.stream("session-42", messages, facts, max_new_tokens=128):
        send(piece)
    generator.release("session-42")   # when the conversation ends

Each turn's prompt is rendered by `models.generation.prompts` so that it extends the previous turn's tokens;
the session's cache is cropped to the common prefix and only the new tokens run. Replies of all
sessions are advanced together by `models.generation.scheduler` (continuous batching). A cache is only an
optimisation: with or without it, the same conversation gives the same greedy reply.
"""

from __future__ import annotations

import asyncio
import logging
import threading
from collections.abc import AsyncIterator, Iterator, Sequence
from pathlib import Path
from typing import Any

from models.generation import prompts
from models.generation.errors import GeneratorNotLoaded
from models.generation.types import ChatMessage, Fact, GenerationResult, GeneratorOptions, GeneratorStats, SamplingParams

logger = logging.getLogger(__name__)

#: Default KV cache budget: 1 GiB holds ~40 sessions of 1k tokens of the 0.5B model in fp32.
DEFAULT_KV_CACHE_BYTES = 1 << 30


class Generator:
    """Streams grounded replies; keeps each live session's KV cache between turns.

    Args:
        model: A Hugging Face causal-LM folder, or a .gguf file (converting it once with
            `models.gguf_conversion.convert_gguf_to_safetensors` makes loading ~20x faster).
        device: "auto" (CUDA when present, else CPU), "cpu", "cuda", "cuda:1"...
        dtype: Activation dtype name, or None: bf16 on CUDA; on CPU fp32 under int8, else bf16
            only where the CPU computes it natively.
        quantize: "auto" (int8 weights on x86 CPUs, none on GPU), "int8" or "none".
        kv_cache_bytes: Budget of all sessions' caches; least recently used ones are evicted.
            0 disables reuse (every turn runs its whole prompt).
        options: Engine knobs (context budget, batching, speculation, threads).

    Raises:
        ValueError: A negative cache budget or a bad option.

    Example:
        >>> g = Generator(folder).load()
        >>> g.generate("s1", [ChatMessage("user", "Can I return shoes?")], facts).text
    """

    def __init__(
        self,
        model: str | Path,
        *,
        device: str = "auto",
        dtype: str | None = None,
        quantize: str = "auto",
        kv_cache_bytes: int = DEFAULT_KV_CACHE_BYTES,
        options: GeneratorOptions | None = None,
    ) -> None:
        options = options or GeneratorOptions()
        if kv_cache_bytes < 0:
            raise ValueError(f"kv_cache_bytes must be >= 0, got {kv_cache_bytes}")
        if options.context_tokens < 16 or options.max_batch < 1 or options.prefill_chunk < 1 \
                or options.background_chunk < 1:
            raise ValueError(f"bad generator options: {options}")
        if quantize not in ("auto", "int8", "none"):
            raise ValueError(f"quantize must be 'auto', 'int8' or 'none', got {quantize!r}")
        self.model_path = Path(model)
        self.device_name = device
        self.dtype_name = dtype
        self.quantize = quantize
        self.kv_cache_bytes = kv_cache_bytes
        self.options = options
        self._engine: Any = None
        self._load_lock = threading.Lock()

    # --- lifecycle ------------------------------------------------------------------------------

    def load(self) -> Generator:
        """Read the weights onto the device and start the generation thread; idempotent.

        Returns:
            self, for chaining.

        Raises:
            FileNotFoundError: The model path does not exist.
            ValueError: An unusable device, dtype or quantize mode.
        """
        with self._load_lock:
            if self._engine is None:
                from models.generation.engine import Engine

                self._engine = Engine.start(
                    self.model_path, self.device_name, self.dtype_name, self.quantize,
                    self.kv_cache_bytes, self.options,
                )
        return self

    def close(self) -> None:
        """Stop the generation thread; running replies fail with GeneratorNotLoaded."""
        with self._load_lock:
            engine, self._engine = self._engine, None
        if engine is not None:
            engine.close()

    def __enter__(self) -> Generator:
        return self.load()

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    @property
    def loaded(self) -> bool:
        return self._engine is not None

    @property
    def tokenizer(self) -> Any:
        """The model's tokenizer (for counting tokens; the generator renders prompts itself)."""
        return self._require().tokenizer

    @property
    def model(self) -> Any:
        """The loaded transformers model (for the reference loop and benchmarks)."""
        return self._require().model

    @property
    def end_ids(self) -> frozenset[int]:
        """Token ids that end a reply (end of turn, end of text)."""
        return self._require().end_ids

    @property
    def device(self) -> str:
        """Where the model runs, e.g. "cpu" or "cuda:0"."""
        return str(self._require().device)

    # --- generating -----------------------------------------------------------------------------

    def stream(
        self,
        session_id: str,
        messages: Sequence[ChatMessage],
        facts: Sequence[Fact] = (),
        *,
        result_box: list[GenerationResult] | None = None,
        deadline: float | None = None,
        **sampling: Any,
    ) -> Iterator[str]:
        """Stream a reply to the newest user message, piece by piece as it decodes.

        The conversation is checked now; generation starts at the first `next()`. Closing the
        iterator (or dropping it) cancels the reply at the next step and keeps the cache.

        Args:
            session_id: The conversation; its KV cache is reused across turns.
            messages: The whole conversation, ending with the customer's message. Past user
                turns carry the facts they were shown (see `ChatMessage.facts`).
            facts: Facts for the newest user turn.
            result_box: When given, the finished reply's `GenerationResult` (timings, finish
                reason) is appended to it as the stream ends.
            deadline: A `time.perf_counter()` value: a piece that has not come by then ends the
                reply with `GeneratorUnavailable` (the generation is cancelled). None: wait.
            **sampling: `SamplingParams` fields: max_new_tokens, stop, repetition_penalty,
                temperature, top_p, seed.

        Returns:
            An iterator of text pieces; their concatenation is the reply.

        Raises:
            MalformedChat: Empty or malformed conversation, or an empty session id.
            PromptTooLong: The newest turn alone exceeds the context budget.
            ValueError: A bad sampling parameter.
            GeneratorNotLoaded: `load()` was not called.
            GenerationBusy: (on first `next()`) this session already has a reply in progress.
            GeneratorUnavailable: (while iterating) nothing came before ``deadline``.
        """
        engine = self._require()
        request = engine.prepare(session_id, messages, facts, sampling_params(sampling))
        return engine.iterate(request, result_box=result_box, deadline=deadline)

    def astream(
        self,
        session_id: str,
        messages: Sequence[ChatMessage],
        facts: Sequence[Fact] = (),
        **sampling: Any,
    ) -> AsyncIterator[str]:
        """`stream` for asyncio: pieces arrive without blocking the event loop.

        Cancelling the consuming task, or closing the iterator, cancels the reply.
        Arguments, return and errors as for `stream`.
        """
        engine = self._require()
        request = engine.prepare(session_id, messages, facts, sampling_params(sampling))
        return engine.aiterate(request, asyncio.get_running_loop())

    def astream_turns(
        self,
        session_id: str,
        turns: Sequence[tuple[str, str]],
        *,
        result_box: list[GenerationResult] | None = None,
        **sampling: Any,
    ) -> AsyncIterator[str]:
        """`astream` for turns already rendered by `models.generation.prompts` (what
        `ServerGenerator` sends to a chat server): the text goes through the model's template
        as is, and [n] labels come back unmapped. Closing the iterator cancels the reply.

        Args:
            session_id: Whose KV cache to reuse.
            turns: ``(role, text)`` pairs, system first.
            result_box: Receives the `GenerationResult` when the reply finishes.
            **sampling: As for `stream`.

        Raises:
            MalformedChat: No turns, an unknown role, or an empty session id.
            PromptTooLong: The turns and the reply space exceed the context budget.
            ValueError: A bad sampling parameter.
            GenerationBusy: (on first piece) this session already has a reply in progress.
        """
        engine = self._require()
        request = engine.prepare_turns(session_id, turns, sampling_params(sampling))
        return engine.aiterate(request, asyncio.get_running_loop(), result_box)

    def generate(
        self,
        session_id: str,
        messages: Sequence[ChatMessage],
        facts: Sequence[Fact] = (),
        **sampling: Any,
    ) -> GenerationResult:
        """Generate a whole reply. Arguments and errors as for `stream`.

        Returns:
            The reply text, its token ids, why it stopped, and timings (time to first token,
            reused and prefilled prompt tokens, decode speed).
        """
        engine = self._require()
        request = engine.prepare(session_id, messages, facts, sampling_params(sampling))
        box: list[GenerationResult] = []
        for _ in engine.iterate(request, result_box=box):
            pass
        return box[0]

    def encode_prompt(
        self, messages: Sequence[ChatMessage], facts: Sequence[Fact] = (), *, max_new_tokens: int = 256
    ) -> list[int]:
        """The token ids `stream` would run for this conversation (for tests and benchmarks).

        Raises:
            As for `stream`.
        """
        engine = self._require()
        params = sampling_params({"max_new_tokens": max_new_tokens})
        return engine.prepare("encode-only", messages, facts, params).prompt

    # --- sessions and stats ---------------------------------------------------------------------

    def prefill(self, session_id: str, messages: Sequence[ChatMessage], *,
                reserve_tokens: int = 512) -> threading.Event:
        """Run a conversation's finished exchanges into the session's cache in idle time, so
        that the next reply prefills only its own turn (call after a reply was sent, above all
        one written without the model, whose exchange never ran through it).

        Low priority: it runs only while no reply is queued or running, in chunks of
        `GeneratorOptions.background_chunk` tokens, and gives way at the next chunk when one
        arrives (what ran stays cached and it resumes afterwards; a reply of the same session
        runs the rest itself). A newer call for the session replaces it; `release` cancels it.
        Only an optimisation: a stale or missing result costs time, never changes a reply.

        Args:
            session_id: Whose cache to fill.
            messages: The conversation so far, ending with a reply (`ChatMessage`s as `stream`
                takes them, without the next shopper message).
            reserve_tokens: Room the next turn needs (its facts, question and reply); a history
                that would not leave it is not prefilled.

        Returns:
            An event set once the prefill is done, replaced, cancelled or skipped.

        Raises:
            MalformedChat: An empty session id or a malformed history.
            GeneratorNotLoaded: `load()` was not called.
        """
        turns = prompts.history_turns(messages)
        return self._require().prefill(session_id, turns, reserve_tokens)

    def prefill_turns(self, session_id: str, turns: Sequence[tuple[str, str]], *,
                      reserve_tokens: int = 512) -> threading.Event:
        """`prefill` for turns already rendered by `prompts.history_turns` (what a
        `ChildGenerator` sends its chat server). Returns and raises as `prefill` does."""
        return self._require().prefill(session_id, turns, reserve_tokens)

    def release(self, session_id: str) -> bool:
        """Forget a session's cache and cancel its idle-time prefill (call when the
        conversation ends); unknown ids are fine.

        Returns:
            True when the session had a cache.
        """
        engine = self._engine
        if engine is None:
            return False
        engine.cancel_prefill(session_id)
        return engine.pool.release(session_id)

    def stats(self) -> GeneratorStats:
        """Cache and batching counters.

        Raises:
            GeneratorNotLoaded: `load()` was not called.
        """
        return self._require().stats()

    def _require(self) -> Any:
        engine = self._engine
        if engine is None:
            raise GeneratorNotLoaded("call Generator.load() first")
        return engine


def sampling_params(sampling: dict[str, Any]) -> SamplingParams:
    """`SamplingParams` from keyword arguments; one stop string may be given bare."""
    stop = sampling.get("stop", ())
    stop = (stop,) if isinstance(stop, str) else tuple(stop)
    try:
        return SamplingParams(**{**sampling, "stop": stop})
    except TypeError as error:
        raise ValueError(f"unknown sampling option: {error}") from None

__all__ = ["Generator"]
