"""Product answers from the whole record: references to the products in view, yes/no
questions, what a record does not say, comparisons and recommendations (demo catalog)."""

from __future__ import annotations

import pytest

from bot.dialogue.products import (accessories, product_answers, product_compare, product_promotions, product_variants,
                                   references)
from bot.dialogue.products.catalog_terms import CatalogTerms
from kb import Product


@pytest.fixture(scope="module")
def terms(demo_kb):
    return CatalogTerms(demo_kb.products)


@pytest.fixture(scope="module")
def bags(demo_kb):
    # Wayfarer Messenger Bag ($45, nylon, lockable), Rival Field Messenger ($45, leather),
    # Endeavor Daytrip Backpack ($33)
    return [demo_kb.product(s) for s in ("24-MB05", "24-MB06", "24-WB06")]


def test_references_to_the_products_in_view(bags):
    wayfarer, rival, endeavor = bags
    assert references.referenced("does the cheaper one have a laptop sleeve", bags) == [endeavor]
    assert references.referenced("and the first one?", bags) == [wayfarer]
    assert references.referenced("the last one", bags) == [endeavor]
    assert references.referenced("are both in stock?", bags) == [wayfarer, rival]
    # "the other one": the one in view that is not in focus
    assert references.referenced("is the other one lockable?", bags[:2], rival.sku) == [wayfarer]
    assert references.referenced("is the other one lockable?", bags[:2], wayfarer.sku) == [rival]
    # "which one ...": the products whose record says it
    assert references.referenced("which one is made of leather", bags[:2]) == [rival]


def test_which_of_them_in_a_colour_keeps_the_products_in_that_colour(demo_kb):
    # Hera (blue, green, orange), Ariel (green, purple, red), Selene (orange, purple, white)
    hoodies = [demo_kb.product(s) for s in ("WH02", "WH09", "WH05")]
    hera, ariel, selene = hoodies
    assert references.referenced("which of them come in orange", hoodies) == [hera, selene]
    assert references.referenced("which ones come in red?", hoodies) == [ariel]
    # a colour none of them has: still all of them, each answered no
    assert references.referenced("which come in black", hoodies) == hoodies


def test_yes_and_no_from_the_record(demo_kb, terms):
    wayfarer, tote = demo_kb.product("24-MB05"), demo_kb.product("24-WB02")
    assert product_answers.describe(wayfarer, "is it lockable?", "USD", terms).startswith("Yes")
    no = product_answers.describe(tote, "is the compete track tote lockable?", "USD", terms)
    assert no.startswith("No") and "Waterproof" in no  # what it does have, from its record
    stellar = demo_kb.product("WJ01")  # sizes S, M, L
    assert product_answers.describe(stellar, "does it come in XL?", "USD", terms).startswith("No")
    assert "Yes" in product_answers.describe(stellar, "do you have it in M", "USD", terms)
    assert "Yes" in product_answers.describe(stellar, "does it come in blue?", "USD", terms)


def test_what_it_is_made_of_and_how_big(demo_kb, terms):
    endeavor, impulse = demo_kb.product("24-WB06"), demo_kb.product("24-UB02")
    assert "polyester" in product_answers.describe(endeavor, "whats it made of", "USD", terms).lower()
    assert '26"' in product_answers.describe(impulse, "how tall is the impulse duffle", "USD", terms)


def test_what_the_record_does_not_say_is_admitted(demo_kb, terms):
    jacket = demo_kb.product("WJ09")
    found = product_answers.answer(jacket, "does it run true to size?", "USD", terms)
    assert found.admits and "not sure" in found.text and "XL" in found.text


def test_comparisons_side_by_side(demo_kb):
    push_it, endeavor = demo_kb.product("24-WB04"), demo_kb.product("24-WB06")
    reply = product_compare.compare([push_it, endeavor], "USD", "which is cheaper?")
    assert reply.text.startswith("The Endeavor Daytrip Backpack is the cheaper one at $33.00")
    watches = [demo_kb.product(s) for s in ("24-MG04", "24-WG03", "24-WG09")]
    three = product_compare.compare(watches, "USD")
    assert len(three.products) == 3 and all(w.name in three.text for w in watches)
    assert [c.id for c in three.citations] == [f"product:{w.sku}" for w in watches]


def test_recommendations_come_from_the_product_links(demo_kb):
    backpack = demo_kb.product("24-MB03")
    reply = accessories.recommend(demo_kb, backpack)
    links = set(backpack.related) | set(backpack.upsell) | set(backpack.crosssell)
    assert reply.products
    assert all(any(link == c.sku or link.startswith(c.sku + "-") for link in links) for c in reply.products)
    assert "often bought with it" in reply.text  # the reason


