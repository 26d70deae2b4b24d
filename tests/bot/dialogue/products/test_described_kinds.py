"""Kinds of goods a catalog names only in descriptions: a category's description copied into
each of its products ("Dairy Products: Cheeses."), or a description that opens by naming what
the product is ("Four person modern office workstation"); never the words a description tells
with ("a grater for grating cheese")."""

from __future__ import annotations

from kb import Product

from bot.dialogue.products.catalog_terms import CatalogTerms, stem
from bot.dialogue.products.described_kinds import category_kinds, description_head, kind_forms


def _cheese(sku: str, name: str) -> Product:
    return Product(sku, name, "Dairy Products: Cheeses.\nPack: 12 - 100 g pkgs.", 20.0,
                   categories=("Dairy Products",))


def _beer(sku: str, name: str) -> Product:
    return Product(sku, name, "Beverages: Soft drinks, coffees, teas, beers, and ales.\nPack: 24 bottles.",
                   14.0, categories=("Beverages",))


_DELI = [_cheese("C-1", "Queso Cabrales"), _cheese("C-2", "Geitost"), _cheese("C-3", "Camembert Pierrot"),
         _beer("B-1", "Steeleye Stout"), _beer("B-2", "Outback Lager"), _beer("B-3", "Sasquatch Ale")]


def test_a_line_every_product_of_a_category_holds_under_its_name_describes_it():
    kinds = category_kinds(_DELI, stem)
    assert {"chees", "cheese"} <= kinds["Dairy Products"]
    assert {"beer", "coffee", "drink"} <= kinds["Beverages"]
    assert "and" not in kinds["Beverages"]


def test_a_shared_line_not_labelled_with_the_category_names_no_kind():
    # "10-year Limited Warranty" under every chair, "Features:": no kind of goods
    chairs = [Product(f"O-{i}", f"Chair {i}", "10-year Limited Warranty\nFeatures:", 99.0,
                      categories=("Office Furniture",)) for i in range(4)]
    assert category_kinds(chairs, stem) == {}


def test_a_category_of_fewer_than_three_products_has_no_description_read():
    assert category_kinds(_DELI[:2] + _DELI[3:5], stem) == {}


def test_a_description_opening_with_a_bare_name_gives_its_kind():
    def head(text: str) -> str | None:
        return description_head(Product("X", "X", text, 1.0))

    assert head("Four person modern office workstation\n\nReference: FURN_8220") == "workstation"
    assert head("Three Seater Sofa with Lounger") == "sofa"
    assert head("Episode from \"The Office, Season 3\" by The Office.") == "episode"
    # a sentence that tells, a labelled field or markup names nothing the store need sell
    assert head("The Grater in Black is a handy kitchen tool for grating cheese.") is None
    assert head("Reference: FURN_7777") is None
    assert head("<div>Imagine the advantages</div>") is None
    assert head("") is None


def test_plural_forms_meet_the_asked_stems():
    assert kind_forms("cheeses", stem) >= {stem("cheeses"), stem("cheese")}
    assert stem("candy") in kind_forms("candies", stem)


def test_a_kind_named_only_in_descriptions_is_sold_and_its_products_are_of_it():
    terms = CatalogTerms(_DELI + [Product("W-1", "Four Person Desk", "Four person modern office workstation",
                                          2350.0, categories=("Office Furniture",))])
    for text in ("show me ur cheeses", "do you have cheese", "any beer?", "do you sell workstations"):
        assert terms.sells(terms.asked_kind(text)), text
    assert terms.is_kind(_DELI[0], terms.asked_kind("show me ur cheeses"))
    assert not terms.is_kind(_DELI[3], terms.asked_kind("show me ur cheeses"))
    assert not terms.sells(terms.asked_kind("do you sell olive oil"))


def test_a_word_a_description_tells_with_sells_nothing():
    grater = Product("G-1", "Grater Black", "The Grater in Black is a handy kitchen tool for grating cheese.",
                     10.99, categories=("Kitchen/Kitchen tools/Graters",))
    jacket = Product("J-1", "Montana Wind Jacket", "A light jacket for windy days.", 49.0,
                     categories=("Men/Jackets",))
    terms = CatalogTerms([grater, jacket])
    assert not terms.sells(terms.asked_kind("do you sell cheese"))
    assert not terms.named_so(terms.asked_kind("do you sell dog jackets"))
