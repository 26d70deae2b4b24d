"""A person offered by the last reply and taken up in the shopper's words, and a wait said to
have run past what the store gave: read against the conversation, without models."""

from __future__ import annotations

from bot.dialogue import context, person_offers, policy
from bot.dialogue.state import DialogueState
from bot.types import Reply, Session, TranscriptEntry


def _nlu(intent: str = "goodbye"):
    from models import Entities, NluResult, Sentiment

    from bot.dialogue.understanding import Understanding

    return Understanding(NluResult(intent, 0.7, False), Entities(), Sentiment("neutral", 0.9))


def _after(reply: Reply) -> Session:
    session = Session("s")
    session.transcript += [TranscriptEntry("user", "..."),
                           TranscriptEntry("assistant", reply.text, reply=reply.to_dict())]
    return session


_OFFER = Reply("It shows as delivered, so if you can't find it, a person from our team can look into it with you.",
               quick_replies=("Talk to a human",), action="order_status")
_MENU = Reply("Sorry, I can't help with that.", quick_replies=("Track my order", "Talk to a human"),
              action="out_of_scope")


def test_a_yes_or_an_ask_for_someone_takes_the_person_just_offered():
    for text in ("yes please get someone on it", "ok connect me", "yes please", "sure, go ahead",
                 "ok pls have someone check"):
        decision = context.decide(DialogueState(), _after(_OFFER), text, _nlu())
        assert decision is not None and decision.action == policy.HANDOFF, text
    # in the shopper's language, its button translated
    assert person_offers.takes_offer(_after(Reply("...", quick_replies=("Hablar con una persona",), action="dont_know")),
                                     "sí, por favor", "es")


def test_no_offer_or_no_yes_is_no_handoff():
    for text in ("ok", "ok thanks", "thanks!", "no thanks, its fine"):
        assert not person_offers.takes_offer(_after(_OFFER), text, "en"), text
    # the assistant's menu lists a person among what it does: no offer to say yes to
    assert not person_offers.takes_offer(_after(_MENU), "yes please", "en")
    assert not person_offers.takes_offer(Session("s"), "yes please", "en")
    # asked for in so many words, a person needs no offer before
    assert person_offers.takes_offer(_after(_MENU), "yes please get someone on it", "en")
    for text in ("can you find something for someone who runs", "i need to get someone a birthday present",
                 "i have someone in mind who likes yoga", "can i send someone a gift"):
        assert not person_offers.takes_offer(Session("s"), text, "en"), text


def test_a_wait_past_what_the_store_gave_goes_to_a_person():
    state = DialogueState(last_act=policy.ANSWER)
    for text in ("well its been way more than 14 days", "its already been more than 2 weeks tho",
                 "it has been over three weeks"):
        decision = context.decide(state, Session("s"), text, _nlu())
        assert decision is not None and decision.action == policy.HANDOFF, text
    # a question of the rules, or nothing told before, is not a complaint of a wait
    assert not person_offers.waited_past("its been 20 days, can i still return it?", True)
    assert not person_offers.waited_past("its been more than 2 weeks", False)


def test_how_long_a_refund_usually_takes_is_no_order_lookup():
    text = "i sent back a return 3 weeks ago and still no refund, how long does it normally take"
    decision = context.decide(DialogueState(), Session("s"), text, _nlu("track_refund"))
    assert decision is None or decision.action != policy.ORDER_STATUS
    decision = context.decide(DialogueState(), Session("s"), "i returned it 2 weeks ago and still no refund",
                              _nlu("track_refund"))
    assert decision is not None and decision.action == policy.ORDER_STATUS
