"""Shipping questions read against the conversation: a follow-up to a quote (a method, a region,
an amount or "its N" after it, "anything faster?", "is that per item?", "does the $5 extra apply
to that too?"), the delivery time of a method or of the order just checked, a date to arrive by,
a place the table doesn't price, shipping on the product in focus; and the quote's slots each
message fills. Methods and regions are the store's own (its shipping table's).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from kb import Product
from kb.shipping import ShippingTable

from bot.dialogue import cues, policy, question_parts
from bot.dialogue.language import amounts
from bot.dialogue.orders import order_flows
from bot.dialogue.products import counted_goods
from bot.dialogue.state import DialogueState
from bot.dialogue.store_pages import delivery, shipping_names

# Actions added by the shipping follow-ups (run by the service like the policy's).
SURCHARGE = "surcharge"
DELIVERY_TIME = "delivery_time"
QUOTE_BASIS = "quote_basis"

# Shipping follow-ups: a method, a region, an amount or "its N" after a quote.
_PER_ITEM = re.compile(r"\b(per|each|every|for each) (item|product|piece|thing|unit|one)\b|\bper order\b", re.I)
_SURCHARGE = re.compile(r"\b(extra|surcharge|additional charge|add-on)\b", re.I)
_DELIVERY_TIME = re.compile(r"\bhow (long|many days)\b.*\b(take|arrive|get here|ship)|\bdelivery time\b", re.I)
#: "when will it get here", "how long til my package arrives": the arrival of an order
ARRIVAL = re.compile(r"\b(when|how (long|many days|soon))\b.*\b(it|my (order|package|parcel|stuff|things))\b.*"
                      r"\b(get\w* here|arriv\w*|come|comes|show up|be here|deliver\w*|reach\w* me)\b", re.I)
_ORDER_TOTAL = re.compile(r"\b(order|purchase|cart)\b", re.I)
#: "did it go priority or standard?", "was my order sent overnight": the method an order went by
WENT_BY = re.compile(r"\b(did|does|was|is|will)\s+(it|my (order|package|parcel))\s+(go|going|get|gets|sent|"
                     r"ship\w*|come|coming)\b", re.I)
#: "both", "all of them", "them both": every product in view (`shipping_acts.quote` sums their prices)
BOTH = re.compile(r"\b(both|all of them|each of them|them both|all (?:three|3|four|4))\b", re.I)
# "what if i make it 8 tees": a count, of the goods just quoted
_A_COUNT = re.compile(r"\b\d{1,3}\b(?!\s*-?\s*(?:days?|business|hours?|weeks?|months?)\b)", re.I)
_THAT = re.compile(r"\b(that|this|then)\b", re.I)

# A discount asked of an amount, not the quote again: "isnt there a discount when you spend over
# 200?", "do i get something off", "any coupon for that?", "4 tees, do i get one free?"
DISCOUNT_ASK = re.compile(r"\b(?:discount\w*|deals?|promo\w*|coupons?|vouchers?|codes?|\d+\s?%|percent|"
                          r"(?:something|anything|money|much)\s+off|(?:get|is|are)\s+(?:\w+\s+)?free(?!\s+(?:shipping|"
                          r"delivery|postage)))\b", re.I)
#: A total told as what is left after a discount ("its 490 after coupon", "with the code it's 180"):
#: the amount corrected, to quote again, not a discount asked about.
_TOTAL_AFTER_DISCOUNT = re.compile(r"\b(?:after|with|minus|less|incl\w*|once)\s+(?:the\s+|my\s+|a\s+|your\s+)?"
                                   r"(?:discount|coupon|promo\w*|voucher|code)s?\b", re.I)


def decide(state, session, text, nlu, table=None) -> policy.Decision | None:
    """The shipping act a message asks for with the conversation in view, or None (`context.decide`
    runs it among its rules; ``table`` is the store's shipping table)."""
    if session.flow in policy.FLOWS:
        return None
    quoting = state.last_act in (policy.SHIPPING_QUOTE, SURCHARGE) or state.task == policy.SHIPPING_QUOTE
    if quoting and DISCOUNT_ASK.search(text) and not cues.SHIPPING_WORD.search(text) \
            and not (_TOTAL_AFTER_DISCOUNT.search(text) and amounts.read(text)):
        return None  # "if i spend over 200 do i get something off" after a quote: the promotions' to answer
    # "how much to ship to canada", "can u post to new zealand": no price to quote
    if not nlu.entities.order_ids and (cues.SHIPPING_WORD.search(text) or amounts.read(text) or quoting
                                       or delivery.asks_ships_to(text)) and delivery.unpriced_place(text, table):
        return policy.Decision(delivery.UNPRICED_PLACE, "asks shipping to a place the table doesn't price")
    if table is not None and not nlu.entities.order_ids and not session.verified_order and \
            delivery.asks_deadline(text):
        return policy.Decision(delivery.DEADLINE, "asks whether an order arrives by a date")
    if session.verified_order and session.slots.get(order_flows.ORDER_METHOD) and ARRIVAL.search(text) and \
            not _names_method(text, table) and not nlu.entities.order_ids:
        # "how long til it gets here" after its status: the delivery time of that order's method
        return policy.Decision(DELIVERY_TIME, "asks when the order just checked arrives")
    if session.verified_order and session.slots.get(order_flows.ORDER_METHOD) and WENT_BY.search(text) and \
            _names_method(text, table) and not nlu.entities.order_ids:
        # "did it go priority or standard?" after its status: the method the order was sent by
        return policy.Decision(DELIVERY_TIME, "asks how the order just checked was sent")
    if _DELIVERY_TIME.search(text) and (_names_method(text, table) or cues.SHIPPING_WORD.search(text) or (
            quoting and not cues.RETURN_WORD.search(text)) or (  # "and how long does that take?" after a quote
            _TO_PLACE.search(text) and delivery.region_in(table, text)) and not nlu.entities.order_ids):
        # "how long does it take to get to sydney": the methods serving that place
        return policy.Decision(DELIVERY_TIME, "asks how long a shipping method takes")
    # "how much is overnight on a $45 order": a method and an order total, not a product
    # "40 bucks to AK, standard": a method or a priced region and money, without the word "shipping"
    money = any(a.marked for a in amounts.read(text))
    # "priority to hawaii for 120": a method, a place and a number say it without a currency
    placed = _names_region(text, table) or (table is not None and shipping_names.region_known(table, text))
    shipping = cues.SHIPPING_WORD.search(text) or (_names_method(text, table) and _ORDER_TOTAL.search(text)) \
        or (money and (_names_method(text, table) or _names_region(text, table))) \
        or (_names_method(text, table) and placed)
    if shipping and amounts.read(text) and not nlu.entities.order_ids and \
            not cues.RETURN_WORD.search(text):
        return policy.Decision(policy.SHIPPING_QUOTE, "shipping for an order total")
    asks_price = cues.PRICE_ASK.search(text) or _WHATS_SHIPPING.search(text) or (
        _WHATS_METHOD.search(text) and _names_method(text, table))
    if state.focus and cues.SHIPPING_WORD.search(text) and cues.PRONOUN.search(text) and (
            asks_price or cues.ELLIPSIS.search(text) or re.search(r"\bfree\b", text, re.I)) \
            and not nlu.entities.order_ids and not amounts.read(text) and not state.named:
        # "how much is overnight shipping for it" after a product question: on that product's price
        return policy.Decision(policy.SHIPPING_QUOTE, "shipping on the product in focus")
    if len(state.in_view) >= 2 and BOTH.search(text) and (cues.SHIPPING_WORD.search(text) or _names_method(
            text, table)) and not amounts.read(text) and not state.named and not nlu.entities.order_ids \
            and not cues.RETURN_WORD.search(text):
        # "how much to ship both overnight" after two products side by side: on their prices together
        return policy.Decision(policy.SHIPPING_QUOTE, "shipping on the products in view")
    if state.focus and _names_method(text, table) and (placed or asks_price) and cues.PRONOUN.search(text) \
            and len(text.split()) <= 8 and not nlu.entities.order_ids and not amounts.read(text) \
            and not state.named and not cues.RETURN_WORD.search(text) and not session.verified_order:
        # "overnight to texas for it?" after a product answer: that method, on the product's price
        return policy.Decision(policy.SHIPPING_QUOTE, "a shipping method for the product in focus")
    if len(state.named) == 1 and cues.SHIPPING_WORD.search(text) and asks_price and not amounts.read(text) \
            and not nlu.entities.order_ids and not cues.RETURN_WORD.search(text):
        # "how much is overnight shipping on the dash digital watch": on the named product's price
        return policy.Decision(policy.SHIPPING_QUOTE, "shipping on a named product")
    if quoting and len(state.named) == 1 and amounts.read(text) and not nlu.entities.order_ids \
            and not cues.RETURN_WORD.search(text) and not cues.PRICE_LIMIT.search(text):
        # "hmm actually just the orion jacket, 2 of them" after a quote: the quote, on those goods
        return policy.Decision(policy.SHIPPING_QUOTE, "a count of another product after a quote")
    if _names_method(text, table) and cues.PRICE_ASK.search(text) and not state.named and \
            not nlu.entities.order_ids and (amounts.read(text) or cues.ORDER_WORD.search(text)):
        return policy.Decision(policy.SHIPPING_QUOTE, "prices a shipping method")
    if _names_method(text, table) and placed and cues.PRICE_ASK.search(text) and not state.named and \
            not nlu.entities.order_ids and not cues.RETURN_WORD.search(text):
        # "how much is express post to tasmania": a method priced to a place, without "shipping"
        return policy.Decision(policy.SHIPPING_QUOTE, "prices a method to a place")
    if cues.SHIPPING_WORD.search(text) and _names_region(text, table) and not nlu.entities.order_ids and \
            not cues.RETURN_WORD.search(text):
        return policy.Decision(policy.SHIPPING_QUOTE, "shipping to a region")
    if placed and delivery.asks_ships_to(text, any_goods=True) and not nlu.entities.order_ids:
        # "can you send stuff to auckland": whether it ships to a region the store names
        return policy.Decision(policy.SHIPPING_QUOTE, "asks whether we ship to a region")
    if placed and cues.PRICE_ASK.search(text) and _TO_PLACE.search(text) and not state.named and \
            not nlu.entities.order_ids and not cues.RETURN_WORD.search(text):
        # "how much would it be to tasmania": a price to a region the store names, no product
        return policy.Decision(policy.SHIPPING_QUOTE, "prices delivery to a place")
    if quoting and _SURCHARGE.search(text) and not _names_method(text, table) and \
            not any(a.added for a in amounts.read(text)):
        # "does the $5 extra apply to that too?": the surcharge, asked of the method just quoted
        return policy.Decision(SURCHARGE, "asks whether the surcharge applies to the quote")
    if _SURCHARGE.search(text) and _names_method(text, table) and (quoting or _names_region(text, table)):
        # "do i pay extra for alaska if i pick priority?" asks it too, without a quote before
        return policy.Decision(SURCHARGE, "asks which methods the regional surcharge applies to")
    if quoting and _PER_ITEM.search(text):
        return policy.Decision(QUOTE_BASIS, "asks what the quoted shipping is charged on")
    if state.last_act == delivery.DEADLINE and cues.PRICE_ASK.search(text) and question_parts.leans(text) == "pronoun" \
            and not nlu.entities.order_ids and not state.named:
        # "can it arrive monday? how much would that be": the price of the delivery just asked of
        return policy.Decision(policy.SHIPPING_QUOTE, "prices the delivery just asked about")
    if state.last_act == DELIVERY_TIME and cues.PRICE_ASK.search(text) and len(text.split()) <= 8 and \
            (cues.ELLIPSIS.search(text) or cues.PRONOUN.search(text) or _THAT.search(text)) and \
            not state.named and not nlu.entities.order_ids and not session.verified_order:
        # "and how much does it cost?" after how long delivery takes: the price of that delivery
        return policy.Decision(policy.SHIPPING_QUOTE, "prices the delivery just talked about")
    short = len(text.split()) <= 10  # "ok what if i bump it up to 60"
    known = table is not None and shipping_names.region_known(table, text)  # "what about ohio"
    if quoting and short and (_names_method(text, table) or _names_region(text, table) or known or
                              _method_in_view(text, table) or _COMPARATIVE.search(text) or
                              ((amounts.read(text) or (state.quote.goods and _A_COUNT.search(text)))
                               and not nlu.entities.order_ids)):
        return policy.Decision(policy.SHIPPING_QUOTE, "a follow-up to the shipping quote")
    return None


#: "whats shipping on it", "what's the delivery on the dash watch": the price of shipping asked
_WHATS_SHIPPING = re.compile(r"\b(?:what'?s|what is|wats|whats)\s+(?:the\s+)?(?:shipping|delivery)\b", re.I)
#: "whats overnight shipping on it", "overnight shipping on it?" (the bare noun phrase alone): the
#: price of a method's shipping asked, when the words before "shipping" name one of the store's
#: methods ("whats the policy on shipping" names none)
_WHATS_METHOD = re.compile(r"\b(?:what'?s|what is|wats|whats)\s+(?:the\s+)?(?:[\w-]+\s+){1,3}?(?:shipping|delivery)\b|"
                           r"^\W*(?:and|ok|okay|so|k)?\W*(?:[\w-]+\s+){1,3}?(?:shipping|delivery)\s+(?:on|for)\s+"
                           r"(?:it|this|that|them|this one|that one)\W*$", re.I)
#: "to london", "over to paris": a destination, not "to buy" or "to me".
_TO_PLACE = re.compile(r"\bto\s+(?:the\s+)?[A-Za-z]{3,}", re.I)


def quote_slots(state: DialogueState, text: str, table: ShippingTable | None,
                catalog: Sequence[Product] = ()) -> counted_goods.CountedGoods | None:
    """Fill the quote's slots from the message; each names at most one slot and keeps the rest.
    Methods and regions are the store's own (its shipping table's); a count of one of the
    catalog's products ("8 bella tanks") is priced with its price, not read as $8.

    Returns:
        The counted goods when the quote's total is theirs (the reply says how it was reached).
    """
    quoting = state.last_act in (policy.SHIPPING_QUOTE, SURCHARGE) or state.task == policy.SHIPPING_QUOTE
    method = _names_method(text, table) or (
        (_method_in_view(text, table) or _method_beside(table, state.quote, text)) if quoting else None)
    if method:
        state.quote.method = method
    elif re.search(r"\b(all|every|each)\s+(methods?|options?)\b", text, re.I):
        state.quote.method = None
    region = _names_region(text, table) or (shipping_names.region_known(table, text) if table else None)
    if region:
        state.quote.region = region
        if not method and state.quote.method and not _goes_to(table, state.quote.method, region):
            # "and to hawaii?" after the Canada method's quote: quote the methods that go there
            state.quote.method = None
    weight = parcel_weight(text, table)
    if weight is not None:
        state.quote.weight = weight
        text = _WEIGHT.sub(" ", text)  # "a 2 kilo parcel": a weight, not an order total
    # "2 of them": of the product in focus, unless a list without it is what "them" may be
    focus = _product(catalog, state.focus) if not state.in_view or state.focus in state.in_view else None
    goods = counted_goods.read(catalog, text) or counted_goods.of_focus(focus, text)
    if goods is not None:
        text = text[:goods.span[0]] + text[goods.span[1]:]  # a count, not an amount
    found = amounts.read(text)
    if goods is None and quoting and state.quote.goods and not any(a.marked or a.added for a in found):
        # "make it 4" after "2 hero hoodies": a new count of them ("make it 8 tees": of their kind)
        product = _product(catalog, state.quote.goods)
        goods = counted_goods.recounted(product, state.quote.subtotal,
                                        [a.value for a in found] or counted_goods.of_its_kind(product, text))
        found = [] if goods is not None else found
    if goods is not None and not found:
        state.quote.subtotal, state.quote.goods = goods.total, goods.product.sku
    elif found:
        first = found[0]
        # "what if i add a $20 item": the total quoted before grows by it
        added = first.added and state.quote.subtotal is not None
        state.quote.subtotal = round(state.quote.subtotal + first.value, 2) if added else first.value
        state.quote.goods = ""
    return goods if goods is not None and state.quote.subtotal == goods.total else None


def _product(catalog: Sequence[Product], sku: str) -> Product | None:
    return next((p for p in catalog if p.sku == sku), None) if sku else None


#: "2 kilo", "2.5kg", "3 lbs": a parcel weight written with its unit.
_WEIGHT = re.compile(r"\b(\d+(?:\.\d+)?)\s*(kgs?|kilos?|kilograms?|kilogrammes?|lbs?|pounds?)\b", re.I)
_WEIGHT_UNITS = {"kg": ("kg", "kilo", "kilogram", "kilogramme"), "lb": ("lb", "pound")}


def parcel_weight(text: str, table: ShippingTable | None) -> float | None:
    """The parcel weight a message names in the table's weight unit ("a 2 kilo parcel" -> 2.0),
    or None: no weight, no table priced by weight, or another unit than the table's."""
    unit = (table.weight_unit or "").lower() if table is not None else ""
    names = _WEIGHT_UNITS.get(unit, (unit,) if unit else ())
    for match in _WEIGHT.finditer(text):
        said = match.group(2).lower().rstrip("s")
        if any(said == name for name in names):
            return float(match.group(1))
    return None


def _method_in_view(text: str, table: ShippingTable | None) -> str | None:
    """With methods just quoted, "the fastest one" / "the cheapest option" is one of them."""
    if table is None:
        return None
    text = re.sub(r"\b(one|option|choice)\b", "shipping", text, flags=re.I)
    return shipping_names.method_named(table, text) or shipping_names.method_named(
        table, re.sub(r"\b(cheapest|least expensive|fastest|quickest|slowest)\b(?!\s+shipping)", r"\1 shipping", text,
                      flags=re.I))  # "ok whats cheapest then"


#: "is there something faster?", "anything cheaper": another method than the one just quoted
_COMPARATIVE = re.compile(r"\b(faster|quicker|sooner|speedier|slower|cheaper|less expensive)\b", re.I)


def _method_beside(table: ShippingTable | None, quote, text: str) -> str | None:
    """The store's method next to the quoted one in the way asked: by its stated delivery days
    (faster, slower) or by its price for the quoted total (cheaper); None when the table can't tell."""
    asked = _COMPARATIVE.search(text)
    if table is None or not asked:
        return None
    word = asked.group(1).lower()
    if word in ("cheaper", "less expensive"):
        try:
            price = {q.method: q.total for q in table.quote(quote.subtotal or 0.0, region=quote.region)}
        except ValueError:
            return None
        key = price.get
    else:
        days = {code: table.method(code).delivery_days for code in table.methods}
        if not all(days.values()):
            return None
        key = lambda code: -days[code][0] if word == "slower" else days[code][0]
    ranked = sorted((c for c in table.methods if key(c) is not None), key=key)  # best of the asked way first
    current = quote.method if quote.method in ranked else None
    if current is None:
        return ranked[0] if ranked else None
    better = ranked[:ranked.index(current)]
    return better[-1] if better else None  # the nearest step, not the extreme


def _goes_to(table: ShippingTable | None, method: str, region: str) -> bool:
    """Whether a method of the table has a rate row for the region (or one for any region);
    True when the table can't tell (no table, a name it doesn't know)."""
    if table is None:
        return True
    try:
        code = table.region(region)
    except ValueError:
        return True
    return any(r.method == method and (not r.regions or code in r.regions) for r in table.rates)


def _names_method(text: str, table: ShippingTable | None) -> str | None:
    """The store's shipping method the message names (a code, or a common word for one)."""
    if table is None:
        return None
    return shipping_names.method_named(table, text)


def _names_region(text: str, table: ShippingTable | None) -> str | None:
    """The delivery region the message names, among those that change a price in the store."""
    return shipping_names.region_named(table, text) if table is not None else None
