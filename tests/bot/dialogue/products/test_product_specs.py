"""Specs of a product record matched to questions by what they measure, with units, whatever
the store calls its labels."""

from __future__ import annotations

import pytest

from bot.dialogue.products import (description_lists, product_answers, product_compare,
                                   product_specs, product_variants, spec_ranking)
from kb import Product

SPOT = Product("SP-1", "Beam 50W Spotlight", "Bright spotlight for yards and shop signs.\n"
               "Light output: 4200 lm\nRating: IP67\nNet weight: 2.3 kg\nGuarantee: 4 years\n"
               "Box contents: spotlight, wall bracket, 2 m lead\nMax load: 5 kg", 59.0)
# no telling labels: the units say what the values measure
TENT = Product("T-1", "Ridge Tent", "Two-person tent.\nPacked: 2.9 kg\nOutput: 800 lumens", 120.0,
               attributes={"use": ("Outdoor",)})


@pytest.mark.parametrize("question, expected", [
    ("how heavy is it", "2.3 kg"),
    ("weight in kilos?", "2.3 kg"),
    ("how many lumens", "4200 lm"),
    ("how bright is the beam", "4200 lm"),
    ("is it waterproof", "IP67"),
    ("ok to leave outdoors in the rain?", "IP67"),
    ("how many yrs guarantee", "4 years"),
    ("whats the warranty", "4 years"),
    ("what do i get in the box", "wall bracket"),
    ("how much weight can it hold", "5 kg"),
])
def test_questions_meet_specs_by_what_they_measure(question, expected):
    found = product_specs.asked_specs(SPOT, question)
    assert found and expected in found[0].value


def test_a_value_with_a_unit_answers_when_no_label_names_the_measure():
    assert [s.value for s in product_specs.asked_specs(TENT, "how heavy is it")] == ["2.9 kg"]
    assert [s.value for s in product_specs.asked_specs(TENT, "how bright")] == ["800 lumens"]
    assert [s.value for s in product_specs.asked_specs(TENT, "can i use it outside")] == ["Outdoor"]


def test_the_products_own_name_asks_nothing():
    # "50W" is the name's: no power asked, so no spec answers
    assert product_specs.asked_specs(SPOT, "tell me about the beam 50w spotlight") == []
    # a load asked is not a weight asked
    assert [s.label for s in product_specs.asked_specs(SPOT, "how much weight can it hold")] == ["Max load"]


def test_come_with_says_yes_or_what_the_box_holds():
    yes = product_answers.describe(SPOT, "does it come with a bracket", "EUR")
    assert yes.startswith("Yes") and "wall bracket" in yes
    other = product_answers.describe(SPOT, "does it come with a remote", "EUR")
    assert not other.startswith("Yes") and "remote" in other and "wall bracket" in other


def test_sizes_and_colours_of_the_name_are_not_asked():
    class Asked:
        sizes, colors = ("50",), ("Gray",)
    grey = Product("S-1", "Grey Fabric Sofa", "", 300.0)
    assert product_answers.asked_variants(SPOT, Asked) == ((), ("Gray",))
    assert product_answers.asked_variants(grey, Asked) == (("50",), ())


def test_a_size_it_comes_in_but_none_left_is_said_out_of_stock():
    from kb.types import Variant
    shoe = Product("SH-1", "Trail Runner", "", 80.0, variants=(
        Variant("SH-1-40", "40", None, 80.0, 3, True), Variant("SH-1-42", "42", None, 80.0, 0, False)))
    assert "out of stock" not in product_variants.variant_answer(shoe, ("40",), ())
    said = product_variants.variant_answer(shoe, ("42",), ())
    assert said.startswith("Yes") and "42 is out of stock" in said


def test_the_name_answers_when_the_record_does_not_and_a_silent_record_is_admitted():
    panel = Product("P-1", "Flat Panel 60x60 40W", "Ceiling panel.\nWarranty: 5 years", 45.0)
    assert "Its name says it" in product_answers.describe(panel, "how many watts", "EUR")
    assert "60x60" in product_answers.describe(panel, "how big is it", "EUR")
    silent = product_answers.answer(panel, "how long will it last", "EUR")
    assert silent.admits and "lifespan" in silent.text


