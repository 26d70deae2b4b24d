"""Replies written by code for a store that is not the demo: its currency, its regions, its
missing parts said plainly (bench/data/stores/brightline, copied by the `second_kb` fixture)."""

from __future__ import annotations

from datetime import date

from bot.dialogue import policy, written_replies
from bot.dialogue.store_pages import contact_replies, delivery, shipping_names


def test_shipping_is_quoted_in_the_stores_currency_and_regions(second_kb):
    reply = written_replies.shipping_quote(
        second_kb, "How much does shipping cost for a €80 order to Northern Ireland?")
    # standard 7.50 and express 15 plus the 5.00 Northern Ireland surcharge (store.yaml)
    assert "€12.50" in reply.text and "€20.00" in reply.text and "$" not in reply.text
    assert "surcharge for Northern Ireland" in reply.text
    assert [c.id for c in reply.citations] == ["policy:store-shipping#1"]


def test_a_region_row_and_the_free_shipping_rule_come_from_the_settings(second_kb):
    britain = written_replies.shipping_quote(second_kb, "express delivery to Great Britain?")
    assert "€35.00" in britain.text and "standard" not in britain.text
    free = written_replies.shipping_quote(second_kb, "shipping on a 200 euro order")
    assert "standard (Tracked courier) free" in free.text and "express (Next-day courier) €15.00" \
        in free.text
    plain = written_replies.shipping_quote(second_kb, "how much is shipping?")
    assert "Standard shipping is free from €150.00" in plain.text


def test_an_order_total_with_a_decimal_comma_is_read(second_kb):
    # 1.299,00 € is over the 150 free-shipping threshold; 12,50 € is under it
    big = written_replies.shipping_quote(second_kb, "shipping on an order of 1.299,00 €?")
    small = written_replies.shipping_quote(second_kb, "and for 12,50 €?")
    assert big.text.startswith("For a €1299.00 order") and "standard (Tracked courier) free" in big.text
    assert small.text.startswith("For a €12.50 order") and "standard (Tracked courier) €7.50" in small.text


def test_the_demo_quote_reads_as_before(demo_kb):
    # The text the code gave before stores had settings of their own (Luma's page and rules),
    # except that an order over the free-shipping threshold is told it ships free first: the
    # old text listed every price and then said orders of $50 or more ship free (issue #15).
    reply = written_replies.shipping_quote(demo_kb, "How much is shipping to Alaska for a $120 order?")
    assert reply.text == ("Your $120.00 order ships free with our promotion (orders of $50.00 or more). "
                          "Without it, shipping would be: standard (5—7 day shipping) $21.00; "
                          "priority (2—3 day shipping) $26.00; overnight (Next business day) $33.00. "
                          "Standard shipping includes the $5.00 surcharge for Alaska.")
    under = written_replies.shipping_quote(demo_kb, "How much is shipping for a $30 order?")
    assert under.text.startswith("For a $30.00 order, shipping is: standard (5—7 day shipping) $16.00")
    assert "free" not in under.text


def test_a_store_without_promotions_says_so_and_checks_no_code(second_kb):
    reply = written_replies.promotions(second_kb, "Is SAVE10 a valid discount code?", date.today())
    assert reply.action == policy.PROMOTIONS and not reply.citations
    assert "don't know of any promotions" in reply.text and "can't check the code SAVE10" in reply.text


def test_a_product_without_a_price_is_quoted_on_request(second_kb):
    table = second_kb.product("OF-220")
    assert written_replies.price_text(table, "EUR") == "price on request"
    facts = written_replies.product_facts(table, "EUR")
    assert facts[0].text == ("The Executive Boardroom Table has no listed price; the store quotes "
                             "it on request.")
    chair = written_replies.product_facts(second_kb.product("OF-230"), "EUR")[0]
    assert chair.text == "The ErgoMesh Office Chair costs €219.00 (regular price €249.00)."


def test_money_names_other_currencies_after_the_amount():
    assert written_replies.money(12, "CHF") == "12.00 CHF"
    assert written_replies.money(12, None) == "12.00"
    assert written_replies.money(7.5, "GBP") == "£7.50"
    # a dollar that is not the US one keeps the "$" its shoppers expect, marked with its country
    assert written_replies.money(279.99, "AUD") == "A$279.99"
    assert written_replies.money(5, "CAD") == "C$5.00" and written_replies.money(5, "NZD") == "NZ$5.00"


