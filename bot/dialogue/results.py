"""What a turn yields: `Token`s as the reply is generated, then one `TurnResult`."""

from __future__ import annotations

from dataclasses import dataclass

from bot.dialogue.grounding.streaming import StreamTimings
from bot.types import Reply


@dataclass(frozen=True, slots=True)
class Token:
    """A piece of the reply text as it is generated (citation markers removed)."""

    text: str


@dataclass(frozen=True, slots=True)
class TurnTimings:
    """Where a turn's time went, in seconds; `stream` is the generator's part (zeros when no
    model ran); `cpu_s` is the CPU the turn's thread used (not time spent waiting)."""

    nlu_s: float = 0.0
    retrieval_s: float = 0.0
    total_s: float = 0.0
    stream: StreamTimings = StreamTimings()
    cpu_s: float = 0.0


@dataclass(frozen=True, slots=True)
class TurnResult:
    """The outcome of one turn: the reply, what NLU found, the policy's reason, timings."""

    session_id: str
    reply: Reply
    nlu: dict
    reason: str
    guard: str
    timings: TurnTimings

    def to_dict(self) -> dict:
        return {"session_id": self.session_id, "reply": self.reply.to_dict(), "nlu": self.nlu}