def test_a_link_to_a_variant_names_its_product(demo_kb):
    assert [p.sku for p in product_answers.products_of(demo_kb, ["24-WG083-blue", "nope"])] == ["24-WG083"]


def test_a_feature_written_otherwise_is_quoted_not_denied(demo_kb, terms):
    summit = demo_kb.product("24-MG03")  # "Water resistant (100 meters)"
    text = product_answers.describe(summit, "is the Summit Watch waterproof?", "USD", terms)
    assert "Water resistant (100 meters)" in text and not text.startswith(("Yes", "No"))


def test_a_question_the_record_is_silent_on_is_admitted(demo_kb, terms):
    duffle = demo_kb.product("24-WB07")
    found = product_answers.answer(duffle, "does the Overnight Duffle have wheels", "USD", terms)
    assert found.admits and "wheels" in found.text and "$45.00" in found.text
    plain = product_answers.answer(duffle, "how much is the Overnight Duffle", "USD", terms)
    assert not plain.admits and plain.text == "The Overnight Duffle costs $45.00 and is in stock."


def test_a_comparison_shows_what_differs_in_any_store(demo_kb, second_kb):
    hoodies = [demo_kb.product("MH01"), demo_kb.product("MH03")]
    text = product_compare.compare(hoodies).text
    assert "material Wool" in text and "material Organic Cotton" in text
    assert "eco collection" not in text  # a yes/no flag, and the same for both
    lights = [p for p in second_kb.products if "Floodlight" in p.name][:2]
    text = product_compare.compare(lights, "EUR").text  # no attributes: the spec lines differ
    assert "luminous flux 3000 lm" in text and "luminous flux 5000 lm" in text


def test_the_cut_a_record_states_answers_and_sizing_advice_is_admitted(demo_kb, terms):
    hollister = demo_kb.product("MH05")  # "Relaxed fit."
    cut = product_answers.answer(hollister, "is the hollister sweatshirt loose or tight?", "USD", terms)
    assert not cut.admits and "Relaxed fit" in cut.text and "not sure" not in cut.text
    sizing = product_answers.answer(hollister, "does it run small?", "USD", terms)
    assert sizing.admits and "only say: Relaxed fit" in sizing.text
    teton = demo_kb.product("MH02")  # no fit line
    baggy = product_answers.answer(teton, "is the teton hoodie baggy", "USD", terms)
    assert baggy.admits and "don't say" in baggy.text


def test_a_catalog_feature_the_record_is_silent_on_is_admitted_not_denied(demo_kb, terms):
    aim = demo_kb.product("24-MG04")  # a watch: no "water resistant" line, no bag features
    found = product_answers.answer(aim, "is the aim analog watch waterproof?", "USD", terms)
    assert found.admits and "can't find anything about waterproof" in found.text
    assert not found.text.startswith(("Yes", "No"))


def test_names_spelled_out_after_a_shared_head(demo_kb):
    text = "compare the sprite stasis ball 55 cm, 65 cm and 75 cm"
    assert [p.sku for p in product_compare.spelled_out(demo_kb.products, text)] == \
        ["24-WG081", "24-WG082", "24-WG083"]
    assert product_compare.spelled_out(demo_kb.products, "compare two bags") == []


def test_a_kind_asked_for_picks_those_links(demo_kb, terms):
    hoodie = demo_kb.product("MH03")  # related: two tees and a pant; cross-sell: gear
    reply = accessories.recommend(demo_kb, hoodie, terms, "what tees go with the bruno compete hoodie?")
    assert reply.products and all(any("Tees" in c for c in demo_kb.product(p.sku).categories)
                                  for p in reply.products)
    plain = accessories.recommend(demo_kb, hoodie, terms, "what goes with it?")
    assert len(plain.products) > len(reply.products)


def test_a_sale_asked_about_finds_the_promotions_naming_the_product_s_kind(demo_kb):
    from datetime import date

    today = date(2026, 1, 15)
    leggings, tee, bag = demo_kb.product("WP02"), demo_kb.product("MS01"), demo_kb.product("24-MB02")
    names = lambda p, q: [x.name for x in product_promotions.promotions_for(demo_kb, p, q, today)]
    assert names(leggings, "are these on sale?") == ["20% off all Women’s and Men’s Pants"]
    assert names(tee, "any deals on this tee") == ["Buy 3 tee shirts and get the 4th free"]
    assert names(bag, "is the fusion backpack on sale?") == []
    assert names(leggings, "how much are they?") == []  # no sale asked about


