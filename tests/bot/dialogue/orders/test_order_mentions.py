"""An order checked in this conversation named again by its short number."""

from __future__ import annotations

from bot.dialogue.orders.order_mentions import written_out

SEEN = ["000000106", "000000105"]


def test_a_short_number_of_an_order_seen_is_written_out():
    assert written_out("can i return the leggings from 106?", SEEN) == \
        "can i return the leggings from 000000106?"
    assert written_out("what about #105", SEEN) == "what about #000000105"
    assert written_out("order 000000106", SEEN) == "order 000000106"


def test_amounts_measures_and_orders_not_seen_stay_as_written():
    for text in ("shipping on 106 dollars", "$106", "i waited 106 days", "106.5", "and 107?"):
        assert written_out(text, SEEN) == text
    assert written_out("can i return the leggings from 106?", []) == "can i return the leggings from 106?"
