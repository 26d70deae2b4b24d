"""Prices of a product record beyond its price: the unit of sale, a count asked (with the
quantity breaks), the store's other price lists (MSRP, RRP); products made here, no store's."""

from __future__ import annotations

from bot.dialogue.products import product_answers, product_prices
from kb import Product
from kb.types import PriceTier

KIT = Product("GK-3", "Pruning Kit", "Three hand tools in a roll.\nBlade: carbon steel", 30.0,
              unit="set", price_lists={"rrp": 36.0})
LANTERN = Product("GL-2", "Camp Lantern", "Runs on batteries.", 25.0, unit="item")
CART = Product("GC-1", "Garden Cart", "Folds flat.", 89.0)


def test_a_price_list_and_the_unit_of_sale_are_answered():
    rrp = product_answers.describe(KIT, "what's the recommended retail price on the pruning kit", "GBP")
    assert "£30.00 per set" in rrp and "RRP is £36.00" in rrp
    unit = product_answers.describe(KIT, "is that per piece or for the whole set?", "GBP")
    assert unit.startswith("The Pruning Kit is sold per set")
    # an item sold singly says no unit; "per minute" asks no unit of sale
    assert "per" not in product_answers.describe(LANTERN, "how much is it", "GBP")
    assert not product_prices.asks_price_terms(KIT, "how many cuts per minute")


def test_a_count_asked_is_priced_with_its_quantity_break():
    pots = Product("TP-9", "Terracotta Pot", "Frost proof.", 4.0, tier_prices=(PriceTier(10, 3.5),))
    assert "come to €8.00" in product_answers.describe(pots, "how much for two of them?", "EUR")
    tens = product_answers.describe(pots, "price if i buy 10", "EUR")
    assert "€3.50" in tens and "come to €35.00" in tens
    # a size or a measure is no count
    assert product_prices.asked_count("how much for 30 cm of hose") == 0
    assert product_prices.asked_count("how much for 13 inch") == 0


def test_a_list_price_the_store_does_not_keep_is_said_so():
    said = product_answers.describe(CART, "whats the msrp", "EUR")
    assert "€89.00" in said and "no msrp" in said


def test_a_size_priced_apart_is_quoted_at_its_own_price():
    from bot.dialogue.products.catalog_terms import CatalogTerms
    from kb.types import Variant

    tin = Product("WP-1", "Wall Paint", "Matt finish.", 15.0, variants=(
        Variant("WP-1-1L", "1l", None, 15.0, 5, True), Variant("WP-1-5L", "5l", None, 49.0, 5, True)))
    terms = CatalogTerms((tin,))
    said = product_answers.describe(tin, "how much is the 5l wall paint", "CAD", terms)
    assert "49.00" in said and "15.00" not in said
    # a size at the product's own price adds nothing: the product's price is the answer
    assert "15.00" in product_answers.describe(tin, "how much is the 1l wall paint", "CAD", terms)


def test_a_colour_asked_its_price_is_quoted_even_at_the_products_own_price():
    from kb.types import Variant

    tee = Product("VT-1", "Vee Tee", "Cotton.", 15.0, variants=(
        Variant("VT-1-R", None, "Red", 20.0, 5, True), Variant("VT-1-B", None, "Blue", 15.0, 5, True)))
    assert product_prices.option_prices(tee, "how much is it in blue", (), "GBP") == ["The Blue one costs £15.00."]
    assert product_prices.option_prices(tee, "how much is it in red", (), "GBP") == ["The Red one costs £20.00."]
    # asked whether it comes in blue, not its price: the product's own price adds nothing
    assert product_prices.option_prices(tee, "does it come in blue", (), "GBP") == []


def test_one_of_goods_sold_by_the_case_gets_the_unit_of_sale():
    ale = Product("BA-1", "Harbour Ale", "A pale ale.", 14.0, unit="case of 24 x 12 oz bottles")
    for question in ("can i buy just one bottle of harbour ale?? dont need a whole case",
                     "do you sell single bottles of the harbour ale", "can i order 1 bottle rather than the case"):
        said = product_answers.describe(ale, question, "SGD")
        assert said.startswith("The Harbour Ale is sold per case of 24 x 12 oz bottles"), said


def test_goods_with_no_unit_of_sale_are_sold_one_at_a_time_in_their_sizes():
    from kb.types import Variant
    juice = Product("OJ", "Orange Juice", "Pressed.", 5.0, variants=(
        Variant("OJ-500", "500ml", None, 5.0, 9, True), Variant("OJ-1L", "1l", None, 5.0, 9, True),
        Variant("OJ-2L", "2l", None, 7.0, 9, True)))
    said = product_answers.describe(juice, "can i buy just one bottle of orange juice or does it come in a pack", "CAD")
    assert said == "The Orange Juice is sold one at a time, in 500ml (C$5.00), 1l (C$5.00) or 2l (C$7.00)."
    assert product_answers.describe(CART, "is the garden cart sold by the piece", "GBP").startswith(
        "The Garden Cart is sold one at a time: it costs £89.00")
    assert not product_prices.asks_price_terms(CART, "can i get one by friday")
