"""Replies written by code from the store's own data: shipping quotes, promotions, product cards
and product facts.

The 0.5B generator misreads tables and denies promo codes that its facts name (see "Grounding
with a small model" in docs/ARCHITECTURE.md), so numbers that code can compute never go through
it: the shipping rate table is quoted by `kb.ShippingTable`, promotions come from the sales
rules, and a product's facts are built from its catalog record.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date

from kb import KnowledgeBase, Passage, Product
from kb.shipping import ShippingQuote, ShippingTable
from models import Fact

from bot.dialogue import policy
from bot.dialogue.language.amounts import read as read_amounts
from bot.dialogue.store_pages import shipping_names
from bot.types import Citation, Reply, format_money

#: What a reply says when it hands the shopper to a person (the handoff, alone or after a procedure).
HANDOFF_TEXT = ("I'm connecting you with a member of our support team. They will see this conversation, "
                "so you won't need to repeat yourself.")
_DEPARTMENT = re.compile(r"\b(wom[ae]n'?s?|ladies|girls?|for her|m[ae]n'?s?|guys?|for him)\b", re.I)
_CODE = re.compile(r"\b[A-Z0-9]{3,20}\b")
SPEC_LINE = re.compile(r"(?m)^[\s\-•*]*([A-Z][A-Za-z ]{2,24}):[ \t]*(\S[^\n]*)$")
money = format_money  # "$16.00", "€6.90": one format for replies and edges (bot.types)


def price_text(product: Product, currency: str | None) -> str:
    """A product's price for a reply; a zero price is a product the store prices on request
    (a catalog export without prices), never "free"."""
    if product.final_price <= 0:
        return "price on request"
    return money(product.final_price, currency)


#: Units of sale that say no more than "one of it" (an export's default "item").
_SINGLE_UNITS = frozenset({"", "item", "items", "each", "ea", "unit", "units"})


def per_unit(product: Product) -> str:
    """" per set", " per box of 10": the unit the price buys, when it is more than one item."""
    unit = product.unit.strip()
    return "" if unit.lower() in _SINGLE_UNITS else f" per {unit}"


def price_list_label(name: str) -> str:
    """How a reply names a price list: "msrp" -> "MSRP", "wholesale" -> "wholesale price"."""
    words = name.replace("_", " ").strip()
    return words.upper() if len(words) <= 4 and " " not in words else f"{words} price"


def shipping_quote(kb: KnowledgeBase, text: str) -> Reply | None:
    """What shipping costs for the amount, region and method the message names, from the
    store's shipping table, in its currency; None when the store has no table."""
    table = kb.shipping
    if table is None:
        return None
    amounts = [a.value for a in read_amounts(text)]
    region = shipping_names.region_named(table, text)
    method_name = shipping_names.method_named(table, text)
    total = amounts[0] if amounts else 0.0
    source = (citation(kb.passage(table.table_passage_id)),) if table.table_passage_id else ()
    try:
        quotes = table.quote(total, method_name, region)
    except ValueError as error:
        # Rates by weight or by region the message does not give: say what is missing and
        # show the table's own page rather than guess.
        return Reply(f"I can't quote that exactly: {error}. Here is what our shipping page "
                     "says.", citations=source, action=policy.SHIPPING_QUOTE)
    ids = dict.fromkeys(i for q in quotes for i in q.passage_ids)
    cur = table.currency
    prices = quote_prices(quotes, cur, days=bool(_ASKS_SPEED.search(text)))
    promo = kb.promotions.free_shipping_threshold() if kb.promotions else None
    if amounts and promo is not None and total >= promo:
        # The promotion wins over the table: never list prices and then say it ships free.
        reply = (f"Your {money(total, cur)} order ships free with our promotion (orders of "
                 f"{money(promo, cur)} or more). Without it, shipping would be: {prices}.")
    elif amounts:
        reply = f"For a {money(total, cur)} order, shipping is: {prices}."
    elif table.rates[0].max_total is not None:
        limit = table.rates[0].max_total
        reply = (f"Shipping depends on your merchandise total. For orders up to "
                 f"{money(limit, cur)}: {prices}. Tell me your order total and I'll quote it "
                 "exactly.")
    else:
        reply = f"Shipping: {prices}. Tell me your order total and I'll quote it exactly."
    for q in quotes:
        if region and q.surcharge:
            reply += (f" {method_title(q.method, q.label)} includes the {money(q.surcharge, cur)}"
                      f" surcharge for {region}.")
    code = table.region(region) if region else None
    free_over = [(table.method(q.method).free_over, method_title(q.method, q.label), free_where(table, q.method))
                 for q in quotes if free_rule_holds(table, q.method, code) and not q.free]
    reply += "".join(f" {m} is free{where} from {money(v, cur)}."
                     for v, m, where in free_over if not amounts or total < v)
    if promo is not None and not amounts:
        reply += f" Orders of {money(promo, cur)} or more currently ship free with our promotion."
    return Reply(reply, citations=tuple(citation(kb.passage(i)) for i in ids),
                 action=policy.SHIPPING_QUOTE)