def test_sale_and_restock_come_from_the_record():
    chair = Product("C-1", "Mesh Chair", "", 249.0, special_price=219.0, in_stock=False)
    sale = product_answers.describe(chair, "is it on sale", "EUR")
    assert sale.startswith("Yes") and "€219.00" in sale and "€249.00" in sale
    plain = product_answers.describe(Product("C-2", "Stool", "", 40.0), "any discount on it", "EUR")
    assert "no sale price" in plain and "€40.00" in plain
    back = product_answers.answer(chair, "when will it be back in stock", "EUR")
    assert back.admits and "out of stock" in back.text and "date" in back.text


def test_a_comparison_leads_with_the_measure_asked_and_names_the_one_with_more():
    small = Product("SP-2", "Beam 20W Spotlight", "Small spotlight.\nLight output: 1500 lm\nNet weight: 0.9 kg", 29.0)
    reply = product_compare.compare([SPOT, small], "EUR", "which one is brighter")
    assert reply.text.startswith("The Beam 50W Spotlight has the higher light output (4200 lm).")
    lighter = product_compare.compare([SPOT, small], "EUR", "which is lighter")
    assert lighter.text.startswith("The Beam 20W Spotlight has the lower net weight (0.9 kg).")
    # no measure asked: the side-by-side rows alone
    assert product_compare.compare([SPOT, small], "EUR", "compare them").text.startswith("Beam 50W Spotlight:")


DESK = Product("D-1", "Wooden Office Desk, 60 x 29 x 30 in.", "A desk.\nCountry of Origin: United States\n"
               "10-year Limited Warranty\nSeats 10 to 12\nMade with EVA foam", 659.0)
POS = Product("P-1", "Touch Screen Credit Card POS System", "A till.\nScreen size: 7 inches\nWidth: 8.5”", 300.0)


@pytest.mark.parametrize("question", [
    "where is the wooden office desk made", "country of origin?", "is it made in the usa",
    "what country does the desk come from", "where are these manufactured", "wheres the desk from"])
def test_where_it_is_made_is_its_country_of_origin(question):
    assert [s.value for s in product_specs.asked_specs(DESK, question)] == ["United States"]


def test_where_it_ships_from_is_no_origin():
    assert product_specs.asked_measures("where do you ship the desk from", DESK) == []


@pytest.mark.parametrize("question", [
    "how many people can sit at the desk", "how many people does it seat", "seats how many",
    "how many guests fit around it", "how many can sit at it"])
def test_how_many_it_seats_is_read_from_a_line_without_a_label(question):
    assert [m.name for m in product_specs.asked_measures(question, DESK)] == ["seating"]
    assert product_specs.measure_lines(DESK, question) == ["Seats 10 to 12"]


def test_a_name_word_asked_apart_from_the_name_still_asks():
    # "screen" is a word of the name, but "screen size" asks the screen
    asked = product_specs.asked_specs(POS, "screen size of the touch screen credit card pos system")
    assert asked[0].value == "7 inches"
    # the name alone asks nothing: "the halo 30w" is no question of power
    assert product_specs.asked_measures("is the touch screen pos system any good", POS) == []


LAMP = Product("WL-6", "600-Watt Work Light", "Bright halogen light for sites.\nTripod is adjustable, from 4 feet "
               "to 7 feet\nIncludes 6 foot power chord\nWidth: 9 in\nLength: 23 in\nHeight: 4-7 ft.", 49.0)
STOOL = Product("ST-1", "Lab Stool", "Seat Depth: 14 in\nSeat Height: 19 in\nHeight: 30 in\nColor: Black, Blue", 80.0)


@pytest.mark.parametrize("product, question, expected, absent", [
    (LAMP, "how long is the power cord", "6 foot power chord", "Length"),
    (LAMP, "whats the length of the cable cord on the 600 watt work light", "6 foot", "Width"),
    (LAMP, "how high does the tripod go", "7 feet", "Width"),
    (STOOL, "how high is the seat", "Seat Height: 19 in", "Depth"),
])
def test_the_measure_of_a_named_part_is_the_parts(product, question, expected, absent):
    text = product_answers.describe(product, question, "USD")
    assert expected in text and absent not in text


