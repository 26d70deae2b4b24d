"""A shopper's story of their own purchase with a question whether they may still return it
(bot/dialogue/purchase_stories.py): the pages' rule answers it; only a request starts the flow."""

from __future__ import annotations

import pytest

from bot.dialogue import policy, purchase_stories
from bot.dialogue.understanding import Understanding
from bot.types import Session
from kb import Product
from models import Entities, NluResult, Sentiment


def _understanding(intent="get_refund", sentiment=("neutral", 0.9), order_ids=()):
    return Understanding(NluResult(intent, 0.95, False), Entities(order_ids=tuple(order_ids)), Sentiment(*sentiment))


@pytest.mark.parametrize("text", [
    "i bought a drill set 5 weeks ago, never opened it, can i still return it?",
    "got the album as a gift last month can i still get a refund",
    "ordered the wrong size, is it too late to send it back",
    "btw i bought a claw hammer from u 3 weeks ago and never used it, am i still able to return it",
    "bought a book as a present for my dad but he already has it, can he send it back",
    "would i get my money back if i mail it back?"])
def test_a_question_whether_one_may_is_asked(text):
    assert purchase_stories.asks_if_allowed(text)


@pytest.mark.parametrize("text", ["i want to return it", "start a return", "please refund order 1234",
                                  "i want to return my order", "when will i get my refund",
                                  "is it too late to change my address"])
def test_a_request_to_act_or_another_subject_is_not(text):
    assert not purchase_stories.asks_if_allowed(text)


@pytest.mark.parametrize("text", [
    "got the album as a gift last month can i still get a refund",
    "bought a book as a present for my dad but he already has it, can he send it back"])
def test_the_policy_answers_it_instead_of_starting_the_return(text):
    assert policy.decide(Session("s"), text, _understanding(), injection=False).action == policy.ANSWER


def test_a_request_or_an_order_number_still_starts_the_return():
    assert policy.decide(Session("s"), "i want to return my order", _understanding(),
                         injection=False).action == policy.RETURN
    assert policy.decide(Session("s"), "can i still return order 000000105?", _understanding(order_ids=["000000105"]),
                         injection=False).action == policy.RETURN


def test_a_story_read_as_anger_by_the_sentiment_model_is_not_handed_off():
    angry = _understanding("oos", ("negative", 0.99))
    text = "got paint tinted at ur store last week n the color looks off on the wall, is it too late to bring it back"
    assert policy.decide(Session("s"), text, angry, injection=False).action != policy.HANDOFF
    assert policy.decide(Session("s"), "this is ridiculous, is it too late to send it back?!!", angry,
                         injection=False).action == policy.HANDOFF  # anger in the words still hands off


def test_the_goods_a_story_names_and_their_catalog_categories():
    assert purchase_stories.goods("i bought the cordless drill 5 weeks ago, never opened the box") == ["cordless drill"]
    assert purchase_stories.goods("pitched my tent in the backyard for one night") == ["tent"]
    assert purchase_stories.goods("bought the wrong episode of lost yesterday") == ["episode"]
    products = [Product(sku="D1", name="Cordless Drill 18V Li-Ion", description="", price=99.0, categories=("Power Tools/Drills",)),
                Product(sku="H1", name="Claw Hammer 16oz", description="", price=19.0, categories=("Hand Tools/Hammers",))]
    assert purchase_stories.categories(["cordless drill"], products) == ["Power Tools/Drills"]
    assert purchase_stories.categories([], products) == []
