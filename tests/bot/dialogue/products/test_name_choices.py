"""Words several product names hold: the products they fit, offered as a choice."""

from __future__ import annotations

from kb import Product

from bot.dialogue.products.name_choices import fitting

CATALOG = [
    Product("T-2P", "TrailMaster Lite 2P", "A two-person tent.", 219.99, categories=("Tents",)),
    Product("P-45", "TrailMaster 45L", "A weekend backpack.", 189.99, categories=("Backpacks",)),
    Product("MS-C", "Compound Miter Saw 10-inch", "A miter saw.", 275.0),
    Product("MS-K", "Cordless Miter Saw 10-inch", "A cordless miter saw.", 365.0),
    Product("MS-S", "Sliding Miter Saw 12-inch", "A sliding miter saw.", 475.0),
    Product("FL-1", "Handheld Flashlight", "A flashlight.", 16.99),
    Product("FL-2", "Industrial Handheld Flashlight", "A flashlight.", 29.99),
]


def skus(products):
    return sorted(p.sku for p in products)


def test_a_word_two_names_hold_fits_both():
    assert skus(fitting(CATALOG, "how much is the trailmaster")) == ["P-45", "T-2P"]


def test_every_word_counts_numbers_too():
    assert skus(fitting(CATALOG, "how much is the 10 inch miter saw")) == ["MS-C", "MS-K"]


def test_a_name_said_whole_or_alone_is_no_choice():
    assert fitting(CATALOG, "how much is the handheld flashlight") == []  # one name, said whole
    assert fitting(CATALOG, "how much is the trailmaster 45l") == []  # one name holds "45l"
    assert fitting(CATALOG, "how much is the tent") == []  # no name holds it


def test_a_bare_number_is_the_name_word_with_its_unit():
    lights = [Product("FL-1", "Halo 30W LED Floodlight", "A floodlight.", 49.0),
              Product("FL-2", "Halo 50W LED Floodlight with Sensor", "A floodlight.", 79.0),
              Product("FL-3", "Halo 100W Stadium Floodlight", "A floodlight.", 189.0)]
    assert fitting(lights, "and the halo 100?") == []  # "100" says Halo 100W: one name, no choice
    assert skus(fitting(lights, "how much is the halo")) == ["FL-1", "FL-2", "FL-3"]
    assert fitting(lights + [Product("FL-4", "Halo 100L Tank", "A tank.", 9.0)], "and the halo 100?") != []


def test_a_question_word_two_names_hold_names_neither():
    books = [Product("B-1", "The Girl Who Kicked the Hornet's Nest", "A novel.", 15.99),
             Product("B-2", "The Girl Who Played with Fire", "A novel.", 9.99)]
    assert fitting(books, "who wrote it") == []  # "who" asks; it names no book
    assert skus(fitting(books, "how much is the girl who")) == ["B-1", "B-2"]
