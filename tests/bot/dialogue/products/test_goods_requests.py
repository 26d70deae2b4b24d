"""A request for goods read as a product search (bot/dialogue/products/goods_requests)."""

from __future__ import annotations


def test_a_product_named_whole_is_that_products_question_not_its_kinds_search():
    from bot.dialogue.products.goods_requests import _named_whole
    assert _named_whole("driven backpack", "Driven Backpack")
    assert _named_whole("the chaz kangeroo hoodie", "Chaz Kangeroo Hoodie")
    # part of a name asks for the kind; a one-word name is its kind too
    assert not _named_whole("running shorts", "Apollo Running Short")
    assert not _named_whole("water bottle", "Affirm Water Bottle")
    assert not _named_whole("lipstick", "Lipstick")


def test_a_scheme_of_the_store_is_no_goods_to_search():
    from bot.dialogue.products.goods_requests import REQUEST, _NOT_GOODS
    for text in ("do you have a loyalty points program?", "do u have a rewards scheme", "do you offer memberships"):
        assert REQUEST.search(text) and _NOT_GOODS.search(text)
    assert not _NOT_GOODS.search("do you sell messenger bags")