def test_a_question_naming_no_part_gets_the_products_measures():
    assert product_specs.part_lines(LAMP, "how tall is it", product_answers.record_lines(LAMP)) == []
    assert "Height: 4-7 ft" in product_answers.describe(LAMP, "how tall is the 600 watt work light", "USD")


def test_colours_listed_in_a_description_line_answer_a_colour_asked():
    assert product_variants.colour_options(STOOL) == ("Black", "Blue")
    assert product_variants.variant_answer(STOOL, (), ("Blue",)).startswith("Yes")
    no = product_variants.variant_answer(STOOL, (), ("Red",))
    assert no.startswith("No") and "Black, Blue" in no and "out of stock" not in no


# A garden store's records, made here: a cart whose record states only what it carries, a
# lantern whose batteries stand in a feature line.
CART = Product("GC-1", "Garden Cart", "Folds flat.\n150 kg. load capacity\nWheels: pneumatic", 89.0)
LANTERN = Product("GL-2", "Camp Lantern", "Runs on batteries (includes 3 D batteries)\n"
                  "Charger sold separately\nHandle: steel", 25.0)



def test_a_load_line_is_no_weight():
    # "150 kg. load capacity" holds a weight unit and the word, yet weighs nothing
    said = product_answers.answer(CART, "how much does the garden cart weigh", "EUR")
    assert said.admits and "150" not in said.text
    assert "150 kg" in product_answers.describe(CART, "how much weight can it carry", "EUR")


def test_come_with_reads_the_feature_lines():
    assert product_answers.describe(LANTERN, "does it come with batteries?", "EUR").startswith("Yes")
    said = product_answers.describe(LANTERN, "does it come with a charger", "EUR")
    assert not said.startswith("Yes") and "sold separately" in said


def test_protection_alone_is_no_water_rating():
    bag = Product("TB-1", "Tool Bag", "Padded base gives protection from knocks.", 40.0)
    said = product_answers.answer(bag, "is the tool bag waterproof", "EUR")
    assert said.admits and "knocks" not in said.text


def test_a_shared_measure_no_spec_states_is_compared_from_the_record():
    linen = Product("AP-1", "Linen Apron", "Two pockets.\n80% linen / 20% cotton", 22.0)
    canvas = Product("AP-2", "Canvas Apron", "One pocket.\n100% cotton canvas", 18.0)
    text = product_compare.compare([linen, canvas], "EUR", "are the linen and canvas aprons the same material").text
    assert "80% linen" in text and "100% cotton" in text


# records with no "Label: value" lines: the facts are in sentences
MONITOR = Product("MN-30", "Vista LP30", "Turn heads with the new 30-inch diagonal Vista LP30 flat panel. "
                  "Its huge wide-aspect screen lets you work comfortably.", 899.0)
PLAYER = Product("MP-1", "Clip Player", "Clip it on and go. For more fun, shuffle songs during playback. "
                 "Enjoy up to 12 hours straight of music playback.", 49.0)
SOFA = Product("SF-2", "Leather Sofa", "This premium, tan bonded leather seat reclines at a lever. "
               "Pocket sprung cushions keep their shape.", 1245.0)


def test_a_hyphened_unit_measures_a_screen_in_a_sentence():
    text = product_answers.describe(MONITOR, "how big is the screen on the vista lp30", "EUR")
    assert "30-inch" in text
    assert product_specs.asked_specs(
        Product("LB", "Light Bar", "Width: 60-cm", 10.0), "how wide is it")[0].value == "60-cm"


def test_a_battery_life_stated_as_hours_of_playback_answers_the_battery():
    text = product_answers.describe(PLAYER, "whats the battery life like on the clip player", "EUR")
    assert "12 hours" in text and "shuffle songs" not in text


def test_a_material_named_in_a_sentence_answers_and_a_name_is_no_material():
    text = product_answers.describe(SOFA, "is the leather sofa real leather", "EUR")
    assert "bonded leather" in text and "can't find" not in text
    assert product_specs.asked_specs(SOFA, "is the leather sofa real leather") == []


