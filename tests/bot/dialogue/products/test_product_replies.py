"""Product search replies on the demo store: a kind or an audience the store does not sell is
said plainly, and a colour nothing of the asked kind comes in is said, never hidden behind
other kinds in that colour (the second store's twins are in test_any_store.py)."""

from __future__ import annotations

import uuid

import pytest

from bot.types import ChannelMessage


def _search(service, text: str):
    return service.reply(ChannelMessage(f"pr-{uuid.uuid4().hex[:8]}", text)).reply


@pytest.mark.parametrize("text, phrase", [
    ("do you carry kids clothes", "kids clothes"),
    ("any baby shoes?", "baby shoes"),
])
def test_an_audience_the_store_has_nothing_for_is_said_plainly(dialogue_service, text, phrase):
    reply = _search(dialogue_service, text)
    assert reply.text.startswith(f"Sorry, we don't sell {phrase}.")


@pytest.mark.parametrize("color", ["red", "pink"])
def test_a_colour_no_product_of_the_kind_comes_in_is_said(dialogue_service, demo_kb, color):
    # no backpack of the demo store has a colour; other kinds do come in red
    reply = _search(dialogue_service, f"do you have {color} backpacks")
    assert f"couldn't find any in {color}" in reply.text
    assert reply.products and all("backpack" in c.name.lower() for c in reply.products)


def test_a_colour_the_kind_comes_in_keeps_only_that_colour(dialogue_service):
    reply = _search(dialogue_service, "show me black running shorts for men")
    assert reply.text.startswith("Here is what I found")
    assert reply.products and all("Black" in c.colors for c in reply.products)


def test_a_colour_or_a_price_after_a_search_refines_it(dialogue_service):
    session = f"pr-{uuid.uuid4().hex[:8]}"
    ask = lambda text: dialogue_service.reply(ChannelMessage(session, text)).reply
    assert ask("show me running shorts for men").products
    black = ask("any in black?")
    assert "don't sell" not in black.text
    assert black.products and all("Black" in c.colors and "Short" in c.name for c in black.products)
    cheaper = ask("actually make it under 30")
    assert cheaper.products and all((c.special_price or c.price) <= 30 and "Short" in c.name
                                    for c in cheaper.products)


def test_a_new_limit_alone_refines_the_last_search(dialogue_service):
    session = f"pr-{uuid.uuid4().hex[:8]}"
    ask = lambda text: dialogue_service.reply(ChannelMessage(session, text)).reply
    assert ask("got any tees").products
    women = ask("for women actually")
    assert women.products and all("Tee" in c.name or "Top" in c.name for c in women.products)
    cheaper = ask("under 25?")
    assert cheaper.products and all((c.special_price or c.price) <= 25 for c in cheaper.products)


def test_a_size_after_a_search_refines_it_and_keeps_its_colour(dialogue_service, demo_kb):
    session = f"pr-{uuid.uuid4().hex[:8]}"
    ask = lambda text: dialogue_service.reply(ChannelMessage(session, text)).reply
    assert ask("blue jackets for women").products
    small = ask("only need xs though")
    assert small.action == "product_search" and small.products
    for card in small.products:
        product = demo_kb.product(card.sku)
        assert "XS" in card.sizes and "Blue" in card.colors, card.name
        assert any("Women/Tops/Jackets" in path for path in product.categories), card.name


def test_another_kind_named_as_a_correction_is_searched_for_the_same_department(dialogue_service, demo_kb):
    session = f"pr-{uuid.uuid4().hex[:8]}"
    ask = lambda text: dialogue_service.reply(ChannelMessage(session, text)).reply
    assert ask("show me tees for men").products
    tanks = ask("sorry, tanks")
    assert tanks.action == "product_search" and tanks.products
    assert all(any("Men/Tops/Tanks" in path for path in demo_kb.product(c.sku).categories)
               for c in tanks.products)


@pytest.mark.parametrize("second", ["in black?", "rather in black", "hmm actually the black ones"])
def test_a_new_colour_after_a_search_replaces_the_old_one(dialogue_service, demo_kb, second):
    session = f"pr-{uuid.uuid4().hex[:8]}"
    ask = lambda text: dialogue_service.reply(ChannelMessage(session, text)).reply
    blue = ask("womens jackets in blue")
    assert blue.products and all("Blue" in c.colors for c in blue.products)
    black = ask(second)
    assert black.products and all("Black" in c.colors for c in black.products), second
    assert all(any("Women/Tops/Jackets" in path for path in demo_kb.product(c.sku).categories)
               for c in black.products)


def test_a_promotion_with_a_code_names_its_code_with_the_product(dialogue_service, demo_kb):
    from datetime import date

    coded = [p for p in demo_kb.promotions.current(date.today()).all() if p.coupon_code and p.skus]
    product = demo_kb.product(coded[0].skus[0])
    reply = _search(dialogue_service, f"is there a promo code for the {product.name}")
    assert coded[0].coupon_code in reply.text and product.name in reply.text


def test_a_kind_no_name_ends_with_keeps_the_goods_whose_name_holds_it():
    # northwind_trade: no name ends with "chocolate", a biscuit's name holds it; under a price cap
    # the lager at the same price is no chocolate
    from pathlib import Path
    from types import SimpleNamespace

    from kb import KnowledgeBase
    from bot.dialogue.products.catalog_terms import AskedKind, CatalogTerms
    from bot.dialogue.products.product_replies import of_kind

    stores = Path(__file__).resolve().parents[4] / "bench" / "data" / "stores"
    kb = KnowledgeBase.from_folder(stores / "northwind_trade")
    search = SimpleNamespace(terms=CatalogTerms(kb.products))
    found = [kb.product(sku) for sku in ("NW-19", "NW-48", "NW-70", "NW-21")]  # biscuits, chocolade, lager, scones
    assert [p.sku for p in of_kind(search, found, AskedKind("chocolate", "chocolate"))] == ["NW-19"]
    assert of_kind(search, found, AskedKind("crisps", "crisps")) == []
    cheeses = [kb.product(sku) for sku in ("NW-33", "NW-70")]
    assert [p.sku for p in of_kind(search, cheeses, AskedKind("cheese", "cheese"))] == ["NW-33"]
