"""A product's measure held against a number: yes or no from the record's own value."""

from bot.dialogue.products import product_thresholds
from kb import Product

LAGER = Product("L-1", "Seaman Lager", "Extra strong.", 5.0, attributes={"abv": ("5.1%",)})
MONITOR = Product("M-1", "Curvy Monitor (27 inch)", "", 169.94, attributes={"monitor_size": ("27 inch",)})
BELT = Product("B-1", "Belt", "", 65.0, attributes={"weight": ("1.2 lb",), "length": ("12 in",)})


def test_a_measure_over_or_under_a_number_is_answered_with_the_record_value():
    assert product_thresholds.answer(LAGER, "is the seaman lager over 6 percent") == "No, the Seaman Lager's abv is 5.1%."
    assert product_thresholds.answer(LAGER, "is it more than 5%?").startswith("Yes")
    assert product_thresholds.answer(MONITOR, "is the curvy monitor bigger than 25 inches").startswith("Yes")
    assert product_thresholds.answer(BELT, "does it weigh under 2 lbs").startswith("Yes")


def test_at_least_and_at_most_hold_the_number_itself():
    assert product_thresholds.answer(MONITOR, 'is it at least 27"').startswith("Yes")
    assert product_thresholds.answer(MONITOR, "is it over 27 inch").startswith("No")


def test_no_answer_without_a_value_in_the_unit_asked_or_for_a_price_or_a_count():
    assert product_thresholds.answer(LAGER, "is it over 2 kg") is None  # no weight in the record
    assert product_thresholds.answer(BELT, "is it under 20 pounds") is None  # a price
    assert product_thresholds.answer(BELT, "do you have more than 3 in stock") is None  # a count
    assert product_thresholds.answer(LAGER, "is it strong") is None
