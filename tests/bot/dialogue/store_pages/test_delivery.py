"""Delivery deadlines and places the rate table doesn't price, with the real service."""

from __future__ import annotations

import uuid
from dataclasses import replace

import pytest

from bot.types import ChannelMessage


def test_a_deadline_with_a_price_asked_gets_the_rate_too(dialogue_service):
    reply = dialogue_service.reply(ChannelMessage(f"delivery-{uuid.uuid4().hex[:8]}",
                                                  "how much is overnight if i need it to arrive friday")).reply
    assert "12:00" in reply.text and "$33.00" in reply.text  # the cut-off, and overnight's rate
    assert "promise" in reply.text  # no date is promised


def test_a_place_named_in_german_is_answered_in_german_without_a_price(dialogue_service):
    reply = dialogue_service.reply(ChannelMessage(f"delivery-{uuid.uuid4().hex[:8]}",
                                                  "Versendet ihr auch nach Österreich?")).reply
    assert "Österreich" in reply.text and "$" not in reply.text
    assert reply.quick_replies == ("Mit einem Menschen sprechen",)


def test_a_method_s_stated_days_join_its_label():
    from kb.shipping import ShippingQuote
    from bot.dialogue import written_replies
    quote = lambda label, days: ShippingQuote("standard", label, 12.5, 0.0, 12.5, ("policy:delivery#1",),
                                              delivery_days=days)
    assert written_replies.stated_days(quote("Standard Shipping", (3, 5))) == ", 3–5 business days"
    assert written_replies.stated_days(quote("Standard Shipping", (2, 2))) == ", 2 business days"
    assert written_replies.stated_days(quote("Ground (5-7 days)", (5, 7))) == ""  # the label says it
    assert written_replies.stated_days(quote("5—7 day shipping", (5, 7))) == ""
    assert written_replies.stated_days(quote("Next business day", (1, 1))) == ""
    assert written_replies.stated_days(quote("Royal Mail Tracked 48", (2, 3))) == ", 2–3 business days"  # a name
    assert written_replies.stated_days(quote("Standard Shipping", None)) == ""


def test_a_weekend_delivery_the_pages_do_not_speak_of_is_said_not_known(demo_kb, second_kb):
    from bot.dialogue.store_pages import delivery
    reply = delivery.deadline_reply(second_kb, "do you deliver on sundays")
    assert delivery.WEEKEND_UNSAID in reply.text and reply.quick_replies == ("Talk to a human",)
    # the demo's page says "Deliveries occur only on weekdays": that answers, quoted
    reply = delivery.deadline_reply(demo_kb, "do u deliver on saturdays")
    assert delivery.WEEKEND_UNSAID not in reply.text and "weekdays" in reply.text
    assert delivery.WEEKEND_UNSAID not in delivery.deadline_reply(second_kb, "will it arrive by friday").text


@pytest.mark.parametrize("text, asks", [
    ("can i collect my order in person", True), ("how soon can i pick my order up", True),
    ("do you have local pickup", True), ("is click and collect free", True),
    ("can the courier pick up my return", False),  # the carrier collects, not the shopper
    ("i love the summer collection", False), ("can i pick up a bigger size", False)])
def test_collecting_the_order_oneself_is_read_apart_from_other_pickups(text, asks):
    from bot.dialogue.store_pages import delivery
    assert delivery.asks_pickup(text) is asks


