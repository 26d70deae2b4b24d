"""Plain data of the reply generator: facts, chat messages, sampling, results, timings, options.

Every type is a frozen, slotted dataclass so it can be passed between packages, cached and
compared without surprises.
"""

from __future__ import annotations

from dataclasses import dataclass

#: Roles a chat message may have. A "system" message is allowed only first, as store notes.
CHAT_ROLES = ("system", "user", "assistant")


@dataclass(frozen=True, slots=True)
class Fact:
    """One piece of store knowledge a reply may use, cited by its id.

    Example: ``Fact("policy:returns-and-replacements#2", "Items can be returned within 30 days.")``
    """

    id: str
    text: str


@dataclass(frozen=True, slots=True)
class ChatMessage:
    """One turn of a conversation.

    Attributes:
        role: ``"user"``, ``"assistant"``, or ``"system"`` (first message only: store notes
            added to the assistant's rules).
        content: The text as the shopper wrote it or as the reply was sent.
        facts: The facts that were shown with this user turn. Store them with the transcript and
            pass them back: past turns then render byte-identically and the session's cached
            tokens stay reusable. ``Generator.stream(..., facts)`` attaches new facts to the
            newest user turn, which must not carry its own.
    """

    role: str
    content: str
    facts: tuple[Fact, ...] = ()


@dataclass(frozen=True, slots=True)
class SamplingParams:
    """How to pick tokens and when to stop; the defaults give greedy, deterministic replies.

    Attributes:
        max_new_tokens: Stop after this many generated tokens.
        stop: Strings that end the reply; the reply is cut before the first one.
        repetition_penalty: >1.0 lowers the scores of tokens already in the prompt or reply
            (CTRL-style, as in transformers). 1.0 turns it off.
        temperature: 0.0 means greedy; above it, sample from the softened distribution.
        top_p: Nucleus sampling mass (only with temperature > 0).
        seed: Seed of the sampling generator, for reproducible sampled replies.
        ignore_eos: Keep going past the end of the turn (fixed-length runs for benchmarks).
    """

    max_new_tokens: int = 256
    stop: tuple[str, ...] = ()
    repetition_penalty: float = 1.0
    temperature: float = 0.0
    top_p: float = 1.0
    seed: int | None = None
    ignore_eos: bool = False


@dataclass(frozen=True, slots=True)
class GenerationTimings:
    """Where the time of one reply went.

    Attributes:
        queued_s: From the call until the request joined the running batch.
        ttft_s: From the call until the first token was decoded (time to first token).
        total_s: From the call until the reply finished.
        prompt_tokens: Tokens of the rendered prompt (after truncation).
        reused_tokens: Prompt tokens served from a cached KV prefix (this session's or a shared one).
        prefill_tokens: Prompt tokens that had to be run through the model.
        decode_tokens: Tokens generated.
        drafted_tokens: Speculative draft tokens proposed (prompt lookup).
        accepted_tokens: Draft tokens the model confirmed.
        dropped_messages: Oldest messages left out to fit the context budget.
    """

    queued_s: float
    ttft_s: float
    total_s: float
    prompt_tokens: int
    reused_tokens: int
    prefill_tokens: int
    decode_tokens: int
    drafted_tokens: int = 0
    accepted_tokens: int = 0
    dropped_messages: int = 0

    @property
    def decode_tokens_per_s(self) -> float:
        """Generated tokens per second after the first one (0.0 with fewer than two tokens)."""
        decode_s = self.total_s - self.ttft_s
        return (self.decode_tokens - 1) / decode_s if self.decode_tokens > 1 and decode_s > 0 else 0.0


@dataclass(frozen=True, slots=True)
class GenerationResult:
    """A finished reply.

    Attributes:
        text: The reply, cut before any stop string, without the end-of-turn marker.
        token_ids: Generated token ids, end-of-turn token included when one was produced.
        finish_reason: ``"stop"`` (end of turn or a stop string) or ``"length"`` (max_new_tokens).
        timings: Latency and token counts.
    """

    text: str
    token_ids: tuple[int, ...]
    finish_reason: str
    timings: GenerationTimings


@dataclass(frozen=True, slots=True)
class GeneratorStats:
    """Counters of a running generator (cumulative since ``load()`` unless said otherwise).

    Attributes:
        sessions: Sessions holding a KV cache now.
        cache_bytes: Bytes those caches hold now.
        budget_bytes: The KV cache budget.
        cache_hits: Requests that reused a cached prefix.
        cache_misses: Requests that ran their whole prompt.
        reused_tokens: Prompt tokens served from caches.
        evictions: Caches dropped to stay under the budget.
        active_requests: Requests queued or generating now.
        steps: Forward passes run by the scheduler.
        batched_steps: Steps that advanced more than one request at once.
        max_batch: The most requests advanced in one step.
        idle_prefill_tokens: Prompt tokens run by idle-time prefills (`Generator.prefill`).
    """

    sessions: int
    cache_bytes: int
    budget_bytes: int
    cache_hits: int
    cache_misses: int
    reused_tokens: int
    evictions: int
    active_requests: int
    steps: int
    batched_steps: int
    max_batch: int
    idle_prefill_tokens: int = 0


@dataclass(frozen=True, slots=True)
class GeneratorOptions:
    """Engine knobs of `models.Generator`; the defaults suit a 0.5B model on a small CPU.

    Attributes:
        context_tokens: Budget of prompt plus reply; the oldest turns are dropped to fit.
        drop_step: Oldest exchanges dropped at a time when over budget (bigger: fewer cache
            misses after the history starts being trimmed).
        max_batch: Most sessions generating together (continuous batching).
        prefill_chunk: Most prompt tokens run in one scheduler step.
        speculative_draft: Prompt-lookup draft tokens verified per pass; 0 turns it off.
        num_threads: Torch CPU threads (None keeps torch's default).
        exact_attention: On CPU, attend one query at a time so that a reply never depends on
            how its prompt was split between cache and new tokens, batch or speculation (int8
            rounding would otherwise amplify the kernels' last-bit differences). Costs ~15-20%
            prefill time; off, a lost cache can change a reply's wording.
        cuda_graphs: Keep caches in static slots and replay decode steps as CUDA graphs
            (speculation is then off). None: on when the model runs on CUDA. True on a CPU runs
            the same static steps eagerly (slower; for tests).
        background_chunk: Most tokens an idle-time prefill (`Generator.prefill`) runs in one
            step; a reply that arrives meanwhile waits for at most that step.
    """

    context_tokens: int = 4096
    drop_step: int = 4
    max_batch: int = 8
    prefill_chunk: int = 512
    speculative_draft: int = 8
    num_threads: int | None = None
    exact_attention: bool = True
    cuda_graphs: bool | None = None
    background_chunk: int = 32
