"""Shipping follow-ups read against the conversation, and the quote's slots, without models."""

from __future__ import annotations

from bot.dialogue import context
from bot.dialogue.state import DialogueState
from bot.dialogue.store_pages import shipping_followups
from bot.types import Session


def _nlu(intent: str):
    from models import Entities, NluResult, Sentiment

    from bot.dialogue.understanding import Understanding

    return Understanding(NluResult(intent, 0.7, False), Entities(), Sentiment("neutral", 0.9))


def test_a_correction_replaces_one_slot_and_the_surcharge_is_not_the_total(demo_kb):
    state = DialogueState()
    shipping_followups.quote_slots(state, "shipping for a $35 order to hawaii?", demo_kb.shipping)
    shipping_followups.quote_slots(state, "does the $5 extra apply to priority too?", demo_kb.shipping)
    assert (state.quote.subtotal, state.quote.region, state.quote.method) == (35.0, "hawaii", "priority")


def test_the_surcharge_by_method_is_asked_without_a_quote_before(demo_kb):
    from models.nlu.types import Entities, NluResult, Sentiment
    from bot.dialogue.understanding import Understanding

    nlu = Understanding(NluResult("oos", 1.0, True), Entities(), Sentiment("neutral", 0.9))
    decision = context.decide(DialogueState(), Session("s"), "do i pay extra for hawaii if i pick overnight?",
                              nlu, demo_kb.shipping)
    assert decision is not None and decision.action == shipping_followups.SURCHARGE
    assert context.decide(DialogueState(), Session("s"), "do you charge extra for gift wrap?", nlu,
                          demo_kb.shipping) is None


def test_an_order_total_with_thousands_or_a_decimal_comma_is_read_whole(demo_kb):
    for text, total in (("shipping on a $1,200 order", 1200.0), ("envio para 1.200 dolares", 1200.0),
                        ("45,50 dolares", 45.5), ("its 310.50", 310.5), ("40, and overnight", 40.0)):
        state = DialogueState()
        shipping_followups.quote_slots(state, text, demo_kb.shipping)
        assert state.quote.subtotal == total, text


def test_how_long_after_a_quote_asks_the_delivery_time(demo_kb):
    from models import Entities, NluResult, Sentiment

    from bot.dialogue import policy
    from bot.dialogue.understanding import Understanding

    nlu = Understanding(NluResult("delivery_period", 0.7, False), Entities(), Sentiment("neutral", 0.9))
    state = DialogueState(last_act=policy.SHIPPING_QUOTE, task=policy.SHIPPING_QUOTE)
    assert context.decide(state, Session("s"), "and how long does that take?", nlu,
                          demo_kb.shipping).action == shipping_followups.DELIVERY_TIME
    assert context.decide(DialogueState(), Session("s"), "and how long does that take?", nlu,
                          demo_kb.shipping) is None


def test_an_added_item_grows_the_quoted_total_and_any_region_of_the_table_is_a_follow_up(demo_kb):
    from bot.dialogue import policy

    state = DialogueState()
    shipping_followups.quote_slots(state, "shipping on $35 to hawaii?", demo_kb.shipping)
    shipping_followups.quote_slots(state, "what if i add a $20 item", demo_kb.shipping)
    shipping_followups.quote_slots(state, "what about ohio", demo_kb.shipping)
    assert (state.quote.subtotal, state.quote.region) == (55.0, "ohio")
    quoting = DialogueState(last_act=policy.SHIPPING_QUOTE, task=policy.SHIPPING_QUOTE)
    nlu = _nlu("out_of_scope")
    assert context.decide(quoting, Session("s"), "what about ohio", nlu, demo_kb.shipping).action \
        == policy.SHIPPING_QUOTE
    assert context.decide(quoting, Session("s"), "is that per item?", nlu, demo_kb.shipping).action \
        == shipping_followups.QUOTE_BASIS
    assert context.decide(DialogueState(), Session("s"), "what about ohio", nlu, demo_kb.shipping) is None


