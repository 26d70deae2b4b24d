"""A product out of stock asked when it comes back: what its own record says of more coming
("70 more on order from the supplier") is the answer; a record silent on it gets no date."""

from __future__ import annotations

from bot.dialogue.products import product_answers, restock
from kb import Product

_ON_ORDER = Product("NW-31", "Gorgonzola Telino", "Dairy Products: Cheeses.\nPack: 12 - 100 g pkgs.\n"
                    "Out of stock; 70 more on order from the supplier.", 12.5, in_stock=False)
_SILENT = Product("NW-17", "Alice Mutton", "Meat/Poultry: Prepared meats.\nPack: 20 - 1 kg tins.",
                  39.0, in_stock=False)


def test_the_record_s_lines_of_more_coming_are_said():
    lines = ["Pack: 24 bottles", "Back in stock in May", "Expected back on 3 March", "Back in stock in May."]
    assert restock.coming_lines(lines) == ["Back in stock in May", "Expected back on 3 March"]
    assert restock.coming_lines(["Made by Exotic Liquids, London, UK", "On sale"]) == []


def test_when_it_comes_back_answers_from_the_record_else_admits_no_date():
    found = product_answers.answer(_ON_ORDER, "when will gorgonzola be back in stock", "SGD")
    assert "70 more on order from the supplier" in found.text and not found.admits
    assert "don't have a date" not in found.text
    silent = product_answers.answer(_SILENT, "when will alice mutton be back in stock", "SGD")
    assert "don't have a date for it to come back" in silent.text and silent.admits
