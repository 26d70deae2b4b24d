"""`DialogueService`: one shopper turn, end to end.

    load session -> NLU -> policy -> action (retrieval + grounded generation, or an order flow,
    or a fixed reply) -> guard -> save session

The whole turn runs under the session's lock (`SessionStore.transaction`), so two messages of
one conversation never interleave, also across service processes sharing Redis. Generated
replies stream as `Token` events; the last event is always the `TurnResult`. A cancelled stream
(the shopper closed the page) still saves the shopper's message and the reply so far, marked
as cut (action "cancelled"); before the model runs the message is saved once already
(`SessionStore.checkpoint`), so a crashed process keeps it too. Generations pass an
`AdmissionGate` (a few at once, a short queue, then `Overloaded`) so that code-written turns
never wait behind them, and stop at ``reply_deadline_s``.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import date

from kb import KnowledgeBase
from kb.errors import OrderSystemUnavailable
from kb.orders import OrderBackend
from models import Fact, Generator
from retrieval import Retriever

from bot.dialogue import acknowledgements, policy, session_access, written_replies
from bot.dialogue.compound import compound_reply
from bot.dialogue.conversation import CONTEXT_ACTIONS, Conversation
from bot.dialogue.errors import InvalidChatMessage, Overloaded, RateLimited
from bot.dialogue.grounding import guard
from bot.dialogue.grounding.admission import AdmissionGate
from bot.dialogue.grounding.facts import FactSelector
from bot.dialogue.grounding.grounded import GroundedReplies
from bot.dialogue.grounding.streaming import StreamTimings, history
from bot.dialogue.human_agents import HumanAgents
from bot.dialogue.language import kept_names, languages
from bot.dialogue.orders import called_off, order_flows, order_verification
from bot.dialogue.orders.verification_attempts import VerificationAttempts
from bot.dialogue.products import product_replies
from bot.dialogue.products.search import StoreSearch
from bot.dialogue.queries import ServiceQueries
from bot.dialogue.results import Token, TurnResult, TurnTimings
from bot.dialogue.state import DialogueState
from bot.dialogue.store_pages import delivery
from bot.dialogue.turn import Turn
from bot.dialogue.understanding import Understander
from bot.metrics import Metrics
from bot.sessions.base import SessionStore
from bot.sessions.errors import UnknownSession
from bot.sessions.events import ConversationEvent, EventBus, MemoryEventBus
from bot.types import ChannelMessage, Reply, Session, TranscriptEntry

log = logging.getLogger(__name__)

GREETING_TEXT = ("Hi! I'm the store assistant. I can answer questions about shipping, returns and "
                 "our products, check an order, or connect you with a person.")
CAPABILITIES = ("Track my order", "Return an item", "Shipping costs", "Talk to a human")
#: Room kept for a next turn's facts and question when prefilling (their p95 was 137 tokens
#: in bench/turns.py, session 16): a history that would not leave it is not prefilled.
NEXT_TURN_TOKENS = 256

__all__ = ["DialogueService", "InvalidChatMessage", "Overloaded", "RateLimited", "Token", "TurnResult",
           "TurnTimings"]


class DialogueService(HumanAgents, ServiceQueries):
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
        gate: Bounds the generations running and waiting (`Overloaded` past it); by default
            4 at once and 8 waiting up to 3 s.
        reply_deadline_s: A generated reply stops at its last whole sentence this long after
            the turn started (0: no limit), so a turn never outlasts the time a shopper waits.
        metrics: Where turns are counted and timed (`/metrics`); a fresh recorder when None.
        verification: How long an order verification holds (idle, and for write actions).
        idle_prefill: After each reply, run the conversation so far into the session's KV cache
            while the generator is idle (`Generator.prefill`): the next generated reply then
            prefills only its own turn, not the exchanges code answered before it.
    """

    def __init__(self, kb: KnowledgeBase, retriever: Retriever, understander: Understander,
                 generator: Generator, sessions: SessionStore, orders: OrderBackend, *,
                 max_message_chars: int = 2000, rate_limit_per_minute: int = 30,
                 max_new_tokens: int = 120, today: Callable[[], date] = date.today,
                 events: EventBus | None = None, gate: AdmissionGate | None = None,
                 reply_deadline_s: float = 0.0, metrics: Metrics | None = None,
                 verification: order_verification.VerificationPolicy | None = None,
                 idle_prefill: bool = True) -> None:
        self.kb = kb
        self.kept_names = kept_names.store_names(kb)  # left as the store wrote them in any language
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
        self.gate = gate or AdmissionGate(capacity=4, queue=8, max_wait_s=3.0)
        self.reply_deadline_s = reply_deadline_s
        self.metrics = metrics or Metrics()
        # A server backend also exports its retries and breaker (it has a `breaker`).
        self.metrics.watch_generator(generator.stats, generator if hasattr(generator, "breaker")
                                     else None)
        self.verification = verification or order_verification.VerificationPolicy()
        self.attempts = VerificationAttempts.of(sessions, self.verification)
        self.idle_prefill = idle_prefill
        languages.warm()  # the lazy parts load now, not in the first (concurrent) turns
        understander.warm()
        self.facts = FactSelector(retriever.embedder)
        self.facts.warm([Fact(p.id, p.text) for a in kb.articles if a.audience == "shopper"
                         for p in a.passages])
        self.search = StoreSearch(kb, retriever, self.facts)
        self.grounded = GroundedReplies(self.search, generator, max_new_tokens)
        self.conversation = Conversation(kb, self.search, today)

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
        started = message.received_at or time.perf_counter()  # a worker's wait counts too
        cpu_started = time.thread_time()  # a turn runs on one thread (TurnRunner, workers)
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
            state = DialogueState.of(session)
            if not acknowledgements.acknowledges(text):  # "hmm ok" is no German, "ok" no language at all
                state.language = languages.detect(text, state.language, self.kept_names)
            reading = self.conversation.expand(state, self.understander.read(text, state.language), session)
            injection = guard.looks_like_injection(text)
            parts = self.conversation.parts(session, reading, injection)
            # a message of several questions is read with its parts, model by model (`understand_all`)
            nlu, *read = self.understander.understand_all([reading, *parts] if len(parts) > 1 else [reading])
            turn = Turn(session, reading, nlu, said=text, parts_read=dict(zip(parts, read)),
                        client=message.client or session_id)
            if len(parts) <= 1 or session.flow in policy.FLOWS:
                # a flow waiting: deciding the whole may put the flow aside for a digression;
                # otherwise the whole's decision is set aside for its parts' (`compound_reply`,
                # each part decided as a turn: what deciding sets in the state, a part sets again),
                # and its store searches (a rule's pages, "out of scope" overruled) are not run
                decision = self.conversation.decide(state, session, reading, nlu, injection,
                                                    scope_search=len(parts) <= 1)
            if len(parts) > 1:
                decision = policy.Decision("compound", f"{len(parts)} questions in one message")
            generated = StreamTimings()
            cancelled = False
            written = (compound_reply(self, turn, state, parts) if decision.action == "compound"
                       else self._written(turn, state, decision.action))
            if written is not None:  # its sources are the facts an agent sees for the turn
                reply, turn.facts = written, turn.facts or [Fact(c.id, c.snippet) for c in written.citations]
            elif decision.action in policy.GENERATIVE:
                tokens: list[str] = []
                # Refused here (Overloaded), the turn saves nothing: the shopper may resend.
                with self.gate.admit():
                    try:
                        reply, generated = yield from self._generate(turn, decision, tokens,
                                                                     started)
                    except GeneratorExit:  # the shopper left: keep what they saw, marked cut
                        cancelled = True
                        reply = Reply(guard.strip_citations("".join(tokens)), action="cancelled")
            else:
                reply = self._act(turn, decision.action)
            if state.language != "en" and decision.action != "compound":  # (a compound: per part)
                reply = replace(reply, text=languages.in_language(reply, state.language, bool(turn.guard),
                                                                     self.kept_names),
                                quick_replies=languages.buttons(reply.quick_replies, state.language))
            turn.text = text  # the transcript keeps what the shopper wrote, not the reading
            if decision.reason.startswith("digression"):
                reply = self.conversation.resume(session, state, reply)
            reply = called_off.acknowledged(session, reply, state.language)  # a task dropped this turn
            if reply.handoff and not session.handoff_owner:
                session.handoff_owner = "queue"  # a written reply that hands over (a procedure and a person)
            if session.handoff_owner and not reply.handoff:
                reply = replace(reply, handoff=True)  # still waiting for a person: say so
            if not cancelled:
                self.conversation.after(session, state, decision.action, reply)
            reply = self._record(turn, reply, decision)
        self._publish_turn(session, turn, reply, decision, owner_before)
        timings = TurnTimings(nlu.seconds, turn.retrieval_s, time.perf_counter() - started,
                              generated, time.thread_time() - cpu_started)
        self._observe(message.channel, turn, reply, decision, timings, owner_before)
        if not cancelled:
            self._prefill_next(session, decision.action)
            yield TurnResult(session_id, reply, nlu.to_dict(), decision.reason, turn.guard, timings)

    def _generate(self, turn: Turn, decision: policy.Decision, tokens: list[str],
                  started: float) -> Iterator[Token]:
        """Stream a grounded reply; returns (reply, stream timings). The shopper's message is
        saved before the model runs, so a dropped stream or a crashed process keeps it."""
        deadline = started + self.reply_deadline_s if self.reply_deadline_s else None
        stream, products = self.grounded.start(turn, decision.action, tokens, deadline)
        session = turn.session
        session.transcript.append(self._user_entry(turn, decision, "pending"))
        turn.saved_at = len(session.transcript) - 1
        self.sessions.checkpoint(session)
        for piece in stream:
            yield Token(piece)
        if stream.cut:
            log.info("session %s: reply cut at its %g s deadline", session.id,
                     self.reply_deadline_s)
        return (self.grounded.finish(turn, stream.text, products, stream.unavailable),
                stream.timings)

    def _prefill_next(self, session: Session, action: str) -> None:
        """Queue the conversation so far for the generator's idle time (`Generator.prefill`),
        the reply being written: a code-written exchange never ran through the model, and
        would otherwise be prefilled by the next generated reply while the shopper waits. Not
        for a goodbye (the cache was released) or a conversation a person holds."""
        if not self.idle_prefill or action == policy.GOODBYE or session.handoff_owner:
            return
        self.generator.prefill(session.id, history(session.transcript),
                               reserve_tokens=self.max_new_tokens + NEXT_TURN_TOKENS)

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

    def close(self) -> None:
        self.generator.close()
        self.sessions.close()
        self.events.close()

    def _publish_turn(self, session: Session, turn: Turn, reply: Reply,
                      decision: policy.Decision, owner_before: str) -> None:
        user = session.transcript[-2] if decision.action != policy.QUIET else session.transcript[-1]
        events = [self._event(session, "message", "user", turn.text, {"nlu": user.nlu})]
        if decision.action != policy.QUIET:
            events.append(self._event(session, "message", "assistant", reply.text,
                                      {"reply": reply.to_dict()}))
        if session.handoff_owner == "queue" and owner_before != "queue":
            events.append(self._event(session, "handoff", "system", "The shopper is waiting "
                                      "for a person.", {"owner": session.handoff_owner}))
        self.events.publish_all(events)  # one round trip to Redis

    def _observe(self, channel: str, turn: Turn, reply: Reply, decision: policy.Decision,
                 timings: TurnTimings, owner_before: str) -> None:
        session = turn.session
        handoff = ""
        if session.handoff_owner == "queue" and owner_before != "queue":
            handoff = ("asked" if decision.action == policy.HANDOFF else "not_understood"
                       if session.failures > policy.MAX_FAILURES else decision.action)
        stream = timings.stream
        self.metrics.record_turn(
            session_id=session.id, channel=channel, action=reply.action, guard=turn.guard,
            handoff_reason=handoff, nlu_s=timings.nlu_s, retrieval_s=timings.retrieval_s,
            total_s=timings.total_s, cpu_s=timings.cpu_s, first_token_s=stream.first_token_s,
            generation_s=stream.generation_s, decode_tokens=stream.decode_tokens)

    def _publish(self, session: Session, kind: str, role: str, text: str,
                 data: dict | None = None) -> None:
        self.events.publish(self._event(session, kind, role, text, data))

    @staticmethod
    def _event(session: Session, kind: str, role: str, text: str,
               data: dict | None = None) -> ConversationEvent:
        return ConversationEvent(kind, session.id, session.channel, role, text, data=data or {})

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
            return Reply(written_replies.HANDOFF_TEXT, handoff=True, action=action)
        if action == policy.GREETING:
            return Reply(GREETING_TEXT, quick_replies=CAPABILITIES, action=action)
        if action == policy.THANKS:
            return Reply(acknowledgements.reply_text(turn.text), action=action)
        if action == policy.GOODBYE:
            self.generator.release(session.id)
            return Reply("Thanks for visiting. Have a great day!", action=action)
        if action == policy.OUT_OF_SCOPE:
            return Reply("Sorry, I can't help with that. I can answer questions about our products, "
                         "shipping and returns, or check on an order.", quick_replies=CAPABILITIES,
                         action=action)
        if action in policy.FLOWS:
            attempts = self.attempts.for_client(turn.client or session.id)  # the guesser's own
            flow_context = order_flows.FlowContext(self.kb, self.orders, self.today(),
                                                   self.verification, time.time(), attempts)
            try:
                return order_flows.run(action, session, turn.text, turn.nlu, flow_context)
            except OrderSystemUnavailable as error:
                # The conversation goes on: the slots stay, so asking again later resumes it.
                log.warning("order system unavailable in session %s: %s", session.id, error)
                return Reply("I can't reach our order system right now, so I can't look at "
                             "orders. Please try again in a few minutes, or talk to a person.",
                             quick_replies=("Talk to a human",), action=action)
        if action == policy.SHIPPING_QUOTE:
            return self._shipping_quote(turn)
        if action == policy.PRODUCT_SEARCH:
            return self._product_search(turn)
        if action == policy.PROMOTIONS:
            return self._promotions(turn)
        raise ValueError(f"no action {action!r}")

    def _written(self, turn: Turn, state: DialogueState, action: str) -> Reply | None:
        """A reply code writes from the state and store data; None: generated, or by `_act`."""
        if action in CONTEXT_ACTIONS or action == policy.SHIPPING_QUOTE:
            return self.conversation.act(turn, state, action) or (
                None if action == policy.SHIPPING_QUOTE else self._act(turn, policy.HANDOFF))
        if action == policy.PRODUCT_QUESTION:
            return self.conversation.products.answer(turn, state)
        return None

    def _shipping_quote(self, turn: Turn) -> Reply:
        quote = written_replies.shipping_quote(self.kb, turn.text)
        if quote is None:  # no rates to quote from: what the pages say, or a person
            facts = self.search.answering_knowledge(turn.text)
            turn.retrieval_s = self.search.seconds
            quote = written_replies.shipping_from_pages(facts, self.kb)
        return delivery.with_extra_charge(self.kb, turn.text, quote) or self._act(turn, policy.HANDOFF)

    def _promotions(self, turn: Turn) -> Reply:
        return written_replies.promotions(self.kb, turn.text, self.today())

    def _product_search(self, turn: Turn) -> Reply:
        return product_replies.search_reply(self.search, turn)

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
            # said after the reply was put in the shopper's language: put in it here
            language = DialogueState.of(session).language
            reply = replace(reply, text=reply.text + " " + languages.localize(
                "Let me get a member of our team to help you.", language), quick_replies=(), handoff=True)
        entry = self._user_entry(turn, decision, turn.guard)
        if turn.saved_at is None:
            session.transcript.append(entry)
        else:  # the checkpointed entry, now with the guard's outcome
            entry.at = session.transcript[turn.saved_at].at
            session.transcript[turn.saved_at] = entry
        if decision.action != policy.QUIET:
            raw = turn.raw_reply or reply.text
            session.transcript.append(TranscriptEntry("assistant", raw, reply=reply.to_dict()))
        return reply

    @staticmethod
    def _user_entry(turn: Turn, decision: policy.Decision, guard_outcome: str) -> TranscriptEntry:
        return TranscriptEntry(
            "user", turn.said or turn.text, facts=[(f.id, f.text) for f in turn.facts],
            nlu=turn.nlu.to_dict() | {"action": decision.action, "reason": decision.reason,
                                      "guard": guard_outcome})

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
