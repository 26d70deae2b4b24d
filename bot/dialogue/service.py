"""`DialogueService`: one shopper turn, end to end.

    load session -> NLU -> policy -> action (retrieval + grounded generation, or an order flow,
    or a fixed reply) -> guard -> save session

The whole turn runs under the session's lock (`SessionStore.transaction`), so two messages of
one conversation never interleave, also across service processes sharing Redis. Generated
replies stream as `Token` events; the last event is always the `TurnResult`. A cancelled stream
(the shopper closed the page) still saves the shopper's message and the reply so far.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import date

from kb import KnowledgeBase
from kb.orders import OrderBackend
from models import Fact, Generator
from retrieval import Retriever

from bot.dialogue import (guard, order_flows, order_verification, policy, session_access,
                          written_replies)
from bot.dialogue.errors import InvalidChatMessage, RateLimited
from bot.dialogue.facts import FactSelector
from bot.dialogue.grounded import GroundedReplies
from bot.dialogue.queries import ServiceQueries
from bot.dialogue.results import Token, TurnResult, TurnTimings
from bot.dialogue.search import ProductQuery, StoreSearch
from bot.dialogue.streaming import StreamTimings
from bot.dialogue.turn import Turn
from bot.dialogue.understanding import Understander
from bot.sessions.events import ConversationEvent, EventBus, MemoryEventBus
from bot.sessions.base import SessionStore
from bot.sessions.errors import UnknownSession
from bot.types import ChannelMessage, ProductCard, Reply, Session, TranscriptEntry

log = logging.getLogger(__name__)

GREETING_TEXT = ("Hi! I'm the store assistant. I can answer questions about shipping, returns and "
                 "our products, check an order, or connect you with a person.")
CAPABILITIES = ("Track my order", "Return an item", "Shipping costs", "Talk to a human")

__all__ = ["DialogueService", "InvalidChatMessage", "RateLimited", "Token", "TurnResult",
           "TurnTimings"]


class DialogueService(ServiceQueries):
    """Runs shopper turns against the store's knowledge, orders and models.

    Args:
        kb: The store.
        retriever: Search over the store's shopper documents.
        understander: Intent, entity and sentiment models.
        generator: The loaded reply generator.
        sessions: Where conversations live.
        orders: The store's order backend.
        max_message_chars: Longer messages are refused with InvalidChatMessage.
        rate_limit_per_minute: Messages one session may send per minute (0 = no limit).
        max_new_tokens: Longest generated reply.
        today: The date order flows judge return windows by (a callable, for tests).
        events: Where every stored message and ownership change is published (agent panel,
            channel delivery); in-process when None.
        verification: How long an order verification holds (idle, and for write actions).
    """

    def __init__(self, kb: KnowledgeBase, retriever: Retriever, understander: Understander,
                 generator: Generator, sessions: SessionStore, orders: OrderBackend, *,
                 max_message_chars: int = 2000, rate_limit_per_minute: int = 30,
                 max_new_tokens: int = 120, today: Callable[[], date] = date.today,
                 events: EventBus | None = None,
                 verification: order_verification.VerificationPolicy | None = None) -> None:
        self.kb = kb
        self.retriever = retriever
        self.understander = understander
        self.generator = generator
        self.sessions = sessions
        self.orders = orders
        self.max_message_chars = max_message_chars
        self.rate_limit_per_minute = rate_limit_per_minute
        self.max_new_tokens = max_new_tokens
        self.today = today
        self.events = events or MemoryEventBus()
        self.verification = verification or order_verification.VerificationPolicy()
        self.facts = FactSelector(retriever.embedder)
        self.facts.warm([Fact(p.id, p.text) for a in kb.articles if a.audience == "shopper"
                         for p in a.passages])
        self.search = StoreSearch(kb, retriever, self.facts)
        self.grounded = GroundedReplies(self.search, generator, max_new_tokens)

    # --- turns -------------------------------------------------------------------------------

    def reply(self, message: ChannelMessage) -> TurnResult:
        """Run one turn and return its result (the streaming events are consumed)."""
        result = None
        for event in self.turn(message):
            if isinstance(event, TurnResult):
                result = event
        assert result is not None
        return result

    def turn(self, message: ChannelMessage) -> Iterator[Token | TurnResult]:
        """Run one turn, yielding `Token`s as the reply is generated, then the `TurnResult`.

        Raises:
            InvalidChatMessage: empty, non-text or over-long message (checked before anything).
            InvalidSessionId: a malformed id, or one in another channel's namespace.
            UnknownSession: a web session that does not exist or is not ``message.secret``'s.
            RateLimited: the session sent too many messages this minute.
            SessionBusy, SessionStoreUnavailable: from the session store.
        """
        session_id, text = message.session_id, self._check_message(message.text)
        web = session_access.check_reach(message)
        started = time.perf_counter()
        with self.sessions.transaction(session_id, channel=message.channel,
                                       create=not web or message.new) as session:
            if web:
                session_access.claim(session, message)
            # counted once the sender proved the session theirs: nobody spends another's limit
            if not self.sessions.allow(session_id, self.rate_limit_per_minute):
                raise RateLimited(
                    f"too many messages: at most {self.rate_limit_per_minute} per minute")
            session_access.merge_metadata(session.metadata, message.metadata)
            order_verification.expire(session, self.verification)
            owner_before = session.handoff_owner
            nlu = self.understander.understand(text)
            turn = Turn(session, text, nlu)
            injection = guard.looks_like_injection(text)
            decision = policy.decide(session, text, nlu, injection=injection)
            tokens: list[str] = []
            generated = StreamTimings()
            cancelled = False
            try:
                if decision.action in _GENERATIVE:
                    stream, products = self.grounded.start(turn, decision.action, tokens)
                    for piece in stream:
                        yield Token(piece)
                    reply = self.grounded.finish(turn, stream.text, products)
                    generated = stream.timings
                else:
                    reply = self._act(turn, decision.action)
            except GeneratorExit:
                cancelled = True
                reply = Reply(guard.strip_citations("".join(tokens)), action="cancelled")
            if session.handoff_owner and not reply.handoff:
                reply = replace(reply, handoff=True)  # still waiting for a person: say so
            reply = self._record(turn, reply, decision)
        self._publish_turn(session, turn, reply, decision, owner_before)
        timings = TurnTimings(nlu.seconds, turn.retrieval_s, time.perf_counter() - started,
                              generated)
        if not cancelled:
            yield TurnResult(session_id, reply, nlu.to_dict(), decision.reason, turn.guard, timings)

    def session(self, session_id: str) -> Session:
        """The stored conversation.

        Raises:
            UnknownSession: no such session (or it expired).
        """
        session = self.sessions.get(session_id)
        if session is None:
            raise UnknownSession(session_id)
        return session

    def owned_session(self, session_id: str, secret: str) -> Session:
        """A web session, for its owner only.

        Raises:
            InvalidSessionId: not a web session id.
            UnknownSession: no such session, or ``secret`` is not its owner's (one answer).
        """
        session_access.check_reach(ChannelMessage(session_id, "", "web"))
        return session_access.owned(self.sessions.get(session_id), session_id, secret)

    # --- human agents ----------------------------------------------------------------------------

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
        with self.sessions.transaction(session_id, create=False) as session:
            session.transcript.append(TranscriptEntry("agent", text, reply=reply))
        self._publish(session, "message", "agent", text, {"reply": reply, "agent": agent})
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
        stream, products = self.grounded.start(
            turn, decision.action if decision.action in _GENERATIVE else policy.ANSWER, [])
        for _ in stream:
            pass
        return self.grounded.finish(turn, stream.text, products)

    def close(self) -> None:
        self.generator.close()
        self.sessions.close()
        self.events.close()

    def _publish_turn(self, session: Session, turn: Turn, reply: Reply,
                      decision: policy.Decision, owner_before: str) -> None:
        user = session.transcript[-2] if decision.action != policy.QUIET else session.transcript[-1]
        self._publish(session, "message", "user", turn.text, {"nlu": user.nlu})
        if decision.action != policy.QUIET:
            self._publish(session, "message", "assistant", reply.text, {"reply": reply.to_dict()})
        if session.handoff_owner == "queue" and owner_before != "queue":
            self._publish(session, "handoff", "system", "The shopper is waiting for a person.",
                          {"owner": session.handoff_owner})

    def _publish(self, session: Session, kind: str, role: str, text: str,
                 data: dict | None = None) -> None:
        self.events.publish(ConversationEvent(kind, session.id, session.channel, role, text,
                                              data=data or {}))

    # --- the actions ---------------------------------------------------------------------------

    def _act(self, turn: Turn, action: str) -> Reply:
        session = turn.session
        if action == policy.QUIET:
            return Reply("", handoff=True, action=action)
        if action == policy.REFUSE_INJECTION:
            return Reply("I can only help with this store: products, orders, shipping and returns. "
                         "I can't change how I work or share other customers' information.",
                         quick_replies=CAPABILITIES, action=action)
        if action == policy.HANDOFF:
            session.handoff_owner = session.handoff_owner or "queue"
            order_flows._clear_flow(session)
            return Reply("I'm connecting you with a member of our support team. They will see this "
                         "conversation, so you won't need to repeat yourself.", handoff=True,
                         action=action)
        if action == policy.GREETING:
            return Reply(GREETING_TEXT, quick_replies=CAPABILITIES, action=action)
        if action == policy.THANKS:
            return Reply("You're welcome! Is there anything else I can help with?", action=action)
        if action == policy.GOODBYE:
            self.generator.release(session.id)
            return Reply("Thanks for visiting. Have a great day!", action=action)
        if action == policy.OUT_OF_SCOPE:
            return Reply("Sorry, I can't help with that. I can answer questions about our products, "
                         "shipping and returns, or check on an order.", quick_replies=CAPABILITIES,
                         action=action)
        if action in policy.FLOWS:
            context = order_flows.FlowContext(self.kb, self.orders, self.today(),
                                              self.verification, time.time())
            return order_flows.run(action, session, turn.text, turn.nlu, context)
        if action == policy.SHIPPING_QUOTE:
            return self._shipping_quote(turn)
        if action == policy.PRODUCT_SEARCH:
            return self._product_search(turn)
        if action == policy.PROMOTIONS:
            return self._promotions(turn)
        raise ValueError(f"no action {action!r}")

    def _shipping_quote(self, turn: Turn) -> Reply:
        return written_replies.shipping_quote(self.kb, turn.text) or self._act(turn, policy.HANDOFF)

    def _promotions(self, turn: Turn) -> Reply:
        return written_replies.promotions(self.kb, turn.text) or self._act(turn, policy.HANDOFF)

    def _product_search(self, turn: Turn) -> Reply:
        entities = turn.nlu.entities
        price = entities.price_range
        products = self.search.products(ProductQuery(
            turn.text, price.min if price else None, price.max if price else None,
            tuple(entities.colors)))
        turn.retrieval_s = self.search.seconds
        if not products:
            return Reply("I couldn't find products matching that. Could you describe it differently?",
                         action=policy.PRODUCT_SEARCH)
        turn.show(products)
        names = ", ".join(f"{p.name} (${p.final_price:.2f})" for p in products)
        return Reply(f"Here is what I found: {names}. Ask me about any of them.",
                     products=tuple(ProductCard.of(p) for p in products),
                     quick_replies=(f"Tell me about the {products[0].name}",),
                     action=policy.PRODUCT_SEARCH)

    # --- bookkeeping ---------------------------------------------------------------------------

    def _record(self, turn: Turn, reply: Reply, decision: policy.Decision) -> Reply:
        """Append the turn to the transcript; returns the reply as sent (a third failure in a
        row adds a handoff)."""
        session = turn.session
        failed = reply.action in ("dont_know", policy.OUT_OF_SCOPE) or (
            turn.nlu.intent.confidence < policy.LOW_CONFIDENCE and reply.action == "answer")
        session.failures = session.failures + 1 if failed else 0
        if failed and session.failures >= policy.MAX_FAILURES + 1 and not session.handoff_owner:
            session.handoff_owner = "queue"
            reply = replace(reply, text=reply.text + " Let me get a member of our team to help you.",
                            quick_replies=(), handoff=True)
        session.transcript.append(TranscriptEntry(
            "user", turn.text, facts=[(f.id, f.text) for f in turn.facts],
            nlu=turn.nlu.to_dict() | {"action": decision.action, "reason": decision.reason,
                                      "guard": turn.guard}))
        if decision.action != policy.QUIET:
            raw = turn.raw_reply or reply.text
            session.transcript.append(TranscriptEntry("assistant", raw, reply=reply.to_dict()))
        return reply

    def _check_message(self, message: object) -> str:
        if not isinstance(message, str):
            raise InvalidChatMessage("message must be a string")
        text = message.strip()
        if not text:
            raise InvalidChatMessage("message is empty")
        if not text.isascii():
            try:  # a lone surrogate ("\\ud800" in JSON) could not be stored or sent back
                text.encode("utf-8")
            except UnicodeEncodeError:
                raise InvalidChatMessage("message is not valid Unicode text") from None
        if len(text) > self.max_message_chars:
            raise InvalidChatMessage(
                f"message is {len(text)} characters; the limit is {self.max_message_chars}")
        return text


_GENERATIVE = frozenset({policy.ANSWER, policy.PRODUCT_QUESTION})
# Shopper messages an agent's suggested reply does not answer.
_NOT_QUESTIONS = frozenset({policy.HANDOFF, policy.GREETING, policy.THANKS, policy.GOODBYE,
                            policy.REFUSE_INJECTION})


def _suggestion_id(session_id: str) -> str:
    """The generator session of an agent's suggested replies (kept apart from the shopper's)."""
    return f"suggest:{session_id}"
