"""Two or more questions in one message: each answered as its own turn would be, in one reply."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from bot.dialogue import context, policy, question_parts
from bot.dialogue.language import amounts, languages
from bot.dialogue.state import DialogueState
from bot.dialogue.turn import Turn
from bot.types import Reply

if TYPE_CHECKING:
    from bot.dialogue.service import DialogueService


#: The action of a turn answered by `compound_reply`; its parts' acts stand in the state.
COMPOUND = "compound"


def compound_reply(service: DialogueService, turn: Turn, state: DialogueState,
                   parts: list[str]) -> Reply:
    """One reply answering each part, each read after the ones before it (a part out of scope
    is left out when another is answered; one the store's facts do not answer is said so,
    last); generated parts go through the generation gate like any generated turn. For a shopper of another language each part is put
    in it as its own turn would be (a generated or quoted part framed, a written one translated)."""
    replies, before, said, asked = [], "", "", ""
    for part in parts:
        sub, decision = _read(service, turn, state, part, before)
        reply = _answer(service, turn, state, sub, decision)
        if sub.text != part and reply.text == said:
            # read with the part before, it only answered that part again ("whats your phone
            # number and can i return it worn": "it" is the item, not the phone): read alone
            sub, decision = _read(service, turn, state, part, "")
            reply = _answer(service, turn, state, sub, decision)
        if decision.action == asked == policy.SHIPPING_QUOTE and not amounts.read(before) and amounts.read(sub.text):
            # "do you ship to alaska? how much is standard on 30 bucks": one quote asked in two parts;
            # the later one holds the earlier one's slots (the state keeps them), so it alone answers
            replies.pop()
        before, said, asked = sub.text, reply.text, decision.action
        # each question is an act of the conversation, in order: the next part, and the next
        # turn ("and overnight?" after a quote and a coupon question), read against it
        service.conversation.after(turn.session, state, decision.action, reply)
        if state.language != "en":
            reply = replace(reply, text=languages.in_language(reply, state.language, bool(sub.guard),
                                                                 service.kept_names),
                            quick_replies=languages.buttons(reply.quick_replies, state.language))
        replies.append(reply)
    answered = [r for r in replies if r.action not in (policy.OUT_OF_SCOPE, "dont_know")]
    # a question the facts do not answer is said so (last, once), not passed over in silence
    unknown = [r for r in replies if r.action == "dont_know"][:1] if answered else []
    replies = list({r.text: r for r in answered + unknown}.values()) or replies[:1]  # one answer said once
    return Reply(" ".join(r.text for r in replies),
                 tuple(c for r in replies for c in r.citations),
                 tuple(p for r in replies for p in r.products),
                 quick_replies=unknown[0].quick_replies if unknown else (),
                 handoff=any(r.handoff for r in replies), action=replies[0].action)


def _answer(service: DialogueService, turn: Turn, state: DialogueState, sub: Turn,
            decision: policy.Decision) -> Reply:
    """The reply to one part: written by code, generated (through the generation gate), or acted."""
    reply = service._written(sub, state, decision.action)
    if reply is None and decision.action in policy.GENERATIVE:
        with service.gate.admit():
            stream, products = service.grounded.start(sub, decision.action, [])
            for _ in stream:  # consumed: a compound reply arrives whole
                pass
            reply = service.grounded.finish(sub, stream.text, products, stream.unavailable)
        turn.facts += sub.facts
    elif reply is None:
        reply = service._act(sub, decision.action)
    return reply


#: An ellipsis ("and what about sale items?") names its own subject: only when read alone it is
#: out of scope is it read with the part before (a pronoun's subject is always that part's).
_UNANCHORED = frozenset({policy.OUT_OF_SCOPE})


def _read(service: DialogueService, turn: Turn, state: DialogueState, part: str,
          before: str) -> tuple[Turn, policy.Decision]:
    """The part as a turn and its decision. A part that leans on the one before it ("and to
    alaska?", "how long does it take") is first read against the state that part left (as a
    next turn would be); when the state's rules do not take it and it names no product, it is
    read together with that part: its subject, place or amount. "does it cover sale stuff" after
    "whats your return policy" asks of the returns, not of the promotions."""
    conversation = service.conversation
    nlu = turn.parts_read.get(part) or service.understander.understand(part)
    decision = conversation.decide(state, turn.session, part, nlu, False, scope_search=False)
    leaning = question_parts.leans(part) if before and not state.named else None
    if leaning != "pronoun":  # an ellipsis is joined when out of scope even after the store search
        decision = conversation.overrule_scope(decision, part)
    # the state's rules are asked again only for a part that leans (most parts stand alone)
    if leaning and (leaning == "pronoun" or decision.action in _UNANCHORED) \
            and context.decide(state, turn.session, part, nlu, service.kb.shipping) is None:
        part = f"{before.rstrip(' ?.!,')} {part}"
        nlu = service.understander.understand(part)
        decision = conversation.decide(state, turn.session, part, nlu, False)
    elif leaning == "pronoun":  # read alone after all: its own decision, searched now
        decision = conversation.overrule_scope(decision, part)
    return Turn(turn.session, part, nlu, client=turn.client), decision
