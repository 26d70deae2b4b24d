"""`ServerGenerator`: grounded replies from an OpenAI-compatible chat server (vLLM, SGLang, TGI,
llama.cpp server, Ollama), with the verbs of the in-process `Generator`.

    generator = ServerGenerator("http://vllm:8000/v1", ServerOptions(model="qwen")).load()
    for piece in generator.stream("session-42", messages, facts, max_new_tokens=128):
        send(piece)

The prompt is the one `models.generation.prompts` renders for the local model (same rules, facts
blocks, numbering; past turns byte-identical), sent as chat messages that the server lays out with
the model's template: for Qwen's ChatML that is the very text the local engine runs. A session's
next prompt extends its previous one, so the server's prefix cache serves the history: vLLM
`--enable-prefix-caching` (default in v1), SGLang's radix cache (on unless
`--disable-radix-cache`), llama.cpp `llama-server` (`cache_prompt`, on by default; `--parallel N`
slots), llama-cpp-python `--cache true`.

Failures before the first token (connection refused or reset, 5xx, 429, timeouts, a malformed
event stream) are retried with exponential backoff; after it, a break ends the reply with
`GeneratorUnavailable`, since sending again would repeat text the shopper already saw. Repeated
failures open a `CircuitBreaker`. Closing the stream closes the HTTP response, and the server
aborts the generation.
"""

from __future__ import annotations

import asyncio
import logging
import threading
import time
from collections import Counter
from collections.abc import AsyncIterator, Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import httpx2

from models.generation import prompts
from models.generation.circuit_breaker import CLOSED, CircuitBreaker
from models.generation.errors import GenerationBusy, GeneratorNotLoaded, GeneratorUnavailable, MalformedChat
from models.generation.generator import sampling_params
from models.generation.sampling import check_params
from models.generation.server_stream import ReplyText, Retryable, check_status, chunks, cut_at
from models.generation.types import (ChatMessage, Fact, GenerationResult, GenerationTimings,
                                     GeneratorStats, SamplingParams)

logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class ServerOptions:
    """How to talk to the server; defaults suit a server on the same network.

    Attributes:
        model: The served model name; "" asks the server (``GET /models``) on first use.
        api_key: Sent as a bearer token when set.
        connect_timeout_s: Longest wait for a connection.
        read_timeout_s: Longest wait for the first chunk, and then for each next one.
        retries: Extra attempts before the first token.
        backoff_s: Pause before the first retry; doubles each time, capped by max_backoff_s
            (which also caps a 429's Retry-After).
        failure_threshold: Failed requests in a row that open the circuit breaker.
        reset_after_s: How long the breaker stays open before one trial request.
        context_tokens: Prompt plus reply budget; the oldest turns are dropped to fit, in the
            same blocks as the local engine drops them (a stable prefix for the server's cache).
        drop_step: Exchanges dropped at a time.
        chars_per_token: Estimate for the budget (there is no tokenizer on this side). English
            runs ~4 characters per token with Qwen's; 3 leaves a margin.
        max_connections: Open connections to the server, all sessions together.
        idle_prefill: The server is ShopDesk's own (`chat_server`, the `shopdesk generator`
            child), which takes idle-time prefills at ``/v1/shopdesk/prefill``; another
            server has no such verb and `prefill` does nothing.
    """

    model: str = ""
    api_key: str = ""
    connect_timeout_s: float = 2.0
    read_timeout_s: float = 30.0
    retries: int = 2
    backoff_s: float = 0.2
    max_backoff_s: float = 2.0
    failure_threshold: int = 3
    reset_after_s: float = 10.0
    context_tokens: int = 4096
    drop_step: int = 4
    chars_per_token: float = 3.0
    max_connections: int = 64
    idle_prefill: bool = False


#: A prefill is queued by the server at once; a slower answer is not worth a turn's wait.
PREFILL_POST_TIMEOUT_S = 0.5