def test_what_it_comes_with_named_by_a_word_of_its_name_is_read_from_the_record():
    chair = Product("BC-1", "Balloon Chair", "A white wooden chair with a pink balloon tied to it. "
                    "The balloon may be detached.", 65.0)
    text = product_answers.describe(chair, "does the balloon chair actually come with the balloon", "EUR")
    assert "pink balloon" in text and "can't find" not in text
    # what comes with a product said by its whole name asks for no item of its own
    assert product_specs.asked_item("what comes with the balloon chair", chair) == []


def test_a_second_product_named_by_its_number_alone():
    lights = [Product("H-30", "Halo 30W Floodlight", "", 49.0), Product("H-50", "Halo 50W Floodlight", "", 79.0),
              Product("B-50", "Beam 50W Spotlight", "", 59.0), Product("H-99", "Halo 30W Spare Lens", "", 9.0)]
    found = product_compare.short_second(lights, lights[0], "which is brighter, the halo 30w or the 50w")
    assert [p.sku for p in found] == ["H-50"]
    # a word two products share alike names neither; a size with no product names none
    alike = [Product("A", "Desk 120", "", 1.0), Product("B", "Table 160", "", 1.0), Product("C", "Shelf 160", "", 1.0)]
    assert product_compare.short_second(alike, alike[0], "the desk 120 or the 160") == []
    assert product_compare.short_second(lights, lights[0], "halo 30w in size 42 or 44") == []


def test_a_drinks_strength_and_fill_are_met_under_the_stores_own_codes():
    """Saleor's demo codes them "abv" and "volume"; shoppers ask how strong, what size bottle."""
    lager = Product("L-1", "Seaman Lager", "Extra strong lager.", 5.0, attributes={"abv": ("5.1%",)})
    wine = Product("W-1", "Red Wine", "A fine red.", 5.0, attributes={"volume": ("700ml",)})
    cider = Product("C-1", "Dry Cider", "Crisp cider.\nStrength: 4.5% vol\nPack: 500 ml bottle", 3.0)
    assert [s.value for s in product_specs.asked_specs(lager, "how strong is the seaman lager? abv")] == ["5.1%"]
    assert [s.value for s in product_specs.asked_specs(wine, "what size bottle is the red wine")] == ["700ml"]
    assert [s.value for s in product_specs.asked_specs(wine, "how many ml is it")] == ["700ml"]
    # a label of the store's own ("Pack"): the value's unit says it
    assert "4.5% vol" in product_specs.asked_specs(cider, "how much alcohol is in it")[0].value
    assert "500 ml" in product_specs.asked_specs(cider, "how big is the bottle")[0].value
    # a percentage of something else is no strength
    assert product_specs.asked_specs(Product("T-2", "Tee", "77% Polyester", 9.0), "how strong is it") == []


def test_come_with_quotes_the_spec_line_and_the_sentence_not_the_whole_paragraph():
    printer = Product("RP-1", "Receipt Printer", "This printer prints on thermal paper. It connects over USB. It's "
                      "powered by rechargeable batteries and includes a power adapter.\nIncludes: power adapter\n"
                      "Paper type: thermal paper", 250.0)
    said = product_answers.describe(printer, "does the receipt printer come with a power adapter", "USD")
    assert said.startswith("Yes") and "Includes: power adapter" in said
    assert "connects over USB" not in said  # the paragraph's other sentences say nothing of it


def test_a_colour_before_the_name_says_which_product_and_asks_nothing():
    labeler = Product("PL-2", "Pricing Labeler", "Characters per line: 7\nColor: Red", 175.0)
    said = product_answers.describe(labeler, "how many characters per line on the red pricing labeler", "USD")
    assert "Characters per line: 7" in said and "comes in" not in said
    hardhat = Product("HH-1", "Hardhat", "Shell: polyethylene\nColor Options: Yellow, Red", 59.99)
    # the colour asked after the name, or with nothing else asked, is still answered
    assert product_answers.describe(hardhat, "does the hardhat come in red", "USD").startswith("Yes")
    assert product_answers.describe(hardhat, "is there a red hardhat", "USD").startswith("Yes")