def test_money_with_a_method_or_priced_region_is_a_quote_without_the_word_shipping(demo_kb):
    from bot.dialogue import policy

    decided = context.decide(DialogueState(), Session("s"), "40 bucks to AK, standard", _nlu("faq"),
                             demo_kb.shipping)
    assert decided.action == policy.SHIPPING_QUOTE
    state = DialogueState()
    shipping_followups.quote_slots(state, "40 bucks to AK, standard", demo_kb.shipping)
    assert (state.quote.subtotal, state.quote.region, state.quote.method) == (40.0, "AK", "standard")
    # a method and a place with a bare number: no currency needed
    for text in ("priority to hawaii for 120", "overnight to ohio for 85", "standard to guam 60?"):
        decided = context.decide(DialogueState(), Session("s"), text, _nlu("faq"), demo_kb.shipping)
        assert decided is not None and decided.action == policy.SHIPPING_QUOTE, text
    # a method alone with a number is no quote (an order number, a size, a count)
    assert context.decide(DialogueState(), Session("s"), "is overnight available for 2 items",
                          _nlu("faq"), demo_kb.shipping) is None


def test_a_place_the_table_does_not_price_and_a_deadline_are_their_own_questions(demo_kb, second_kb):
    from bot.dialogue import policy
    from bot.dialogue.store_pages import delivery

    def decided(text, table=demo_kb.shipping, state=None):
        return context.decide(state or DialogueState(), Session("s"), text, _nlu("faq"), table).action

    assert decided("how much to ship to canada on $40") == delivery.UNPRICED_PLACE
    assert decided("shipping to ohio on $40") == policy.SHIPPING_QUOTE
    assert decided("express to great britain on 80 euro", second_kb.shipping) == policy.SHIPPING_QUOTE
    after_quote = DialogueState(last_act=policy.SHIPPING_QUOTE, task=policy.SHIPPING_QUOTE)
    assert decided("and overseas?", state=after_quote) == delivery.UNPRICED_PLACE
    assert decided("would that get here by thursday?", state=after_quote) == delivery.DEADLINE
    assert decided("need it by tuesday, shipping to ohio on 80 bucks") == delivery.DEADLINE


def test_the_surcharge_asked_of_the_method_just_quoted(demo_kb):
    from models import Entities, NluResult, Sentiment

    from bot.dialogue import policy
    from bot.dialogue.understanding import Understanding

    nlu = Understanding(NluResult("other", 0.3, True), Entities(), Sentiment("neutral", 0.9))
    state = DialogueState(last_act=policy.SHIPPING_QUOTE, task=policy.SHIPPING_QUOTE)
    for text in ("does the 5 dollar extra apply to that too?", "is there a surcharge on that"):
        assert context.decide(state, Session("s"), text, nlu, demo_kb.shipping).action == shipping_followups.SURCHARGE
    added = context.decide(state, Session("s"), "what if i add an extra $20 item", nlu, demo_kb.shipping)
    assert added.action == policy.SHIPPING_QUOTE


def test_shipping_on_the_product_in_focus(demo_kb):
    from models import Entities, NluResult, Sentiment

    from bot.dialogue import policy
    from bot.dialogue.understanding import Understanding

    nlu = Understanding(NluResult("product_question", 0.6, False), Entities(), Sentiment("neutral", 0.9))
    state = DialogueState(focus="24-WB07", last_act=policy.PRODUCT_QUESTION)
    for text in ("and how much is overnight shipping for it", "and shipping on it?", "does it ship free?"):
        assert context.decide(state, Session("s"), text, nlu, demo_kb.shipping).action == policy.SHIPPING_QUOTE, text
    assert context.decide(state, Session("s"), "is it waterproof", nlu, demo_kb.shipping).action == policy.PRODUCT_QUESTION
    # a method for "it", without the word shipping
    assert context.decide(state, Session("s"), "overnight to texas for it?", nlu,
                          demo_kb.shipping).action == policy.SHIPPING_QUOTE


