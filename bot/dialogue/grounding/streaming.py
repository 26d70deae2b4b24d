"""Streaming a grounded reply to the shopper while it is generated, and the history it continues.

Sentences holding a number are held back until they end and their numbers are found in the
facts, so a shopper never watches an invented price being typed; the first unsupported one
stops what is shown, and the guard's replacement arrives as the final reply.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from models import ChatMessage, Fact, GenerationTimings, Generator, GeneratorUnavailable

from bot.dialogue.grounding import guard
from bot.types import TranscriptEntry

_SENTENCE_END = re.compile(r"[.!?](\s|$)")


@dataclass(frozen=True, slots=True)
class StreamTimings:
    """Generator-side timings of one reply (seconds and tokens)."""

    first_token_s: float = 0.0
    generation_s: float = 0.0
    prefill_tokens: int = 0
    reused_tokens: int = 0
    decode_tokens: int = 0
    #: The generator's own time to its first token (queue and prefill): first_token_s less
    #: this is what was held back before a piece could be shown (an opening "[1]" label).
    model_first_s: float = 0.0
    #: From the stream's start to the first piece shown (after sentences with a number that
    #: were held until they ended); 0.0 when nothing was shown.
    shown_s: float = 0.0


class GenerationStream:
    """Iterate for the text pieces a shopper may see; afterwards `text` is the whole generated
    reply (citations as fact ids) and `timings` where its time went. When the generation server
    fails (`GeneratorUnavailable`), the stream ends early and `unavailable` says why: the turn
    then answers without the model instead of failing.

    Args:
        generator: The loaded generator.
        session_id: The generator session (its KV cache).
        messages: The conversation, ending with the shopper's message.
        facts: The facts for that message.
        max_new_tokens: Longest reply.
        shown: Receives every piece yielded (what the shopper saw, if the stream is cancelled).
        deadline: A `time.perf_counter()` value; past it the reply stops at its last whole
            sentence (``cut`` is set), or, when nothing came by then, answers without the model
            (``unavailable``), so a turn never outlasts its time budget. None: no limit.
    """

    def __init__(self, generator: Generator, session_id: str, messages: Sequence[ChatMessage],
                 facts: Sequence[Fact], max_new_tokens: int, shown: list[str],
                 deadline: float | None = None) -> None:
        self.generator, self.session_id = generator, session_id
        self.messages, self.facts, self.max_new_tokens = messages, facts, max_new_tokens
        self.shown = shown
        self.deadline = deadline
        self.cut = False
        self.text = ""
        self.timings = StreamTimings()
        self.unavailable = ""

    def __iter__(self) -> Iterator[str]:
        started = time.perf_counter()
        first = shown = 0.0
        pieces: list[str] = []
        held = ""
        blocked = False
        box: list = []
        stream = self.generator.stream(self.session_id, self.messages, self.facts,
                                       max_new_tokens=self.max_new_tokens, result_box=box,
                                       deadline=self.deadline)
        known = guard.fact_numbers(self.facts)
        try:
            for piece in _until_unavailable(stream, self):
                if not first:
                    first = time.perf_counter() - started
                pieces.append(piece)
                if self.deadline is not None and time.perf_counter() > self.deadline:
                    self.cut = True  # closing the stream below cancels the generation
                    break
                if blocked:
                    continue
                visible, held, blocked = _release(held + piece, known)
                if visible:
                    shown = shown or time.perf_counter() - started
                    self.shown.append(visible)
                    yield visible
            if held and not blocked and not self.cut and guard.numbers_supported(held, known):
                # The reply ended inside a sentence that held a number: it checks out.
                visible = guard.without_citation_marks(held)
                shown = shown or time.perf_counter() - started
                self.shown.append(visible)
                yield visible
        finally:
            stream.close()
        if self.unavailable and pieces and self.deadline is not None \
                and time.perf_counter() >= self.deadline:
            self.unavailable, self.cut = "", True  # out of time mid-reply: its whole sentences
        self.text = "".join(pieces).strip()
        if self.cut:  # only whole sentences go to the guard
            ends = list(_SENTENCE_END.finditer(self.text))
            self.text = self.text[:ends[-1].end()].strip() if ends else ""
        self.timings = _timings(first, time.perf_counter() - started, box[0].timings if box else None,
                                shown)


def _until_unavailable(stream: Iterator[str], owner: GenerationStream) -> Iterator[str]:
    """The generator's pieces; a failing server ends them and is noted on `owner`."""
    try:
        yield from stream
    except GeneratorUnavailable as error:
        owner.unavailable = str(error) or "the generation server is unavailable"


def _release(held: str, known_numbers: set[str]) -> tuple[str, str, bool]:
    """(text to show now, text to keep holding, blocked): a sentence with a number waits for its
    end; an unsupported number blocks the rest of the stream."""
    clean = guard.strip_citations(held) if held.endswith("]") else held
    if not any(ch.isdigit() for ch in clean):
        return guard.without_citation_marks(held), "", False
    if not _SENTENCE_END.search(clean):
        return "", held, False
    if not guard.numbers_supported(held, known_numbers):
        return "", "", True
    return guard.without_citation_marks(held), "", False


def _timings(first: float, total: float, done: GenerationTimings | None,
             shown: float = 0.0) -> StreamTimings:
    if done is None:
        return StreamTimings(first, total, shown_s=shown)
    return StreamTimings(first, total, done.prefill_tokens, done.reused_tokens, done.decode_tokens,
                         done.ttft_s, shown)


def history(transcript: Sequence[TranscriptEntry]) -> list[ChatMessage]:
    """The conversation as the generator sees it: shopper turns with their facts, replies as sent
    (agents' replies count as the store's), a placeholder where no reply was stored."""
    messages: list[ChatMessage] = []
    for entry in transcript:
        if entry.role == "user":
            facts = tuple(Fact(i, t) for i, t in entry.facts)
            if messages and messages[-1].role == "user":
                messages.append(ChatMessage("assistant", "(no reply)"))
            messages.append(ChatMessage("user", entry.text, facts))
        elif entry.role in ("assistant", "agent") and messages and messages[-1].role == "user":
            messages.append(ChatMessage("assistant", entry.text or "(no reply)"))
    if messages and messages[-1].role == "user":
        messages.append(ChatMessage("assistant", "(no reply)"))
    return messages
