"""The words of a store's catalog: the kind a search names, the sizes and materials it asks
for, and whether the store sells that kind at all (demo store and the second store)."""

from __future__ import annotations

import pytest

from kb import Product

from bot.dialogue.products.catalog_terms import CatalogTerms, has_size, made_of, name_heads, stem


@pytest.fixture(scope="module")
def terms(demo_kb):
    return CatalogTerms(demo_kb.products)


@pytest.mark.parametrize("text, head", [
    ("do you sell sunglasses?", "sunglasses"),
    ("looking for a tent for camping this summer", "tent"),
    ("tees in XL under 30$ pls", "tees"),
    ("do u have any cotton hoodies for women", "hoodies"),
    ("womens shorts size 32", "shorts"),
    ("actually nvm, do you have duffel bags?", "bags"),
    ("backpack nothing over 60$", "backpack"),
])
def test_the_kind_a_search_names(terms, text, head):
    assert terms.asked_kind(text).head == head


def test_a_message_naming_no_kind_has_none(terms):
    assert terms.asked_kind("a gift for my dad") is None
    assert terms.asked_kind("show me something") is None
    # a colour or a material filters; it names no kind ("Sorry, we don't sell blacks")
    assert terms.asked_kind("any in black?") is None
    assert terms.asked_kind("anything in pink or cotton") is None
    assert terms.asked_kind("black running shorts").phrase == "running shorts"


def test_pronouns_and_clauses_name_no_kind(terms):
    # "it"/"they" point at goods in view: their verb phrase is no kind ("we don't sell they comes")
    assert terms.asked_kind("what sizes do they come in") is None
    assert terms.asked_kind("ok do u have it in gray in L, and how much") is None
    assert terms.asked_kind("if i buy 4 tees do i get one free?").head == "tees"
    # a clause after the kind says what it is for ("we don't sell swims")
    assert terms.asked_kind("ok any shorts i could swim in?").head == "shorts"
    assert terms.asked_kind("bags you sell for travel").head == "bags"
    # "it" before the kind asked does not hide it
    assert terms.asked_kind("is it possible to buy tents?").head == "tents"
    assert terms.asked_kind("can i get a tent").head == "tent"


def test_kinds_the_store_sells_and_does_not(terms):
    sold = ["show me some backpacks", "any hoodies under 50 bucks", "fitness equipment", "yoga pants"]
    unsold = ["do you sell sunglasses?", "any bikes for sale?", "do you guys sell swimsuits?",
              "looking for running shoes"]
    assert all(terms.sells(terms.asked_kind(t)) for t in sold)
    assert not any(terms.sells(terms.asked_kind(t)) for t in unsold)
    # a synonym is sold when the embedder finds it close to one of the store's kinds
    assert terms.sells(terms.asked_kind("do you have trousers"), lambda word, kinds: 0.86)
    assert not terms.sells(terms.asked_kind("do you have sunglasses"), lambda word, kinds: 0.49)


def test_sizes_and_materials_named(terms):
    assert terms.sizes_in("tees in XL under 30$") == ("XL",)
    assert terms.sizes_in("womens shorts size 32") == ("32",)
    assert terms.sizes_in("shorts under 32 dollars") == ()  # a bare number is a price
    # as shoppers type them: an x-size in any case, a letter after "size"; "sizes" names none
    assert terms.sizes_in("does the 2nd one come in xl") == ("XL",)
    assert terms.sizes_in("size m please") == ("M",)
    assert terms.sizes_in("what sizes does it come in?") == () and terms.sizes_in("do you have it in s") == ()
    assert terms.materials_in("do u have any cotton hoodies") == ("cotton",)
    assert terms.materials_in("wool pants for men?") == ("wool",)


def test_features_named_in_a_question(terms):
    found = [value for _, value in terms.features_in("does the cheaper one have a laptop sleeve")]
    assert found[0] == "laptop sleeve"
    assert ("features_bags", "lockable") in terms.features_in("is it lockable?")


def test_products_with_a_size_or_a_material(demo_kb):
    hoodie = demo_kb.product("MH03")  # Bruno Compete Hoodie: organic cotton, XS-XL
    assert has_size(hoodie, ["xl"]) and not has_size(hoodie, ["32"])
    assert made_of(hoodie, ["cotton"]) and not made_of(hoodie, ["wool"])


def test_stems():
    assert [stem(w) for w in ("hoodies", "watches", "pants", "dress", "bags")] == \
        ["hoodie", "watch", "pant", "dress", "bag"]


def test_another_store_has_its_own_kinds(second_kb):
    terms = CatalogTerms(second_kb.products)
    assert terms.sells(terms.asked_kind("any floodlights under 60"))
    assert terms.sells(terms.asked_kind("do you have office chairs"))
    assert not terms.sells(terms.asked_kind("do you sell bicycles"))
    assert terms.sizes == frozenset() and terms.sizes_in("a desk in XL") == ()