def test_the_method_an_order_just_checked_went_by(demo_kb):
    from bot.dialogue.orders import order_flows

    session = Session("s")
    decided = lambda: context.decide(DialogueState(), session, "did it go priority or standard?", _nlu("oos"),
                                     demo_kb.shipping)
    assert decided() is None or decided().action != shipping_followups.DELIVERY_TIME
    session.verified_order = "000000112"
    session.slots[order_flows.ORDER_METHOD] = "priority"
    assert decided().action == shipping_followups.DELIVERY_TIME
    # answered with the order's own method, whatever the question names first
    from bot.dialogue.store_pages import shipping_acts

    reply = shipping_acts.delivery_time(demo_kb, session, DialogueState(), "did it go standard or priority?")
    assert "priority" in reply.text and "standard" not in reply.text


def test_a_methods_shipping_on_the_product_in_focus_or_named_is_a_quote(demo_kb):
    from bot.dialogue import policy

    nlu = _nlu("shipping_cost")
    state = DialogueState(focus="MH07", last_act=policy.PRODUCT_QUESTION)
    for text in ("whats overnight shipping on it", "overnight shipping on it?", "whats 2-3 day shipping on that one"):
        decision = context.decide(state, Session("s"), text, nlu, demo_kb.shipping)
        assert decision is not None and decision.action == policy.SHIPPING_QUOTE, text
    named = DialogueState(named=["MH06"])
    decision = context.decide(named, Session("s"), "whats standard shipping on the stark fundamental hoodie",
                              nlu, demo_kb.shipping)
    assert decision is not None and decision.action == policy.SHIPPING_QUOTE
    # words before "shipping" that name no method of the store are no price asked
    decision = context.decide(state, Session("s"), "whats the policy on shipping it", nlu, demo_kb.shipping)
    assert decision is None or decision.action != policy.SHIPPING_QUOTE


def test_something_faster_or_cheaper_after_a_quote_is_the_next_method_by_the_tables_own_days_and_prices(demo_kb):
    state = DialogueState(last_act="shipping_quote")
    shipping_followups.quote_slots(state, "standard shipping 30 bucks?", demo_kb.shipping)
    shipping_followups.quote_slots(state, "is there something faster", demo_kb.shipping)
    assert state.quote.method == "priority"  # the next step, not the extreme
    shipping_followups.quote_slots(state, "anything quicker than that?", demo_kb.shipping)
    assert state.quote.method == "overnight"
    shipping_followups.quote_slots(state, "hmm thats a lot, anything cheaper", demo_kb.shipping)
    assert state.quote.method == "priority"
    decision = context.decide(state, Session("s"), "got anything slower n cheaper", _nlu("oos"), demo_kb.shipping)
    assert decision is not None and decision.action == "shipping_quote"


def _weight_table():
    from kb.settings_reader import Node
    from kb.settings_sections import parse_shipping

    raw = {"weight_unit": "kg", "regions": {"ON": "Ontario", "AB": "Alberta"}, "methods": [
        {"code": "parcel", "label": "Parcel post", "free_over": 99, "rates": [
            {"regions": ["ON"], "max_weight": 2, "price": 12}, {"regions": ["ON"], "min_weight": 2.001, "price": 16},
            {"max_weight": 2, "price": 18}, {"min_weight": 2.001, "price": 24}]}]}
    return parse_shipping(Node(raw, "shipping", ("weight_unit", "regions", "methods")), {}, "CAD")


def test_a_parcel_weight_fills_its_slot_and_is_no_order_total():
    table = _weight_table()
    state = DialogueState()
    shipping_followups.quote_slots(state, "how much to ship to alberta for a 2 kilo parcel", table)
    assert (state.quote.weight, state.quote.subtotal, state.quote.region) == (2.0, None, "alberta")
    assert shipping_followups.parcel_weight("a 3 lb box", table) is None  # not the table's unit
    assert shipping_followups.parcel_weight("2.5kg please", table) == 2.5