def test_the_dimension_named_is_the_one_answered_and_a_units_full_stop_ends_no_sentence():
    sofa = Product("SF-1", "Green Sofa", "Seat Depth: 22”\nSeat Height: 19-1/4”", 625.0)
    assert "Seat Height: 19-1/4”" in product_answers.describe(sofa, "what's the seat height on the sofa", "USD")
    assert "Seat Depth: 22”" in product_answers.describe(sofa, "whats the seat depth of the sofa", "USD")
    chair = Product("WC-1", "Foldable Wheelchair", "Steel frame\n220lb. weight capacity", 245.0)
    assert "220lb. weight capacity" in product_answers.describe(chair, "what is the wheelchair weight capacity",
                                                                "USD")


def test_a_superlative_picks_the_one_in_view_with_most_or_least_of_its_measure():
    lamp = Product("LA-1", "Desk Glow Lamp", "Reading lamp.\nLight output: 600 lm\nNet weight: 1.3 kg", 39.0)
    balls = [Product(f"B-{n}", f"Stasis Ball {n} cm", "Exercise ball.", float(n)) for n in (55, 75, 65)]
    assert spec_ranking.most_of([SPOT, TENT, lamp], "and the brightest?") is SPOT
    assert spec_ranking.most_of([SPOT, TENT, lamp], "whats the lightest one") is lamp
    # a size said only in the names counts; no superlative, or one measure stated once, picks none
    assert spec_ranking.most_of(balls, "and the biggest?") is balls[1]
    assert spec_ranking.most_of(balls, "the smallest one") is balls[0]
    assert spec_ranking.most_of(balls, "and the red one?") is None
    assert spec_ranking.most_of([SPOT, balls[0]], "the brightest one") is None
    # the superlative is asked as its measure where the record states it, else left out
    assert spec_ranking.without_superlative("whats the heaviest one", SPOT) == "whats the how heavy one"
    assert "biggest" not in spec_ranking.without_superlative("and the biggest?", balls[1])


COOKSET = Product("CK-1", "Camp Cookset", "Family cooking system.\n\nIncludes:\n- 3L pot with lid\n- 9\" frying pan\n"
                  "- Four sporks\n\nSpecifications:\n- Weight: 1.45 kg\n- Materials:\n  - Anodized aluminum body\n"
                  "  - Silicone handles\n- Capacity: 3 liters\n\nFeatures:\n- Nests together\n- Dishwasher safe", 79.99)


def test_a_measures_label_over_a_list_is_one_spec_of_its_items():
    specs = {s.label: s.value for s in product_specs.specs(COOKSET)}
    assert specs["Includes"] == '3L pot with lid, 9" frying pan, Four sporks'
    # a label that is itself an item holds only the items indented under it
    assert specs["Materials"] == "Anodized aluminum body, Silicone handles"
    assert specs["Weight"] == "1.45 kg" and specs["Capacity"] == "3 liters"
    # a list of "Label: value" lines is read line by line; "Features" names no measure
    assert "Specifications" not in specs and "Features" not in specs


def test_what_comes_in_a_product_is_its_box_list_and_an_item_is_found_in_it():
    for asked in ("what comes in the camp cookset", "what's included with the camp cookset"):
        found = product_specs.asked_specs(COOKSET, asked)
        assert "Four sporks" in product_specs.spec_text(COOKSET, found, asked), asked
    asked = "does the camp cookset come with a frying pan"
    assert product_specs.spec_text(COOKSET, product_specs.asked_specs(COOKSET, asked), asked).startswith("Yes.")
    asked = "does the camp cookset come with a kettle"
    assert "I don't see kettle listed" in product_specs.spec_text(COOKSET, product_specs.asked_specs(COOKSET, asked), asked)


HEX_SET = Product("HX-1", "Hex Key Set", "Hex keys in a folding case.\n\nFeatures:\n\n- Chrome finish\n"
                  "- Storage holder\n\nSpecifications:\n\n- Material: Chrome vanadium steel\n\nIncluded Sizes:\n\n"
                  "The set typically includes the following sizes:\n- 1/16\"\n- 5/64\"\n- 3/8\"\n\n"
                  "Warranty:\n\nCovered by the maker's warranty.", 12.0)