def _table(*methods, surcharges=()):
    from kb.shipping import ShippingRate, ShippingTable
    rates = tuple(ShippingRate(0.0, None, m.code, m.label, price) for m, price in methods)
    return ShippingTable(rates, surcharges, "policy:shipping#1", tuple(m for m, _ in methods), currency="GBP",
                         regions={"UK": "United Kingdom"})


def test_a_method_is_named_by_its_label_and_never_by_a_code_written_for_machines():
    from kb.shipping import ShippingMethod
    table = _table((ShippingMethod("flat_rate", "Royal Mail Tracked 48", (2, 3), free_over=50), 3.95),
                   (ShippingMethod("local_pickup", "Local pickup in Manchester", (0, 0)), 0.0),
                   (ShippingMethod("standard", "Tracked courier", (2, 4)), 7.5),
                   (ShippingMethod("overnight", "Next business day", (1, 1)), 20.0))
    prices = written_replies.quote_prices(table.quote(20.0), "GBP")
    # a pickup that costs nothing is "free"; a code that adds a shopper's word stays beside its label
    assert prices == ("Royal Mail Tracked 48 £3.95; Local pickup in Manchester free; "
                      "standard (Tracked courier) £7.50; overnight (Next business day) £20.00")
    assert "_" not in written_replies.method_title("flat_rate", "2-3 day shipping")
    assert written_replies.method_title("standard", "Standard Shipping") == "Standard Shipping"
    assert written_replies.method_title("standard", "5—7 day shipping") == "Standard shipping"


def test_a_pickup_states_no_days_and_a_cut_off_is_said_for_its_own_method_only():
    from kb.shipping import ShippingMethod
    from datetime import time
    table = _table((ShippingMethod("standard", "Parcel Post", (3, 7)), 9.95),
                   (ShippingMethod("express", "Express Post", (1, 3), cutoff=time(13)), 14.95),
                   (ShippingMethod("collect", "Click and Collect", (0, 0)), 0.0))

    class Store:  # the parts of a store deadline_reply reads
        shipping = table
        articles = ()

    text = delivery.deadline_reply(Store(), "when will it get here").text
    assert "Express Post, 1–3 business days; Click and Collect." in text and "0 business days" not in text
    # only Express Post has a cut-off: never "delivery times count from 13:00" for every method
    assert "placed before the cut-off (store time): Express Post 13:00." in text


def test_the_number_to_call_and_hours_the_store_does_not_give(demo_kb, second_kb):
    for asked in ("whats the number to call customer service", "what hours is customer support open?"):
        assert contact_replies.CONTACT_QUESTION.search(asked)
    assert not contact_replies.CONTACT_QUESTION.search("i want to talk to customer service")
    # when or how to reach the team, in Bitext's contact_customer_service words
    for asked in ("what time can i ring customer support", "how can i get in touch with you",
                  "help checking at what time i can reach customer service", "customersupport e-mail"):
        assert contact_replies.CONTACT_QUESTION.search(asked)
    # the store's opening times, asked of the store rather than of its team
    for asked in ("what time do you close on weekdays", "when does the shop open", "are you open on saturdays",
                  "whats your opening hours", "are you open saturdays", "r u open weekends"):
        assert contact_replies.CONTACT_QUESTION.search(asked)
    for other in ("how can i speak to the team", "can i talk to a human", "what time do you deliver",
                  "when do you ship", "can i open the box before i return it"):
        assert not contact_replies.CONTACT_QUESTION.search(other)
    hours = contact_replies.contact(demo_kb, "when is customer service open? i'd call them")
    assert demo_kb.contact.channel("phone").value in hours.text
    assert "can't find our opening hours" in hours.text and hours.quick_replies == ("Talk to a human",)
    phone = contact_replies.contact(demo_kb, "whats your phone number")
    assert "opening hours" not in phone.text and not phone.quick_replies
    given = contact_replies.contact(second_kb, "what are your opening hours?")  # its store.yaml has them
    assert "Hours:" in given.text and "can't find" not in given.text


def test_express_is_the_fastest_method_and_a_misspelt_region_is_read(demo_kb, second_kb):
    assert shipping_names.method_named(demo_kb.shipping, "actually make it express") == "overnight"
    assert shipping_names.method_named(second_kb.shipping, "express please") == "express"
    quote = written_replies.shipping_quote(demo_kb, "hw much is shiping to alsaka for 40 dolars")
    assert "$21.00" in quote.text and "Alaska" in quote.text
    assert shipping_names.region_named(demo_kb.shipping, "what about taxes on 40") is None


