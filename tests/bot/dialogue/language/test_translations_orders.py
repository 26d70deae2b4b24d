"""The order flows' and return rules' sentences said wholly in the shopper's language."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench.english_left import english_left
from bot.dialogue import context_replies
from bot.dialogue.language import languages
from bot.dialogue.state import DialogueState
from kb import KnowledgeBase

_STORES = Path(__file__).resolve().parents[4] / "bench" / "data" / "stores"

_SENTENCES = (
    "I can only look at an order once its number and the email address on it match, so I can't share or confirm "
    "either of them. If you can't get to that email, a person from our team can help.",
    "Order #1001 hasn't shipped yet, so I can change where it goes. What is the new delivery address?",
    "Order #1001 is already delivered, so its delivery address can't be changed any more.",
    "Updated: order #1001 will be delivered to 1 Main St, Austin, TX.",
    "Order #1001 was delivered on November 2, 2026, 45 days ago. Our policy accepts returns within 30 days of "
    "receipt, so it can't be returned online. A human agent can look at defective items.",
    "Now, shall I cancel the order? Please reply yes or no.",
    "I can't reach our order system right now, so I can't look at orders. Please try again in a few minutes, or "
    "talk to a person.",
    "I can't answer that right now. Please try again in a moment, or I can connect you with a human agent.",
    "Items: 1 × Iris Workout Top. Return RMA-1001-1 (Iris Workout Top), opened on November 1, 2026: refunded. "
    "Return RMA-1001-2 (Iris Workout Top), opened on November 3, 2026: received, the refund is not issued yet.",
    # bot.dialogue.orders.order_trouble
    "I can't say from here why your payment was taken that way: I don't see payments. A person from our team can "
    "check it with you.",
    "I can't say from here why part of your order is missing: I don't see how it was packed. A person from our team "
    "can check it with you. If you'd like me to check the order itself, tell me its order number.",
    "Order #1001, placed on November 1, 2026, is delivered. It was delivered on November 3, 2026. Items: 1 × Iris "
    "Workout Top. It shows as delivered, so if you can't find it, a person from our team can look into it with you.",
    "Items: 1 × Iris Workout Top. For an item missing from it, a person from our team can look into it with you.",
)


@pytest.mark.parametrize("language", ["es", "fr", "de", "pt", "it"])
def test_a_pages_procedure_or_cancel_rule_is_framed_as_the_stores_english(language):
    told = languages.localize("Sorry about that. Send us a photo within 48 hours of delivery and we will send a "
                              "replacement. If you'd like me to check the order itself, tell me its order number.",
                              language)
    rule = languages.localize("You can change or cancel an order until it has been dispatched. What is your order "
                              "number? You'll find it in your order confirmation email (for example 1001).", language)
    for local in (told, rule):
        assert languages.translations.framed(local, language) and not english_left(local, language), local
    assert "1001" in rule


@pytest.mark.parametrize("language", ["es", "fr", "de", "pt", "it"])
def test_order_flow_sentences_leave_no_english(language):
    for english in _SENTENCES:
        local = languages.localize(english, language)
        assert not english_left(local, language), local


@pytest.mark.parametrize("language", ["es", "fr", "de", "pt", "it"])
def test_who_pays_return_postage_and_the_surcharges_reach_leave_no_english(demo_kb, language):
    brightline = KnowledgeBase.from_folder(_STORES / "brightline")
    replies = [context_replies.return_shipping(brightline), context_replies.surcharge(demo_kb, DialogueState())]
    for reply in replies:
        local = languages.localize(reply.text, language)
        assert not english_left(local, language, tuple(demo_kb.shipping.regions)), local


@pytest.mark.parametrize("language", ["es", "fr", "de", "pt", "it"])
def test_the_cancel_button_of_an_order_status_is_shown_and_read_back_in_the_language(language):
    (label,) = languages.buttons(("Cancel this order",), language)
    assert label != "Cancel this order" and languages.to_english(label, language) == "Cancel this order"
