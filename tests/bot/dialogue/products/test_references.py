"""What a short follow-up points at (bot/dialogue/products/references.py) and what it is answered, read
against two bench stores' catalogs (juices and paints in litres, displays in colours)."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.dialogue.products import product_acts, product_answers, product_prices, references
from bot.dialogue.products.catalog_terms import CatalogTerms
from kb import KnowledgeBase

_STORES = Path(__file__).resolve().parents[4] / "bench" / "data" / "stores"


@pytest.fixture(scope="module")
def groceries():
    kb = KnowledgeBase.from_folder(_STORES / "saleor_sample")
    return kb, CatalogTerms(kb.products)


@pytest.fixture(scope="module")
def electronics():
    kb = KnowledgeBase.from_folder(_STORES / "opencart_sample")
    return kb, CatalogTerms(kb.products)


def test_a_measured_size_is_read_in_any_spelling_and_a_longer_number_is_not_it(groceries):
    _, terms = groceries
    assert terms.sizes_in("y en botella de 2 litros?") == ("2l",)
    assert terms.sizes_in("and in 2 liter") == ("2l",)
    assert terms.sizes_in("500 ml please") == ("500ml",)
    assert terms.sizes_in("how much is the 2,5 litros") == ("2.5l",)
    assert terms.sizes_in("the 2.5l can") == ("2.5l",)  # not the 5l as well
    assert terms.sizes_in("the 45 cm one") == ("45cm x 45cm",)  # a square size by its side
    assert terms.sizes_in("12l or 0.5l") == ()


def test_a_follow_up_naming_a_size_or_colour_of_the_product_in_focus_asks_it(groceries, electronics):
    kb, terms = groceries
    juice = kb.product("APPLE-JUICE")
    assert references.asks_an_option(juice, "and in 2l?", terms)
    assert not references.asks_an_option(juice, "and in 3l?", terms)  # not a size it comes in
    assert not references.asks_an_option(juice, "do you sell anything in 2l bottles besides juice for a party "
                                                "this weekend at my place", terms)  # a new request
    kb, terms = electronics
    assert references.asks_an_option(kb.product("CANON-EOS-5D"), "does it come in blue", terms)
    assert references.asks_an_option(kb.product("APPLE-CINEMA-30"), "and the green one?", terms)


def test_the_x_one_points_at_a_product_in_view_or_of_the_focus_kind_and_a_colour_of_it_at_none(
        groceries, electronics):
    kb, terms = groceries
    paints = [p for p in kb.products if p.name.endswith("Paint")]
    assert references.pointed("how much is the navy one in 2.5l", paints, None, kb.products, terms).sku == \
        "SPACE-DUST-NAVY-PAINT"
    white = kb.product("WHITE-PARROT-CUSHION")
    assert references.pointed("id rather get the colored one", [], white, kb.products, terms).sku == \
        "COLORED-PARROT-CUSHION"
    assert references.pointed("the cheaper one", paints, None, kb.products, terms) is None  # by price: context's
    assert references.pointed("the juice one", paints, None, kb.products, terms) is None  # no paint holds it
    kb, terms = electronics
    display = kb.product("APPLE-CINEMA-30")
    assert references.pointed("and the green one?", [], display, kb.products, terms) is None  # its own colour


def test_a_size_or_colour_priced_apart_is_quoted_at_its_own_price(groceries, electronics):
    kb, terms = groceries
    said = product_answers.answer(kb.product("APPLE-JUICE"), "and in 2l?", "CAD", terms).text
    assert "C$7.00" in said and "C$5.00" not in said
    kb, terms = electronics
    display = kb.product("APPLE-CINEMA-30")
    assert product_prices.option_prices(display, "and the green one?", (), "AUD") == ["The Green one costs A$101.00."]
    assert product_prices.option_prices(display, "how much is it", (), "AUD") == []


def test_a_correction_with_its_own_question_asks_that_question(groceries):
    kb, _ = groceries
    assert product_acts.asks_its_own("oops no i meant the power juice, what flavour is it", kb.product("POWER-JUICE"))
    assert not product_acts.asks_its_own("sorry i meant the white wine", kb.product("WHITE-WINE"))
    assert not product_acts.asks_its_own("hmm, what about the white wine", kb.product("WHITE-WINE"))


def test_a_colour_asked_of_the_product_in_focus_is_answered_with_its_own_price(electronics):
    from datetime import date

    from models import Entities, NluResult, Sentiment

    from bot.dialogue.state import DialogueState
    from bot.dialogue.turn import Turn
    from bot.dialogue.understanding import Understanding
    from bot.types import Session

    kb, _ = electronics
    nlu = Understanding(NluResult("product_question", 0.7, False), Entities(colors=("Green",)),
                        Sentiment("neutral", 0.9))
    acts = product_acts.ProductActs(kb, search=None, today=lambda: date(2025, 6, 1))
    reply = acts.answer(Turn(Session("s"), "and the green one?", nlu), DialogueState(focus="APPLE-CINEMA-30"))
    assert "comes in colour Green" in reply.text and "A$101.00" in reply.text


def test_the_x_one_after_a_short_list_points_at_one_of_the_lists_kind_not_shown(groceries):
    kb, terms = groceries
    shown = [kb.product("NEBULA-NIGHT-SKY-PAINT"), kb.product("RED-DWARF-RED-PAINT")]
    assert references.pointed("how much is the navy one in 2.5l", shown, None, kb.products, terms).sku == \
        "SPACE-DUST-NAVY-PAINT"


def test_a_colour_word_of_the_name_asks_no_colour_and_a_name_is_said_without_its_measures():
    from models import Entities, NluResult, Sentiment

    from bot.dialogue.conversation import Conversation
    from bot.dialogue.understanding import Understanding

    kb = KnowledgeBase.from_folder(_STORES / "saleor_sample")
    navy = kb.product("SPACE-DUST-NAVY-PAINT")
    entities = Entities(colors=("Blue",), sizes=("2.5L",))
    assert product_answers.asked_variants(navy, entities, "how much is the navy one in 2.5l")[1] == ()
    assert product_answers.asked_variants(navy, entities, "do you have it in blue")[1] == ("Blue",)
    oro = KnowledgeBase.from_folder(_STORES / "oro_sample")
    nlu = Understanding(NluResult("other", 0.5, False), Entities(), Sentiment("neutral", 0.9))
    conversation = Conversation(oro, search=None)
    assert conversation.names.named("hmm too big, what about the round meeting table", nlu) == ["6PM40"]
    assert not product_acts.asks_its_own("hmm too big, what about the round meeting table", oro.product("6PM40"))
    assert conversation.names.named("the 4 drawer file cabinet", nlu) == []  # two cabinets start so: neither


def test_a_correction_of_an_option_asks_the_last_question_with_the_new_option():
    from kb import Product
    from kb.types import Variant
    from models.nlu.types import Entities

    tee = Product("VT-1", "Vee Tee", "Cotton.", 15.0, variants=(
        Variant("VT-1-R", None, "Red", 20.0, 5, True), Variant("VT-1-B", None, "Blue", 15.0, 5, True)))
    blue = Entities(colors=("Blue",))
    assert product_acts._with_options("how much is the vee tee in red", "sorry i meant blue", tee, blue) \
        == "how much is the vee tee in Blue"
    assert product_acts._with_options("how much is it", "no wait, blue", tee, blue) == "how much is it in Blue"
    # a correction that asks its own question, or names no option, keeps its own words
    assert product_acts._with_options("how much is it in red", "sorry, is blue cotton", tee, blue) is None
    assert product_acts._with_options("how much is it in red", "sorry i meant the tee", tee, Entities()) is None


def test_a_correction_naming_an_option_of_the_product_in_focus_asks_it(electronics):
    kb, terms = electronics
    camera = kb.product("CANON-EOS-5D")
    assert references.asks_an_option(camera, "sorry i meant blue", terms)
    assert references.asks_an_option(camera, "no wait, blue", terms)
    assert not references.asks_an_option(camera, "sorry i meant purple", terms)  # not a colour it comes in


def test_the_x_one_after_a_product_weighs_its_shelf_when_x_fits_several_of_its_name_kind():
    from kb import Product

    metric = Product("W1", "Metric Wrench Set", "", 49.0, categories=("Hand Tools/Wrenches",))
    sae_wrenches = Product("W2", "Combination Wrench Set SAE", "", 45.0, categories=("Hand Tools/Wrenches",))
    sae_keys = Product("K1", "SAE Hex Key Set", "", 12.0, categories=("Hand Tools/Allen Keys",))
    catalog = [metric, sae_wrenches, sae_keys]
    terms = CatalogTerms(catalog)
    assert references.pointed("sorry i meant the sae one", [], metric, catalog, terms).sku == "W2"
    # "sae" read as a product by name yields to the pointing only when it is all the mention says
    assert references.only_in_the_one("sorry i meant the sae one", ["sae"])
    assert not references.only_in_the_one("sorry i meant the sae hex key set", ["sae hex key set"])
    assert not references.only_in_the_one("how much is the sae hex key set", ["sae hex key set"])


def test_the_large_alone_is_a_size_of_the_product_in_focus_and_the_large_bag_is_not():
    kb = KnowledgeBase.demo()
    terms = CatalogTerms(kb.products)
    jacket = next(p for p in kb.products if p.name == "Stellar Solar Jacket")  # S, M, L only
    assert terms.sizes_in("ok then the large, how much") == ("L",)
    assert terms.sizes_in("the large backpack please") == ()
    assert references.asks_an_option(jacket, "ok then the large, how much", terms)
    assert not references.asks_an_option(jacket, "ok then the extra large", terms)  # not one of its sizes
    said = product_answers.describe(jacket, "ok then the large, how much", "USD", terms)
    assert "comes in L" in said and "$75.00" in said and "anything about" not in said


def test_an_option_of_the_product_in_focus_asked_its_price_or_stock_or_after_fillers_asks_it(groceries):
    kb, terms = groceries
    juice = kb.product("PINEAPPLE-JUICE")
    assert references.asks_an_option(juice, "how much is the 2l", terms)
    assert references.asks_an_option(kb.product("WHITE-PARROT-CUSHION"), "is the 45cm one still in stock", terms)
    paint = kb.product("HYPERSPACE-TURQUOISE-PAINT")
    assert references.asks_an_option(paint, "hmm what about the 5l, is that a better deal", terms)
    assert not references.asks_an_option(paint, "i need 5l of something for the fence", terms)
    assert not references.asks_an_option(juice, "how much is the 3l", terms)  # not a size it comes in