def test_a_bare_label_over_a_list_is_read_with_its_items_and_its_introducing_sentence():
    listed = description_lists.labelled_lists(HEX_SET.description)
    assert listed["Included Sizes:"] == 'Included Sizes: 1/16", 5/64", 3/8"'
    assert listed["The set typically includes the following sizes:"] == listed["Included Sizes:"]
    assert listed["Features:"] == "Features: Chrome finish, Storage holder"
    # a block of "Label: value" lines stays line by line; a label over a sentence is no list
    assert "Specifications:" not in listed and "Warranty:" not in listed
    # a label that is itself an item holds only what is indented under it
    assert description_lists.labelled_lists(COOKSET.description)["Materials:"] == (
        "Materials: Anodized aluminum body, Silicone handles")


def test_a_question_asking_what_a_bare_label_lists_is_answered_with_the_list():
    text = product_answers.describe(HEX_SET, "what sizes come in the hex key set")
    assert '1/16", 5/64", 3/8"' in text
    # an item found by its own words is still said as the item, not as its whole list
    assert product_answers.record_lines(HEX_SET).index("Chrome finish") < product_answers.record_lines(
        HEX_SET).index("Features: Chrome finish, Storage holder")


def test_what_it_runs_on_is_its_power_source_not_its_run_time():
    lamp = Product("LL-6", "Lantern 600", "Collapsible lantern.\nRun Time: 6 hours (high)\n"
                   "Power: 4 D batteries (not included) or USB rechargeable", 39.99)
    found = product_specs.asked_specs(lamp, "does it run on batteries or is it rechargable")
    assert any("USB rechargeable" in s.value for s in found)
    assert [s.value for s in product_specs.asked_specs(lamp, "how long does it run on high")] != []


def test_a_material_named_in_a_sentence_answers_what_it_is_made_of():
    ball = Product("FB-1", "Football", "High-contrast graphics for visibility; its machine-stitched tpu casing "
                   "offers consistent performance.", 57.0)
    assert "tpu casing" in product_answers.describe(ball, "what is the football made of", "EUR")


# a download's page: a running time and a file size, no dimensions
TRACK = Product("TR-1", "Blue Evening", "Track from \"Night Songs\" by The Quartet.\n\nRunning time: 9:24\n"
                "File size: 18.4 MB\nFormat: MP3 audio file", 0.99)
HAMMER = Product("HM-1", "Ball Peen Hammer", "Hammer for metalwork.\nLength: 13 inches\nWeight: 12 ounces", 18.0)


@pytest.mark.parametrize("question", ["how long is it", "how long is blue evening",
                                      "how many minutes is the track", "whats the duration"])
def test_how_long_of_a_recording_is_its_running_time_not_its_file_size(question):
    assert [s.value for s in product_specs.asked_specs(TRACK, question)] == ["9:24"]


def test_how_long_of_a_thing_with_no_running_time_is_still_its_length():
    assert [s.value for s in product_specs.asked_specs(HAMMER, "how long is the hammer")] == ["13 inches"]
    admitted = product_answers.answer(HAMMER, "how many minutes is it", "USD")
    assert admitted.admits and "running time" in admitted.text


def test_a_sets_parts_joined_by_plus_answer_what_it_comes_with():
    # Odoo's demo: "Desk combination, black-brown: chair + desk + drawer." has no "Includes" label
    combo = Product(sku="FURN_7800", name="Desk Combination", price=450.0,
                    description="Desk combination, black-brown: chair + desk + drawer.\n\nReference: FURN_7800")
    for question in ("whats included in the desk combination", "what does the desk combination come with"):
        assert product_specs.measure_lines(combo, question) == ["Desk combination, black-brown: chair + desk + drawer."]
    assert product_specs.measure_lines(combo, "how heavy is the desk combination") == []
    plain = Product(sku="P", name="Pedal Bin", price=47.0, description="A pedal bin. Reference: E-COM10")
    assert product_specs.measure_lines(plain, "what comes with the pedal bin") == []