class ServerGenerator:
    """Streams grounded replies from an OpenAI-compatible ``/chat/completions`` endpoint.

    Args:
        base_url: The server's API root, e.g. ``http://vllm:8000/v1`` (``/v1`` is added to a
            bare ``http://host:port``).
        options: Timeouts, retries, breaker and budget.
        clock: Monotonic seconds for the circuit breaker (tests pass a fake one).

    Raises:
        ValueError: Not an http(s) URL, or an impossible option.
    """

    def __init__(self, base_url: str, options: ServerOptions | None = None, *,
                 clock: Callable[[], float] = time.monotonic) -> None:
        options = options or ServerOptions()
        parts = urlsplit(base_url)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise ValueError(f"generator URL must be http(s)://host[:port][/v1], got {base_url!r}")
        if min(options.connect_timeout_s, options.read_timeout_s, options.chars_per_token) <= 0 \
                or options.retries < 0 or options.backoff_s < 0 or options.context_tokens < 16:
            raise ValueError(f"bad server options: {options}")
        self.base_url = base_url.rstrip("/") + ("" if parts.path.strip("/") else "/v1")
        self.options = options
        self.breaker = CircuitBreaker(options.failure_threshold, options.reset_after_s, clock)
        self._model = options.model
        self._client: httpx2.Client | None = None
        self._lock = threading.Lock()
        self._active: set[str] = set()
        self._sessions: set[str] = set()
        self.counters: Counter[str] = Counter()  # requests, retries, failures, cache hits...

    # --- lifecycle ------------------------------------------------------------------------------

    def load(self) -> ServerGenerator:
        """Open the connection pool; idempotent. The server need not be up yet: a down server
        makes replies fall back, not the service fail to start."""
        with self._lock:
            if self._client is None:
                headers = {"Authorization": f"Bearer {self.options.api_key}"} \
                    if self.options.api_key else {}
                self._client = httpx2.Client(
                    headers=headers,
                    timeout=httpx2.Timeout(self.options.read_timeout_s,
                                           connect=self.options.connect_timeout_s),
                    limits=httpx2.Limits(max_connections=self.options.max_connections))
        return self

    def close(self) -> None:
        with self._lock:
            client, self._client = self._client, None
        if client is not None:
            client.close()

    @property
    def loaded(self) -> bool:
        return self._client is not None

    @property
    def device(self) -> str:
        """Where replies are generated (for logs)."""
        return f"server {self.base_url}"

    # --- generating -----------------------------------------------------------------------------

    def stream(self, session_id: str, messages: Sequence[ChatMessage], facts: Sequence[Fact] = (),
               *, result_box: list[GenerationResult] | None = None, deadline: float | None = None,
               **sampling: Any) -> Iterator[str]:
        """Stream a reply to the newest user message; arguments as for `Generator.stream`.

        With a ``deadline`` (a `time.perf_counter()` value) no read waits past it and no retry
        starts after it: the reply ends with `GeneratorUnavailable`, which the breaker does not
        count against the server (the turn ran out of time; the server may be merely busy).

        The conversation is checked now; the request goes out at the first `next()`. Closing
        the iterator closes the HTTP response.

        Raises:
            MalformedChat, PromptTooLong, ValueError: At once, as `Generator.stream`.
            GeneratorNotLoaded: `load()` was not called.
            GenerationBusy: (on first `next()`) this session already has a reply in progress.
            GeneratorUnavailable: (while iterating) the server failed or the circuit is open.
        """
        self._require()
        if not isinstance(session_id, str) or not session_id.strip():
            raise MalformedChat("session_id must be a non-empty string")
        params = sampling_params(sampling)
        check_params(params)
        messages, facts = list(messages), list(facts)
        prompts.validate(messages, facts)
        prompt = prompts.build_prompt(
            messages, facts, template=prompts.ChatMLTemplate(),
            count_tokens=lambda text: int(len(text) / self.options.chars_per_token) + 1,
            budget_tokens=self.options.context_tokens, reserve_tokens=params.max_new_tokens,
            drop_step=self.options.drop_step)
        return self._iterate(session_id, prompt, params, result_box, deadline)

    def astream(self, session_id: str, messages: Sequence[ChatMessage],
                facts: Sequence[Fact] = (), **sampling: Any) -> AsyncIterator[str]:
        """`stream` for asyncio (each read runs in a worker thread). Errors as for `stream`."""
        pieces = self.stream(session_id, messages, facts, **sampling)

        async def relay() -> AsyncIterator[str]:
            try:
                while (piece := await asyncio.to_thread(next, pieces, None)) is not None:
                    yield piece
            finally:
                await asyncio.to_thread(pieces.close)

        return relay()

    def generate(self, session_id: str, messages: Sequence[ChatMessage],
                 facts: Sequence[Fact] = (), **sampling: Any) -> GenerationResult:
        """A whole reply; arguments and errors as for `stream`."""
        box: list[GenerationResult] = []
        for _ in self.stream(session_id, messages, facts, result_box=box, **sampling):
            pass
        return box[0]

    # --- sessions and stats ---------------------------------------------------------------------

    def prefill(self, session_id: str, messages: Sequence[ChatMessage], *,
                reserve_tokens: int = 512) -> threading.Event:
        """`Generator.prefill` on ShopDesk's own chat server (``options.idle_prefill``): the
        history's turns are posted and queued there; elsewhere nothing is done (an
        OpenAI-compatible server has no such verb; its prefix cache fills on the next request).
        A server that does not answer at once is left alone: the prefill is only an
        optimisation. Returns a set event (the server's idle time is not waited for here).

        Raises:
            MalformedChat: A malformed history (`prompts.history_turns`).
        """
        done = threading.Event()
        done.set()
        client = self._client
        if not self.options.idle_prefill or client is None or self.breaker.state != CLOSED:
            return done
        turns = prompts.history_turns(messages)
        body = {"user": session_id, "reserve_tokens": reserve_tokens,
                "messages": [{"role": role, "content": text} for role, text in turns]}
        try:
            client.post(f"{self.base_url}/shopdesk/prefill", json=body,
                        timeout=PREFILL_POST_TIMEOUT_S)
        except httpx2.HTTPError as error:
            logger.debug("idle-time prefill not queued for session %s: %s", session_id, error)
        return done

    def release(self, session_id: str) -> bool:
        """Forget a session. The server's prefix cache evicts it by itself (LRU)."""
        with self._lock:
            known = session_id in self._sessions
            self._sessions.discard(session_id)
        return known

    def stats(self) -> GeneratorStats:
        """Counters in the in-process generator's shape; cache hits are the requests whose
        usage reported cached prompt tokens (vLLM with --enable-prompt-tokens-details, SGLang)."""
        self._require()
        with self._lock:
            c, sessions, active = self.counters.copy(), len(self._sessions), len(self._active)
        return GeneratorStats(sessions=sessions, cache_bytes=0, budget_bytes=0,
                              cache_hits=c["cache_hits"], cache_misses=c["cache_misses"],
                              reused_tokens=c["reused_tokens"], evictions=0,
                              active_requests=active, steps=0, batched_steps=0, max_batch=0)

    # --- one request ----------------------------------------------------------------------------

    def _iterate(self, session_id: str, prompt: prompts.Prompt, params: SamplingParams,
                 result_box: list[GenerationResult] | None,
                 deadline: float | None) -> Iterator[str]:
        with self._lock:
            if session_id in self._active:
                raise GenerationBusy(f"session {session_id!r} already has a reply in progress")
            self._active.add(session_id)
            self._sessions.add(session_id)
            self.counters["requests"] += 1
        reply = ReplyText(prompt.citations)
        started = time.perf_counter()
        try:
            yield from self._attempts(prompt, params, reply, deadline, session_id)
            self._finish(reply, prompt, started, result_box)
        finally:
            with self._lock:
                self._active.discard(session_id)
            self.breaker.abandon()  # a cancelled trial request leaves no verdict: allow another

    def _attempts(self, prompt: prompts.Prompt, params: SamplingParams, reply: ReplyText,
                  deadline: float | None, session_id: str) -> Iterator[str]:
        problem = ""
        for attempt in range(self.options.retries + 1):
            left = None if deadline is None else deadline - time.perf_counter()
            if left is not None and left <= 0:
                raise GeneratorUnavailable(f"no reply from the generation server before the "
                                           f"turn's deadline{': ' + problem if problem else ''}")
            if not self.breaker.allow():
                raise GeneratorUnavailable(
                    f"the generation server at {self.base_url} is failing (circuit open after "
                    f"repeated failures{': ' + problem if problem else ''}); next try in "
                    f"{self.breaker.seconds_until_retry():.0f} s")
            try:
                yield from self._request(prompt, params, reply, left, session_id)
                self.breaker.success()
                return
            except GeneratorUnavailable:
                self.breaker.success()  # it answered (a 4xx): up, but refusing this request
                raise
            except Retryable as error:
                problem = str(error)
                if deadline is not None and time.perf_counter() >= deadline:
                    raise GeneratorUnavailable(f"no reply from the generation server before "
                                               f"the turn's deadline ({problem})") from None
                self.breaker.failure()
                with self._lock:
                    self.counters["failures"] += 1
                if reply.started:
                    raise GeneratorUnavailable(
                        f"the generation server broke off mid-reply: {problem}") from None
                logger.warning("generation server attempt %d failed: %s", attempt + 1, problem)
                if attempt < self.options.retries:
                    with self._lock:
                        self.counters["retries"] += 1
                    time.sleep(self._pause(attempt, error.wait_s))
        attempts = self.options.retries + 1
        raise GeneratorUnavailable(f"the generation server at {self.base_url} failed "
                                   f"{attempts} attempt{'s' if attempts > 1 else ''}: {problem}")

    def _pause(self, attempt: int, asked_s: float | None) -> float:
        pause = self.options.backoff_s * 2 ** attempt if asked_s is None else asked_s
        return min(pause, self.options.max_backoff_s)

    def _request(self, prompt: prompts.Prompt, params: SamplingParams, reply: ReplyText,
                 left_s: float | None, session_id: str) -> Iterator[str]:
        """One POST, its event stream turned into reply text (the response closes with it);
        no read waits longer than ``left_s`` when given."""
        client = self._require()
        read_s = self.options.read_timeout_s if left_s is None \
            else max(0.05, min(left_s, self.options.read_timeout_s))
        timeout = httpx2.Timeout(read_s, connect=min(read_s, self.options.connect_timeout_s))
        try:
            body = self._body(client, prompt, params)
            body["user"] = session_id  # OpenAI's end-user id; a ShopDesk server keys its KV cache on it
            with client.stream("POST", f"{self.base_url}/chat/completions", json=body,
                               timeout=timeout) as response:
                watchdog = None if left_s is None else cut_at(response, left_s)
                try:
                    check_status(response)
                    for chunk in chunks(response.iter_lines()):
                        piece = reply.push(chunk)
                        if piece:
                            yield piece
                finally:
                    if watchdog is not None:
                        watchdog.cancel()
        except httpx2.TransportError as error:  # refused, reset, timed out, cut off
            raise Retryable(f"{type(error).__name__}: {error}") from None
        if not reply.finish_reason:
            raise Retryable("the event stream ended before the reply finished")

    def _body(self, client: httpx2.Client, prompt: prompts.Prompt,
              params: SamplingParams) -> dict[str, Any]:
        body: dict[str, Any] = {
            "model": self._model_name(client),
            "messages": [{"role": role, "content": text} for role, text in prompt.turns],
            "stream": True, "stream_options": {"include_usage": True},
            "max_tokens": params.max_new_tokens, "temperature": params.temperature,
            "top_p": params.top_p}
        if params.stop:
            body["stop"] = list(params.stop)
        if params.seed is not None:
            body["seed"] = params.seed
        if params.repetition_penalty != 1.0:  # vLLM, SGLang and llama.cpp's name; others ignore it
            body["repetition_penalty"] = params.repetition_penalty
        if params.ignore_eos:
            body["ignore_eos"] = True
        return body

    def _model_name(self, client: httpx2.Client) -> str:
        if not self._model:
            response = client.get(f"{self.base_url}/models")
            check_status(response)
            try:
                self._model = response.json()["data"][0]["id"]
            except (ValueError, LookupError, TypeError):
                raise Retryable(f"GET /models answered {response.text[:120]!r}") from None
        return self._model

    def _finish(self, reply: ReplyText, prompt: prompts.Prompt, started: float,
                result_box: list[GenerationResult] | None) -> None:
        usage = reply.usage
        prompt_tokens = _int(usage.get("prompt_tokens"))
        details = usage.get("prompt_tokens_details") or {}
        cached = _int(details.get("cached_tokens")) if isinstance(details, dict) else 0
        decoded = _int(usage.get("completion_tokens")) or reply.pieces
        with self._lock:
            self.counters["cache_hits" if cached else "cache_misses"] += 1
            self.counters["reused_tokens"] += cached
            self.counters["decode_tokens"] += decoded
        if result_box is None:
            return
        total = time.perf_counter() - started
        timings = GenerationTimings(
            queued_s=0.0, ttft_s=(reply.first_at or total + started) - started, total_s=total,
            prompt_tokens=prompt_tokens, reused_tokens=cached,
            prefill_tokens=max(0, prompt_tokens - cached), decode_tokens=decoded,
            dropped_messages=prompt.dropped_messages)
        finish = "length" if reply.finish_reason == "length" else "stop"
        result_box.append(GenerationResult(reply.text, (), finish, timings))

    def _require(self) -> httpx2.Client:
        client = self._client
        if client is None:
            raise GeneratorNotLoaded("call ServerGenerator.load() first")
        return client


def _int(value: Any) -> int:
    return value if isinstance(value, int) and value >= 0 else 0
