"""A number in a reply is supported only as what its facts say it is (issue #15)."""

import pytest

from bot.dialogue.grounding import guard
from bot.dialogue.products import number_roles
from models import Fact

BULB = [Fact("product:2JD90#spec-catalog-page", "The 90-Watt Bright White LED Light Bulb catalog page: 4227."),
        Fact("product:2JD90#stock", "The 90-Watt Bright White LED Light Bulb is in stock.")]
CHAIR = [Fact("product:3JK90#spec-weight-capacity", "The Executive Chair With Headrest weight capacity: 242 lbs."),
         Fact("product:3JK90#price", "The Executive Chair With Headrest costs $545.00 (regular price $599.00).")]
TABLE = [Fact("product:5BM69#size", "The Conference Table, 47 in.")]
SHELVES = [Fact("product:3ET67#description", "Four adjustable shelves and a 4000 pound weight capacity.")]


@pytest.mark.parametrize("reply, facts, question", [
    ("Yes, we have 4227 LED light bulbs [product:2JD90#spec-catalog-page].", BULB, "do u have any led bulbs"),
    ("[product:2JD90#spec-catalog-page] 4227 lumens.", BULB, "how bright is it"),
    ("The chair's warranty: 242 lbs [product:3JK90#spec-weight-capacity].", CHAIR, "whats the warranty"),
    ("The chair costs $599.00 [product:3JK90#price].", CHAIR, "how much is the chair"),
    ("The chair is cheaper than $545.00 [product:3JK90#price].", CHAIR, "which is cheaper"),
    ("The Conference Table weighs 47 in [product:5BM69#size].", TABLE, "how heavy is the table"),
    ("The shelves weigh 4000 pounds [product:3ET67#description].", SHELVES, "how much do the shelves weigh"),
    ("[product:2JD90#spec-catalog-page] 4227", BULB, "how many bulbs do you have"),
])
def test_a_number_said_as_what_no_fact_says_is_rejected(reply, facts, question):
    verdict = guard.check(reply, facts, question)
    assert not verdict.ok and "number not as the facts say" in verdict.reason


@pytest.mark.parametrize("reply, facts, question", [
    ("The bulb's catalog page is 4227 [product:2JD90#spec-catalog-page].", BULB, "what page is it on"),
    ("The 90-watt bulb is in stock [product:2JD90#stock].", BULB, "do you have the 90 watt bulb"),
    ("It holds up to 242 lbs [product:3JK90#spec-weight-capacity].", CHAIR, "how much weight can it hold"),
    ("The chair costs $545.00, regular price $599.00 [product:3JK90#price].", CHAIR, "how much is the chair"),
    ("The table is 47 in [product:5BM69#size].", TABLE, "how big is the table"),
    ("The shelves hold 4000 pounds [product:3ET67#description].", SHELVES, "how much can they hold"),
])
def test_a_number_said_as_its_fact_says_passes(reply, facts, question):
    assert guard.check(reply, facts, question).ok


def test_a_list_shares_its_unit_and_kind_and_a_clock_is_no_count():
    roles = dict(number_roles.occurrences("Orders arrive in 7 to 9 business days, before 12:00 noon."))
    assert roles["7"] == roles["9"] == {"time"} and roles["12"] == {"clock"}
    sizes = Fact("product:WSH12#sizes", "The Erika Running Short comes in sizes 28, 29, 30, 31, 32.")
    assert guard.check("Yes, the Erika Running Short is available in size 30 [product:WSH12#sizes].",
                       [sizes], "womens shorts size 30").ok


def test_a_number_from_the_question_is_no_answer_and_a_yes_that_says_all_its_fact_says_is():
    height = Fact("product:5TU10#spec-height", "The 600-Watt Bulb Work Light height: 4-7 ft.")
    assert guard.check("The tripod on the 600w work light goes [product:5TU10#spec-height].", [height],
                       "how high does the tripod on the 600w work light go").reason == "restates the question"
    stock = Fact("product:WLCH1#stock", "The Foldable Wheelchair is in stock.")
    assert guard.check("Yes, the Foldable Wheelchair is in stock [product:WLCH1#stock].", [stock],
                       "is the foldable wheelchair in stock").ok


def test_a_product_record_grants_a_yes_to_we_sell_it_but_not_when_out_of_stock():
    record = Fact("product:TAG1#description", "This medical identifications tag is a practical way to wear "
                  "your medical information.")
    assert guard.check("Yes, we carry medical tags [product:TAG1#description].", [record],
                       "do you carry medical tags").ok
    page = Fact("policy:faq#1", "This medical tag page explains how to wear your medical information.")
    assert not guard.check("Yes, we carry medical tags [policy:faq#1].", [page], "do you carry medical tags").ok
    gone = Fact("product:TAG1#stock", "The Medical Tag is out of stock.")
    assert not guard.check("Yes, we carry the medical tag [product:TAG1#stock].", [gone],
                           "do you carry the medical tag").ok