def test_a_method_named_by_its_own_code_is_that_method_not_the_fastest():
    from pathlib import Path

    from kb import KnowledgeBase

    # standard 3-7 days, express 1-3 days and a 0-day Click and Collect: "express" is the
    # store's express; "fastest delivery" is express too: a pickup delivers nothing (and only to NSW)
    kb = KnowledgeBase.from_folder(Path(__file__).resolve().parents[3] / "bench/data/stores/opencart_sample")
    named = lambda text: shipping_names.method_named(kb.shipping, text)
    assert named("how much is express shipping to western australia") == "express"
    assert named("express please") == "express"
    assert named("whats the fastest delivery option") == "express"
    quote = written_replies.shipping_quote(kb, "how much is express shipping to western australia")
    assert "19.95" in quote.text  # 14.95 and the 5.00 surcharge of WA


def test_a_method_named_by_the_stores_label_without_its_carrier_is_that_method(demo_kb):
    from pathlib import Path

    from kb import KnowledgeBase

    # contoso_outdoor's "UPS 2nd Day Air" (code two_day): "2nd day air" names it
    kb = KnowledgeBase.from_folder(Path(__file__).resolve().parents[3] / "bench/data/stores/contoso_outdoor")
    assert shipping_names.method_named(kb.shipping, "whats 2nd day air shipping on it") == "two_day"
    # as the reading spells the ordinal ("2nd" -> "second")
    assert shipping_names.method_named(kb.shipping, "whats second day air shipping on it") == "two_day"
    # a label's generic words alone ("day shipping", "business day") name no method
    assert shipping_names.method_named(demo_kb.shipping, "next business day") is None
    assert shipping_names.method_named(demo_kb.shipping, "any day shipping") is None
    # nor does one word left of a label without its first ("post" of opencart's "Express Post")
    opencart = KnowledgeBase.from_folder(Path(__file__).resolve().parents[3] / "bench/data/stores/opencart_sample")
    assert shipping_names.method_named(opencart.shipping, "can you post it to me") is None


def test_who_pays_return_shipping_is_said_from_the_settings(second_kb, demo_kb):
    from bot.dialogue import context_replies

    assert context_replies.RETURN_SHIPPING_QUESTION.search("who pays return postage")
    assert context_replies.RETURN_SHIPPING_QUESTION.search("is return shipping free?")
    assert not context_replies.RETURN_SHIPPING_QUESTION.search("what is your return policy")
    reply = context_replies.return_shipping(second_kb)  # store.yaml: return_shipping: customer
    assert "paid by the customer" in reply.text
    assert [c.id for c in reply.citations] == ["policy:returns#1"]
    assert context_replies.return_shipping(demo_kb) is None  # the demo's settings don't say



def test_who_pays_return_shipping_quotes_the_pages_sentence_with_its_condition(second_kb):
    from bot.dialogue import context_replies
    from models import Fact

    pages = [Fact("policy:returns#3", "Changed your mind? Send it back within 14 days."),
             Fact("policy:returns#4", "Refunds take 5 days. You pay the postage back unless we got something wrong.")]
    reply = context_replies.return_shipping(second_kb, pages)
    assert "paid by the customer" in reply.text and "unless we got something wrong" in reply.text
    assert [c.id for c in reply.citations] == ["policy:returns#4"]
    quiet = [Fact("policy:returns#3", "Changed your mind? Send it back within 14 days.")]
    assert [c.id for c in context_replies.return_shipping(second_kb, quiet).citations] == ["policy:returns#1"]


def test_how_a_refund_is_paid_is_said_from_the_settings_and_the_page_sentence_that_says_it(second_kb):
    from bot.dialogue import context_replies
    from models import Fact

    asks = context_replies.REFUND_METHOD_QUESTION.search
    assert asks("how do i get my money back") and asks("how will i be refunded")
    assert asks("does the refund go back on my card") and asks("store credit or cash?")
    # whether one is due, how long it takes, how much: other questions
    assert not asks("can i get a refund") and not asks("how long does a refund take")
    assert not asks("how much will i get back") and not asks("how do i get a refund")
    assert asks("can i get cash back not a voucher")
    # when the money comes is not how: the pages' refund timing answers it
    assert context_replies.REFUND_TIME_QUESTION.search("if i send it back how long before the money is back on my card")
    assert not context_replies.REFUND_TIME_QUESTION.search("how do i get my money back")
    pages = [Fact(p.id, p.text) for a in second_kb.articles for p in a.passages]
    reply = context_replies.refund_method(second_kb, pages)  # store.yaml: refund_methods: [original payment]
    assert "original payment" in reply.text and "credit card or original method of payment" in reply.text
    assert [c.id for c in reply.citations] == ["policy:returns#2"]  # the Refunds section, not late refunds