def test_a_table_priced_by_weight_quotes_the_weight_or_lists_its_bands():
    from types import SimpleNamespace

    from bot.dialogue import context_replies

    kb = SimpleNamespace(shipping=_weight_table(), promotions=None, passage=lambda i: None)
    state = DialogueState()
    shipping_followups.quote_slots(state, "shipping to alberta for a 2 kilo parcel", kb.shipping)
    assert "18.00" in context_replies.shipping_quote(kb, state).text
    bands = context_replies.shipping_quote(kb, DialogueState()).text  # no weight, no region
    assert "priced by the parcel's weight" in bands and "Ontario: up to 2 kg" in bands
    assert "12.00" in bands and "24.00" in bands and "free on orders of" in bands
    state = DialogueState()
    shipping_followups.quote_slots(state, "is shipping free if i spend $120", kb.shipping)
    assert "free" in context_replies.shipping_quote(kb, state).text


def _mixed_table():
    """A parcel priced by weight beside a flat courier and a free pickup, both only in Ontario."""
    from kb.settings_reader import Node
    from kb.settings_sections import parse_shipping

    raw = {"weight_unit": "kg", "regions": {"ON": "Ontario", "AB": "Alberta"}, "methods": [
        {"code": "parcel", "label": "Parcel post", "free_over": 99, "delivery_days": [2, 7], "rates": [
            {"max_weight": 10, "price": 22}, {"min_weight": 10.001, "price": 30}]},
        {"code": "courier", "label": "Next-day courier", "rates": [{"regions": ["ON"], "price": 19.95}]},
        {"code": "pickup", "label": "Store pickup", "rates": [{"regions": ["ON"], "price": 0}]}]}
    return parse_shipping(Node(raw, "shipping", ("weight_unit", "regions", "methods")), {}, "CAD")


def test_a_method_priced_by_weight_is_listed_by_its_bands_beside_the_flat_ones():
    from types import SimpleNamespace

    from bot.dialogue import context_replies

    table = _mixed_table()
    assert table.needs_weight(0, region="ON") and not table.needs_weight(120, region="ON")
    assert not table.needs_weight(0, "courier", "ON")
    kb = SimpleNamespace(shipping=table, promotions=None, passage=lambda i: None)
    state = DialogueState()
    shipping_followups.quote_slots(state, "what does delivery to ontario cost", table)
    said = context_replies.shipping_quote(kb, state).text  # the parcel was left out before
    assert "Parcel post to Ontario: up to 10 kg" in said and "over 10 kg" in said and "10.001" not in said
    assert "19.95" in said and "Store pickup to Ontario: free" in said
    state.quote.weight = 3.0
    assert "22.00" in context_replies.shipping_quote(kb, state).text


def test_delivery_times_list_every_method_even_those_a_quote_needs_a_weight_or_region_for():
    from types import SimpleNamespace

    from bot.dialogue import context_replies

    kb = SimpleNamespace(shipping=_mixed_table(), promotions=None, passage=lambda i: None)
    said = context_replies.delivery_time(kb, DialogueState()).text  # raised ValueError before
    assert "Parcel post, 2–7 business days" in said
    assert "Next-day courier" in said and "Store pickup" in said


def test_a_rate_list_reads_in_the_shoppers_language():
    from types import SimpleNamespace

    from bot.dialogue import context_replies
    from bot.dialogue.language import languages

    kb = SimpleNamespace(shipping=_mixed_table(), promotions=None, passage=lambda i: None)
    said = context_replies.shipping_quote(kb, DialogueState()).text
    names = ("Parcel post", "Next-day courier", "Store pickup")
    spanish = languages.localize(said, "es", names)
    assert spanish.startswith("El envío se") and "según el peso del paquete." in spanish
    assert "hasta 10 kg C$22.00, más de 10 kg C$30.00" in spanish
    assert "(gratis en pedidos de C$99.00 o más)" in spanish and "Store pickup a Ontario: gratis" in spanish
    assert "Dime el peso del paquete en kg" in spanish
    german = languages.localize(said, "de", names)
    for english in (" to ", "up to", "over", "free", "Tell me", "Shipping"):
        assert english not in german.replace("Store pickup", "")


