"""Tests of entity extraction: order ids on real Bitext spans, catalog products, slots."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest

from models import CatalogItem, EntityExtractor, PriceRange, ProductMatch, Quantity
from models.nlu.entity_patterns import (find_emails, find_order_ids, find_price_range, find_quantities,
                                    find_sizes)

BITEXT = Path(__file__).resolve().parents[3] / "models" / "data" / "nlu" / "bitext_support" / "train.csv"

CATALOG = [
    CatalogItem("24-WG02", "Didi Sport Watch"),
    CatalogItem("24-WG01", "Bolo Sport Watch"),
    CatalogItem("24-MG04", "Aim Analog Watch"),
    CatalogItem("24-WG09", "Luma Analog Watch"),
    CatalogItem("MH01", "Chaz Kangeroo Hoodie", ("Black", "Gray", "Orange"), ("XS", "S", "M", "L", "XL")),
    CatalogItem("MH02", "Teton Pullover Hoodie", ("Black", "Purple", "Red"), ("XS", "S", "M", "L", "XL")),
    CatalogItem("MJ01", "Beaumont Summit Kit", ("Orange", "Red", "Yellow"), ("XS", "S", "M", "L", "XL")),
    CatalogItem("WS08", "Minerva LumaTech™ V-Tee", ("Black", "Blue", "Red"), ("XS", "S", "M", "L", "XL")),
    CatalogItem("MP01", "Caesar Warm-Up Pant", ("Black", "Gray", "Purple"), ("32", "33", "34", "36")),
    CatalogItem("24-WG082", "Sprite Stasis Ball 65 cm", (), ("65 cm",)),
]


@pytest.fixture(scope="module")
def extractor() -> EntityExtractor:
    return EntityExtractor(CATALOG)


def _bitext_rows() -> list[dict[str, str]]:
    with open(BITEXT, newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def test_order_ids_match_every_bitext_span_and_nothing_else():
    # All 3,599 real utterances: 377 carry an order-id span; invoice ids, amounts and names
    # in the others must not be taken for order ids.
    tp = fp = fn = 0
    for row in _bitext_rows():
        gold = set()
        if row["entity_type"] == "order_id":
            span = row["instruction"][int(row["start_offset"]):int(row["end_offset"])]
            gold = {re.sub(r"\W", "", span)}
        found = set(find_order_ids(row["instruction"]))
        tp, fp, fn = tp + len(gold & found), fp + len(found - gold), fn + len(gold - found)
    assert tp >= 370
    assert tp / (tp + fp) >= 0.98 and tp / (tp + fn) >= 0.98


@pytest.mark.parametrize("text, expected", [
    ("where is order #000123456?", ("000123456",)),
    ("order 12345 is late", ("12345",)),
    ("cancelling order732201349959", ("732201349959",)),
    ("my order number is ORD-884213", ("ORD-884213",)),
    ("tracking order 3707955617", ("3707955617",)),
    ("see invoice #12588", ()),
    ("call me at +1 5551234567", ()),
    ("refund of 12000 dollars", ()),
    ("my zip is 10001", ()),
    ("it costs $123456", ()),
    ("I was charged 12345.50", ()),
])
def test_order_id_patterns(text, expected):
    assert find_order_ids(text) == expected


def test_emails_are_found_and_not_taken_for_order_ids(extractor):
    found = extractor.extract("mail jane.doe+shop@mail.example.co.uk about 123456789, or a@b.io")
    assert found.emails == ("jane.doe+shop@mail.example.co.uk", "a@b.io")
    assert found.order_ids == ("123456789",)
    assert find_emails("no email here @ all") == ()


def test_products_exact_fuzzy_partial_and_sku(extractor):
    assert extractor.extract("is the Didi sport watch water resistant").products == (
        ProductMatch("24-WG02", "Didi sport watch", 1.0),)
    typo = extractor.extract("2 of the chaz kangaroo hoodie please").products
    assert [m.sku for m in typo] == ["MH01"] and 0.8 < typo[0].score < 1.0
    partial = extractor.extract("how warm is the teton pullover?").products
    assert [m.sku for m in partial] == ["MH02"] and partial[0].text == "teton pullover"
    assert extractor.extract("do you have mh01 in stock").products[0] == ProductMatch("MH01", "mh01", 1.0)
    assert extractor.extract("the minerva lumatech v-tee").products[0].sku == "WS08"


def test_nested_and_generic_mentions_do_not_add_products(extractor):
    # "analog watch" is inside "luma analog watch"; "sport watch" alone names no product.
    assert [m.sku for m in extractor.extract("price of the luma analog watch").products] == ["24-WG09"]
    assert extractor.extract("do you sell a sport watch").products == ()
    assert extractor.extract("I need a hoodie").products == ()


def test_sizes_colours_and_catalog_sizes(extractor):
    found = extractor.extract("do you have it in medium, grey or BLACK? and size 32 for the pant")
    assert found.colors == ("Gray", "Black")
    assert found.sizes == ("M", "32")
    assert find_sizes("XL and xs please") == ("XL", "XS")
    assert find_sizes("I'd like it in L") == ("L",)
    assert find_sizes("a small question about my order") == ()
    # "sizes" is the noun, not "size S"; shoppers type x-sizes lower-case
    assert find_sizes("what sizes does it come in?") == ()
    assert find_sizes("does the 2nd one come in xl or xxl") == ("XL", "XXL")
    assert find_sizes("size m please") == ("M",)
    assert extractor.extract("the 65 cm sprite ball").sizes == ("65 cm",)


@pytest.mark.parametrize("text, expected", [
    ("do you have waterproof jackets under $80", PriceRange(None, 80.0)),
    ("under 50", PriceRange(None, 50.0)),
    ("between 20 and 40 dollars", PriceRange(20.0, 40.0)),
    ("anything from $40 to $20?", PriceRange(20.0, 40.0)),
    ("tees $15-$25", PriceRange(15.0, 25.0)),
    ("over 100 bucks but less than 150", PriceRange(100.0, 150.0)),
    ("at least $1,200", PriceRange(1200.0, None)),
    ("shipping takes 3-5 days", None),
    ("I waited over 3 days", None),
    ("return within 30 days", None),
    # other currencies, as shoppers of a store in euro or pounds write them
    ("desk lamps under 50 euros", PriceRange(None, 50.0)),
    ("max €60", PriceRange(None, 60.0)),
    ("less than 30€ please", PriceRange(None, 30.0)),
    ("20-30 EUR", PriceRange(20.0, 30.0)),
    ("chairs 20 to 30 euros", PriceRange(20.0, 30.0)),
    ("20€-30€", PriceRange(20.0, 30.0)),
    ("between €20 and €40", PriceRange(20.0, 40.0)),
    ("under £15", PriceRange(None, 15.0)),
    ("below 20 GBP", PriceRange(None, 20.0)),
    ("mugs 10-15 pounds", PriceRange(10.0, 15.0)),
    ("size 32-34", None),
    ("2 to 3 eurostar tickets", None),
    # decimal commas and dot thousands, as shoppers in much of Europe write prices
    ("anything under 20,50 €?", PriceRange(None, 20.5)),
    ("a laptop for less than 1.300,00 €", PriceRange(None, 1300.0)),
    ("between 10,50 and 20,00 euros", PriceRange(10.5, 20.0)),
    ("€9,90-€19,90", PriceRange(9.9, 19.9)),
    ("15,50-25,50 EUR", PriceRange(15.5, 25.5)),
])
def test_price_ranges(text, expected):
    assert find_price_range(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("I want 2 pairs of socks", (Quantity(2, "pairs"),)),
    ("three tees and 1 hoodie", (Quantity(3, "tees"), Quantity(1, "hoodie"))),
    ("qty: 4", (Quantity(4, "item"),)),
    ("the blue one please", ()),
    ("it took 5 days and cost 30 dollars", ()),
    ("size 32 please", ()),
])
def test_quantities(text, expected):
    assert find_quantities(text) == expected


@pytest.mark.parametrize("text", ["", " ", "\x00\x01\ud800", "🙂" * 1000, "x" * 50_000,
                                  "Ünïcödé ñ 中文 العربية 🛒 order 123456",
                                  "".join(chr(i) for i in range(0, 3000, 7))])
def test_bad_input_gives_a_result(extractor, text):
    found = extractor.extract(text)
    assert isinstance(found.order_ids, tuple)


def test_non_string_input_is_a_clear_error(extractor):
    with pytest.raises(TypeError, match="str"):
        extractor.extract(b"order 123456")  # type: ignore[arg-type]


def test_invalid_settings_are_rejected():
    with pytest.raises(ValueError):
        EntityExtractor(CATALOG, min_product_score=0.0)
    with pytest.raises(ValueError):
        EntityExtractor(CATALOG, max_products=0)


def test_empty_catalog_still_extracts_other_slots():
    found = EntityExtractor([]).extract("2 red tees under $30, order 1234567")
    assert found.products == () and found.colors == ("Red",)
    assert found.order_ids == ("1234567",) and found.price_range == PriceRange(None, 30.0)


def test_short_order_numbers_follow_the_stores_numbering():
    """WooCommerce numbers orders from 1 and Shopify from #1001: with the store's fewest
    digits, "#57" and "order 1001" are order numbers; quantities and sizes never are."""
    woo = EntityExtractor([], order_number_digits=1)
    assert woo.extract("where is order #57?").order_ids == ("57",)
    assert woo.extract("order 1001 status please").order_ids == ("1001",)
    assert woo.extract("#1001").order_ids == ("1001",)
    assert woo.extract("I want 2 chairs in size 12").order_ids == ()
    shopify = EntityExtractor([], order_number_digits=4)
    assert shopify.extract("my order #1001").order_ids == ("1001",)
    assert shopify.extract("order #57").order_ids == ()
    demo = EntityExtractor([])  # 9-digit numbers: short ones stay quantities
    assert demo.extract("order #1001").order_ids == ()
    assert demo.extract("order 000000105").order_ids == ("000000105",)
    with pytest.raises(ValueError):
        EntityExtractor([], order_number_digits=0)


def test_kinds_of_goods_come_from_names_and_categories():
    extractor = EntityExtractor([
        CatalogItem("FL-100", "Halo 30W LED Floodlight", categories=("Lighting/Floodlights",)),
        CatalogItem("OF-200", "Sit-Stand Desk 140x70", categories=("Office Furniture/Desks",)),
        CatalogItem("PS-330", "Thermal Paper Rolls 80x80 (box of 20)",
                    categories=("POS Hardware/Consumables", "Sale")),
    ])
    assert extractor.extract("do you carry floodlights?").kinds == ("floodlight",)
    assert extractor.extract("any standing desks?").kinds == ("desk",)
    # a category name no product name repeats is not a kind ("Sale", "Consumables")
    assert extractor.extract("anything on sale? consumables?").kinds == ()
    # pack sizes in a name count little: the name without them still finds the product
    assert [m.sku for m in extractor.extract("How much are the Thermal Paper Rolls?").products] \
        == ["PS-330"]


def test_products_named_loosely_by_words_only_they_share():
    catalog = [
        CatalogItem("L-30", "Beam 30W LED Spotlight"), CatalogItem("L-50", "Beam 50W LED Spotlight with Timer"),
        CatalogItem("L-90", "Beam 90W Arena Spotlight"), CatalogItem("C-1", "Four-Shelf Storage Cupboard"),
        CatalogItem("C-2", "Slim Shelf Unit"), CatalogItem("K-1", "Quietype Mechanical Keyboard"),
        CatalogItem("K-2", "Cosy Reading Chair"), CatalogItem("K-3", "Compact Keyboard"),
    ]
    extractor = EntityExtractor(catalog, dictionary={"cosy", "compact", "reading", "keyboard"})
    skus = lambda text: [m.sku for m in extractor.extract(text).products]
    # a model number without its unit, beside the line's name
    assert skus("how many lumens does the beam 50 give") == ["L-50"]
    # two words side by side that only one name holds
    assert skus("what is the storage cupboard made of") == ["C-1"]
    # a made-up leading word names its product alone; an ordinary one does not
    assert skus("is the quietype loud") == ["K-1"]
    assert skus("is it cosy") == []
    # words that several names hold name none of them
    assert skus("how bright are the beam spotlights") == []
    # without a dictionary no single word is taken for a name
    assert [m.sku for m in EntityExtractor(catalog).extract("is the quietype loud").products] == []


def test_names_said_twice_or_with_common_words_only():
    catalog = [CatalogItem("N-13-8", "Notebook (13 inch, 8GB)"), CatalogItem("N-15-8", "Notebook (15 inch, 8GB)"),
               CatalogItem("N-13-16", "Notebook (13 inch, 16GB)"), CatalogItem("N-15-16", "Notebook (15 inch, 16GB)"),
               CatalogItem("R-8", "Memory Stick (8GB)"), CatalogItem("L-30", "Beam 30W Spotlight"),
               CatalogItem("L-50", "Beam 50W Spotlight")]
    extractor = EntityExtractor(catalog)
    skus = lambda text: [m.sku for m in extractor.extract(text).products]
    # three or more words side by side that only one name holds, though none is its own
    assert skus("compare the 13 inch 8gb notebook and the 15 inch 16gb notebook") == ["N-13-8", "N-15-16"]
    # ... and not words gathered across the two mentions ("8gb notebook and the 15 inch")
    assert "N-15-8" not in skus("compare the 13 inch 8gb notebook and the 15 inch 16gb notebook")
    # a word said twice counts where it stands beside the other words of the name
    assert sorted(skus("which is brighter, the beam 30w or the beam 50w")) == ["L-30", "L-50"]


def test_a_number_next_to_name_words_of_one_length_only_is_no_error():
    # "2" meets the 3-letter word "30w" but no 2-letter word (one length present, one absent)
    extractor = EntityExtractor([CatalogItem("FL-100", "Halo 30W LED Floodlight")])
    assert extractor.extract("can i get my money back if i bought it 2 months ago").products == ()
    assert [m.sku for m in extractor.extract("is the halo 30 bright").products] == ["FL-100"]


def test_a_name_names_its_kind_before_a_comma_or_with():
    """Catalogs write details after the kind: "Wooden Office Desk, 60 x 29 x 30 in."."""
    extractor = EntityExtractor([
        CatalogItem("D1", "Wooden Office Desk, 60 x 29 x 30 in."),
        CatalogItem("C1", "4 Drawer File Cabinet, 15 x 52 x 25, Grey"),
        CatalogItem("B1", "White Bookshelf, 35 x 77 in."),
        CatalogItem("H1", "Executive Chair With Headrest"),
    ])
    assert extractor.extract("do you sell desks").kinds == ("desk",)
    assert extractor.extract("looking for a filing cabinet").kinds == ("cabinet",)
    assert extractor.extract("any bookshelves?").kinds == ("bookshelf",)
    assert extractor.extract("office chairs please").kinds == ("chair",)


def test_two_sizes_sharing_one_noun_mention_two_products():
    extractor = EntityExtractor([
        CatalogItem("M15", "15- Inch POS Touch Screen Monitor With Card Reader"),
        CatalogItem("M17", "17-inch POS Touch Screen Monitor with Card Reader"),
        CatalogItem("F3", "300-Watt Floodlight"),
        CatalogItem("F5", "500-Watt Floodlight"),
    ])
    assert {m.sku for m in extractor.extract("compare the 15 inch and 17 inch pos monitors").products} \
        == {"M15", "M17"}
    assert {m.sku for m in extractor.extract("is the 300 watt or 500 watt floodlight brighter").products} \
        == {"F3", "F5"}
    # one size only: one product
    assert [m.sku for m in extractor.extract("how big is the 17 inch monitor").products] == ["M17"]


def test_a_name_said_whole_names_its_product_though_its_words_are_shared():
    extractor = EntityExtractor([
        CatalogItem("B1", "White Bookshelf, 35 x 77 in."),
        CatalogItem("B2", "Wooden Storage Cabinet, Bookshelf, 72 in."),
        CatalogItem("T1", "Modern White Table, 37 x 37 in."),
    ])
    assert [m.sku for m in extractor.extract("is the white bookshelf made of wood").products] == ["B1"]
    assert "B1" not in [m.sku for m in extractor.extract("any white tables").products]


OFFICE = [CatalogItem("SF-1", "Green Beige Sofa"), CatalogItem("CH-1", "Manager's Desk Chair"),
          CatalogItem("CH-2", "Executive Chair With Headrest"), CatalogItem("HD-R", "Hoodie - Red", colors=("Red",)),
          CatalogItem("HD-1", "Hoodie", colors=("Red", "Blue"))]


def test_a_colour_word_of_a_products_name_is_no_colour_asked():
    extractor = EntityExtractor(OFFICE)
    found = extractor.extract("is the green beige sofa cover washable")
    assert [m.sku for m in found.products] == ["SF-1"] and found.colors == ()
    assert extractor.extract("do you have the green beige sofa in black").colors == ("Black",)
    # a variant named by its colour still asks it
    assert "Red" in extractor.extract("the hoodie - red please").colors


def test_a_lone_kind_that_one_product_alone_is_names_it():
    extractor = EntityExtractor(OFFICE)
    assert [m.sku for m in extractor.extract("is the sofa cover washable").products] == ["SF-1"]
    # two chairs: "the chair" names neither
    assert extractor.extract("how tall is the chair").products == ()


def test_a_kind_before_model_marks_names_its_one_product():
    extractor = EntityExtractor([CatalogItem("LN-6", "Lantern LED 600"), CatalogItem("WF-P", "Water Filter Pro"),
                                 CatalogItem("CP-C", "Comfy Padded Chair"), CatalogItem("TB-L", "Camp Table Lite")],
                                dictionary={"lantern", "filter", "comfy", "camp"})
    assert [m.sku for m in extractor.extract("how many lumens is the lantern").products] == ["LN-6"]
    assert [m.sku for m in extractor.extract("how long does the filter last").products] == ["WF-P"]
    # a modifier before the kind names nothing alone
    assert extractor.extract("is it comfy").products == ()
    assert extractor.extract("is the camp site nice").products == ()


def test_two_name_words_said_as_one_name_their_product():
    extractor = EntityExtractor([CatalogItem("SL-1", "12-volt Rechargeable Search light Set"),
                                 CatalogItem("WL-1", "500-watt Work Light")])
    assert [m.sku for m in extractor.extract("whats the burn time on the searchlight").products] == ["SL-1"]


def test_a_name_inside_a_longer_one_said_is_not_named_too():
    extractor = EntityExtractor([CatalogItem("WL-5", "500-watt Work Light"),
                                 CatalogItem("PW-5", "500-Watt Portable Work Light"),
                                 CatalogItem("FL-3", "300-Watt Floodlight")])
    found = extractor.extract("which is cheaper, the 300 watt floodlight or the 500 watt portable work light")
    assert {m.sku for m in found.products} == {"FL-3", "PW-5"}
    assert {m.sku for m in extractor.extract("the 500 watt work light").products} == {"WL-5"}


def test_two_words_name_a_one_word_name():
    # a shopper writes "rain coat" and "book case" for the catalog's "Raincoat", "Bookcase"
    found = EntityExtractor([CatalogItem("RC1", "Kids Raincoat"), CatalogItem("BC1", "Oak Bookcase"),
                             CatalogItem("UM1", "Kids Rain Umbrella")])
    assert [m.sku for m in found.find_products("is the kids rain coat waterproof")] == ["RC1"]
    assert [m.sku for m in found.find_products("how tall is the oak book case")] == ["BC1"]


def test_a_word_of_the_category_most_products_are_filed_under_names_no_one_product():
    """In a bookshop "book" is everyone's word: the one title holding it ("The Rspec Book") is
    not what "the design patterns book" names; its own word still names it."""
    books = [CatalogItem(f"B{i}", title, categories=("Books/Non-Fiction/Essential programming",))
             for i, title in enumerate(["The Rspec Book", "Design Patterns", "Clean Code", "Refactoring",
                                        "Learning Python", "Effective Java"])]
    extractor = EntityExtractor(books)
    assert [m.sku for m in extractor.extract("is the design patterns book hardback").products] == ["B1"]
    assert [m.sku for m in extractor.extract("is the rspec book any good").products] == ["B0"]


def test_a_correct_word_holding_a_name_inside_names_nothing():
    catalog = [CatalogItem("G-1", "Rice"), CatalogItem("G-2", "Honey Jar"), CatalogItem("S-1", "Wool Scarf")]
    extractor = EntityExtractor(catalog, dictionary={"prices", "are", "scarfs"})
    skus = lambda text: [m.sku for m in extractor.extract(text).products]
    # "prices" is a word of its own, no misspelt "rice"; a typo of a name keeps its first letter
    assert skus("are gst included in ur prices") == []
    assert skus("how much is the rice") == ["G-1"]
    assert skus("how much is the ricee") == ["G-1"]
    assert skus("the wool scarfs") == ["S-1"]


def test_a_message_is_scored_only_against_the_names_it_shares_a_word_with():
    """The catalog's other names are never scored (a name none of whose words is said cannot
    match): on a store of hundreds of products, scoring every name was most of a turn's NLU."""
    many = CATALOG + [CatalogItem(f"X{i:03d}", f"Quartz{i} Lantern Stand") for i in range(200)]
    extractor = EntityExtractor(many)
    scored: list[tuple[str, ...]] = []
    original = extractor._score_name

    def counting(name, *args, **kwargs):
        scored.append(name)
        return original(name, *args, **kwargs)

    extractor._score_name = counting  # the instance's attribute shadows the method
    found = extractor.extract("is the didi sport watch water resistant?").products
    assert [m.sku for m in found] == ["24-WG02"]
    assert set(scored) == {("didi", "sport", "watch"), ("bolo", "sport", "watch"),
                           ("aim", "analog", "watch"), ("luma", "analog", "watch")}
    scored.clear()
    assert extractor.extract("where is my order 12345?").products == ()
    assert scored == []


