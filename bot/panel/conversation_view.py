"""Conversations as the agent panel shows them: list rows, and a detail view with what the bot saw.

A shopper's own view (``GET /v1/sessions/{id}``) carries only what the shopper saw; these views
add, per shopper message, what NLU found and the facts the generator was given, and so are
served only behind the panel's login.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence


from bot.dialogue import dialogue_state
from bot.panel.summary import summarize
from bot.types import Session, TranscriptEntry

#: The owner of a conversation waiting for a person (see `Session.handoff_owner`).
QUEUE = "queue"
_PREVIEW_CHARS = 160
_NLU_FIELDS = ("intent", "confidence", "out_of_scope", "entities", "sentiment", "action",
               "reason", "guard")


def queue_first(sessions: Sequence[Session]) -> list[Session]:
    """Conversations waiting for a person first (longest waiting first), then the rest, most
    recently active first."""
    waiting = sorted((s for s in sessions if s.handoff_owner == QUEUE), key=lambda s: s.updated)
    others = sorted((s for s in sessions if s.handoff_owner != QUEUE), key=lambda s: -s.updated)
    return waiting + others


def conversation_row(session: Session) -> dict:
    """One line of the conversation list."""
    # The newest message, not a notice like "alice joined the conversation."
    last = next((e for e in reversed(session.transcript) if e.role != "system"), None)
    nlu = next((e.nlu for e in reversed(session.transcript) if e.role == "user" and e.nlu), None) or {}
    return {
        "id": session.id, "channel": session.channel, "created": session.created,
        "updated": session.updated, "handoff_owner": session.handoff_owner,
        "messages": len(session.transcript),
        "last_message": None if last is None else {
            "role": last.role, "text": last.shown_text[:_PREVIEW_CHARS]},
        "last_intent": nlu.get("intent", ""), "last_confidence": nlu.get("confidence"),
        "last_sentiment": nlu.get("sentiment"),
    }


def conversation_detail(session: Session, product_name: Callable[[str], str | None]) -> dict:
    """A conversation for an agent: each message with its NLU, facts, sources and products, and
    a summary."""
    return conversation_row(session) | {
        "transcript": [_entry(e) for e in session.transcript],
        "summary": summarize(session, product_name).to_dict(),
        "state": dialogue_state(session),  # the task, its slots, products in view, language
        # what order actions changed, emails masked (bot/dialogue/orders/order_verification.py)
        "audit": [dict(entry) for entry in session.audit],
    }


def _entry(entry: TranscriptEntry) -> dict:
    item = {"role": entry.role, "text": entry.shown_text, "at": entry.at}
    if entry.role == "user":
        item["nlu"] = {k: entry.nlu[k] for k in _NLU_FIELDS if k in entry.nlu} if entry.nlu else None
        item["facts"] = [{"id": fact_id, "text": text} for fact_id, text in entry.facts]
    elif entry.reply is not None:
        reply = entry.reply
        item["reply"] = {"action": reply.get("action", ""), "handoff": reply.get("handoff", False),
                         "citations": reply.get("citations", []),
                         "products": reply.get("products", [])}
        if entry.role == "agent":
            item["agent"] = reply.get("agent", "")
    return item
