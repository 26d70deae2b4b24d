"""What human agents do with a conversation: take it over, write in it, hand it back, and ask
the bot for a suggested reply.

`HumanAgents` is a part of `DialogueService` (a base class), kept in its own module so the turn
pipeline stays readable; it works on the service's sessions, models and event bus.
"""

from __future__ import annotations

from dataclasses import replace

from models import Generator

from bot.dialogue import policy
from bot.dialogue.errors import InvalidChatMessage
from bot.dialogue.grounding import guard
from bot.dialogue.grounding.admission import AdmissionGate
from bot.dialogue.grounding.grounded import GroundedReplies
from bot.dialogue.turn import Turn
from bot.dialogue.understanding import Understander
from bot.sessions.base import SessionStore
from bot.types import Reply, Session, TranscriptEntry

# Shopper messages an agent's suggested reply does not answer.
_NOT_QUESTIONS = frozenset({policy.HANDOFF, policy.GREETING, policy.THANKS, policy.GOODBYE,
                            policy.REFUSE_INJECTION})


class HumanAgents:
    """The agent panel's verbs (set up by `DialogueService.__init__`)."""

    sessions: SessionStore
    generator: Generator
    understander: Understander
    grounded: GroundedReplies
    gate: AdmissionGate

    def take_over(self, session_id: str, agent: str) -> Session:
        """A human agent owns the conversation from now on; the bot stays quiet."""
        with self.sessions.transaction(session_id, create=False) as session:
            session.handoff_owner = agent
            session.transcript.append(TranscriptEntry("system", f"{agent} joined the conversation."))
        self._publish(session, "takeover", "system", f"{agent} joined the conversation.",
                      {"agent": agent})
        return session

    def hand_back(self, session_id: str) -> Session:
        """The bot answers again."""
        with self.sessions.transaction(session_id, create=False) as session:
            session.handoff_owner = ""
            session.failures = 0
            session.transcript.append(TranscriptEntry("system", "The assistant is back."))
        self.generator.release(_suggestion_id(session_id))
        self._publish(session, "handback", "system", "The assistant is back.")
        return session

    def agent_message(self, session_id: str, agent: str, text: str) -> Session:
        """Add a human agent's message to the conversation."""
        text = self._check_message(text)
        reply = Reply(text, action="agent").to_dict() | {"agent": agent}
        entry = TranscriptEntry("agent", text, reply=reply)
        with self.sessions.transaction(session_id, create=False) as session:
            session.transcript.append(entry)
        # "at" names the stored message: channel relays dedupe and catch up by it.
        self._publish(session, "message", "agent", text,
                      {"reply": reply, "agent": agent, "at": entry.at})
        return session

    def suggest_reply(self, session_id: str) -> Reply:
        """The bot's grounded answer to the shopper's newest question, for an agent to edit.

        The newest shopper message that asked something: "I want to talk to a human" or
        "thanks" is skipped for the question before it. Facts, generation and guard run as in a
        turn, but under the generator session "suggest:<id>", so the shopper's KV cache is left
        as it was; nothing is stored.

        Raises:
            UnknownSession: no such session.
            InvalidChatMessage: the shopper has written nothing yet.
        """
        session = self.session(session_id)
        asked = [i for i, e in enumerate(session.transcript) if e.role == "user"]
        questions = [i for i in asked
                     if (session.transcript[i].nlu or {}).get("action") not in _NOT_QUESTIONS]
        last = (questions or asked or [None])[-1]
        if last is None:
            raise InvalidChatMessage("the shopper has written nothing to answer yet")
        text = session.transcript[last].text
        # The conversation as it stood when the shopper wrote, as if the bot still had it.
        draft = replace(session, id=_suggestion_id(session_id), handoff_owner="",
                        transcript=session.transcript[:last])
        turn = Turn(draft, text, self.understander.understand(text))
        decision = policy.decide(draft, text, turn.nlu, injection=guard.looks_like_injection(text))
        with self.gate.admit():
            stream, products = self.grounded.start(
                turn, decision.action if decision.action in policy.GENERATIVE else policy.ANSWER, [])
            for _ in stream:
                pass
            return self.grounded.finish(turn, stream.text, products, stream.unavailable)


def _suggestion_id(session_id: str) -> str:
    """The generator session of an agent's suggested replies (kept apart from the shopper's)."""
    return f"suggest:{session_id}"