def test_a_real_word_is_no_typo_of_another_real_word_of_its_length():
    catalog = [CatalogItem("K-1", "Ceramic Plate"), CatalogItem("K-2", "Desk Lamp")]
    extractor = EntityExtractor(catalog, dictionary={"place", "plate", "lamb", "lamp", "my", "is"})
    skus = lambda text: [m.sku for m in extractor.extract(text).products]
    # "my place" names no plate, "lamb" no lamp; a misspelt name still names it
    assert skus("my place is a rural delivery address") == []
    assert skus("do you sell lamb") == []
    assert skus("how big is the ceramic plte") == ["K-1"]
    assert skus("is the plate dishwasher safe") == ["K-1"]


# A lighting shop's names, made here: two headlamps, two "industrial" lights, two rechargeables.
LIGHTS = [CatalogItem("H1", "220 Lumen Rechargeable Headlamp"), CatalogItem("H2", "Industrial 310 Lumen LED Headlamp"),
          CatalogItem("F1", "Industrial Handheld Flashlight"), CatalogItem("S1", "12-volt Rechargeable Search light Set"),
          CatalogItem("G1", "GPS Navigator Pro"), CatalogItem("W1", "Bike Wash"), CatalogItem("C1", "Chain")]


def test_a_kind_said_with_a_word_of_the_name_before_it_names_the_one_holding_both():
    found = EntityExtractor(LIGHTS)
    assert [m.sku for m in found.find_products("how long do the batteries last in the industrial headlamp")] == ["H2"]
    assert [m.sku for m in found.find_products("how bright is the rechargable headlamp")] == ["H1"]
    # a kind alone that two names end with names neither; nor does a word of both
    assert found.find_products("how bright is the headlamp") == ()
    assert found.find_products("is it rechargeable") == ()


