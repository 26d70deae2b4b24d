"""One reply being generated: its prompt, progress, output channel and timings.

A `Request` is created by the generator in the caller's thread (prompt rendered and tokenized
there) and then owned by the scheduler thread, which alone mutates it. The caller reads events
from its `sink` and may set `cancelled` from any thread.
"""

from __future__ import annotations

import itertools
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

import torch

from models.generation.kv_cache import SessionKVCache
from models.generation.sampling import TextStream, choose, penalize_repetition
from models.generation.speculative import PromptLookup, SpeculationConfig
from models.generation.types import GenerationResult, GenerationTimings, SamplingParams

_ids = itertools.count(1)


@dataclass(frozen=True, slots=True)
class Finished:
    """The last event of a successful request."""

    result: GenerationResult


@dataclass(frozen=True, slots=True)
class Failed:
    """The last event of a request that could not complete."""

    error: BaseException


class Sink(Protocol):
    """Where a request's events go: text pieces (str), then one `Finished` or `Failed`."""

    def put(self, event: str | Finished | Failed) -> None: ...


@dataclass(eq=False)
class Request:
    """A reply in progress (mutable; owned by the scheduler thread once submitted).

    Attributes:
        session_id: Whose conversation.
        prompt: Token ids of the rendered prompt.
        params: Sampling and stopping.
        sink: Receives the events.
        text: Streams the reply's text and detects stop strings.
        dropped_messages: Messages the prompt left out to fit the budget.
        speculation: Prompt-lookup settings (max_draft 0 = off).
        background: An idle-time prefill: the prompt runs into the session's cache in small
            chunks while no reply is queued or running, and nothing is generated.
    """

    session_id: str
    prompt: list[int]
    params: SamplingParams
    sink: Sink
    text: TextStream
    dropped_messages: int = 0
    speculation: SpeculationConfig = field(default_factory=SpeculationConfig)
    background: bool = False
    id: int = field(default_factory=lambda: next(_ids))
    created: float = field(default_factory=time.perf_counter)
    cancelled: threading.Event = field(default_factory=threading.Event)
    #: Set by the scheduler once the request has left it and its cache is unpinned.
    done: threading.Event = field(default_factory=threading.Event)
    # --- scheduler state ---
    cache: SessionKVCache | None = None
    reused: int = 0
    pending: list[int] = field(default_factory=list)  # prompt tokens still to run
    generated: list[int] = field(default_factory=list)
    admitted_at: float | None = None
    first_token_at: float | None = None
    finish_reason: str | None = None
    drafted: int = 0
    accepted: int = 0
    lookup: PromptLookup | None = None
    _seen: torch.Tensor | None = None
    _rng: torch.Generator | None = None

    # --- lifecycle ---

    def start(self, cache: SessionKVCache, reused: int) -> None:
        """Joined the running batch with `cache` already holding `reused` prompt tokens."""
        self.cache, self.reused = cache, reused
        self.pending = self.prompt[reused:]
        self.admitted_at = time.perf_counter()
        if self.speculation.max_draft > 0 and self.params.temperature == 0.0:
            self.lookup = PromptLookup(self.speculation, self.prompt)
        if self.params.seed is not None:
            self._rng = torch.Generator().manual_seed(self.params.seed)

    @property
    def decoding(self) -> bool:
        """True once the prompt has run and the next step feeds the last token."""
        return not self.pending and bool(self.generated)

    @property
    def reserve_tokens(self) -> int:
        """Cache room this request can need: prompt, reply, and a draft past the end."""
        return len(self.prompt) + self.params.max_new_tokens + self.speculation.max_draft + 1

    def draft(self) -> list[int]:
        """Tokens to verify after the last one (empty without speculation)."""
        if self.lookup is None:
            return []
        room = self.params.max_new_tokens - len(self.generated) - 1
        return self.lookup.propose(room)

    # --- consuming logits ---

    @property
    def plain_greedy(self) -> bool:
        """True when the next token is the argmax of the logits as they are."""
        return self.params.temperature == 0.0 and self.params.repetition_penalty == 1.0

    def pick(self, logits: torch.Tensor, extra_seen: Sequence[int] = ()) -> int:
        """Choose the next token from (vocab,) logits, applying the repetition penalty."""
        if self.params.repetition_penalty != 1.0:
            if self._seen is None:
                self._seen = torch.tensor(sorted(set(self.prompt)), dtype=torch.long)
            seen = self._seen
            fresh = [t for t in (*self.generated, *extra_seen)]
            if fresh:
                seen = torch.cat([seen, torch.tensor(fresh, dtype=torch.long)]).unique()
            logits = penalize_repetition(logits, seen.to(logits.device), self.params.repetition_penalty)
        return choose(logits, self.params, self._rng)

    def emit(self, token: int) -> bool:
        """Record a generated token and stream its text; True when the reply is finished."""
        if self.first_token_at is None:
            self.first_token_at = time.perf_counter()
        self.generated.append(token)
        if self.lookup is not None:
            self.lookup.extend([token])
        piece = self.text.push(token)
        if piece:
            self.sink.put(piece)
        if self.text.stopped:
            self.finish_reason = "stop"
        elif len(self.generated) >= self.params.max_new_tokens:
            self.finish_reason = "length"
            tail = self.text.finish()
            if tail:
                self.sink.put(tail)
        return self.finish_reason is not None

    def result(self) -> GenerationResult:
        """The finished reply with its timings."""
        now = time.perf_counter()
        admitted = self.admitted_at if self.admitted_at is not None else now
        first = self.first_token_at if self.first_token_at is not None else now
        timings = GenerationTimings(
            queued_s=admitted - self.created,
            ttft_s=first - self.created,
            total_s=now - self.created,
            prompt_tokens=len(self.prompt),
            reused_tokens=self.reused,
            prefill_tokens=len(self.prompt) - self.reused,
            decode_tokens=len(self.generated),
            drafted_tokens=self.drafted,
            accepted_tokens=self.accepted,
            dropped_messages=self.dropped_messages,
        )
        return GenerationResult(
            text=self.text.text,
            token_ids=tuple(self.generated),
            finish_reason=self.finish_reason or "stop",
            timings=timings,
        )


def describe(request: Request) -> dict[str, Any]:
    """Loggable summary (no text: replies may hold personal data)."""
    return {"request": request.id, "session": request.session_id, "prompt": len(request.prompt),
            "reused": request.reused, "generated": len(request.generated)}