def test_a_method_named_by_price_or_speed_reads_each_stores_own_table(demo_kb, second_kb):
    from bot.dialogue import context_replies

    for kb, cheapest, fastest, two_day in ((demo_kb, "standard", "overnight", "priority"),
                                           (second_kb, "standard", "express", "standard")):
        named = lambda text: shipping_names.method_named(kb.shipping, text)
        assert named("my cart is 30, cheapest shipping?") == cheapest
        assert named("whats the fastest delivery option") == fastest
        assert named("2 day shipping for 30") == two_day
        assert named("which of those is cheapest?") is None  # products in view, not a method
    assert "merchandise total" in context_replies.quote_basis(demo_kb).text
    assert "delivery region" in context_replies.quote_basis(second_kb).text
    assert shipping_names.region_known(second_kb.shipping, "and to ireland?") == "ireland"


def test_a_follow_up_quote_names_the_region_and_what_is_left_to_ship_free(demo_kb, second_kb):
    from bot.dialogue import context_replies
    from bot.dialogue.state import DialogueState
    from bot.dialogue.store_pages import shipping_followups

    state = DialogueState()
    shipping_followups.quote_slots(state, "40 bucks to AK, standard", demo_kb.shipping)
    text = context_replies.shipping_quote(demo_kb, state).text
    # standard $16 plus the $5 AK surcharge; the free-shipping promotion starts at $50 (store.yaml)
    assert "$21.00" in text and "surcharge for Alaska" in text and "$10.00 more would make" in text
    other = DialogueState()
    shipping_followups.quote_slots(other, "80 euros to NI", second_kb.shipping)
    text = context_replies.shipping_quote(second_kb, other).text
    # no promotion there, but standard's own rule (free from €150, store.yaml) is short by €70
    assert "€12.50" in text and "surcharge for Northern Ireland" in text
    assert "€70.00 more would make it free" in text and "this order ship free" not in text


def test_a_place_the_table_does_not_price_gets_what_it_covers_and_a_person_never_a_price(demo_kb, second_kb):
    # Luma's table prices US states and territories; Brightline's Ireland, Britain and the EU.
    assert delivery.unpriced_place("how much to ship to canada on $40", demo_kb.shipping) == "canada"
    assert delivery.unpriced_place("shipping to alaska on $40", demo_kb.shipping) is None
    assert delivery.unpriced_place("express to northern ireland", second_kb.shipping) is None
    luma = delivery.place_reply(demo_kb, "canada")
    assert "United States" in luma.text and "$" not in luma.text and luma.quick_replies == ("Talk to a human",)
    # the only sentence of Luma's shipping page on deliveries abroad is quoted, cited
    assert "International shipping" in luma.text and luma.citations[0].id.startswith("policy:shipping")
    bright = delivery.place_reply(second_kb, "international")
    assert "Great Britain, Ireland, Northern Ireland and the rest of the EU" in bright.text
    assert "€" not in bright.text and "can't quote shipping to addresses abroad" in bright.text
    box = delivery.place_reply(second_kb, delivery.unpriced_place("can you ship to a p.o. box", second_kb.shipping))
    assert "a PO box" in box.text and "doesn't say whether we deliver to one" in box.text


def test_a_deadline_gets_the_methods_that_fit_their_days_and_cut_offs_never_a_promise(demo_kb, second_kb):
    monday = date(2026, 11, 30)
    assert delivery.asks_deadline("will it get here by friday if i order today")
    assert delivery.asks_deadline("need this in time for the weekend, what shipping should i pick")
    assert not delivery.asks_deadline("how much is shipping on $40")
    # Brightline: Wednesday is two business days away: express (1 day) fits, standard (2-4) may not
    bright = delivery.deadline_reply(second_kb, "need it by wednesday", monday)
    assert bright.text.startswith("I can't promise a delivery date")
    assert "standard (Tracked courier, 2–4 business days)" in bright.text
    assert "Ordered today before the cut-off, express should arrive" in bright.text
    assert "standard 13:00; express 12:00" in bright.text
    # Luma by Friday from Monday: four business days; its page's weekday rule is quoted
    luma = delivery.deadline_reply(demo_kb, "will it arrive by friday", monday)
    assert "priority or overnight should arrive" in luma.text and "before 12:00" in luma.text
    assert "Deliveries occur only on weekdays." in luma.text
    weekend = delivery.deadline_reply(demo_kb, "by saturday?", date(2026, 11, 27))  # a Friday
    assert "none of our methods is sure to arrive by then" in weekend.text
    assert delivery.deadline_reply(demo_kb, "before christmas", monday).text.count("should arrive") == 0


