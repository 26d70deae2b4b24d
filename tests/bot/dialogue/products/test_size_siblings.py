"""A bigger or smaller one of the product just answered, where each size is a product of its own."""

from __future__ import annotations

from kb import Product

from bot.dialogue.products import size_siblings

# names as Vendure's mock catalog writes them (bench/data/stores/vendure_sample/products.csv)
_CATALOG = [Product("C24F390", "Curvy Monitor (24 inch)", "", 143.74),
            Product("C27F390", "Curvy Monitor (27 inch)", "", 169.94),
            Product("L1308", "Laptop (13 inch, 8GB)", "", 1299.0), Product("L1316", "Laptop (13 inch, 16GB)", "", 2199.0),
            Product("L1508", "Laptop (15 inch, 8GB)", "", 1399.0), Product("L1516", "Laptop (15 inch, 16GB)", "", 2299.0),
            Product("B1", "2001", "", 7.99), Product("B2", "2001", "", 14.99)]


def _by_sku(sku: str) -> Product:
    return next(p for p in _CATALOG if p.sku == sku)


def test_the_next_size_up_or_down_is_the_sibling_of_the_same_name():
    found = size_siblings.next_size(_by_sku("C24F390"), _CATALOG, "does it come in a bigger size")
    assert found.sku == "C27F390"
    assert size_siblings.next_size(_by_sku("C27F390"), _CATALOG, "is there a smaller one").sku == "C24F390"
    assert size_siblings.next_size(_by_sku("C27F390"), _CATALOG, "does it come in a bigger size") is None
    reply = size_siblings.reply(_by_sku("C24F390"), found, "EUR")
    assert "169.94" in reply.text and reply.citations[0].id == "product:C27F390"


def test_a_sibling_keeps_the_other_measures_and_a_name_of_numbers_alone_has_none():
    assert size_siblings.next_size(_by_sku("L1508"), _CATALOG, "any smaller ones?").sku == "L1308"
    assert size_siblings.next_size(_by_sku("L1316"), _CATALOG, "bigger screen?").sku == "L1516"
    assert size_siblings.next_size(_by_sku("B1"), _CATALOG, "is there a bigger one") is None
    assert size_siblings.next_size(_by_sku("C24F390"), _CATALOG, "how much is it") is None
