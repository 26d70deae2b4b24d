"""Specs of a product record matched to questions by what they measure, with units, whatever
the store calls its labels."""

from __future__ import annotations

import pytest

from bot.dialogue import product_answers, product_specs
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
    assert "out of stock" not in product_answers.variant_answer(shoe, ("40",), ())
    said = product_answers.variant_answer(shoe, ("42",), ())
    assert said.startswith("Yes") and "42 is out of stock" in said