def test_a_method_sold_only_in_some_regions_is_quoted_with_where_it_goes():
    from types import SimpleNamespace

    from kb.settings_reader import Node
    from kb.settings_sections import parse_shipping

    from bot.dialogue import context_replies

    raw = {"regions": {"ON": "Ontario", "AB": "Alberta"}, "methods": [
        {"code": "courier", "label": "Next-day courier", "rates": [{"regions": ["ON"], "price": 19.95}]}]}
    table = parse_shipping(Node(raw, "shipping", ("regions", "methods")), {}, "CAD")
    kb = SimpleNamespace(shipping=table, promotions=None, passage=lambda i: None)
    state = DialogueState()
    shipping_followups.quote_slots(state, "how much is the next-day courier", table)
    said = context_replies.shipping_quote(kb, state).text
    assert "19.95" in said and "Ontario" in said and "can't quote" not in said
    state.quote.region = "alberta"  # told where, and it does not go there: said so, not listed
    assert "19.95" not in context_replies.shipping_quote(kb, state).text


def test_how_much_after_how_long_delivery_takes_prices_that_delivery(demo_kb):
    from bot.dialogue import policy

    after_time = DialogueState(last_act=shipping_followups.DELIVERY_TIME, task=policy.SHIPPING_QUOTE)
    decision = context.decide(after_time, Session("s"), "and how much does it cost?", _nlu("other"), demo_kb.shipping)
    assert decision.action == policy.SHIPPING_QUOTE
    after_product = DialogueState(last_act=policy.PRODUCT_QUESTION, focus="24-MB02")
    decision = context.decide(after_product, Session("s"), "and how much does it cost?", _nlu("other"), demo_kb.shipping)
    assert decision is None or decision.action != policy.SHIPPING_QUOTE  # "it" is the product there


def test_a_method_priced_to_a_place_is_a_quote_and_a_correction_of_the_place_requotes():
    from pathlib import Path

    from kb import KnowledgeBase

    from bot.dialogue import policy

    kb = KnowledgeBase.from_folder(Path(__file__).resolve().parents[4] / "bench/data/stores/opencart_sample")
    asked = context.decide(DialogueState(), Session("s"), "how much is express post to tasmania", _nlu("other"),
                           kb.shipping)
    assert asked.action == policy.SHIPPING_QUOTE
    state = DialogueState(last_act=policy.SHIPPING_QUOTE, task=policy.SHIPPING_QUOTE)
    shipping_followups.quote_slots(state, "how much is express post to tasmania", kb.shipping)
    assert context.decide(state, Session("s"), "sorry i meant victoria", _nlu("other"),
                          kb.shipping).action == policy.SHIPPING_QUOTE
    shipping_followups.quote_slots(state, "sorry i meant victoria", kb.shipping)
    assert (state.quote.method, state.quote.region.lower()) == ("express", "victoria")


def test_a_price_to_a_place_the_store_delivers_to_is_a_quote_without_a_shipping_word(second_kb):
    from bot.dialogue import policy

    nlu = _nlu("product_info")
    decision = context.decide(DialogueState(), Session("s"), "how much would it be to northern ireland", nlu,
                              second_kb.shipping)
    assert decision is not None and decision.action == policy.SHIPPING_QUOTE
    # a product named, or no place, is not a delivery price
    named = context.decide(DialogueState(named=["DL-110"]), Session("s"), "how much is the arc lamp to london",
                           nlu, second_kb.shipping)
    assert named is None or named.reason != "prices delivery to a place"
    assert context.decide(DialogueState(), Session("s"), "how much is it to get to the showroom", nlu,
                          second_kb.shipping) is None


