"""What the store charges for a service done to goods is asked of its pages, not a product's price."""

from __future__ import annotations

import pytest

from bot.dialogue.store_pages import service_prices


@pytest.mark.parametrize("text", [
    "how much do you charge to cut a sheet of plywood into 5 pieces",
    "how much does it cost to have you assemble the bed",
    "what do u charge for cutting keys",
    "whats the fee to engrave it",
])
def test_a_charge_for_doing_something_is_asked(text):
    assert service_prices.asks(text)


@pytest.mark.parametrize("text", [
    "how much is the drill",
    "how much do you charge for the drill",          # the goods' price
    "how much does it cost to ship to alaska",        # shipping, read by the shipping rules
    "how much do you charge for shipping",
    "is there a fee for returning",
])
def test_the_price_of_goods_or_of_shipping_is_not(text):
    assert not service_prices.asks(text)