def test_a_leading_acronym_of_one_name_names_it_alone():
    found = EntityExtractor(LIGHTS, dictionary={"gps", "how", "long", "battery", "last"})
    assert [m.sku for m in found.find_products("how long will the gps battery last")] == ["G1"]


def test_the_shoppers_own_thing_comes_after_the_product_asked_about():
    found = EntityExtractor(LIGHTS)
    assert [m.sku for m in found.find_products("will the bike wash get grease off my chain")] == ["W1", "C1"]
    assert [m.sku for m in found.find_products("will the chain fit my bike wash")][:1] == ["C1"]


def test_an_order_number_typed_in_spaced_groups_is_joined_and_a_phone_number_is_not():
    assert find_order_ids("its 000000 115") == ("000000115",)
    assert find_order_ids("000 000 115 please") == ("000000115",)
    assert find_order_ids("orders 000000111 000000113") == ("000000111", "000000113")
    assert find_order_ids("call 800 403 8838") == ()
    assert find_order_ids("ring 555 1234") == ()


# a merch catalog: one sticker, two tees whose names share "tee"
_MERCH = [CatalogItem("RUB-HDH01", "Solidus circle sticker"), CatalogItem("SOL-SNC01", "Solidus notebook"),
          CatalogItem("RUB-MG01", "Solidus dark tee"), CatalogItem("SOL-MG01", "Solidus long sleeve tee")]


def test_the_plural_of_a_kind_names_its_one_product_as_the_singular_does():
    merch = EntityExtractor(_MERCH)
    assert [m.sku for m in merch.extract("how much is the sticker").products] == ["RUB-HDH01"]
    assert [m.sku for m in merch.extract("how much are the stickers").products] == ["RUB-HDH01"]


def test_a_name_said_word_by_word_keeps_a_word_over_one_spread_around_it():
    merch = EntityExtractor(_MERCH)
    found = merch.extract("does the dark tee have short sleeves or long").products
    assert [m.sku for m in found] == ["RUB-MG01"]  # not also the long sleeve tee over "tee ... sleeves ... long"
    both = merch.extract("is the dark tee cheaper than the long sleeve tee").products
    assert {m.sku for m in both} == {"RUB-MG01", "SOL-MG01"}