def test_a_promotion_asked_by_its_own_terms_is_named_alone(demo_kb):
    today = date.today()
    named = lambda kb, text: [p.name for p in written_replies.promotions_named(kb, text, today)]
    assert named(demo_kb, "is the fourth tee really free") == ["Buy 3 tee shirts and get the 4th free"]
    assert named(demo_kb, "is the 4th tee really free?") == ["Buy 3 tee shirts and get the 4th free"]
    assert named(demo_kb, "is the water bottle really 4 dollars") == ["$4 Luma water bottle (save 70%)"]
    # a number alone, or words alone, name no promotion
    for plain in ("can i return 2 tees", "do you have tees under 30", "any free shipping on tees"):
        assert named(demo_kb, plain) == [], plain
    reply = written_replies.promotions(demo_kb, "is the 4th tee really free", today)
    assert "4th free" in reply.text and "H20" not in reply.text


def test_a_discount_for_a_group_no_promotion_is_for_is_said_not_known(demo_kb):
    today = date.today()
    for question, group in (("do you offer a student discount", "student"),
                            ("is there a military discount?", "military"), ("do seniors get a discount", "senior")):
        reply = written_replies.promotions(demo_kb, question, today)
        assert reply.text.startswith(f"I don't know of a {group} discount at this store."), reply.text
        assert "Current promotions:" in reply.text and reply.quick_replies == ("Talk to a human",)
        assert reply.citations  # the running promotions it lists are cited
    from bot.dialogue.language import languages

    local = languages.localize(written_replies.promotions(demo_kb, "is there a student discount", today).text, "es")
    assert local.startswith("No sé de ningún descuento «student» en esta tienda.") and "team" not in local
    # a question on the promotions themselves lists them as before
    assert written_replies.promotions(demo_kb, "any discounts on at the moment", today).text.startswith(
        "Current promotions:")


def test_a_quote_without_a_total_says_each_methods_own_free_shipping_rule(second_kb):
    from bot.dialogue import context_replies
    from bot.dialogue.state import DialogueState

    text = context_replies.shipping_quote(second_kb, DialogueState()).text  # no total, no promotions
    assert "Standard shipping is free from €150.00." in text  # store.yaml: free_over: 150


def test_overnight_is_a_next_day_method_when_the_store_has_none_of_that_name(demo_kb, second_kb):
    # "overnight" (French "express" reads so) is the store's next-day method when it has none of that name
    assert shipping_names.method_named(second_kb.shipping, "and en overnight ?") == "express"
    assert shipping_names.method_named(demo_kb.shipping, "overnight please") == "overnight"


def test_where_the_store_is_is_its_address_when_the_settings_give_one():
    assert contact_replies.LOCATION_QUESTION.search("do you take paypal and where are you based")
    assert contact_replies.LOCATION_QUESTION.search("where r u located")
    assert not contact_replies.LOCATION_QUESTION.search("where is my order")
    assert not contact_replies.LOCATION_QUESTION.search("where are the batteries located on the lamp")


def test_a_day_asked_of_the_opening_hours_is_answered_for_that_day(second_kb):
    # the settings' hours (Monday to Friday), read for the day named, in shoppers' spellings
    assert contact_replies.contact(second_kb, "r u open on sundays").text.startswith("We're closed on Sundays.")
    assert contact_replies.contact(second_kb, "are you open sat").text.startswith("We're closed on Saturdays.")
    assert contact_replies.contact(second_kb, "what time do you close on tues").text.startswith(
        "On Tuesdays we're open 09:00-17:00.")
    # a weekday written in full: "saturday", "wednesday" are not "sat", "wed" with a suffix
    assert contact_replies.contact(second_kb, "are you open saturdays").text.startswith("We're closed on Saturdays.")
    assert contact_replies.contact(second_kb, "when do you close on wednesday").text.startswith(
        "On Wednesdays we're open 09:00-17:00.")
    # no day named, or no hours asked: the contact block as before
    assert contact_replies.contact(second_kb, "what are your opening hours?").text.startswith("You can reach us")
    assert contact_replies.contact(second_kb, "whats your phone number, i'll call monday").text.startswith(
        "You can reach us")