def and_list(names: Sequence[str]) -> str:
    """"Visa, Mastercard and PayPal": names as a sentence lists them."""
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


#: A label that says how long (a count of days, "next"), not what the service is called.
_DAYS_LABEL = re.compile(r"\d+\s*(?:[-–—]\s*\d+\s*)?(?:business |working )?days?\b|\bnext\b", re.I)


def free_where(table: ShippingTable, code: str) -> str:
    """" to the lower 48 states" when a method's free rule holds only in some regions, else ""."""
    regions = table.method(code).free_regions
    return f" to {and_list([table.regions.get(c, c) for c in regions])}" if regions else ""


def free_rule_holds(table: ShippingTable, code: str, region: str | None) -> bool:
    """Whether a method has a free rule that may hold for an order to ``region`` (a code; None:
    not said, so a rule of some regions may)."""
    method = table.method(code)
    return method.free_over is not None and (not method.free_regions or region is None
                                             or region in method.free_regions)


def stated_days(method) -> str:
    """", 2–4 business days" for a shipping method or quote whose label does not already say how
    long (a store's settings give the days apart from the label: "Standard Shipping"); nothing
    for a method with no transit (a pickup's 0 days: "0 business days" tells a shopper nothing)."""
    # the label says how long only with a count of days ("5—7 day shipping", "Next business day"),
    # not with any number ("Royal Mail Tracked 48" is a service's name)
    if method.delivery_days is None or not method.delivery_days[1] or _DAYS_LABEL.search(method.label):
        return ""
    low, high = method.delivery_days
    return f", {low} business day" + ("" if high == 1 else "s") if low == high else f", {low}–{high} business days"


def names_service(code: str, label: str) -> bool:
    """Whether a method's label alone names it for a shopper: it is the service's name, not how
    long it takes ("5—7 day shipping"), and the code adds no word of its own ("Standard
    Shipping" for standard, "Royal Mail Tracked 48" for flat_rate: a code written for machines,
    never shown as it is stored), so "standard (Tracked courier)" keeps the word shoppers say."""
    if not label or _DAYS_LABEL.search(label):
        return False
    words = set(re.findall(r"[a-z0-9]+", label.lower()))
    return bool(re.search(r"[_\-]", code)) or set(re.findall(r"[a-z0-9]+", code.lower())) <= words


def method_word(code: str, label: str) -> str:
    """A method in a list of names: its label when that names the service, else its code as
    words ("standard", "flat rate")."""
    return label if names_service(code, label) else code.replace("_", " ")


def method_name(code: str, label: str) -> str:
    """A method as a shopper reads it: its label when that names the service, else its code with
    the label ("standard (5—7 day shipping)"); a code is never shown as written ("flat_rate")."""
    return label if names_service(code, label) else f"{code.replace('_', ' ')} ({label})"


def method_title(code: str, label: str) -> str:
    """A method as a sentence's subject: "Express Post", or "Standard shipping" from its code."""
    return label if names_service(code, label) else f"{code.replace('_', ' ').capitalize()} shipping"


#: A quote asked by speed ("the fastest shipping", "how long", "2 day"): each price with its days.
_ASKS_SPEED = re.compile(r"\b(?:fastest|quickest|slowest|how long|how fast|how soon|when)\b|\d\s?-?\s?day\b", re.I)


def quote_prices(quotes: Sequence[ShippingQuote], currency: str | None, days: bool = False) -> str:
    """"standard (Tracked courier) free; Express Post €15.00": a method its free-shipping rule
    makes free, or that costs nothing (a pickup), says "free", never "€0.00"; with ``days``, each
    followed by the days the store states apart from its label (", 1–3 business days")."""
    return "; ".join(f"{method_name(q.method, q.label)} " + ("free" if not q.total else money(q.total, currency))
                     + (stated_days(q) if days else "") for q in quotes)


def shipping_from_pages(facts: Sequence[Fact], kb: KnowledgeBase) -> Reply | None:
    """For a store without a shipping table: say so, then what its pages say (the selected
    sentences, cited); None when the pages say nothing about it either."""
    if not facts:
        return None
    return Reply("I can't quote shipping prices for this store. Here is what our shipping "
                 "information says: " + " ".join(f.text for f in facts),
                 citations=tuple(citation(kb.passage(f.id), f.text) for f in facts),
                 action=policy.SHIPPING_QUOTE)


_ORDINALS = {w: f"{n}th" for n, w in enumerate("first second third fourth fifth sixth seventh eighth ninth tenth".split(), 1)}
_ORDINALS.update({"first": "1st", "second": "2nd", "third": "3rd"})
#: Words of a promotion's name that say nothing of which one it is.
_PROMO_FILLER = frozenset("a an the and or of on to for is are be it its get got any all your our you i my "
                          "with this that every ever".split())


def _promo_words(text: str) -> set[str]:
    words = (_ORDINALS.get(w, w) for w in re.findall(r"[a-z0-9]+", text.lower()))
    return {w[:-1] if len(w) > 3 and w.endswith("s") and not w[-2].isdigit() else w
            for w in words if w not in _PROMO_FILLER}


