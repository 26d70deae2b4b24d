"""Replies written by code for the conversation-aware actions of `bot.dialogue.context`.

Every fact comes from the store's data: the rate table and its surcharges, the promotions, the
return window, and the whole product record (price, stock, sizes, colours, attributes, the
description's feature lines, related/up-sell/cross-sell links).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from kb import KnowledgeBase, Product
from kb.errors import UnknownProduct

from bot.dialogue import written_replies
from bot.dialogue.written_replies import money, price_text as _price
from bot.dialogue.state import DialogueState
from bot.types import Citation, ProductCard, Reply

ABOUT_BOT_TEXT = ("Yes, I'm the store's automated assistant, not a person. I can answer questions "
                  "about products, shipping and returns and check orders; if you'd like a person, "
                  "just say so and I'll connect you.")
_STOP = frozenset("a an the is it its it's this that does do did can could have has with of for to in on "
                  "and or be are was what which how much many any some my me i you your there come comes "
                  "one ones tell about more please also still they them those these both get made".split())


def shipping_quote(kb: KnowledgeBase, state: DialogueState) -> Reply | None:
    """The quote for the state's slots; a subtotal that earns free shipping says so instead of
    quoting prices the shopper won't pay. None when the store has no parsed table."""
    table, slots = kb.shipping, state.quote
    if table is None:
        return None
    cur = table.currency
    try:
        quotes = table.quote(slots.subtotal or 0.0, slots.method, slots.region)
    except ValueError as error:
        return Reply(f"I can't quote that: {error}.", action="shipping_quote")
    ids = list(dict.fromkeys(i for q in quotes for i in q.passage_ids))
    prices = "; ".join(f"{q.method} ({q.label}) {money(q.total, cur)}" for q in quotes)
    free = _free_shipping(kb)
    if slots.subtotal is not None and free and slots.subtotal >= free[0]:
        promotion = free[1]
        ids.append(promotion.passage_id)
        text = (f"Your {money(slots.subtotal, cur)} order qualifies for our promotion \"{promotion.name}\", "
                f"so shipping is free at checkout. The regular rate would be: {prices}.")
    elif slots.subtotal is not None:
        text = f"For a {money(slots.subtotal, cur)} order, shipping is: {prices}."
        if free:
            text += f" Orders of {money(free[0], cur)} or more ship free."
    else:
        limit = table.rates[0].max_total
        upto = f"For orders up to {money(limit, cur)}: " if limit is not None else ""
        text = (f"Shipping depends on your merchandise total. {upto}{prices}. "
                "Tell me your order total and I'll quote it exactly.")
        if free:
            text += f" Orders of {money(free[0], cur)} or more ship free."
    if slots.region and any(q.surcharge for q in quotes):
        surcharged = next(q for q in quotes if q.surcharge)
        text += (f" {surcharged.method.capitalize()} shipping includes the {money(surcharged.surcharge, cur)} "
                 f"surcharge for {slots.region.title()}.")
    elif slots.region:
        text += f" No {slots.region.title()} surcharge applies to {', '.join(q.method for q in quotes)}."
    return Reply(text, citations=tuple(written_replies.citation(kb.passage(i)) for i in ids),
                 action="shipping_quote")


def delivery_time(kb: KnowledgeBase, state: DialogueState) -> Reply | None:
    """How long each (or the asked) method takes, from the rate table's labels."""
    table = kb.shipping
    if table is None:
        return None
    quotes = table.quote(0.0, state.quote.method, None)
    ids = list(dict.fromkeys(i for q in quotes for i in q.passage_ids))
    lines = "; ".join(f"{q.method}: {q.label}" for q in quotes)
    return Reply(f"Delivery times by method: {lines}.",
                 citations=tuple(written_replies.citation(kb.passage(i)) for i in ids), action="answer")


def _free_shipping(kb: KnowledgeBase):
    if kb.promotions is None:
        return None
    threshold = kb.promotions.free_shipping_threshold()
    if threshold is None:
        return None
    promotion = next(p for p in kb.promotions.all() if p.free_shipping and p.min_subtotal == threshold)
    return threshold, promotion


def surcharge(kb: KnowledgeBase, state: DialogueState) -> Reply | None:
    """Which methods the regional surcharge applies to, from the table's surcharge rows."""
    table = kb.shipping
    if table is None or not table.surcharges:
        return None
    cur = table.currency
    lines, ids = [], []
    for extra in table.surcharges:
        regions = ", ".join(extra.regions)
        others = [m for m in table.methods if m != extra.method]
        lines.append(f"The {money(extra.amount, cur)} surcharge for deliveries to {regions} applies to "
                     f"{extra.method} shipping only" + (f", not to {' or '.join(others)}." if others else "."))
        ids += [extra.passage_id] if extra.passage_id else []
    return Reply(" ".join(lines), citations=tuple(written_replies.citation(kb.passage(i)) for i in ids),
                 action="shipping_quote")


def return_window(kb: KnowledgeBase) -> Reply | None:
    """The return window parsed from the store's return policy (None without one)."""
    policy = kb.return_policy
    if policy is None:
        return None
    passage = kb.passage(policy.passage_id)
    return Reply(f"You can return items within {policy.window_days} days of receipt.",
                 citations=(written_replies.citation(passage),), action="answer")


def products_of(kb: KnowledgeBase, skus: Sequence[str]) -> list[Product]:
    found = []
    for sku in skus:
        try:
            found.append(kb.product(sku))
        except UnknownProduct:
            continue
    return found


