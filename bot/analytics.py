"""Conversation analytics for store staff, computed from the stored sessions (so every replica
sharing one Redis gives the same figures).

Definitions (docs/ANALYTICS.md says the same for staff):
- A conversation is a session; it counts on the UTC day it started, under its channel.
- Handed off: a reply handed it to a person (asked for, three failures, a locked order check),
  or an agent took it over. The reason is the policy action of the shopper message that caused
  it ("handoff" when the shopper asked).
- Ended with "don't know": the last bot reply was a "don't know", an "unavailable" (the model
  server was down) or out of scope.
- Reopened: the shopper wrote again more than `IDLE_S` after a bot reply, and within 24 h of it.
- Resolved automatically: at least one bot reply, and none of the three above.
- CSAT: thumbs up over thumbs up and down, from the widget's buttons under a reply.
- Knowledge gaps: shopper questions answered "don't know", "unavailable" or by the extractive
  fallback, grouped by MiniLM similarity (a group joins questions within `GAP_SIMILARITY` of its
  first one), with counts and examples.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from datetime import datetime, timezone

import numpy as np

from bot.types import Session

IDLE_S = 30 * 60
REOPEN_WINDOW_S = 24 * 3600
GAP_SIMILARITY = 0.75
NOT_ANSWERED = frozenset({"dont_know", "unavailable", "out_of_scope"})
GAP_ACTIONS = frozenset({"dont_know", "unavailable", "extractive"})


def conversation_row(session: Session) -> dict:
    """One conversation's outcome under the definitions above (a row of the CSV export)."""
    entries = session.transcript
    replies = [e for e in entries if e.role == "assistant" and e.reply]
    reason = ""
    for i, entry in enumerate(entries):
        took_over = entry.role == "system" and entry.text.endswith("joined the conversation.")
        if (entry.role == "assistant" and (entry.reply or {}).get("handoff")) or took_over:
            asked = [e for e in entries[:i] if e.role == "user"]
            reason = ((asked[-1].nlu or {}).get("action", "") if asked else "") or "agent"
            break
    last_bot = replies[-1].reply.get("action", "") if replies else ""
    reopened = any(
        entries[i].role == "user" and any(
            e.role == "assistant" and IDLE_S < entries[i].at - e.at <= REOPEN_WINDOW_S
            for e in entries[max(0, i - 1):i])
        for i in range(1, len(entries)))
    ratings = Counter((e.reply or {}).get("feedback", "") for e in replies)
    handed_off = bool(reason)
    dont_know = last_bot in NOT_ANSWERED
    return {"session_id": session.id, "day": _day(session.created), "channel": session.channel,
            "turns": sum(1 for e in entries if e.role == "user"), "handed_off": handed_off,
            "handoff_reason": reason, "ended_dont_know": dont_know, "reopened": reopened,
            "resolved": bool(replies) and not (handed_off or dont_know or reopened),
            "thumbs_up": ratings["up"], "thumbs_down": ratings["down"]}


def summarize(sessions: Sequence[Session], embed: Callable[[list[str]], np.ndarray],
              *, top: int = 10) -> dict:
    """The analytics page's figures.

    Args:
        sessions: The stored conversations to count.
        embed: Texts to unit vectors (the retriever's MiniLM), for grouping knowledge gaps.
        top: How many intents and gap groups to list.
    """
    rows = [conversation_row(s) for s in sessions]
    per_day: dict[str, Counter] = defaultdict(Counter)
    for row in rows:
        per_day[row["day"]][row["channel"]] += 1
    n = len(rows)
    handoffs = Counter(r["handoff_reason"] for r in rows if r["handed_off"])
    up, down = sum(r["thumbs_up"] for r in rows), sum(r["thumbs_down"] for r in rows)
    intents = Counter((e.nlu or {}).get("intent", "") for s in sessions for e in s.transcript
                      if e.role == "user" and e.nlu)
    intents.pop("", None)
    return {
        "conversations": n,
        "per_day": [{"day": day, "channels": dict(sorted(per_day[day].items()))}
                    for day in sorted(per_day)],
        "resolved": sum(r["resolved"] for r in rows),
        "resolution_rate": _rate(sum(r["resolved"] for r in rows), n),
        "handoffs": sum(handoffs.values()),
        "handoff_rate": _rate(sum(handoffs.values()), n),
        "handoff_reasons": dict(handoffs.most_common()),
        "feedback": {"up": up, "down": down, "csat": _rate(up, up + down)},
        "top_intents": [{"intent": k, "count": v} for k, v in intents.most_common(top)],
        "knowledge_gaps": knowledge_gaps(sessions, embed)[:top],
        "rows": rows,
    }


def knowledge_gaps(sessions: Sequence[Session],
                   embed: Callable[[list[str]], np.ndarray]) -> list[dict]:
    """Questions the bot could not answer from the model, grouped by similarity, biggest first."""
    questions = []
    for session in sessions:
        entries = session.transcript
        for question, answer in zip(entries, entries[1:]):
            action = (answer.reply or {}).get("action", "")
            if question.role == "user" and answer.role == "assistant" and action in GAP_ACTIONS:
                questions.append(question.text)
    if not questions:
        return []
    vectors = embed(questions)
    groups: list[tuple[np.ndarray, list[str]]] = []
    for text, vector in zip(questions, vectors):
        home = next((g for g in groups if float(g[0] @ vector) >= GAP_SIMILARITY), None)
        if home is None:
            groups.append((vector, [text]))
        else:
            home[1].append(text)
    groups.sort(key=lambda g: -len(g[1]))
    return [{"question": texts[0], "count": len(texts), "examples": list(dict.fromkeys(texts))[:5]}
            for _, texts in groups]


def _day(at: float) -> str:
    return datetime.fromtimestamp(at, timezone.utc).strftime("%Y-%m-%d")


def _rate(part: int, whole: int) -> float:
    return round(part / whole, 4) if whole else 0.0