def test_a_cut_word_in_the_product_s_name_asks_no_cut(demo_kb, terms):
    tight = demo_kb.product("MP09")  # Livingston All-Purpose Tight
    found = product_answers.answer(tight, "how much is the livingston all-purpose tight", "USD", terms)
    assert not found.admits and "$75.00" in found.text and "runs for size" not in found.text


def test_a_length_with_its_unit_answers_how_long_and_capacity_is_not_sizing():
    cable = Product(sku="C1", name="Patch Cable", price=5.97, description=(
        "5m (metres) Cat.6 network cable | Patch cable | 2 RJ-45 plug. High transmission speeds."))
    lines = product_answers.feature_lines(cable, "how long is the patch cable")
    assert lines == ["5m (metres) Cat.6 network cable"]
    assert product_answers.asks_fit("does it fit true to size?")
    assert not product_answers.asks_fit("how many people fit in the tent?")


def test_what_it_is_made_of_comes_from_a_made_with_line_and_the_plural_names_it():
    shoe = Product("N1", "Women’s Nursing Shoe", "Comfortable shoes for long shifts.\n"
                   "Ultra light material\nSlip resistant\nMade with EVA foam", 24.99)
    text = product_answers.describe(shoe, "what are the nursing shoes made of")
    assert "EVA foam" in text and "long shifts" not in text


def test_what_people_buy_with_it_asks_what_goes_with_it():
    from bot.dialogue.context import _GOES_WITH
    for text in ("what else do people buy with the receipt printer", "frequently bought with the desk",
                 "what pairs well with the lamp", "what do customers also buy"):
        assert _GOES_WITH.search(text), text
    for text in ("can i buy it with paypal", "can i order it with express shipping",
                 "does it work with android"):
        assert not _GOES_WITH.search(text), text


def test_a_one_sentence_description_is_found_once_and_a_paragraph_gives_its_sentence():
    bike = Product("RB", "Road Bike", "Featuring a full carbon chassis and a carbon fork, it's light.", 2499.0)
    assert product_answers.feature_lines(bike, "is the road bike made of carbon") == [
        "Featuring a full carbon chassis and a carbon fork, it's light"]
    chair = Product("CH", "Executive Chair", "Designed for comfort. It has an adjustable headrest.\n"
                    "Adjustable height", 545.0)
    assert product_answers.feature_lines(chair, "is the chair adjustable") == [
        "Adjustable height", "It has an adjustable headrest."]


def test_a_fibre_share_with_no_label_answers_what_it_is_made_of():
    top = Product("TOP-1", "Pink Scrub Top", "A soft top for long shifts.\n77% Polyester / 23% Cotton\n1 chest pocket", 19.99)
    text = product_answers.describe(top, "whats the pink scrub top made of", "USD")
    assert "77% Polyester" in text and "chest pocket" not in text


def test_a_name_inside_another_named_is_not_named_too():
    lights = [Product("WL-5", "500-watt Work Light", "", 24.99), Product("PW-5", "500-Watt Portable Work Light", "", 35.99),
              Product("FL-3", "300-Watt Floodlight", "", 45.99)]
    text = "which is cheaper, the 300 watt floodlight or the 500 watt portable work light"
    assert [p.sku for p in product_compare.spelled_out(lights, text)] == ["FL-3", "PW-5"]
    both = "compare the 500 watt work light and the 500 watt portable work light"
    assert {p.sku for p in product_compare.spelled_out(lights, both)} == {"WL-5", "PW-5"}


def test_a_colour_asked_of_a_record_with_none_is_admitted_or_read_from_its_lines():
    chair = Product("OC-1", "Mesh Task Chair", "Mesh-back chair with a seat slider.\nWeight: 16 kg", 219.0)
    said = product_answers.answer(chair, "what colour is the mesh task chair", "EUR")
    assert said.admits and "can't find the colour" in said.text
    shade = Product("LS-1", "Pendant Shade", "Tapered white shade with a silver chrome inside.", 28.0)
    said = product_answers.answer(shade, "what color is the pendant shade", "EUR")
    assert not said.admits and "white shade" in said.text


def test_a_colour_of_the_product_itself_is_not_sold_out_when_its_variants_are_by_size():
    from kb.types import Variant
    shoe = Product("RS", "Trail Shoe", "A light trail shoe.", 160.0, attributes={"color": ("black",)},
                   variants=tuple(Variant(f"RS-{s}", s, None, 160.0, 5, True) for s in ("40", "44")))
    text = product_variants.variant_answer(shoe, ["44"], ["black"])
    assert "comes in colour black" in text.lower() and "out of stock" not in text