def promotions_named(kb: KnowledgeBase, text: str, today: date) -> list:
    """The store's running promotions a message asks about by their own terms ("is the 4th tee
    really free?": "Buy 3 tee shirts and get the 4th free"): a number and another word of one
    promotion's name or description. Read from the store's rules, whatever they are."""
    rules = kb.promotions.current(today) if kb.promotions is not None else None
    asked = _promo_words(text)
    found = []
    for promotion in (rules.all() if rules is not None else ()):
        shared = asked & _promo_words(f"{promotion.name} {promotion.description}")
        if any(any(c.isdigit() for c in w) for w in shared) and any(not any(c.isdigit() for c in w) for w in shared):
            found.append(promotion)
    return found


#: Discounts for a group of people or an occasion, which a store runs or not: "student discount",
#: "military discount", "do seniors get a discount".
_GROUP_DISCOUNT = re.compile(r"\b(student|military|veteran|senior|pensioner|teacher|nurse|nhs|key worker|"
                             r"first responder|healthcare|armed forces|birthday)s?\b", re.I)


def promotions(kb: KnowledgeBase, text: str, today: date) -> Reply:
    """Current promotions and codes from the price rules; a code the message names is checked,
    not guessed. A store without promotions gets a plain "none that I know of"."""
    rules = kb.promotions.current(today) if kb.promotions is not None else None
    if rules is None or not rules.all():
        asked = [word for word in _CODE.findall(text) if not word.isdigit()]
        checked = (f"so I can't check the code {asked[0]}; the checkout will tell you whether "
                   "it works" if asked else "so I can't offer a code or a discount")
        return Reply(f"I don't know of any promotions at this store right now, {checked}. "
                     "A person from our team can tell you more.",
                     quick_replies=("Talk to a human",), action=policy.PROMOTIONS)
    asked = [word for word in _CODE.findall(text) if not word.isdigit()]
    group = _GROUP_DISCOUNT.search(text)
    if group and not asked and not any(re.search(rf"\b{re.escape(group.group(1).lower())}", f"{p.name} {p.description}".lower())
                                       for p in rules.all()):
        # "do you offer a student discount": none of the running promotions is one, so say so
        # before listing them (a list alone answers what was not asked)
        lines = [p.name + (f" (use code {p.coupon_code} at checkout)" if p.coupon_code else "") for p in rules.all()]
        return Reply(f"I don't know of a {group.group(1).lower()} discount at this store. Current promotions: "
                     + "; ".join(lines) + ". A person from our team can tell you more.",
                     citations=tuple(citation(kb.passage(p.passage_id)) for p in rules.all()),
                     quick_replies=("Talk to a human",), action=policy.PROMOTIONS)
    chosen = promotions_named(kb, text, today) or list(rules.all())  # the one asked about, else all
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


def product_facts(product: Product, currency: str | None = "USD") -> list[Fact]:
    """A product as short facts, one per kind, cited as product:SKU#part (`FactSelector` keeps
    the ones a question needs); prices in the store's currency."""
    base = f"product:{product.sku}"
    if product.final_price <= 0:
        price = f"The {product.name} has no listed price; the store quotes it on request."
    else:
        price = f"The {product.name} costs {money(product.final_price, currency)}{per_unit(product)}" + (
            f" (regular price {money(product.price, currency)})."
            if product.special_price is not None else ".")
    facts = [Fact(f"{base}#price", price)]
    # other price lists the store keeps (an MSRP beside its own price): asked by name
    facts += [Fact(f"{base}#price-{name}", f"The {product.name}'s {price_list_label(name)} is "
                                             f"{money(amount, currency)}.")
              for name, amount in product.price_lists.items() if amount > 0]
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
    # "Weight: 38 kg" lines of a description, each with the product's name: a bare spec line
    # lost to the price fact for "how much does the desk weigh?".
    for label, value in dict.fromkeys(SPEC_LINE.findall(product.description or "")):
        facts.append(Fact(f"{base}#spec-{label.lower().replace(' ', '-')}",
                          f"The {product.name} {label.lower()}: {value.strip().rstrip('.')}."))
    return facts


def department(text: str) -> str | None:
    """The catalog's top category a search names: "for women" -> "Women"."""
    match = _DEPARTMENT.search(text)
    if not match:
        return None
    return "Women" if match.group(1).lower().startswith(("wom", "lad", "girl", "her")) else "Men"


def without_department(text: str) -> str:
    """The text with the department it names left out ("a mens hoodie" -> "a hoodie")."""
    return " ".join(re.sub(r"\b(?:for\s+)?" + _DEPARTMENT.pattern, " ", text, flags=re.I).split())


def citation(passage: Passage, snippet: str | None = None) -> Citation:
    """A passage as a reply's source; the snippet defaults to the whole passage."""
    return Citation(passage.id, source_title(passage), passage.url,
                    passage.text if snippet is None else snippet)


def source_title(passage: Passage) -> str:
    """"Customer Service > Returns": the article title and the section path."""
    return " > ".join((passage.title,) + tuple(passage.section)) if passage.section else passage.title