def test_a_method_that_does_not_go_to_the_place_says_so_and_quotes_what_does():
    from types import SimpleNamespace

    from bot.dialogue import context_replies
    from bot.dialogue.language import languages
    from bot.dialogue.store_pages import delivery

    table = _mixed_table()
    assert delivery.method_not_there(table, "courier", "Alberta") == \
        "Next-day courier is only for orders to Ontario; not for Alberta."
    for method, region in (("courier", "Ontario"), ("parcel", "Alberta"), (None, "Alberta"), ("courier", None),
                           ("courier", "Atlantis")):
        assert delivery.method_not_there(table, method, region) == ""
    kb = SimpleNamespace(shipping=table, promotions=None, passage=lambda i: None)
    state = DialogueState()
    shipping_followups.quote_slots(state, "next-day courier to alberta for 3 kg", table)
    said = context_replies.shipping_quote(kb, state).text
    assert said.startswith("Next-day courier is only for orders to Ontario; not for Alberta.")
    assert "22.00" in said and "can't quote" not in said  # the parcel, which does go there
    spanish = languages.localize(said, "es", ("Parcel post", "Next-day courier", "Store pickup"))
    assert spanish.startswith("Next-day courier es solo para pedidos a Ontario; no para Alberta.")


def test_a_quote_free_by_a_method_s_own_rule_says_its_threshold():
    from types import SimpleNamespace

    from bot.dialogue import context_replies

    kb = SimpleNamespace(shipping=_mixed_table(), promotions=None, passage=lambda i: None)
    state = DialogueState()
    shipping_followups.quote_slots(state, "is shipping free to alberta if my order is 120 dollars", kb.shipping)
    said = context_replies.shipping_quote(kb, state).text
    assert "Parcel post is free from C$99.00." in said
    state = DialogueState()
    shipping_followups.quote_slots(state, "shipping to alberta on a 40 dollar order, 3 kg", kb.shipping)
    short = context_replies.shipping_quote(kb, state).text  # short of it: how much more, not "is free"
    assert "is free from C$99.00." not in short and "C$59.00 more would make" in short


def _places_table():
    """A method named like a region ("canada") beside ground shipping to two regions of states."""
    from kb.settings_reader import Node
    from kb.settings_sections import parse_shipping

    raw = {"regions": {"L48": "the lower 48 states", "AKHI": "Alaska and Hawaii", "CAN": "Canada"}, "methods": [
        {"code": "ground", "label": "Ground", "rates": [{"regions": ["L48"], "price": 7.95},
                                                        {"regions": ["AKHI"], "price": 19.95}]},
        {"code": "canada", "label": "Standard to Canada", "rates": [{"regions": ["CAN"], "price": 29.95}]}]}
    return parse_shipping(Node(raw, "shipping", ("regions", "methods")), {}, "USD")


def test_a_new_region_the_carried_method_does_not_go_to_quotes_the_methods_that_do():
    from types import SimpleNamespace

    from bot.dialogue import context_replies

    table = _places_table()
    kb = SimpleNamespace(shipping=table, promotions=None, passage=lambda i: None)
    state = DialogueState()
    shipping_followups.quote_slots(state, "how much is shipping to canada", table)
    assert state.quote.method == "canada"  # the method's code is the place's name
    shipping_followups.quote_slots(state, "and to hawaii?", table)
    assert (state.quote.region, state.quote.method) == ("Alaska and Hawaii", None)
    assert "19.95" in context_replies.shipping_quote(kb, state).text
    # a method that goes to the new region, or one named with it, stays
    state = DialogueState()
    shipping_followups.quote_slots(state, "ground shipping to texas", table)
    shipping_followups.quote_slots(state, "and to hawaii?", table)
    assert state.quote.method == "ground"
    shipping_followups.quote_slots(state, "canada shipping to hawaii", table)
    assert state.quote.method == "canada"


def test_a_store_without_surcharges_never_denies_one():
    from types import SimpleNamespace

    from bot.dialogue import context_replies

    table = _places_table()  # no surcharge rows at all
    kb = SimpleNamespace(shipping=table, promotions=None, passage=lambda i: None)
    state = DialogueState()
    shipping_followups.quote_slots(state, "how much to ship to hawaii on a 50 dollar order", table)
    said = context_replies.shipping_quote(kb, state).text
    assert "19.95" in said and "surcharge" not in said