def test_a_pickup_is_answered_from_the_settings_and_never_the_fastest_delivery():
    from datetime import time
    from kb.shipping import ShippingMethod, ShippingRate, ShippingTable
    from bot.dialogue import written_replies
    from bot.dialogue.store_pages import delivery, shipping_names
    methods = (ShippingMethod("standard", "Parcel Post", (3, 7)),
               ShippingMethod("express", "Express Post", (1, 3), cutoff=time(13)),
               ShippingMethod("collect", "Click and Collect in Parramatta", (0, 0)))
    rates = (ShippingRate(0, None, "standard", "Parcel Post", 9.95), ShippingRate(0, None, "express", "Express Post", 14.95),
             ShippingRate(0, None, "collect", "Click and Collect in Parramatta", 0.0, regions=("NSW",)))
    table = ShippingTable(rates, (), "policy:shipping#1", methods, currency="AUD", regions={"NSW": "New South Wales"})

    class Store:  # the parts of a store these replies read
        shipping = table
        articles = ()

        def passage(self, pid):
            from kb import Passage
            return Passage(pid, "shipping", "policy", "Shipping", (), "")

    assert shipping_names.method_named(table, "whats the fastest delivery") == "express"
    assert shipping_names.method_named(table, "the cheapest delivery option") == "standard"
    # needed by tomorrow: the next-day method, where the fastest one arrives the next day
    assert shipping_names.method_named(table, "what if i need it tomorrow") is None  # express: 1-3 days
    # asked by speed, each quoted method says its days
    assert written_replies.quote_prices(table.quote(20.0, "express"), "AUD", days=True) == \
        "Express Post A$14.95, 1–3 business days"
    reply = delivery.pickup_reply(Store(), "can i pick it up")
    assert reply.text == ("Yes, you can collect your order: Click and Collect in Parramatta (free, for orders "
                          "to New South Wales).")
    assert delivery.pickup_reply(type("NoPickup", (Store,), {"shipping": _no_pickup(table)})(), "pick it up") is None
    # collecting asked for a place it does not serve: no "yes", the region it is for
    two = replace(table, regions={"NSW": "New South Wales", "VIC": "Victoria"})
    elsewhere = delivery.pickup_reply(type("TwoStates", (Store,), {"shipping": two})(), "click and collect in melbourne?")
    assert elsewhere.text == "Click and Collect in Parramatta is only for orders to New South Wales; not for Victoria."
    assert delivery.pickup_reply(type("TwoStates", (Store,), {"shipping": two})(),
                                 "click and collect in sydney?").text.startswith("Yes, you can collect")


def _no_pickup(table):
    return replace(table, method_details=table.method_details[:2], rates=table.rates[:2])


def test_a_place_not_served_leads_with_the_page_s_own_refusal():
    from types import SimpleNamespace
    from kb.shipping import ShippingMethod, ShippingRate, ShippingTable
    from bot.dialogue.store_pages import delivery
    from kb.types import Passage
    table = ShippingTable((ShippingRate(0, None, "ground", "Ground", 8.9, regions=("US",)),), (), "policy:shipping#1",
                          (ShippingMethod("ground", "Ground", (3, 7)),), currency="USD",
                          regions={"US": "United States", "CA": "Canada"})
    page = Passage("policy:shipping#1", "shipping", "policy", "Shipping", (), "We ship to the United States and Canada. Orders abroad "
                   "take longer. We do not ship to other countries yet.")
    store = SimpleNamespace(shipping=table, articles=(SimpleNamespace(passages=(page,)),), passage=lambda pid: page)
    text = delivery.place_reply(store, "Japan").text
    # the page says the store ships nowhere else: a plain no, not "can't quote" and a person to ask
    assert text.startswith("We don't ship to Japan:") and "$" not in text and "whether" not in text
    assert text.index("We do not ship to other countries yet.") < text.index("Orders abroad take longer.")
    # a page's other negations are no refusal to ship elsewhere
    for said in ("Orders do not ship on weekends.", "We do not charge for delivery to other addresses."):
        assert not delivery._SHIPS_NOWHERE_ELSE.search(said)


@pytest.mark.parametrize("text", ["if i order before noon will overnight get here tomorrow",
                                  "will it arrive tomorrow", "can it be delivered tomorrow"])
def test_arriving_tomorrow_is_a_deadline_question(text):
    from bot.dialogue.store_pages import delivery
    assert delivery.asks_deadline(text)


def _store_with(page_text: str):
    from types import SimpleNamespace
    from kb.shipping import ShippingMethod, ShippingRate, ShippingTable
    from kb.types import Passage
    table = ShippingTable((ShippingRate(0, None, "post", "Parcel", 12.0, regions=("ON", "QC")),
                           ShippingRate(0, None, "post", "Parcel", 18.0),
                           ShippingRate(0, None, "courier", "Courier", 19.95, regions=("ON",))), (),
                          "policy:shipping#1", (ShippingMethod("post", "Parcel", (2, 7)),
                                                ShippingMethod("courier", "Courier", (1, 1))),
                          currency="CAD", regions={"ON": "Ontario", "QC": "Quebec", "BC": "British Columbia"})
    page = Passage("policy:shipping#1", "shipping", "policy", "Shipping", (), page_text)
    return SimpleNamespace(shipping=table, articles=(SimpleNamespace(passages=(page,)),), passage=lambda pid: page)