def referenced(text: str, in_view: list[Product]) -> list[Product]:
    """The products in view a message points at: cheapest, first, both, the other one..."""
    lowered = text.lower()
    price = lambda p: p.final_price
    if re.search(r"\b(cheapest|cheaper|least expensive|lowest price)\b", lowered):
        return [min(in_view, key=price)]
    if re.search(r"\b(most expensive|pricier|priciest)\b", lowered):
        return [max(in_view, key=price)]
    several = re.search(r"\b(first|top|last)\s+(two|three|2|3)\b", lowered)
    if several:
        count = 2 if several.group(2) in ("two", "2") else 3
        return in_view[-count:] if several.group(1) == "last" else in_view[:count]
    if re.search(r"\b(both|all of them|each of them|them both)\b", lowered):
        return in_view[:2] if "both" in lowered else in_view
    for word, index in (("first", 0), ("second", 1), ("third", 2), ("fourth", 3), ("last", -1)):
        if re.search(rf"\b{word}\b", lowered) and len(in_view) > (index if index >= 0 else 0):
            return [in_view[index]]
    if "other" in lowered and len(in_view) >= 2:
        return [in_view[1]]
    return in_view


def describe(product: Product, question: str, currency: str | None = "USD") -> str:
    """A product answered from its record: the asked feature if the record has it, else its
    price, stock, sizes and colours."""
    features = feature_lines(product, question)
    base = f"The {product.name} costs {_price(product, currency)} and is " + \
        ("in stock" if product.available else "out of stock")
    if features:
        return f"The {product.name}: " + "; ".join(features) + f". It costs {_price(product, currency)}."
    extra = []
    if product.sizes and re.search(r"\bsizes?\b", question, re.I):
        extra.append("sizes " + ", ".join(product.sizes))
    if product.colors and re.search(r"\bcolou?rs?\b", question, re.I):
        extra.append("colours " + ", ".join(product.colors))
    return base + (" (" + "; ".join(extra) + ")" if extra else "") + "."


def variant_answer(product: Product, sizes: Sequence[str], colors: Sequence[str]) -> str:
    """Whether a product comes in the asked sizes and colours, with the ones it has."""
    parts = []
    for asked, have, kind in ((sizes, product.sizes, "size"), (colors, product.colors, "colour")):
        if not asked:
            continue
        owned = {v.lower() for v in have}
        yes = [a for a in asked if a.lower() in owned]
        listed = ", ".join(have) if have else "none listed"
        parts.append(f"{'Yes' if yes else 'No'}, the {product.name} "
                     f"{'comes' if yes else 'does not come'} in {kind} {', '.join(yes or asked)} "
                     f"({kind}s: {listed}).")
    return " ".join(parts)


def feature_lines(product: Product, question: str) -> list[str]:
    """The lines of the record that mention what the question asks (words of 4+ letters, or
    their stems), from the attributes and the description's feature lines."""
    words = {w for w in re.findall(r"[a-z]{4,}", question.lower()) if w not in _STOP}
    if re.search(r"\b(how big|dimensions?|measure\w*|how large)\b", question, re.I):
        words |= {"dimension"}
    words -= set(re.findall(r"[a-z]+", product.name.lower()))
    if not words:
        return []
    stems = {w.rstrip("s")[:6] for w in words}
    lines = [f"{code.replace('_', ' ')}: {', '.join(values)}" for code, values in product.attributes.items()]
    lines += [line.strip(" •-\u2022").rstrip(".") for line in re.split(r"[\n•]", product.description)]
    lines += [s.strip() for s in re.split(r"(?<=[.!?])\s+", product.description.split("\n")[0])]
    sized = "dimens" in stems
    hits = [line for line in lines if line and (any(stem in line.lower() for stem in stems) or
                                                (sized and re.search(r'\d+"\s*x', line)))]
    return list(dict.fromkeys(hits))[:3]


def compare(products: Sequence[Product], currency: str | None = "USD") -> Reply:
    """Two or three products side by side, from their records."""
    rows = []
    for p in products[:3]:
        parts = [f"{_price(p, currency)}", "in stock" if p.available else "out of stock"]
        material = p.attributes.get("material")
        if material:
            parts.append("material " + ", ".join(material))
        for code in ("features_bags", "style_general", "category_gear", "activity"):
            if p.attributes.get(code):
                parts.append(", ".join(p.attributes[code][:4]))
                break
        if p.sizes:
            parts.append("sizes " + ", ".join(p.sizes))
        rows.append(f"{p.name}: " + "; ".join(parts) + ".")
    return Reply(" ".join(rows), citations=tuple(product_citation(p) for p in products[:3]),
                 products=tuple(ProductCard.of(p) for p in products[:3]), action="compare_products")


def recommend(kb: KnowledgeBase, product: Product) -> Reply:
    currency = kb.currency
    """What goes with a product: its cross-sell, related and up-sell links, with the reason."""
    picks, reasons = [], {}
    for reason, skus in (("often bought with it", product.crosssell), ("related", product.related),
                         ("an upgrade", product.upsell)):
        for item in products_of(kb, skus):
            if item.sku not in reasons:
                reasons[item.sku] = reason
                picks.append(item)
    picks = picks[:4]
    if not picks:
        return Reply(f"The store lists nothing that goes with the {product.name}.", action="recommend")
    names = ", ".join(f"{p.name} ({_price(p, currency)}, {reasons[p.sku]})" for p in picks)
    return Reply(f"With the {product.name}, the store suggests: {names}.",
                 products=tuple(ProductCard.of(p) for p in picks), action="recommend")


def product_citation(product: Product) -> Citation:
    return Citation(f"product:{product.sku}", product.name, f"/{product.url_key}.html")