def test_shipping_on_a_named_product_or_a_count_of_another_after_a_quote_is_a_quote(demo_kb):
    from models import Entities, NluResult, Sentiment

    from bot.dialogue import policy
    from bot.dialogue.understanding import Understanding

    nlu = Understanding(NluResult("product_question", 0.6, False), Entities(), Sentiment("neutral", 0.9))
    watch = next(p.sku for p in demo_kb.products if p.name == "Dash Digital Watch")
    decide = lambda state, text: context.decide(state, Session("s"), text, nlu, demo_kb.shipping)
    for text in ("how much is overnight shipping on the dash digital watch", "whats shipping on the dash watch"):
        assert decide(DialogueState(named=[watch]), text).action == policy.SHIPPING_QUOTE, text
    # "what's shipping on it": the price of shipping asked of the product in focus
    focused = DialogueState(focus=watch, last_act=policy.PRODUCT_QUESTION)
    assert decide(focused, "whats shipping on it overnight").action == policy.SHIPPING_QUOTE
    # a named product's own question stays one
    assert decide(DialogueState(named=[watch]), "how much is the dash digital watch").action != policy.SHIPPING_QUOTE
    quoted = DialogueState(named=[watch], last_act=policy.SHIPPING_QUOTE)
    assert decide(quoted, "hmm actually just the dash digital watch, 2 of them, what would that be").action \
        == policy.SHIPPING_QUOTE


def test_a_free_rule_of_some_regions_is_said_with_its_regions_and_never_promised_elsewhere():
    from types import SimpleNamespace

    from kb.settings_reader import Node
    from kb.settings_sections import parse_shipping

    from bot.dialogue import context_replies

    raw = {"regions": {"L48": "the lower 48 states", "AKHI": "Alaska and Hawaii"}, "methods": [
        {"code": "ground", "label": "UPS Ground", "free_over": 99, "free_regions": ["L48"], "rates": [
            {"regions": ["L48"], "price": 7.95}, {"regions": ["AKHI"], "price": 19.95}]}]}
    table = parse_shipping(Node(raw, "shipping", ("regions", "methods")), {}, "USD")
    kb = SimpleNamespace(shipping=table, promotions=None, passage=lambda i: None)

    def quoted(text: str) -> str:
        state = DialogueState()
        shipping_followups.quote_slots(state, text, table)
        return context_replies.shipping_quote(kb, state).text

    hawaii = quoted("how much is shipping to hawaii on a $120 order")
    assert "$19.95" in hawaii and "only to the lower 48 states" in hawaii and "free at" not in hawaii
    assert "free" in quoted("shipping to the lower 48 states on $120?").lower()
    listed = quoted("how much is shipping")  # no region: each region's rate, the rule with its own
    assert "the lower 48 states: $7.95 (free on orders of $99.00 or more)" in listed
    assert "Alaska and Hawaii: $19.95." in listed


def test_shipping_both_products_in_view_quotes_their_prices_together(demo_kb):
    from bot.dialogue import policy
    from bot.dialogue.store_pages import shipping_acts

    state = DialogueState(in_view=["24-MG03", "24-MG05"], last_act="compare_products")
    text = "how much to ship both overnight"
    assert context.decide(state, Session("s"), text, _nlu("oos"), demo_kb.shipping).action == policy.SHIPPING_QUOTE
    reply = shipping_acts.quote(demo_kb, state, text)
    assert state.quote.subtotal == 109.0 and "$33.00" in reply.text  # $54 + $55, overnight up to $200


def test_a_discount_asked_of_an_amount_after_a_quote_is_no_new_quote(demo_kb):
    state = DialogueState(last_act="shipping_quote", task="shipping_quote")
    for text in ("if i spend over 200 do i get something off", "isnt there a discount when you spend over 200?"):
        assert context.decide(state, Session("s"), text, _nlu("promotions"), demo_kb.shipping) is None, text
    decision = context.decide(state, Session("s"), "ok what if i bump it up to 260", _nlu("shipping_cost"),
                              demo_kb.shipping)
    assert decision is not None and decision.action == "shipping_quote"
    # a total told as what is left after a coupon corrects the amount: quoted again
    for text in ("oh nvm its 490 after coupon", "with the code it's 180"):
        decision = context.decide(state, Session("s"), text, _nlu("promotions"), demo_kb.shipping)
        assert decision is not None and decision.action == "shipping_quote", text
