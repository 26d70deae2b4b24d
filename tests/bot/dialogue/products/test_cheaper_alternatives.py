"""A cheaper one than the product just answered: others of its kind that cost less."""

from __future__ import annotations

from dataclasses import replace

from bot.dialogue.products import cheaper_alternatives


def test_asking_for_another_cheaper_product_is_told_from_pointing_at_one_in_view():
    for text in ("is there a cheaper one", "anything cheaper?", "do you have something less expensive",
                 "any cheaper options", "got a cheaper one?", "cheaper?"):
        assert cheaper_alternatives.asks(text), text
    for text in ("the cheaper one", "which is cheaper", "how much is the cheaper one", "how much is it"):
        assert not cheaper_alternatives.asks(text), text


def test_the_cheaper_products_share_the_category_nearest_in_price_first(second_kb):
    wireless = second_kb.product("PS-310")  # a barcode scanner at 139.00; the corded one is 89.00
    assert [p.sku for p in cheaper_alternatives.cheaper_than(wireless, second_kb.products)] == ["PS-300"]
    stadium = second_kb.product("FL-300")  # floodlights: 189.00; 79.00 on special at 69.00; 49.00
    assert [p.sku for p in cheaper_alternatives.cheaper_than(stadium, second_kb.products)] == ["FL-200", "FL-100"]
    reply = cheaper_alternatives.reply(stadium, second_kb.products, second_kb.currency)
    assert "69.00" in reply.text and [c.sku for c in reply.products] == ["FL-200", "FL-100"]


def test_the_cheapest_of_its_kind_says_so_and_shows_nothing(second_kb):
    corded = second_kb.product("PS-300")
    reply = cheaper_alternatives.reply(corded, second_kb.products, second_kb.currency)
    assert not reply.products and "lowest-priced" in reply.text


def test_a_cheaper_one_sold_out_is_no_claim_of_being_the_cheapest(second_kb):
    scanners = [replace(p, in_stock=False) if p.sku == "PS-300" else p for p in second_kb.products]
    reply = cheaper_alternatives.reply(second_kb.product("PS-310"), scanners, second_kb.currency)
    assert not reply.products and "lowest-priced" not in reply.text and "is in stock" in reply.text


def test_an_unpriced_product_is_compared_with_nothing(second_kb):
    unpriced = replace(second_kb.product("PS-310"), price=0.0, special_price=None)
    reply = cheaper_alternatives.reply(unpriced, second_kb.products, second_kb.currency)
    assert not reply.products and "no listed price" in reply.text and "lowest" not in reply.text