def test_the_asked_kind_and_features_come_first(demo_kb, terms):
    tee, pant, bag = (demo_kb.product(s) for s in ("WS04", "WP01", "24-WB02"))
    assert terms.prefer([tee, pant], "show me yoga pants for women") == [pant, tee]
    assert terms.prefer([tee, pant], "show me something") == [tee, pant]  # the search's order stands
    wayfarer = demo_kb.product("24-MB05")  # lockable
    assert terms.prefer([bag, wayfarer], "a lockable bag") == [wayfarer, bag]


def test_gift_names_no_kind_but_gift_cards_do(terms):
    assert terms.asked_kind("a gift for my dad") is None
    assert terms.asked_kind("do you sell gift cards?").phrase == "gift cards"


def test_materials_named_only_in_description_lines(second_kb):
    # the second store has no attributes: "Material: oak veneer, powder-coated steel legs"
    terms = CatalogTerms(second_kb.products)
    assert terms.materials_in("any desks in oak?") == ("oak",)
    assert terms.materials_in("a desk with steel legs") == ("steel",)  # "legs" is a part
    assert terms.asked_kind("anything in oak?") is None and terms.asked_kind("oak desks").head == "desks"
    desk = next(p for p in second_kb.products if "Material: oak veneer," in p.description)
    assert made_of(desk, ["oak"]) and made_of(desk, ["steel"]) and not made_of(desk, ["walnut"])


@pytest.mark.parametrize("make_terms", ["demo", "second"])
def test_an_audience_no_product_is_for(demo_kb, second_kb, make_terms):
    terms = CatalogTerms((demo_kb if make_terms == "demo" else second_kb).products)
    assert terms.unserved_audience("do you carry kids clothes").phrase == "kids clothes"
    assert terms.unserved_audience("any children's chairs?").head == "chairs"
    # the audience as the recipient, not before a kind, asks for the kind
    assert terms.unserved_audience("a backpack for my kid") is None
    assert terms.unserved_audience("something for kids under 30") is None


def test_chatter_after_the_kind_keeps_it_and_a_use_names_none(terms):
    assert terms.asked_kind("cheapest running shorts you have").phrase == "running shorts"
    assert terms.asked_kind("any hoodies u got").head == "hoodies"
    # "something for ...": a use or a place, not goods the store may not sell
    assert terms.asked_kind("anything for lighting a warehouse") is None
    assert terms.asked_kind("do you have something for a rainy hike") is None
    assert terms.asked_kind("what do you have for yoga") is None
    assert terms.asked_kind("do you have bags for a rainy hike").head == "bags"


def test_a_catalog_size_after_in_is_asked_but_not_a_number_of_something():
    from kb import Product
    from kb.types import Variant
    shoe = Product("SH", "Trail Runner", "", 80.0,
                   variants=tuple(Variant(f"SH-{s}", s, None, 80.0, 5, True) for s in ("40", "42")))
    terms = CatalogTerms([shoe])
    assert terms.sizes_in("do you have it in 42") == ("42",)
    assert terms.sizes_in("can it arrive in 40 minutes") == ()
    assert terms.sizes_in("anything in 40 euros") == ()


def test_a_paper_size_of_letters_and_digits_is_read_in_any_case():
    from kb import Product
    from kb.types import Variant
    sizes = ("A4", "A3", "S", "M")
    art = Product("P", "Ophelia", "", 229.0,
                  variants=tuple(Variant(f"P-{s}", s, None, 229.0, 5, True) for s in sizes))
    terms = CatalogTerms([art])
    # "a3" is no word: typed in lower case it is still the A3 ("en a3", "in a4 pls")
    assert terms.sizes_in("cuánto cuesta la lámina de ophelia en a3") == ("A3",)
    assert terms.sizes_in("the a4 one") == ("A4",)
    # a lone letter still counts only as written, or after "size"/"in"
    assert terms.sizes_in("how much is it, m8") == () and terms.sizes_in("i am here") == ()


def test_a_name_ends_its_kind_before_a_comma_or_with():
    from kb import Product

    assert name_heads(Product("D", "Wooden Office Desk, 60 x 29 x 30 in.", "", 1.0)) == ["desk"]
    assert name_heads(Product("C", "4 Drawer File Cabinet, 15 x 52 x 25, Grey", "", 1.0)) == ["cabinet", "grey"]
    assert name_heads(Product("H", "Executive Chair With Headrest", "", 1.0)) == ["chair", "headrest"]
    assert name_heads(Product("L", "Joust Duffle Bag", "", 1.0)) == ["bag"]
    assert stem("bookshelves") == "bookshelf" == stem("bookshelf") and stem("shelves") == "shelf"
    terms = CatalogTerms([Product("D", "Wooden Office Desk, 60 x 29 x 30 in.", "", 1.0)])
    assert terms.sells(terms.asked_kind("do you have desks"))


