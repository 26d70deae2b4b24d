"""Products side by side in the conversation: "it" against a product named, and the two answered
one after the other (the real service on the demo store)."""

from __future__ import annotations

import uuid

from bot.types import ChannelMessage


def _chat(service, *messages):
    session_id = f"acts-{uuid.uuid4().hex[:6]}"
    return [service.reply(ChannelMessage(session_id, m)).reply for m in messages]


def test_it_is_compared_with_the_product_named(dialogue_service):
    *_, reply = _chat(dialogue_service, "does the crown summit backpack fit a laptop?",
                      "how does it compare to the fusion backpack on price")
    assert "$38.00" in reply.text and "$59.00" in reply.text
    assert {p.name for p in reply.products} == {"Crown Summit Backpack", "Fusion Backpack"}


def test_which_of_the_two_compares_the_products_answered_in_turn(dialogue_service):
    *_, reply = _chat(dialogue_service, "is the summit watch waterproof?",
                      "and the cruise dual analog watch, what is the band made of",
                      "which of the two is cheaper")
    assert reply.text.startswith("The Summit Watch is the cheaper one")
