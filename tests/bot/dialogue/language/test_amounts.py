"""Order totals as shoppers write them (bot.dialogue.language.amounts)."""

from __future__ import annotations

import pytest

from bot.dialogue.language import amounts


@pytest.mark.parametrize("text, value", [
    ("shipping cost if my cart is 40 bucks?", 40.0), ("how much to ship 40.00 usd to HI", 40.0),
    ("forty dollars order, whats shipping", 40.0), ("twenty-five bucks", 25.0),
    ("a hundred and twenty dollars", 120.0), ("i have a forty dollar cart", 40.0),
    ("shiping to hawai for 25$", 25.0), ("about 45 in my cart", 45.0), ("€15 to Ireland", 15.0),
    ("2 day shipping for $30, how much", 30.0), ("lower 48, $60 order", 60.0),
    ("3 items for 40", 40.0), ("size 10 shoes, 80 dollars", 80.0),
])
def test_the_order_total_is_the_first_amount_a_currency_marks_or_else_the_first_bare_one(text, value):
    assert amounts.read(text)[0].value == value


@pytest.mark.parametrize("text", ["2 day shipping?", "the lower 48", "3 items", "does the $5 extra apply",
                                  "order 000000110", "ships in 5-7 business days"])
def test_counts_surcharges_and_order_numbers_are_no_total(text):
    assert amounts.read(text) == []


def test_an_amount_added_to_the_cart_is_marked_added():
    assert amounts.read("what if i add a $20 item") == [amounts.Amount(20.0, True, True)]
    assert amounts.read("plus another 15 bucks")[0].added
    assert not amounts.read("my cart is $20")[0].added


def test_a_bare_number_before_a_plural_word_counts_it():
    from bot.dialogue.language import amounts

    assert amounts.read("hi! 2 questions: do you ship to guam") == []
    assert [a.value for a in amounts.read("2 pares por 40 dolares")] == [40.0]
    assert [a.value for a in amounts.read("my cart is 62")] == [62.0]
    assert [a.value for a in amounts.read("60 plus tax")] == [60.0]  # a plural word that counts nothing
    assert [a.value for a in amounts.read("shipping for 40 pls")] == [40.0]


def test_a_texted_for_or_to_is_a_word_not_an_amount():
    assert [a.value for a in amounts.read("priority 4 a 75 cart")] == [75.0]
    assert [a.value for a in amounts.read("send it 2 my sister, its 45")] == [45.0]
    assert [a.value for a in amounts.read("my cart is 4")] == [4.0]  # a bare 4 is still an amount


def test_a_grand_is_a_thousand_dollars_but_not_a_grand_piano_or_total():
    assert [a.value for a in amounts.read("shipping on a grand worth of gear")] == [1000.0]
    assert [a.value for a in amounts.read("its like 2 grand, overnight")] == [2000.0]
    assert [a.value for a in amounts.read("about 1.5 grand?")] == [1500.0]
    assert amounts.read("do you sell a grand piano") == []
    assert [a.value for a in amounts.read("a grand total of 50")] == [50.0]
