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
import re
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from datetime import date

from kb import KnowledgeBase, Product
from kb.orders import OrderBackend
from models import ChatMessage, Fact, Generator
from retrieval import Retriever

from bot.dialogue import guard, order_flows, policy, written_replies
from bot.sessions.events import ConversationEvent, EventBus, MemoryEventBus
from bot.dialogue.facts import FactSelector
from bot.sessions.base import SessionStore
from bot.sessions.errors import UnknownSession
from bot.dialogue.streaming import GenerationStream, StreamTimings, history
from bot.types import Citation, Reply, Session, TranscriptEntry
from bot.dialogue.understanding import Understander, Understanding

log = logging.getLogger(__name__)

#: Passages never given to the generator: the 0.5B model misreads the rate table, so shipping
#: prices come from code (kb.shipping) instead.
_NOT_FOR_GENERATION = frozenset({"policy:shipping-and-delivery#2"})
_ARTICLE_TYPES = ["policy", "faq", "page", "promotion"]
_ORDINALS = ("first", "second", "third", "fourth")
_ORDINAL = re.compile(r"\bthe (first|second|third|fourth) (?:one|product|item)\b", re.I)
_PRONOUN = re.compile(r"\b(it|its|it's|this|that|these|those|them|one)\b", re.I)

#: A fact sentence this similar to the question is taken as its answer when the model gives up.
EXTRACT_CONFIDENCE = 0.6
GREETING_TEXT = ("Hi! I'm the store assistant. I can answer questions about shipping, returns and "
                 "our products, check an order, or connect you with a person.")
CAPABILITIES = ("Track my order", "Return an item", "Shipping costs", "Talk to a human")


class InvalidChatMessage(ValueError):
    """The shopper's message is empty, too long, or not text."""


class RateLimited(RuntimeError):
    """Too many messages in this session in the last minute."""


@dataclass(frozen=True, slots=True)
class Token:
    """A piece of the reply text as it is generated (citation markers removed)."""

    text: str


@dataclass(frozen=True, slots=True)
class TurnTimings:
    """Where a turn's time went, in seconds; `stream` is the generator's part (zeros when no
    model ran)."""

    nlu_s: float = 0.0
    retrieval_s: float = 0.0
    total_s: float = 0.0
    stream: StreamTimings = StreamTimings()


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


@dataclass
class _Turn:
    """Mutable scratch of one turn."""

    session: Session
    text: str
    nlu: Understanding
    facts: list[Fact] = field(default_factory=list)
    retrieval_s: float = 0.0
    guard: str = ""
    raw_reply: str = ""


