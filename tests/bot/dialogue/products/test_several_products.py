"""A price or stock question naming several products, answered of each
(bot/dialogue/products/several_products.py); products made here, no store's."""

from __future__ import annotations

from bot.dialogue.products import several_products
from bot.dialogue.state import DialogueState
from kb import Product

ROPE = Product("JR-1", "Speed Jump Rope", "A rope for skipping.", 12.0)
ROLLER = Product("FR-2", "Foam Roller", "A firm roller.", 19.0)
ROPE_TWIN = Product("JR-9", "Speed Jump Rope", "The same rope, boxed.", 14.0)


def test_a_price_question_of_two_products_is_answered_of_each_and_both_are_shown():
    state = DialogueState()
    question = "how much are the speed jump rope and the foam roller"
    assert several_products.asks_each(question, [ROPE, ROLLER])
    reply = several_products.answer([ROPE, ROLLER], question, "USD", None, state)
    assert "Speed Jump Rope costs $12.00" in reply.text and "Foam Roller costs $19.00" in reply.text
    # the other's name is no feature asked of one ("can't find anything about foam roller")
    assert "can't find" not in reply.text
    assert [card.sku for card in reply.products] == ["JR-1", "FR-2"]
    assert state.in_view == ["JR-1", "FR-2"]


def test_one_name_twice_or_a_question_of_no_price_or_stock_is_not_asked_of_each():
    assert several_products.asks_each("do you sell jump ropes and foam rollers?", [ROPE, ROLLER])
    assert not several_products.asks_each("how much is the speed jump rope", [ROPE, ROPE_TWIN])
    assert not several_products.asks_each("which is longer, the rope or the roller", [ROPE, ROLLER])


def test_the_demo_answers_each_product_named_and_which_one_reads_those_shown(dialogue_service, demo_kb):
    import uuid

    from bot.types import ChannelMessage

    session = f"several-{uuid.uuid4().hex[:8]}"
    hoodies = [p for p in demo_kb.products if p.name in ("Hero Hoodie", "Chaz Kangeroo Hoodie")]
    first = dialogue_service.reply(ChannelMessage(
        session, "how much are the hero hoodie and the chaz kangeroo hoodie")).reply
    assert all(f"${p.price:.2f}" in first.text for p in hoodies) and len(first.products) == 2
    orange = [p.name for p in hoodies if "Orange" in p.colors]
    second = dialogue_service.reply(ChannelMessage(session, "which one comes in orange?")).reply
    assert orange and orange[0] in second.text and "don't sell" not in second.text