def test_a_question_for_the_list_of_colours_lists_them(demo_kb, terms):
    # the Hero Hoodie's record says "color blocking": the colours asked are still its colours
    hero = demo_kb.product("MH07")
    said = product_answers.describe(hero, "which colours is it available in", "USD", terms)
    assert all(c in said for c in ("Black", "Gray", "Green")) and "$54.00" in said
    assert "colours Black, Gray, Green" in product_answers.describe(hero, "what color options are there", "USD", terms)


def test_a_size_the_products_name_says_is_no_size_asked(demo_kb):
    class Asked:
        sizes, colors = ("65 cm",), ()

    ball = demo_kb.product("24-WG082")  # Sprite Stasis Ball 65 cm
    assert product_answers.asked_variants(ball, Asked, "whats the price of the 65 cm one") == ((), ())


def test_a_short_word_the_record_writes_in_capitals_is_answered_from_its_line():
    pc = Product("PC-1", "Gaming PC (i7-8700, 240GB SSD)", "This pc is optimised for gaming, and is also VR "
                 "ready. The Intel Core-i7 CPU gives it the raw power it needs.", 1087.2)
    said = product_answers.answer(pc, "does the gaming pc support vr", "EUR")
    assert "VR ready" in said.text and not said.admits
    # the name's own short words ("pc") and common ones ("is it ok") ask nothing
    assert product_answers.feature_lines(pc, "is the gaming pc ok for my son") == []


def test_a_record_that_does_not_say_admits_it_cant_say_and_offers_a_person():
    tent = Product("T-1", "Tent", "With tons of space inside (for max. 4 persons), this tent offers you "
                   "everything you need.", 214.93)
    said = product_answers.answer(tent, "is the tent waterproof", "EUR")
    assert said.admits and "can't say" in said.text and "person from our team" in said.text
    assert not said.text.lower().startswith(("yes", "no"))


def test_a_name_starting_with_the_gets_no_second_article():
    book = Product("B-1", "The C Programming Language", "We hope that this book will help you to learn C.", 9.99)
    said = product_answers.answer(book, "is the c programming language waterproof", "GBP")
    assert "The The" not in said.text and "the The" not in said.text
    assert "The C Programming Language" in said.text


def test_the_kind_a_product_is_filed_under_asks_nothing_of_it():
    love = Product("B-2", "Love", "A novel.", 24.99, categories=("Books/Fiction",), in_stock=False)
    said = product_answers.answer(love, "is the book love in stock", "GBP")
    assert "out of stock" in said.text and "about book" not in said.text and not said.admits


def test_a_correction_s_lead_in_words_are_not_asked_of_the_product():
    hammer = Product("H3", "Sledge Hammer 3lb", "Heavy-duty sledge hammer for demolition.", 42.0)
    found = product_answers.answer(hammer, "sorry i meant the 3lb one, actually how much", "USD")
    assert not found.admits and "42.00" in found.text
    assert product_answers.answer(hammer, "does it have a rubber grip", "USD").admits  # still admitted


def test_which_size_to_get_by_height_and_weight_is_admitted_with_the_sizes(demo_kb, terms):
    hoodie = demo_kb.product("MH07")
    for question in ("im 5'10 180lbs which size should i get in the hero hoodie",
                     "what size would she be in it, shes about 55 kg"):
        found = product_answers.answer(hoodie, question, "USD", terms)
        assert found.admits and "not sure" in found.text and "XS, S, M, L, XL" in found.text
    assert not product_answers.answer(hoodie, "how much is the hero hoodie", "USD", terms).admits


def test_a_name_typed_without_its_marks_is_the_name_not_a_thing_asked():
    # "knackebrod" is "Knäckebröd", "nuss" is "Nuß": no "I can't find anything about knackebrod"
    bread = Product("NW-22", "Gustaf's Knäckebröd", "Grains/Cereals.", 21.0, qty=104)
    spread = Product("NW-25", "NuNuCa Nuß-Nougat-Creme", "Confections.", 14.0, qty=76)
    syrup = Product("NW-61", "Sirop d'érable", "Condiments.", 28.5, qty=113)
    for product, question in ((bread, "how much for gustafs knackebrod"),
                              (spread, "how much is the nunuca nuss-nougat-creme"),
                              (syrup, "how much is the sirop d'érable")):
        text = product_answers.answer(product, question, "SGD").text
        assert "can't find anything" not in text and "costs" in text, text
