"""Replies written by code from the store's own data: shipping quotes, promotions, product cards
and product facts.

The 0.5B generator misreads tables and denies promo codes that its facts name (see "Grounding
with a small model" in docs/ARCHITECTURE.md), so numbers that code can compute never go through
it: the shipping rate table is quoted by `kb.ShippingTable`, promotions come from the sales
rules, and a product's facts are built from its catalog record.
"""

from __future__ import annotations

import re

from kb import KnowledgeBase, Passage, Product
from models import Fact

from bot.dialogue import policy
from bot.types import Citation, Reply

_AMOUNT = re.compile(r"\$\s?(\d[\d,]*(?:\.\d{1,2})?)|(\d[\d,]*(?:\.\d{1,2})?)\s?(?:dollars|usd)\b", re.I)
_DEPARTMENT = re.compile(r"\b(wom[ae]n'?s?|ladies|girls?|for her|m[ae]n'?s?|guys?|for him)\b", re.I)
_REGION_NAMES = re.compile(r"\b(alaska|hawaii|puerto rico|guam)\b", re.I)
_REGION_CODES = re.compile(r"\b(AK|HI|PR|GU)\b")  # upper case only: "hi" is a greeting
_METHODS = re.compile(r"\b(standard|priority|overnight|express|next[- ]day)\b", re.I)
_METHOD_NAMES = {"express": "priority", "next-day": "overnight", "next day": "overnight"}
_CODE = re.compile(r"\b[A-Z0-9]{3,20}\b")


def shipping_quote(kb: KnowledgeBase, text: str) -> Reply | None:
    """What shipping costs for the amount, region and method the message names, from the rate
    table; None when the store has no parsed table."""
    table = kb.shipping
    if table is None:
        return None
    amounts = [float((a or b).replace(",", "")) for a, b in _AMOUNT.findall(text)]
    region = _region(text)
    method = _METHODS.search(text)
    method_name = _METHOD_NAMES.get(method.group(1).lower(), method.group(1).lower()) if method else None
    total = amounts[0] if amounts else 0.0
    try:
        quotes = table.quote(total, method_name, region)
    except ValueError as error:
        return Reply(f"I can't quote that: {error}.", action=policy.SHIPPING_QUOTE)
    ids = dict.fromkeys(i for q in quotes for i in q.passage_ids)
    prices = "; ".join(f"{q.method} ({q.label}) ${q.total:.2f}" for q in quotes)
    if amounts:
        reply = f"For a ${total:.2f} order, shipping is: {prices}."
    else:
        limit = table.rates[0].max_total
        reply = (f"Shipping depends on your merchandise total. For orders up to ${limit:.2f}: "
                 f"{prices}. Tell me your order total and I'll quote it exactly.")
    if region and any(q.surcharge for q in quotes):
        reply += f" Standard shipping includes the ${quotes[0].surcharge:.2f} surcharge for {region}."
    promo = kb.promotions.free_shipping_threshold() if kb.promotions else None
    if promo is not None and (not amounts or total >= promo):
        reply += f" Orders of ${promo:.2f} or more currently ship free with our promotion."
    return Reply(reply, citations=tuple(citation(kb.passage(i)) for i in ids),
                 action=policy.SHIPPING_QUOTE)


def promotions(kb: KnowledgeBase, text: str) -> Reply | None:
    """Current promotions and codes from the price rules; a code the message names is checked,
    not guessed. None when the store has no promotions."""
    rules = kb.promotions
    if rules is None or not rules.all():
        return None
    asked = [word for word in _CODE.findall(text) if not word.isdigit()]
    chosen = list(rules.all())
    if asked:
        chosen = [p for p in (rules.by_code(code) for code in asked) if p is not None]
        if not chosen:
            codes = ", ".join(p.coupon_code for p in rules.all() if p.coupon_code)
            return Reply(f"{asked[0]} is not one of our current promo codes. "
                         + (f"Current codes: {codes}." if codes else ""), action=policy.PROMOTIONS)
    lines = [p.name + (f" (use code {p.coupon_code} at checkout)" if p.coupon_code else "")
             for p in chosen]
    return Reply("Current promotions: " + "; ".join(lines) + ".",
                 citations=tuple(citation(kb.passage(p.passage_id)) for p in chosen),
                 action=policy.PROMOTIONS)


def product_facts(product: Product) -> list[Fact]:
    """A product as short facts, one per kind, cited as product:SKU#part (`FactSelector` keeps
    the ones a question needs)."""
    base = f"product:{product.sku}"
    facts = [Fact(f"{base}#price", f"The {product.name} costs ${product.final_price:.2f}" +
                  (f" (regular price ${product.price:.2f})." if product.special_price is not None else "."))]
    facts.append(Fact(f"{base}#stock", f"The {product.name} is " +
                      ("in stock." if product.available else "out of stock.")))
    if product.sizes:
        facts.append(Fact(f"{base}#sizes", f"The {product.name} comes in sizes {', '.join(product.sizes)}."))
    if product.colors:
        facts.append(Fact(f"{base}#colors", f"The {product.name} comes in {', '.join(product.colors)}."))
    details = [f"{code.replace('_', ' ')}: {', '.join(values)}" for code, values in product.attributes.items()]
    if details:
        facts.append(Fact(f"{base}#details", f"The {product.name} details: " + "; ".join(details) + "."))
    if product.description:
        facts.append(Fact(f"{base}#description", product.description))
    return facts


def department(text: str) -> str | None:
    """The catalog's top category a search names: "for women" -> "Women"."""
    match = _DEPARTMENT.search(text)
    if not match:
        return None
    return "Women" if match.group(1).lower().startswith(("wom", "lad", "girl", "her")) else "Men"


def citation(passage: Passage, snippet: str | None = None) -> Citation:
    """A passage as a reply's source; the snippet defaults to the whole passage."""
    return Citation(passage.id, source_title(passage), passage.url,
                    passage.text if snippet is None else snippet)


def source_title(passage: Passage) -> str:
    """"Customer Service > Returns": the article title and the section path."""
    return " > ".join((passage.title,) + tuple(passage.section)) if passage.section else passage.title


def _region(text: str) -> str | None:
    match = _REGION_NAMES.search(text) or _REGION_CODES.search(text)
    return match.group(1) if match else None
