"""The store's names kept as written in a reply to another language, and the sentences code
writes around a store's data (shipping quotes, promotions, contact) said wholly in it."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from bench.english_left import english_left
from bot.dialogue import written_replies
from bot.dialogue.language import kept_names, languages
from bot.dialogue.store_pages import contact_replies
from kb import KnowledgeBase

_STORES = Path(__file__).resolve().parents[4] / "bench" / "data" / "stores"
_LANGUAGES = ("es", "fr", "de", "pt", "it")


@pytest.fixture(scope="module")
def stores() -> dict[str, KnowledgeBase]:
    return {name: KnowledgeBase.from_folder(_STORES / name) for name in ("brightline", "woo_sample", "vendure_sample")}


def test_a_held_name_comes_back_unchanged_and_the_words_around_it_are_translated():
    names = ("Standard Shipping", "Hoodie with Logo", "Hoodie")
    text, held = kept_names.hold("standard (Standard Shipping) $5.00 for the Hoodie with Logo", names)
    assert held == ["Standard Shipping", "Hoodie with Logo"] and "Shipping" not in text
    assert kept_names.release(text, held) == "standard (Standard Shipping) $5.00 for the Hoodie with Logo"
    local = languages.localize("For a $40.00 order, shipping is: standard (Standard Shipping) $5.00.", "es", names)
    assert "(Standard Shipping)" in local and local.startswith("Para un pedido de $40.00")


def test_a_stores_names_are_its_products_method_labels_and_promotions(stores):
    names = kept_names.store_names(stores["woo_sample"])
    assert {"Hoodie with Logo", "Royal Mail Tracked 48", "Welcome offer"} <= set(names)


@pytest.mark.parametrize("language", _LANGUAGES)
def test_shipping_quotes_promotions_and_contact_of_any_store_leave_no_english(stores, language):
    asked = ("how much is shipping", "shipping on a 40 order", "shipping on a 500 order", "express to northern ireland",
             "shipping to europe on 30")
    for kb in stores.values():
        names = kept_names.store_names(kb)
        replies = [written_replies.shipping_quote(kb, text) for text in asked]
        replies += [written_replies.promotions(kb, "any promo codes?", date(2026, 12, 1)),
                    written_replies.promotions(kb, "does code SAVE20 work?", date(2026, 12, 1)),
                    contact_replies.contact(kb, "how can i reach you"), contact_replies.contact(kb, "when are you open")]
        texts = [r.text for r in replies if r is not None]
        texts.append("Shipping depends on your merchandise total. flat_rate (Royal Mail Tracked 48) £9.95. Tell me "
                     "your order total and I'll quote it exactly.")  # context_replies.shipping_quote, no bracket
        for text in texts:
            local = languages.localize(text, language, names + ("Royal Mail Tracked 48",))
            assert not english_left(local, language, names + tuple(kb.shipping.regions.values())), local


@pytest.mark.parametrize("language", _LANGUAGES)
def test_a_comparison_is_led_in_the_language_and_its_records_english_is_framed(stores, language):
    from bot.dialogue.products.product_compare import compare

    kb = stores["brightline"]
    names = kept_names.store_names(kb)
    for question in ("which is cheaper", "which one is heavier", "compare them"):
        english = compare([kb.product("FL-100"), kb.product("FL-200")], "EUR", question).text
        local = languages.localize(english, language, names)
        assert "Halo 30W LED Floodlight" in local and "€49.00" in local
        assert not english_left(local, language, names), local
        frames = ("(en inglés)", "(en anglais)", "(auf Englisch)", "(em inglês)", "(in inglese)")
        assert sum(local.count(frame) for frame in frames) == 1, local  # the records framed once