class DialogueService:
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
    """

    def __init__(self, kb: KnowledgeBase, retriever: Retriever, understander: Understander,
                 generator: Generator, sessions: SessionStore, orders: OrderBackend, *,
                 max_message_chars: int = 2000, rate_limit_per_minute: int = 30,
                 max_new_tokens: int = 120, today: Callable[[], date] = date.today,
                 events: EventBus | None = None) -> None:
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
        self.facts = FactSelector(retriever.embedder)
        self.facts.warm([Fact(p.id, p.text) for a in kb.articles if a.audience == "shopper"
                         for p in a.passages])

    # --- turns -------------------------------------------------------------------------------

    def reply(self, session_id: str, message: str, *, channel: str = "web",
              metadata: dict | None = None) -> TurnResult:
        """Run one turn and return its result (the streaming events are consumed)."""
        result = None
        for event in self.turn(session_id, message, channel=channel, metadata=metadata):
            if isinstance(event, TurnResult):
                result = event
        assert result is not None
        return result

    def turn(self, session_id: str, message: str, *, channel: str = "web",
             metadata: dict | None = None) -> Iterator[Token | TurnResult]:
        """Run one turn, yielding `Token`s as the reply is generated, then the `TurnResult`.

        Raises:
            InvalidChatMessage: empty, non-text or over-long message (checked before anything).
            RateLimited: the session sent too many messages this minute.
            InvalidSessionId, SessionBusy, SessionStoreUnavailable: from the session store.
        """
        text = self._check_message(message)
        if not self.sessions.allow(session_id, self.rate_limit_per_minute):
            raise RateLimited(f"too many messages: at most {self.rate_limit_per_minute} per minute")
        started = time.perf_counter()
        with self.sessions.transaction(session_id, channel=channel) as session:
            if metadata:
                session.metadata.update({str(k): v for k, v in list(metadata.items())[:20]})
            owner_before = session.handoff_owner
            nlu = self.understander.understand(text)
            turn = _Turn(session, text, nlu)
            injection = guard.looks_like_injection(text)
            decision = policy.decide(session, text, nlu, injection=injection)
            tokens: list[str] = []
            generated = StreamTimings()
            cancelled = False
            try:
                if decision.action in _GENERATIVE:
                    stream, products = self._generate(turn, decision.action, tokens)
                    for piece in stream:
                        yield Token(piece)
                    reply = self._finish_generation(turn, stream.text, products)
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
            raise UnknownSession(f"no session {session_id!r}")
        return session

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
        turn = _Turn(draft, text, self.understander.understand(text))
        decision = policy.decide(draft, text, turn.nlu, injection=guard.looks_like_injection(text))
        stream, products = self._generate(turn, decision.action if decision.action in _GENERATIVE
                                          else policy.ANSWER, [])
        for _ in stream:
            pass
        return self._finish_generation(turn, stream.text, products)

    def close(self) -> None:
        self.generator.close()
        self.sessions.close()
        self.events.close()

    def _publish_turn(self, session: Session, turn: _Turn, reply: Reply,
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

    def _act(self, turn: _Turn, action: str) -> Reply:
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
            context = order_flows.FlowContext(self.kb, self.orders, self.today())
            return order_flows.run(action, session, turn.text, turn.nlu, context)
        if action == policy.SHIPPING_QUOTE:
            return self._shipping_quote(turn)
        if action == policy.PRODUCT_SEARCH:
            return self._product_search(turn)
        if action == policy.PROMOTIONS:
            return self._promotions(turn)
        raise ValueError(f"no action {action!r}")

    def _shipping_quote(self, turn: _Turn) -> Reply:
        return written_replies.shipping_quote(self.kb, turn.text) or self._act(turn, policy.HANDOFF)

    def _promotions(self, turn: _Turn) -> Reply:
        return written_replies.promotions(self.kb, turn.text) or self._act(turn, policy.HANDOFF)

    def _product_search(self, turn: _Turn) -> Reply:
        entities = turn.nlu.entities
        filters: dict = {"types": ["product"]}
        if entities.price_range:
            if entities.price_range.min is not None:
                filters["min_price"] = entities.price_range.min
            if entities.price_range.max is not None:
                filters["max_price"] = entities.price_range.max
        department = written_replies.department(turn.text)
        if department:
            filters["category"] = department
        started = time.perf_counter()
        hits = self.retriever.search(turn.text, k=12, filters=filters)
        if not hits and department:  # a store without such a department: search them all
            del filters["category"]
            hits = self.retriever.search(turn.text, k=12, filters=filters)
        turn.retrieval_s = time.perf_counter() - started
        products = [self.kb.product(h.metadata["sku"]) for h in hits]
        if entities.colors:
            wanted = {c.lower() for c in entities.colors}
            matching = [p for p in products if wanted & {c.lower() for c in p.colors}]
            products = matching or products
        products = products[:4]
        if not products:
            return Reply("I couldn't find products matching that. Could you describe it differently?",
                         action=policy.PRODUCT_SEARCH)
        self._show(turn.session, products)
        names = ", ".join(f"{p.name} (${p.final_price:.2f})" for p in products)
        return Reply(f"Here is what I found: {names}. Ask me about any of them.",
                     products=tuple(written_replies.card(p) for p in products),
                     quick_replies=(f"Tell me about the {products[0].name}",),
                     action=policy.PRODUCT_SEARCH)

    # --- grounded generation -------------------------------------------------------------------

    def _generate(self, turn: _Turn, action: str,
                  shown: list[str]) -> tuple[GenerationStream, list[Product]]:
        """Choose the facts for the turn and start its reply; `shown` collects what is streamed."""
        started = time.perf_counter()
        products: list[Product] = []
        if action == policy.PRODUCT_QUESTION:
            product = self._resolve_product(turn)
            if product is not None:
                products = [product]
                self._show(turn.session, products)
                turn.facts = self.facts.select(turn.text, written_replies.product_facts(product))
        if not turn.facts:
            hits = [h for h in self.retriever.search(turn.text, k=5, filters={"types": _ARTICLE_TYPES})
                    if h.id not in _NOT_FOR_GENERATION][:3]
            turn.facts = self.facts.select(turn.text, [Fact(h.id, h.text) for h in hits])
        turn.retrieval_s = time.perf_counter() - started
        messages = history(turn.session.transcript) + [ChatMessage("user", turn.text)]
        stream = GenerationStream(self.generator, turn.session.id, messages, turn.facts,
                                  self.max_new_tokens, shown)
        return stream, products

    def _resolve_product(self, turn: _Turn) -> Product | None:
        """The product a question is about: named in it, or one shown earlier ("the blue one")."""
        entities = turn.nlu.entities
        if entities.products:
            return self.kb.product(entities.products[0].sku)
        shown = [self.kb.product(s) for s in reversed(turn.session.shown_products)]
        ordinal = _ORDINAL.search(turn.text)
        if shown and ordinal:
            # `shown` is most recent first, and the latest cards in the order they were shown.
            return shown[min(_ORDINALS.index(ordinal.group(1).lower()), len(shown) - 1)]
        if shown and entities.colors:
            wanted = {c.lower() for c in entities.colors}
            for product in shown:
                if wanted & {c.lower() for c in product.colors}:
                    return product
        if shown and _PRONOUN.search(turn.text):
            return shown[0]
        hits = self.retriever.search(turn.text, k=1, filters={"types": ["product"]})
        return self.kb.product(hits[0].metadata["sku"]) if hits else None

    def _finish_generation(self, turn: _Turn, text: str, products: Sequence[Product]) -> Reply:
        verdict = guard.check(text, turn.facts, turn.text)
        if verdict.reason == "no citation" and (source := guard.attribute(text, turn.facts)):
            text = f"{text.rstrip()} [{source}]"
            verdict = guard.check(text, turn.facts, turn.text)
        turn.raw_reply = text
        cards = tuple(written_replies.card(p) for p in products)
        # Ranked only when the reply may be replaced by the closest fact sentence.
        best = self._best_sentence(turn) if verdict.dont_know or not verdict.ok else None
        if verdict.dont_know and best and best[0] >= EXTRACT_CONFIDENCE:
            # The model gave up although one fact sentence is very close to the question.
            verdict = guard.Verdict(False, "said it doesn't know, but a fact answers")
        if verdict.dont_know:
            turn.guard = "dont_know"
            return Reply(guard.strip_citations(text), products=cards,
                         quick_replies=("Talk to a human",), action="dont_know")
        if verdict.ok:
            turn.guard = "passed"
            return Reply(guard.strip_citations(text), self._citations(guard.cited_ids(text), turn),
                         products=cards, action="answer")
        log.info("guard replaced a reply (%s): %r", verdict.reason, text)
        turn.guard = f"replaced: {verdict.reason}"
        if best and best[0] >= self.facts.min_similarity:
            _, fact_id, _, sentence = best
            extract = f"{sentence.rstrip('.')}. [{fact_id}]"
            turn.raw_reply = extract
            return Reply(guard.strip_citations(extract),
                         self._citations(guard.cited_ids(extract), turn), products=cards,
                         action="extractive")
        turn.raw_reply = "I'm not sure about that. I can connect you with a human agent."
        return Reply(turn.raw_reply, products=cards, quick_replies=("Talk to a human",),
                     action="dont_know")

    def _best_sentence(self, turn: _Turn) -> tuple[float, str, int, str] | None:
        """(similarity, fact id, position, sentence) of the fact sentence closest to the
        question: the extractive answer when the guard refuses the generated one."""
        ranked = self.facts.rank(turn.text, turn.facts)
        return ranked[0] if ranked else None

    def _citations(self, ids: Sequence[str], turn: _Turn) -> tuple[Citation, ...]:
        facts = {f.id: f for f in turn.facts}
        citations = []
        for fact_id in ids:
            if fact_id.startswith("product:"):
                product = self.kb.product(fact_id.split(":", 1)[1].split("#")[0])
                citations.append(Citation(fact_id, product.name, f"/{product.url_key}.html",
                                          facts[fact_id].text))
                continue
            passage = self.kb.passage(fact_id)
            citations.append(written_replies.citation(passage, facts[fact_id].text))
        return tuple(citations)

    # --- bookkeeping ---------------------------------------------------------------------------

    def _record(self, turn: _Turn, reply: Reply, decision: policy.Decision) -> Reply:
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

    def _show(self, session: Session, products: Sequence[Product]) -> None:
        for product in reversed(products):
            if product.sku in session.shown_products:
                session.shown_products.remove(product.sku)
            session.shown_products.append(product.sku)
        del session.shown_products[:-20]

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