def test_shipping_to_a_region_the_store_names_is_answered_yes_unless_the_page_limits_the_goods():
    from bot.dialogue.store_pages import delivery
    store = _store_with("We ship anywhere in Canada. We can only deliver beer and wine to addresses in Ontario.")
    assert delivery.ships_there(store, "do you ship to quebec?") == "Yes, we ship to Quebec. "
    assert delivery.ships_there(store, "can i get stuff delivered to vancouver") == "Yes, we ship to British Columbia. "
    assert delivery.ships_there(store, "do you ship paint to quebec") == "Yes, we ship to Quebec. "
    assert delivery.ships_there(store, "can you send wine to vancouver") == ""  # the page's rule answers
    assert delivery.ships_there(store, "how much to ship to quebec") == ""  # a price, not a yes/no
    assert delivery.ships_there(store, "do you ship to japan") == ""  # no region of the store
    assert delivery.asks_ships_to("can you send stuff to auckland", any_goods=True)
    assert not delivery.asks_ships_to("can you send wine to vancouver", any_goods=True)


def test_how_long_to_a_place_lists_only_the_methods_that_go_there():
    from bot.dialogue import context_replies
    from bot.dialogue.state import DialogueState
    store = _store_with("We ship anywhere in Canada.")
    text = context_replies.delivery_time(store, DialogueState(), "British Columbia").text
    assert "Parcel" in text and "Courier" not in text
    assert "Courier" in context_replies.delivery_time(store, DialogueState(), "Ontario").text


def test_an_extra_charge_asked_of_a_kind_of_address_is_the_page_s_sentence_on_it():
    from types import SimpleNamespace
    from kb.shipping import ShippingMethod, ShippingRate, ShippingTable
    from bot.dialogue.store_pages import delivery
    from kb.types import Passage
    table = ShippingTable((ShippingRate(0, None, "post", "Post", 6.5),), (), "policy:delivery#1",
                          (ShippingMethod("post", "Post", (1, 3)),), currency="NZD")
    rates = Passage("policy:delivery#1", "delivery", "policy", "Delivery", (), "Tracked post costs $6.50.")
    rural = Passage("policy:delivery#2", "delivery", "policy", "Delivery", (),
                    "Rural Delivery addresses pay $4.50 extra per parcel. Overnight isn't guaranteed there.")
    store = SimpleNamespace(shipping=table, articles=(SimpleNamespace(passages=(rates, rural)),))
    found = delivery.extra_charge(store, "my place is a rural delivery address, does that cost extra")
    assert found is not None and found[0].id == "policy:delivery#2" and "$4.50 extra" in found[1]
    # no extra charge asked, or none of the asked thing: no sentence
    assert delivery.extra_charge(store, "how much is delivery to a rural address") is None
    assert delivery.extra_charge(store, "does express cost extra") is None
    from bot.types import Reply
    led = delivery.with_extra_charge(store, "my place is a rural delivery address, does that cost extra",
                                     Reply("Shipping: Post NZ$6.50."))
    assert led.text.startswith("Rural Delivery addresses pay $4.50 extra") and led.text.endswith("NZ$6.50.")


def test_needing_it_tomorrow_names_the_store_s_next_day_method(second_kb):
    from bot.dialogue.store_pages import shipping_names

    # brightline's "express" is its next-day courier (delivery_days: 1)
    assert shipping_names.method_named(second_kb.shipping, "what if i need it tomorrow") == "express"
    assert shipping_names.method_named(second_kb.shipping, "can i get them by tomorrow?") == "express"
    assert shipping_names.method_named(second_kb.shipping, "is it raining tomorrow") is None


def test_a_story_asking_the_return_window_gets_the_window_not_a_rule_picked_by_its_goods(dialogue_service):
    # the story's goods (a sweatshirt: a hoodie's categories) pick a goods rule only for a
    # condition asked; "how long do I have" is the window (a fee sentence was quoted instead)
    text = "bonjour 🙂 j'ai commandé un sweat pour ma fille la semaine dernière, combien de temps j'ai pour le retourner ?"
    reply = dialogue_service.reply(ChannelMessage(f"story-{uuid.uuid4().hex[:8]}", text)).reply
    assert "30" in reply.text and "restock" not in reply.text