@pytest.mark.parametrize("text, phrase", [
    ("anything under 20 bucks", None),
    ("anything for 20 euros", None),
    ("tees below 30 quid", "tees"),
    ("which tee is the cheapest", "tee"),
    ("what bags are waterproof", "bags"),
])
def test_money_words_and_what_is_said_of_a_kind_are_no_kind(terms, text, phrase):
    kind = terms.asked_kind(text)
    assert (kind.phrase if kind else None) == phrase


def test_a_use_after_a_price_cap_names_no_kind(terms):
    assert terms.asked_kind("anything under 100 euros for lighting a yard") is None
    assert terms.asked_kind("got anything under $50 for working out") is None
    assert terms.asked_kind("any hoodies under 50 for my son").head == "hoodies"


def test_a_t_shirt_in_any_spelling_is_of_the_kind_asked_as_tees():
    from kb import Product

    terms = CatalogTerms(())
    vneck = Product("VN-1", "Awesome V-Neck T-Shirt", "Cotton.", 15.0, categories=("Clothing/Tshirts",))
    polo = Product("PO-1", "Polo", "Pique.", 20.0, categories=("Clothing/Polos",))
    for asked in ("show me your t-shirts", "do you have tshirts", "any tees"):
        kind = terms.asked_kind(asked)
        assert terms.is_kind(vneck, kind) and not terms.is_kind(polo, kind), asked


def test_a_size_in_words_is_the_catalogs_size_never_goods(terms):
    for text, size in (("size small?", "S"), ("any in large", "L"), ("got it in medium", "M"),
                       ("womens hoodies in x-large pls", "XL"), ("womens tees size extra small?", "XS")):
        assert terms.sizes_in(text) == (size,), text
        kind = terms.asked_kind(text)
        assert kind is None or kind.head not in ("small", "large", "medium", "x-large"), text
    assert terms.asked_kind("a small backpack").head == "backpack"  # an ordinary word elsewhere


def test_a_kind_named_by_two_words_keeps_both(terms, demo_kb):
    kind = terms.asked_kind("mens tank tops")
    assert kind.phrase == "tank tops"
    tanks = [p for p in demo_kb.products if terms.is_kind(p, kind)]
    assert tanks and all("tank" in (p.name + " ".join(p.categories)).lower() for p in tanks)
    assert not any(terms.is_kind(p, kind) for p in demo_kb.products if "Tees" in " ".join(p.categories)
                   and "tank" not in p.name.lower())
    # a modifier no product is named by narrows nothing ("running shorts": every short)
    shorts = terms.asked_kind("running shorts")
    assert any(terms.is_kind(p, shorts) for p in demo_kb.products if "running" not in p.name.lower())


def test_a_kind_a_product_name_holds_is_named_so():
    ipods = CatalogTerms([Product("IP-1", "iPod Touch", "A music player.", 100.0),
                          Product("IP-2", "iPod Nano", "A music player.", 100.0)])
    assert ipods.named_so(ipods.asked_kind("do you sell ipods"))
    assert not ipods.named_so(ipods.asked_kind("do you sell printers"))
    assert "touch" in ipods.spelling().kinds and "ipod" in ipods.spelling().names


def test_a_kind_is_named_so_only_when_one_name_holds_all_its_words():
    terms = CatalogTerms([Product("J-1", "Montana Wind Jacket", "A jacket.", 49.0),
                          Product("B-1", "Sprite Stasis Water Bottle", "A bottle.", 9.0)])
    assert not terms.named_so(terms.asked_kind("do you sell dog jackets"))  # no name holds "dog"
    assert terms.named_so(terms.asked_kind("do you sell water bottles"))


def test_the_options_asked_of_a_kind_are_no_kind_of_their_own(terms):
    # "which lengths do u have" asks the straps' lengths: "lengths" is sold by nobody
    assert terms.asked_kind("looking for a yoga strap, which lengths do u have").phrase == "yoga strap"
    assert terms.asked_kind("which colours do you have") is None


def test_a_format_of_two_sides_is_read_with_or_without_its_unit():
    # PrestaShop's posters come in "40x60cm", "60x90cm", "80x120cm"; shoppers drop the unit
    from kb.types import Variant

    poster = Product("P1", "Framed poster", "", 34.8, variants=tuple(
        Variant(f"P1-{s}", s, None, 34.8, 5, True) for s in ("40x60cm", "60x90cm", "80x120cm")))
    sizes = CatalogTerms([poster]).sizes_in
    assert sizes("how much is the poster in 80x120") == ("80x120cm",)
    assert sizes("the 60 x 90 cm one") == ("60x90cm",)
    assert sizes("do you have it 40 by 60") == ("40x60cm",)
    assert sizes("80x120mm") == sizes("in 180x120") == sizes("80x1200") == ()
