"""A count before a product's name is a quantity priced with the catalog's price, never money."""

from __future__ import annotations

from bot.dialogue.products import counted_goods
from bot.dialogue.state import DialogueState
from bot.dialogue.store_pages.shipping_followups import quote_slots


def _by_name(kb, name):
    return next(p for p in kb.products if p.name == name)


def test_a_count_before_a_product_name_is_priced_with_its_price(demo_kb):
    tank = _by_name(demo_kb, "Bella Tank")
    goods = counted_goods.read(demo_kb.products, "8 bella tanks shipping?")
    assert goods.product.sku == tank.sku and goods.count == 8
    assert goods.total == round(8 * tank.final_price, 2)
    # two-digit counts and a name of several words
    goods = counted_goods.read(demo_kb.products, "i want 12 tiberius gym tanks, how much is shipping")
    assert (goods.count, goods.product.name) == (12, "Tiberius Gym Tank")


def test_a_number_before_no_one_product_stays_what_it_was(demo_kb):
    for text in ("shipping on a 60 order", "2 day shipping for 30", "4 tanks shipping", "shipping 4 a 210 order"):
        assert counted_goods.read(demo_kb.products, text) is None, text


def test_the_quote_total_is_the_count_times_the_price_unless_a_total_is_given(demo_kb):
    tank = _by_name(demo_kb, "Argus All-Weather Tank")
    state = DialogueState()
    quote_slots(state, "how much to ship 10 argus tanks", demo_kb.shipping, demo_kb.products)
    assert state.quote.subtotal == round(10 * tank.final_price, 2)
    state = DialogueState()
    quote_slots(state, "3 argus tanks, my cart is $150, shipping?", demo_kb.shipping, demo_kb.products)
    assert state.quote.subtotal == 150.0
    state = DialogueState()  # without the catalog, the old reading
    quote_slots(state, "how much to ship 10 argus tanks", demo_kb.shipping)
    assert state.quote.subtotal == 10.0


def test_another_stores_names_count_too(second_kb):
    first = lambda p: p.name.lower().split()[0]
    # a product whose first name word no other name starts with, written in words only
    product = next(p for p in second_kb.products if p.final_price > 0 and first(p).isalpha()
                   and sum(first(q) == first(p) for q in second_kb.products) == 1)
    goods = counted_goods.read(second_kb.products, f"shipping on 3 {first(product)}?")
    assert goods is not None and goods.product.sku == product.sku
    assert goods.total == round(3 * product.final_price, 2)
    # a first word several names share names none of them
    shared = next(first(p) for p in second_kb.products
                  if sum(first(q) == first(p) for q in second_kb.products) > 1)
    assert counted_goods.read(second_kb.products, f"shipping on 3 {shared}?") is None


def test_the_sum_is_said_without_guessing_a_plural_and_in_the_shopper_s_language(demo_kb):
    from bot.dialogue.language import languages

    goods = counted_goods.read(demo_kb.products, "8 bella tanks shipping?")
    said = counted_goods.priced(goods, lambda value: f"${value:.2f}")
    price = _by_name(demo_kb, "Bella Tank").final_price
    assert said == f"8 x the Bella Tank at ${price:.2f} come to ${8 * price:.2f}."
    for language in ("es", "fr", "de", "pt", "it"):
        local = languages.localize(said, language, ("Bella Tank",))
        assert "Bella Tank" in local and f"${8 * price:.2f}" in local and "come to" not in local, local


def test_a_count_after_a_product_name_is_priced_too(demo_kb):
    jacket = _by_name(demo_kb, "Orion Two-Tone Fitted Jacket")
    goods = counted_goods.read(demo_kb.products, "hmm actually just the orion two-tone fitted jacket, 2 of them")
    assert (goods.count, goods.product.sku) == (2, jacket.sku)
    goods = counted_goods.read(demo_kb.products, "bella tank x3 shipping?")
    assert (goods.count, goods.product.name) == (3, "Bella Tank")
    # a count of "them" with no name before it, or only a kind, names nothing
    for text in ("shipping on 2 of them", "the tanks, 3 of them"):
        assert counted_goods.read(demo_kb.products, text) is None, text
    state = DialogueState()  # the count after the name is no order total of $2
    quote_slots(state, "the orion two-tone fitted jacket, 2 of them", demo_kb.shipping, demo_kb.products)
    assert state.quote.subtotal == round(2 * jacket.final_price, 2)


def test_a_count_of_them_is_of_the_product_in_focus_and_a_bare_count_after_it_recounts(demo_kb):
    from bot.dialogue import policy

    hoodie = _by_name(demo_kb, "Chaz Kangeroo Hoodie")
    state = DialogueState(focus=hoodie.sku, in_view=[hoodie.sku])
    goods = quote_slots(state, "ok whats shipping on 2 of them overnight", demo_kb.shipping, demo_kb.products)
    assert (goods.count, goods.product.sku, state.quote.subtotal) == (2, hoodie.sku, round(2 * hoodie.final_price, 2))
    state.last_act = policy.SHIPPING_QUOTE
    # "actually make it 4": no $4 order, 4 of them (a number below one's price pays for none)
    goods = quote_slots(state, "actually make it 4", demo_kb.shipping, demo_kb.products)
    assert goods.count == 4 and state.quote.subtotal == round(4 * hoodie.final_price, 2)
    # a number a cart of them could cost, or written as money, is the total
    quote_slots(state, "ok and if i bump it to 230", demo_kb.shipping, demo_kb.products)
    assert state.quote.subtotal == 230.0 and not state.quote.goods
    quote_slots(state, "make it 3", demo_kb.shipping, demo_kb.products)
    assert state.quote.subtotal == 3.0  # the quote is no longer a count of them


def test_a_count_of_them_with_another_list_in_view_or_no_focus_is_no_count(demo_kb):
    hoodie, tee = _by_name(demo_kb, "Chaz Kangeroo Hoodie"), _by_name(demo_kb, "Logan HeatTec® Tee")
    state = DialogueState(focus=hoodie.sku, in_view=[tee.sku])  # "them" may be the list shown
    assert quote_slots(state, "shipping on 2 of them", demo_kb.shipping, demo_kb.products) is None
    assert counted_goods.of_focus(None, "shipping on 2 of them") is None
    assert counted_goods.recounted(tee, 72.0, [4.0, 5.0]) is None  # two numbers: not one count
    assert counted_goods.recounted(tee, 70.0, [4.0]) is None  # the total is no count of tees
    assert counted_goods.recounted(tee, 72.0, [9.0]).total == round(9 * tee.final_price, 2)


def test_a_new_count_of_the_quoted_goods_named_by_their_kind(demo_kb):
    from bot.dialogue import policy

    tee = _by_name(demo_kb, "Gobi HeatTec® Tee")
    assert counted_goods.of_its_kind(tee, "what if i make it 8 tees") == [8.0]
    assert counted_goods.of_its_kind(tee, "what if i make it 8 hoodies") == []
    state = DialogueState(last_act=policy.SHIPPING_QUOTE, task=policy.SHIPPING_QUOTE)
    quote_slots(state, "whats standard shipping on 4 gobi heattec tees", demo_kb.shipping, demo_kb.products)
    quote_slots(state, "what if i make it 8 tees", demo_kb.shipping, demo_kb.products)
    assert state.quote.subtotal == round(8 * tee.final_price, 2)
